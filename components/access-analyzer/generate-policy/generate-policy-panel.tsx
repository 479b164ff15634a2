"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import { useFollow } from "@/components/console-layout/use-follow";

/** Where the IAM console offers "Generate policy" on a user's or role's Permissions tab. */
export function GeneratePolicyPanel({ principalArn }: { principalArn: string }) {
  const follow = useFollow();
  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Build a least-privilege policy from the calls this identity made in a period you choose, then review it before you create it."
          actions={
            <Button href={`/access-analyzer/generate-policy?principal=${encodeURIComponent(principalArn)}`} onFollow={follow}>
              Generate policy
            </Button>
          }
        >
          Generate policy based on recorded activity
        </Header>
      }
    />
  );
}
