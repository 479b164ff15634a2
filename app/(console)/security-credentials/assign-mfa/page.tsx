import type { Metadata } from "next";
import { connection } from "next/server";
import { PageFrame } from "@/components/console-layout/page-frame";
import { AssignMfaWizard } from "@/components/security-credentials/assign-mfa-wizard";
import { credentialPageTrail } from "@/components/security-credentials/credential-target";
import { requireConsoleIdentity } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Assign MFA device | Security credentials | IAM" };

// The signed-in principal's own wizard (root included): the devices it assigns are its own.
export default async function AssignOwnMfaPage() {
  await connection();
  await requireConsoleIdentity();
  return (
    <>
      <PageFrame breadcrumbs={credentialPageTrail({ kind: "self" }, "Assign MFA device", "assign-mfa")} contentType="wizard" />
      <AssignMfaWizard target={{ kind: "self" }} />
    </>
  );
}
