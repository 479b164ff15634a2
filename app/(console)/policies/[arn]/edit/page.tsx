import Alert from "@cloudscape-design/components/alert";
import type { Metadata } from "next";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { revealRangeFromQuery } from "@/components/policy-editor/reveal-range";
import { listPolicyVersions, VERSIONS_PER_POLICY } from "@/lib/iam/policy-versions";
import { policySubpage } from "../policy-subpage";
import { EditPolicyWizard } from "./edit-policy-wizard";

export const metadata: Metadata = { title: "Edit policy | Policies | IAM" };

export default policySubpage("edit", "Edit policy", async ({ caller, arn, read, frame, query }) => {
  if (read.documentDenied) return frame(<PermissionAlert message={read.documentDenied} />);
  if (read.type !== "Customer managed") {
    return frame(
      <Alert type="info" header="AWS managed policies can't be edited">
        AWS creates and maintains this policy. To change it, copy its JSON into a new customer managed policy.
      </Alert>,
    );
  }
  const versions = await readOrDenied(listPolicyVersions(caller, { PolicyArn: arn }));
  return frame(
    <EditPolicyWizard
      policyName={read.policy.PolicyName}
      arn={arn}
      accountId={caller.accountId}
      document={prettyJson(read.document ?? "")}
      versionsFull={versions.ok && versions.data.Versions.length >= VERSIONS_PER_POLICY}
      versionsLimit={VERSIONS_PER_POLICY}
      revealRange={revealRangeFromQuery(query)}
    />,
    "wizard",
  );
});
