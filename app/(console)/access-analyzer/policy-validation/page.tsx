import type { Metadata } from "next";
import { connection } from "next/server";
import { validatedPolicyRow } from "@/components/access-analyzer/policy-validation/policy-validation-rows";
import { FINDING_TYPE_PARAM, PolicyValidationView } from "@/components/access-analyzer/policy-validation/policy-validation-view";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { FINDING_TYPES, listPolicyValidationFindings, type PolicyValidationResult } from "@/lib/iam/access-analyzer/policy-validation";
import type { Caller } from "@/lib/iam/caller";
import { MAX_ITEMS_MAX } from "@/lib/iam/paging";
import type { FindingType } from "@/lib/iam/policy";

export const metadata: Metadata = { title: "Policy validation | Access Analyzer | IAM" };

const HREF = "/access-analyzer/policy-validation";

/** Every page of the account's results. */
async function readAll(caller: Caller, findingType: FindingType | undefined) {
  const policies: PolicyValidationResult[] = [];
  let marker: string | undefined;
  for (;;) {
    const out = await listPolicyValidationFindings(caller, { MaxItems: MAX_ITEMS_MAX, ...(findingType ? { findingType } : {}), ...(marker ? { Marker: marker } : {}) });
    policies.push(...out.policies);
    if (!out.IsTruncated || !out.Marker) return { policies, unreadable: out.unreadable };
    marker = out.Marker;
  }
}

export default async function PolicyValidationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const param = (await searchParams)[FINDING_TYPE_PARAM];
  const findingType = (FINDING_TYPES as readonly string[]).includes(String(param)) ? (param as FindingType) : undefined;
  const read = await readOrDenied(readAll(caller, findingType));
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail("/access-analyzer"), "Policy validation", HREF)} contentType="table" />
      <PolicyValidationView
        rows={read.ok ? read.data.policies.map(validatedPolicyRow) : []}
        findingType={findingType}
        accessDenied={read.ok ? undefined : read.accessDenied}
        unreadable={read.ok ? read.data.unreadable.map((u) => ({ action: u.action, message: u.message })) : []}
      />
    </>
  );
}
