import type { Metadata } from "next";
import { readOrDenied } from "@/components/permission-alert";
import { listEntitiesForPolicy } from "@/lib/iam/attachments";
import { EntitiesForm } from "../attach/entities-form";
import { attachedEntities, policySubpage } from "../policy-subpage";

export const metadata: Metadata = { title: "Detach policy | Policies | IAM" };

export default policySubpage("detach", "Detach policy", async ({ caller, arn, read, frame }) => {
  const attached = await readOrDenied(listEntitiesForPolicy(caller, { PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy", MaxItems: 1000 }));
  return frame(
    <EntitiesForm
      mode="detach"
      policyName={read.policy.PolicyName}
      arn={arn}
      entities={attached.ok ? attachedEntities(attached.data) : []}
      denied={attached.ok ? [] : [attached.accessDenied]}
    />,
    "table",
  );
});
