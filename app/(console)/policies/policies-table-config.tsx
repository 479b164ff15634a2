import { CONSOLE_POLICY_TYPES, CONSOLE_POLICY_USAGES } from "@/lib/iam/console-constants";
import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import type { ConsolePolicyRow } from "@/lib/iam/policies-console";
import { policyHref } from "@/lib/console-paths";

// The Policies table's columns, apart from the page. Sorting by name and by type runs in the
// database (listPoliciesForConsole); "Used as" and the description are shown only.

export const POLICIES_TABLE = defineTable<ConsolePolicyRow>({
  resourceName: { singular: "policy", plural: "policies" },
  getRowId: (p) => p.Arn,
  getRowLabel: (p) => p.PolicyName,
  columns: [
    {
      id: "name",
      header: "Policy name",
      cell: (p) => <RouterLink href={policyHref(p.Arn)}>{p.PolicyName}</RouterLink>,
      value: (p) => p.PolicyName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Type", cell: (p) => p.type, value: (p) => p.type },
    { id: "usedAs", header: "Used as", cell: (p) => p.usedAs, sortable: false },
    { id: "description", header: "Description", cell: (p) => p.Description ?? "-", sortable: false, minWidth: 260 },
  ],
  defaultSort: { columnId: "name", descending: false },
});

/** "Filter by Type" and "Used as", as listPoliciesForConsole names them (a test checks they agree). */
export const POLICY_TYPE_CHOICES = CONSOLE_POLICY_TYPES;
export const POLICY_USAGE_CHOICES = CONSOLE_POLICY_USAGES;
