import Link from "@cloudscape-design/components/link";
import { defineTable } from "@/components/data-table/table-config";
import { parseTableQuery, type SearchParamsInput, type TableQuery } from "@/components/data-table/table-query";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { policyHref } from "@/lib/console-paths";
import { CONSOLE_POLICY_TYPES } from "@/lib/iam/console-constants";
import type { ConsolePolicyRow, ConsolePolicyType, ListPoliciesForConsoleInput } from "@/lib/iam/policies-console";

// The policy picker's table and its query, apart from the component (as every table config):
// the server page parses the query with parsePolicyPickerQuery and lists one page with
// listPoliciesForConsole; the client picker renders it with POLICY_PICKER_TABLE.

/** The console's "Filter by Type" choices, as listPoliciesForConsole names them. */
export const POLICY_TYPE_FILTERS = CONSOLE_POLICY_TYPES;

export const POLICY_PICKER_TABLE = defineTable<ConsolePolicyRow>({
  resourceName: { singular: "policy", plural: "policies" },
  getRowId: (p) => p.Arn,
  getRowLabel: (p) => p.PolicyName,
  preferencesKey: "policy-picker",
  pageSizeOptions: [10, 25, 50, 100],
  defaultPageSize: 25,
  defaultSort: { columnId: "name", descending: false },
  columns: [
    {
      id: "name",
      header: "Policy name",
      // Opens in a new tab: the picker usually sits in a form that must not be left.
      cell: (p) => (
        <Link href={policyHref(p.Arn)} external externalIconAriaLabel="(opens in a new tab)">
          {p.PolicyName}
        </Link>
      ),
      value: (p) => p.PolicyName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Type", cell: (p) => p.type, value: (p) => p.type },
    { id: "usedAs", header: "Used as", cell: (p) => p.usedAs, sortable: false },
    {
      id: "attachedEntities",
      header: "Attached entities",
      cell: (p) => p.AttachmentCount,
      sortable: false,
      hiddenByDefault: true,
    },
    { id: "description", header: "Description", cell: (p) => p.Description ?? "-", sortable: false, minWidth: 240 },
  ],
});

export interface PolicyPickerQuery {
  /** Where the picker's params live in the URL: `?policies.filter=s3&policies.type=…`. */
  paramPrefix: string;
  query: TableQuery;
  type?: ConsolePolicyType;
}

export const typeParam = (paramPrefix: string) => `${paramPrefix}.type`;

/** The picker's query from the page's searchParams. */
export function parsePolicyPickerQuery(searchParams: SearchParamsInput, paramPrefix: string): PolicyPickerQuery {
  const query = parseTableQuery(searchParams, tableQueryOptions(POLICY_PICKER_TABLE, paramPrefix));
  const raw =
    searchParams instanceof URLSearchParams ? searchParams.get(typeParam(paramPrefix)) : searchParams[typeParam(paramPrefix)];
  const text = Array.isArray(raw) ? raw[0] : raw;
  const type = POLICY_TYPE_FILTERS.find((t) => t === text);
  return { paramPrefix, query, ...(type ? { type } : {}) };
}

/** What to ask listPoliciesForConsole for. */
export function policyPickerInput(
  picker: PolicyPickerQuery,
  usage?: ListPoliciesForConsoleInput["usage"],
): ListPoliciesForConsoleInput {
  const { query, type } = picker;
  return {
    filter: query.filter,
    ...(type ? { type } : {}),
    ...(usage ? { usage } : {}),
    sort: { by: query.sort?.columnId === "type" ? "type" : "name", descending: query.sort?.descending ?? false },
    page: query.page,
    pageSize: query.pageSize,
  };
}
