import type { Metadata } from "next";
import { connection } from "next/server";
import { PageFrame } from "@/components/console-layout/page-frame";
import { nameFromSegment } from "@/components/entity-permissions/kinds";
import { CreateAccessKeyWizard } from "@/components/security-credentials/create-access-key-wizard";
import { credentialPageTrail } from "@/components/security-credentials/credential-target";
import { requireConsoleIdentity } from "@/lib/auth/session";

type Params = { userName: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `Create access key | ${nameFromSegment((await params).userName)} | Users | IAM` };
}

// A user's access key, from its Security credentials tab. The wizard needs no read: the user's
// existence and the caller's permissions are checked when the key is created.
export default async function CreateUserAccessKeyPage({ params }: { params: Promise<Params> }) {
  await connection();
  await requireConsoleIdentity();
  const userName = nameFromSegment((await params).userName);
  const target = { kind: "user", userName } as const;
  return (
    <>
      <PageFrame breadcrumbs={credentialPageTrail(target, "Create access key", "create-access-key")} contentType="wizard" />
      <CreateAccessKeyWizard target={target} root={false} subject={userName} />
    </>
  );
}
