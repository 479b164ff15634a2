import StatusIndicator, { type StatusIndicatorProps } from "@cloudscape-design/components/status-indicator";
import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import { FINDING_STATUS_LABELS, FINDING_TYPE_LABELS, findingHref, type FindingStatusName, type FindingTypeName } from "@/components/access-analyzer/unused-access-text";

// The "Unused access" findings table's columns, apart from the page. The sortable columns' ids
// are listFindingsForConsole's sort keys: the table is sorted, filtered and paged in the database.
// Times come formatted from the server.

export interface FindingListRow {
  id: string;
  /** The user's or role's ARN. */
  resource: string;
  resourceName: string;
  resourceKind: "User" | "Role";
  resourceHref: string;
  findingType: FindingTypeName;
  /** The access key's ID for a key finding. */
  accessKeyId?: string;
  status: FindingStatusName;
  /** "95 days ago", "Never", or "-" where one date does not say it. */
  lastAccessed: string;
  /** "2 hours ago" */
  updated: string;
}

const STATUS_TYPES: Record<FindingStatusName, StatusIndicatorProps.Type> = { ACTIVE: "warning", ARCHIVED: "stopped", RESOLVED: "success" };

export function FindingStatus({ status }: { status: FindingStatusName }) {
  return <StatusIndicator type={STATUS_TYPES[status]}>{FINDING_STATUS_LABELS[status]}</StatusIndicator>;
}

/** "Unused access key AKIA… of alice": what a finding is about, for selection labels. */
export function findingLabel(row: Pick<FindingListRow, "findingType" | "resourceName" | "accessKeyId">): string {
  return `${FINDING_TYPE_LABELS[row.findingType]}${row.accessKeyId ? ` ${row.accessKeyId}` : ""} of ${row.resourceName}`;
}

export const FINDINGS_TABLE = defineTable<FindingListRow>({
  resourceName: { singular: "finding", plural: "findings" },
  preferencesKey: "unused-access-findings",
  getRowId: (f) => f.id,
  getRowLabel: findingLabel,
  columns: [
    {
      id: "id",
      header: "Finding ID",
      cell: (f) => <RouterLink href={findingHref(f.id)}>{f.id}</RouterLink>,
      value: (f) => f.id,
      isRowHeader: true,
      alwaysVisible: true,
    },
    {
      id: "resource",
      header: "Resource",
      cell: (f) => <RouterLink href={f.resourceHref}>{f.resourceName}</RouterLink>,
      value: (f) => f.resourceName,
    },
    { id: "resourceType", header: "Resource type", cell: (f) => (f.resourceKind === "Role" ? "IAM role" : "IAM user"), sortable: false, hiddenByDefault: true },
    { id: "findingType", header: "Finding type", cell: (f) => FINDING_TYPE_LABELS[f.findingType], value: (f) => f.findingType },
    { id: "lastAccessed", header: "Last accessed", cell: (f) => f.lastAccessed, sortable: false },
    { id: "status", header: "Status", cell: (f) => <FindingStatus status={f.status} />, value: (f) => f.status },
    { id: "updatedAt", header: "Last updated", cell: (f) => f.updated, value: (f) => f.updated },
  ],
  defaultSort: { columnId: "updatedAt", descending: true },
});
