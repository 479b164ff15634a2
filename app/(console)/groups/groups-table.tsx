"use client";

import Button from "@cloudscape-design/components/button";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import type { TableQuery } from "@/components/data-table/table-query";
import { PermissionAlert } from "@/components/permission-alert";
import { useDeleteGroupsModal } from "./delete-groups-modal";
import { GROUPS_TABLE, type GroupListRow } from "./groups-table-config";

const DESCRIPTION =
  "A user group is a collection of IAM users. Use groups to specify permissions for a collection of users.";

export function GroupsTable({
  rows,
  totalCount,
  query,
  accessDenied,
}: {
  rows: GroupListRow[];
  totalCount: number;
  query: TableQuery;
  accessDenied?: string;
}) {
  const router = useRouter();
  const follow = useFollow();
  const [selected, setSelected] = useState<readonly GroupListRow[]>([]);
  const [refreshing, startRefresh] = useTransition();
  const deletion = useDeleteGroupsModal(() => {
    setSelected([]);
    router.refresh();
  });

  return (
    <SpaceBetween size="m">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      <DataTable<GroupListRow>
        mode="server"
        config={GROUPS_TABLE}
        items={rows}
        totalCount={totalCount}
        query={query}
        header="User groups"
        variant="full-page"
        description={DESCRIPTION}
        selectionType="multi"
        selectedIds={selected.map((g) => g.GroupName)}
        onSelectionChange={setSelected}
        loading={refreshing}
        filteringPlaceholder="Search"
        actions={(chosen) => (
          <SpaceBetween direction="horizontal" size="xs">
            <Button iconName="refresh" ariaLabel="Refresh user groups" onClick={() => startRefresh(() => router.refresh())} />
            <Button
              disabled={chosen.length === 0}
              disabledReason="Select one or more user groups to delete."
              onClick={() => deletion.open(chosen.map((g) => g.GroupName))}
            >
              Delete
            </Button>
            <Button variant="primary" href="/groups/create" onFollow={follow}>
              Create group
            </Button>
          </SpaceBetween>
        )}
        empty={{
          title: "No resources to display",
          description: "No user groups to display.",
          action: (
            <Button href="/groups/create" onFollow={follow}>
              Create group
            </Button>
          ),
        }}
      />
      {deletion.modal}
    </SpaceBetween>
  );
}
