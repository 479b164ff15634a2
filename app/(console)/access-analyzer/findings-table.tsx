"use client";

import Button from "@cloudscape-design/components/button";
import SegmentedControl from "@cloudscape-design/components/segmented-control";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { rescan, setFindingsStatus } from "./actions";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { DataTable } from "@/components/data-table/data-table";
import { useSearchParamsChange } from "@/components/data-table/use-search-params-change";
import type { ListPageData } from "@/components/data-table/list-page-table";
import { PermissionAlert } from "@/components/permission-alert";
import { useActionSubmit } from "@/components/use-action-submit";
import { FINDINGS_TABLE, type FindingListRow } from "./findings-table-config";
import { STATUS_CHOICES, STATUS_PARAM, type StatusChoice } from "@/components/access-analyzer/unused-access-text";

// The "Unused access" findings: one status at a time (Active, Archived, Resolved or All, in the
// URL's ?status=), the selected findings archived or unarchived, and a rescan on demand.

const STATUS_TEXT: Record<StatusChoice, string> = { active: "Active", archived: "Archived", resolved: "Resolved", all: "All" };

export interface FindingsTableProps extends ListPageData<FindingListRow> {
  analyzerArn: string;
  status: StatusChoice;
}

export function FindingsTable({ analyzerArn, status, rows, totalCount, query, accessDenied }: FindingsTableProps) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly FindingListRow[]>([]);
  const { navigating, change } = useSearchParamsChange();
  const { pending, error, submit } = useActionSubmit();

  const showStatus = (next: StatusChoice) => {
    setSelected([]);
    change({ [STATUS_PARAM]: next === "active" ? "" : next });
  };

  const done = ({ message }: { message?: string }) => {
    setSelected([]);
    if (message) notify({ type: "success", content: message });
    router.refresh();
  };

  const changeStatus = (chosen: readonly FindingListRow[], next: "ARCHIVED" | "ACTIVE") =>
    submit(() => setFindingsStatus({ analyzerArn, ids: chosen.map((f) => f.id), status: next }), done);

  const actions = (chosen: readonly FindingListRow[]) => {
    const none = chosen.length === 0;
    const archivable = !none && chosen.every((f) => f.status === "ACTIVE");
    const unarchivable = !none && chosen.every((f) => f.status === "ARCHIVED");
    return (
      <SpaceBetween direction="horizontal" size="xs">
        <Button iconName="refresh" ariaLabel="Refresh findings" onClick={() => router.refresh()} />
        <Button onClick={() => submit(() => rescan(analyzerArn), done)} disabled={pending}>
          Rescan
        </Button>
        <Button
          onClick={() => changeStatus(chosen, "ACTIVE")}
          disabled={!unarchivable || pending}
          disabledReason={none ? "Select archived findings to unarchive." : "Only archived findings can be unarchived."}
        >
          Unarchive
        </Button>
        <Button
          variant="primary"
          onClick={() => changeStatus(chosen, "ARCHIVED")}
          disabled={!archivable || pending}
          disabledReason={none ? "Select active findings to archive." : "Only active findings can be archived."}
        >
          Archive
        </Button>
      </SpaceBetween>
    );
  };

  return (
    <SpaceBetween size="m">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      <ActionErrorAlert error={error} />
      <DataTable<FindingListRow>
        mode="server"
        config={FINDINGS_TABLE}
        items={rows}
        totalCount={totalCount}
        query={query}
        variant="container"
        header="Unused access findings"
        description="Unused roles, access keys, console passwords and permissions. Archive a finding whose access is expected; it is resolved when the access is removed or used."
        selectionType="multi"
        selectedIds={selected.map((f) => f.id)}
        onSelectionChange={setSelected}
        actions={actions}
        loading={navigating || pending}
        filteringPlaceholder="Find findings by resource or finding ID"
        filterControls={
          <SegmentedControl
            label="Finding status"
            selectedId={status}
            options={STATUS_CHOICES.map((id) => ({ id, text: STATUS_TEXT[id] }))}
            onChange={({ detail }) => showStatus(detail.selectedId as StatusChoice)}
          />
        }
        empty={{
          title: `No ${status === "all" ? "" : `${STATUS_TEXT[status].toLowerCase()} `}findings`,
          description: status === "active" ? "The analyzer found no unused access in the tracking period." : "No findings to display.",
        }}
      />
    </SpaceBetween>
  );
}
