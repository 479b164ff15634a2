"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useFollow } from "@/components/console-layout/use-follow";
import { PermissionAlert, type Readout } from "@/components/permission-alert";
import { EDIT_PASSWORD_POLICY_HREF } from "./account-settings-paths";

// The Password policy container: the rules IAM users' passwords follow (the account's custom
// policy, or AWS's default when it has none), and "Edit".

export interface PasswordPolicyView {
  custom: boolean;
  rules: string[];
}

export function PasswordPolicyContainer({ readout }: { readout: Readout<PasswordPolicyView> }) {
  const follow = useFollow();
  return (
    <section aria-label="Password policy">
      <Container
        header={
          <Header
            variant="h2"
            description="The password policy sets the requirements for IAM users' console passwords. It does not apply to the root user's password or to access keys."
            actions={
              <Button href={EDIT_PASSWORD_POLICY_HREF} onFollow={follow}>
                Edit
              </Button>
            }
          >
            Password policy
          </Header>
        }
      >
        {readout.ok ? (
          <SpaceBetween size="xs">
            <Box variant="p">This AWS account uses the following {readout.data.custom ? "custom" : "default"} password policy:</Box>
            <ul aria-label="Password policy rules">
              {readout.data.rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </SpaceBetween>
        ) : (
          <PermissionAlert message={readout.accessDenied} />
        )}
      </Container>
    </section>
  );
}
