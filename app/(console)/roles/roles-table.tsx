"use client";

import Button from "@cloudscape-design/components/button";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useNotifications } from "@/components/console-layout/notifications";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import type { TableQuery } from "@/components/data-table/table-query";
import { DeleteModal } from "@/components/delete-modal/delete-modal";
import { PermissionAlert } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import { deleteRoles } from "./actions";
import { ROLES_TABLE, type RoleListRow } from "./roles-table-config";

const DESCRIPTION =
  "An IAM role is an identity you can create that has specific permissions with credentials that are valid for short durations. Roles can be assumed by entities that you trust.";

export function RolesTable({
  rows,
  totalCount,
  query,
  accessDenied,
}: {
  rows: RoleListRow[];
  totalCount: number;
  query: TableQuery;
  accessDenied?: string;
}) {
  const router = useRouter();
  const { notify } = useNotifications();
  const follow = useFollow();
  const [selected, setSelected] = useState<readonly RoleListRow[]>([]);
  const [deleting, setDeleting] = useState<readonly string[] | null>(null);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const [refreshing, startRefresh] = useTransition();

  const confirmDelete = () => {
    const names = deleting ?? [];
    startTransition(async () => {
      const result = await deleteRoles(names);
      if (result.ok) {
        setDeleting(null);
        setSelected([]);
        notify({ type: "success", content: result.message });
        router.refresh();
      } else {
        setError(result.error ?? { code: "ValidationError", message: Object.values(result.fieldErrors ?? {}).join(" ") });
        router.refresh();
      }
    });
  };

  return (
    <SpaceBetween size="m">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      <DataTable<RoleListRow>
        mode="server"
        config={ROLES_TABLE}
        items={rows}
        totalCount={totalCount}
        query={query}
        header="Roles"
        variant="full-page"
        description={DESCRIPTION}
        selectionType="multi"
        selectedIds={selected.map((r) => r.RoleName)}
        onSelectionChange={setSelected}
        loading={refreshing}
        actions={(chosen) => {
          const serviceLinked = chosen.some((r) => r.serviceLinked);
          return (
            <SpaceBetween direction="horizontal" size="xs">
              <Button iconName="refresh" ariaLabel="Refresh roles" onClick={() => startRefresh(() => router.refresh())} />
              <Button
                disabled={chosen.length === 0 || serviceLinked}
                disabledReason={
                  serviceLinked
                    ? "Service-linked roles are deleted by the service that created them."
                    : "Select one or more roles to delete."
                }
                onClick={() => {
                  setError(undefined);
                  setDeleting(chosen.map((r) => r.RoleName));
                }}
              >
                Delete
              </Button>
              <Button variant="primary" href="/roles/create" onFollow={follow}>
                Create role
              </Button>
            </SpaceBetween>
          );
        }}
        empty={{
          title: "No roles",
          description: "No roles to display.",
          action: <Button onClick={() => router.push("/roles/create")}>Create role</Button>,
        }}
        filteringPlaceholder="Search"
      />
      <DeleteModal
        visible={deleting !== null}
        entityType="role"
        names={deleting ?? []}
        description={
          (deleting?.length ?? 0) === 1
            ? "Deleting this role also removes it from its instance profiles and removes its attached and inline policies. Any application using the role loses access."
            : "Deleting these roles also removes them from their instance profiles and removes their attached and inline policies. Any application using the roles loses access."
        }
        deleting={pending}
        error={error}
        onDelete={confirmDelete}
        onDismiss={() => setDeleting(null)}
      />
    </SpaceBetween>
  );
}
