import Alert from "@cloudscape-design/components/alert";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listPolicyVersions, VERSIONS_PER_POLICY } from "@/lib/iam/policy-versions";
import { arnFromSegment, policyHref } from "../../policy-href";
import { prettyJson, readPolicy } from "../policy-data";
import { EditPolicyWizard } from "./edit-policy-wizard";

export const metadata: Metadata = { title: "Edit policy | Policies | IAM" };

export default async function EditPolicyPage({ params }: { params: Promise<{ arn: string }> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const arn = arnFromSegment((await params).arn);
  const name = arn.replace(/^.*\//, "");
  const trail = breadcrumbs(breadcrumbs(navTrail("/policies"), name, policyHref(arn)), "Edit policy", policyHref(arn, "edit"));
  const read = await readPolicy(caller, arn);
  if (!read.ok || read.documentDenied) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <PermissionAlert message={read.ok ? read.documentDenied! : read.accessDenied} />
      </>
    );
  }
  if (read.type !== "Customer managed") {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <Alert type="info" header="AWS managed policies can't be edited">
          AWS creates and maintains this policy. To change it, copy its JSON into a new customer managed policy.
        </Alert>
      </>
    );
  }
  const versions = await readOrDenied(listPolicyVersions(caller, { PolicyArn: arn }));
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="wizard" />
      <EditPolicyWizard
        policyName={read.policy.PolicyName}
        arn={arn}
        accountId={caller.accountId}
        document={prettyJson(read.document ?? "")}
        versionsFull={versions.ok && versions.data.Versions.length >= VERSIONS_PER_POLICY}
        versionsLimit={VERSIONS_PER_POLICY}
      />
    </>
  );
}
