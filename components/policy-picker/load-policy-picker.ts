import "server-only";
import { readOrDenied, type Readout } from "@/components/permission-alert";
import type { Caller } from "@/lib/iam/caller";
import { listPoliciesForConsole, type ConsolePolicyRow, type ListPoliciesForConsoleInput } from "@/lib/iam/policies-console";
import { parsePolicyPickerQuery, policyPickerInput, type PolicyPickerQuery } from "./policy-picker-config";
import type { SearchParamsInput } from "@/components/data-table/table-query";

// SHARED — the server half of the policy picker: a server page reads one page of managed
// policies for <PolicyPicker data={…} /> from its own searchParams (paged, sorted and filtered
// in the database: ~1,600 AWS managed policies), as ListPolicies, so a caller without
// iam:ListPolicies gets the permission alert in the picker's place.
//
//   const policies = await loadPolicyPicker(caller, await searchParams, "policies");
//   <PolicyPicker data={policies} selected={…} onChange={…} />

export interface PolicyPickerData extends PolicyPickerQuery {
  /** One page of policies and the count of all that match, or AccessDenied. */
  page: Readout<{ items: ConsolePolicyRow[]; total: number }>;
}

export async function loadPolicyPicker(
  caller: Caller,
  searchParams: SearchParamsInput,
  paramPrefix: string,
  usage?: ListPoliciesForConsoleInput["usage"],
): Promise<PolicyPickerData> {
  const picker = parsePolicyPickerQuery(searchParams, paramPrefix);
  const page = await readOrDenied(listPoliciesForConsole(caller, policyPickerInput(picker, usage)));
  return { ...picker, page: page.ok ? { ok: true, data: { items: page.data.items, total: page.data.total } } : page };
}
