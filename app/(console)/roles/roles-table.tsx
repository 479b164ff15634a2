"use client";

import type { ListPageData } from "@/components/data-table/list-page-table";
import { EntityListTable } from "@/components/entity-permissions/entity-list-table";
import { ROLES_TABLE, type RoleListRow } from "./roles-table-config";

const DESCRIPTION =
  "An IAM role is an identity you can create that has specific permissions with credentials that are valid for short durations. Roles can be assumed by entities that you trust.";

function deleteBlocked(chosen: readonly RoleListRow[]): string | undefined {
  if (chosen.some((r) => r.serviceLinked)) return "Service-linked roles are deleted by the service that created them.";
  return chosen.length === 0 ? "Select one or more roles to delete." : undefined;
}

export function RolesTable({ rows, ...page }: ListPageData<RoleListRow>) {
  return (
    <EntityListTable<RoleListRow>
      kind="Role"
      mode="server"
      config={ROLES_TABLE}
      items={rows}
      {...page}
      header="Roles"
      description={DESCRIPTION}
      deleteBlocked={deleteBlocked}
      create={{ text: "Create role", href: "/roles/create" }}
      empty={{ title: "No roles", description: "No roles to display." }}
    />
  );
}
