import Box from "@cloudscape-design/components/box";
import Link from "@cloudscape-design/components/link";
import StatusIndicator, { type StatusIndicatorProps } from "@cloudscape-design/components/status-indicator";
import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import type { FindingType } from "@/lib/iam/policy";
import { FINDING_TYPE_TEXT, type FindingRow, type ValidatedPolicyRow } from "./policy-validation-rows";

// The Policy validation page's two tables: the policies with their counts of findings, and the
// findings of the policy chosen, each linking into the policy's editor at its place.

const STATUS: Record<FindingType, StatusIndicatorProps.Type> = {
  SECURITY_WARNING: "warning",
  ERROR: "error",
  WARNING: "warning",
  SUGGESTION: "info",
};

function countCell(type: FindingType) {
  function CountCell(row: ValidatedPolicyRow) {
    const n = row.counts[type];
    return n > 0 ? <StatusIndicator type={STATUS[type]}>{n}</StatusIndicator> : <Box color="text-body-secondary">0</Box>;
  }
  return CountCell;
}

const countColumn = (id: string, type: FindingType) => ({
  id,
  header: FINDING_TYPE_TEXT[type].many,
  cell: countCell(type),
  value: (row: ValidatedPolicyRow) => row.counts[type],
  filterable: false,
});

export const VALIDATED_POLICIES_TABLE = defineTable<ValidatedPolicyRow>({
  resourceName: { singular: "policy", plural: "policies" },
  getRowId: (row) => row.id,
  getRowLabel: (row) => (row.owner ? `${row.policyName} (${row.owner.kind.toLowerCase()} ${row.owner.name})` : row.policyName),
  columns: [
    {
      id: "policy",
      header: "Policy",
      cell: (row) => <RouterLink href={row.href}>{row.policyName}</RouterLink>,
      value: (row) => row.policyName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Type", cell: (row) => row.type, value: (row) => row.type },
    {
      id: "owner",
      header: "Embedded in",
      cell: (row) => (row.owner ? <RouterLink href={row.owner.href}>{`${row.owner.kind} ${row.owner.name}`}</RouterLink> : "-"),
      value: (row) => (row.owner ? `${row.owner.kind} ${row.owner.name}` : ""),
    },
    countColumn("securityWarnings", "SECURITY_WARNING"),
    countColumn("errors", "ERROR"),
    countColumn("warnings", "WARNING"),
    countColumn("suggestions", "SUGGESTION"),
  ],
  defaultSort: { columnId: "securityWarnings", descending: true },
  preferencesKey: "policy-validation",
});

export const POLICY_FINDINGS_TABLE = defineTable<FindingRow>({
  resourceName: { singular: "finding", plural: "findings" },
  getRowId: (row) => row.id,
  getRowLabel: (row) => `${row.issueCode} ${row.position ?? ""}`.trim(),
  columns: [
    {
      id: "findingType",
      header: "Finding type",
      cell: (row) => <StatusIndicator type={STATUS[row.findingType]}>{FINDING_TYPE_TEXT[row.findingType].one}</StatusIndicator>,
      value: (row) => FINDING_TYPE_TEXT[row.findingType].one,
      alwaysVisible: true,
    },
    { id: "issueCode", header: "Issue code", cell: (row) => <Box variant="code">{row.issueCode}</Box>, value: (row) => row.issueCode, isRowHeader: true },
    {
      id: "location",
      header: "Location",
      cell: (row) => (
        <>
          {row.position ?? "Whole policy"}
          {row.path && (
            <Box variant="small" display="block" color="text-body-secondary">
              {row.path}
            </Box>
          )}
        </>
      ),
      filterValue: (row) => row.path,
      sortable: false,
    },
    {
      id: "edit",
      header: "Edit",
      cell: (row) => <RouterLink href={row.editHref}>Edit at this location</RouterLink>,
      alwaysVisible: true,
    },
    {
      id: "details",
      header: "Details",
      cell: (row) => (
        <>
          {row.findingDetails}{" "}
          {row.learnMoreLink && (
            <Link href={row.learnMoreLink} external>
              Learn more
            </Link>
          )}
        </>
      ),
      filterValue: (row) => row.findingDetails,
      minWidth: 320,
    },
  ],
  preferencesKey: "policy-validation-findings",
});
