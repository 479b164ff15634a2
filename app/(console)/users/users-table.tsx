"use client";

import Button from "@cloudscape-design/components/button";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import type { TableQuery } from "@/components/data-table/table-query";
import { PermissionAlert } from "@/components/permission-alert";
import { useDeleteUsersModal } from "./delete-users-modal";
import { USERS_TABLE, type UserListRow } from "./users-table-config";

const DESCRIPTION =
  "An IAM user is an identity with long-term credentials that is used to interact with AWS in an account.";

export function UsersTable({
  rows,
  totalCount,
  query,
  accessDenied,
}: {
  rows: UserListRow[];
  totalCount: number;
  query: TableQuery;
  accessDenied?: string;
}) {
  const router = useRouter();
  const follow = useFollow();
  const [selected, setSelected] = useState<readonly UserListRow[]>([]);
  const [refreshing, startRefresh] = useTransition();
  const deletion = useDeleteUsersModal(() => {
    setSelected([]);
    router.refresh();
  });

  return (
    <SpaceBetween size="m">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      <DataTable<UserListRow>
        mode="server"
        config={USERS_TABLE}
        items={rows}
        totalCount={totalCount}
        query={query}
        header="Users"
        variant="full-page"
        description={DESCRIPTION}
        selectionType="multi"
        selectedIds={selected.map((u) => u.UserName)}
        onSelectionChange={setSelected}
        loading={refreshing}
        filteringPlaceholder="Search"
        actions={(chosen) => (
          <SpaceBetween direction="horizontal" size="xs">
            <Button iconName="refresh" ariaLabel="Refresh users" onClick={() => startRefresh(() => router.refresh())} />
            <Button
              disabled={chosen.length === 0}
              disabledReason="Select one or more users to delete."
              onClick={() => deletion.open(chosen.map((u) => u.UserName))}
            >
              Delete
            </Button>
            <Button variant="primary" href="/users/create" onFollow={follow}>
              Create user
            </Button>
          </SpaceBetween>
        )}
        empty={{
          title: "No resources to display",
          description: "No users to display.",
          action: (
            <Button href="/users/create" onFollow={follow}>
              Create user
            </Button>
          ),
        }}
      />
      {deletion.modal}
    </SpaceBetween>
  );
}
