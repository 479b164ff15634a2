"use client";

import { InlinePolicyForm } from "../../../users/inline-policy-form";
import { groupHref } from "../../groups-table-config";
import { saveGroupInlinePolicy } from "../actions";

export function GroupInlinePolicyEditor({ groupName, accountId, policyName, document }: { groupName: string; accountId: string; policyName?: string; document?: string }) {
  return (
    <InlinePolicyForm
      entity="user group"
      entityName={groupName}
      policyName={policyName}
      document={document}
      documentKind="inline-group"
      accountId={accountId}
      backHref={`${groupHref(groupName)}?tab=permissions`}
      save={(name, doc) => saveGroupInlinePolicy(groupName, name, doc)}
    />
  );
}
