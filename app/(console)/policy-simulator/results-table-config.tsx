import Box from "@cloudscape-design/components/box";
import StatusIndicator, { type StatusIndicatorProps } from "@cloudscape-design/components/status-indicator";
import { defineTable } from "@/components/data-table/table-config";
import type { EvalDecision } from "@/lib/iam/policy";
import { DECISION_TEXT, type ResultRow } from "./simulation-view";

// The results table's columns, kept apart from the page as every table's config is.

const DECISION_STATUS: Record<EvalDecision, StatusIndicatorProps.Type> = {
  allowed: "success",
  explicitDeny: "error",
  implicitDeny: "warning",
};

/** Decision order for sorting: allowed, then implicitly, then explicitly denied. */
const DECISION_ORDER: Record<EvalDecision, number> = { allowed: 0, implicitDeny: 1, explicitDeny: 2 };

export function DecisionStatus({ decision }: { decision: EvalDecision }) {
  return <StatusIndicator type={DECISION_STATUS[decision]}>{DECISION_TEXT[decision]}</StatusIndicator>;
}

export const RESULTS_TABLE = defineTable<ResultRow>({
  resourceName: { singular: "result", plural: "results" },
  preferencesKey: "policy-simulator-results",
  getRowId: (row) => row.id,
  getRowLabel: (row) => `${row.action} on ${row.resource}`,
  columns: [
    {
      id: "service",
      header: "Service",
      cell: (row) => row.service,
      value: (row) => row.service,
      hiddenByDefault: true,
    },
    {
      id: "action",
      header: "Action",
      cell: (row) => row.action,
      value: (row) => row.action,
      isRowHeader: true,
      alwaysVisible: true,
    },
    {
      id: "resource",
      header: "Resource",
      cell: (row) => (
        <Box variant="code" fontSize="body-s">
          {row.resource}
        </Box>
      ),
      value: (row) => row.resource,
    },
    {
      id: "decision",
      header: "Decision",
      cell: (row) => <DecisionStatus decision={row.decision} />,
      value: (row) => DECISION_ORDER[row.decision],
      filterValue: (row) => DECISION_TEXT[row.decision],
    },
    {
      id: "missing",
      header: "Missing context values",
      cell: (row) => (row.missingContextValues.length > 0 ? row.missingContextValues.join(", ") : "-"),
      value: (row) => row.missingContextValues.join(", "),
      hiddenByDefault: true,
    },
  ],
  defaultSort: undefined,
  pageSizeOptions: [10, 20, 50, 100],
  defaultPageSize: 20,
});
