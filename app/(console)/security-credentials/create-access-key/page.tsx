import type { Metadata } from "next";
import { connection } from "next/server";
import { PageFrame } from "@/components/console-layout/page-frame";
import { CreateAccessKeyWizard } from "@/components/security-credentials/create-access-key-wizard";
import { credentialPageTrail } from "@/components/security-credentials/credential-target";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { isRoot } from "@/lib/iam/caller";

export const metadata: Metadata = { title: "Create access key | Security credentials | IAM" };

// The signed-in principal's own access key: the root user's (with AWS's warning) or its own.
export default async function CreateOwnAccessKeyPage() {
  await connection();
  const { caller, displayName } = await requireConsoleIdentity();
  const root = isRoot(caller);
  return (
    <>
      <PageFrame breadcrumbs={credentialPageTrail({ kind: "self" }, "Create access key", "create-access-key")} contentType={root ? "form" : "wizard"} />
      <CreateAccessKeyWizard target={{ kind: "self" }} root={root} subject={displayName} />
    </>
  );
}
