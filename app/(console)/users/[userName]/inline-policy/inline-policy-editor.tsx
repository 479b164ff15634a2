"use client";

import { InlinePolicyForm } from "../../inline-policy-form";
import { userHref } from "../../users-table-config";
import { saveInlinePolicy } from "../actions";

export function InlinePolicyEditor({ userName, accountId, policyName, document }: { userName: string; accountId: string; policyName?: string; document?: string }) {
  return (
    <InlinePolicyForm
      entity="user"
      entityName={userName}
      policyName={policyName}
      document={document}
      documentKind="inline-user"
      accountId={accountId}
      backHref={userHref(userName)}
      save={(name, doc) => saveInlinePolicy(userName, name, doc)}
    />
  );
}
