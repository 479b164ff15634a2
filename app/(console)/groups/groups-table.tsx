"use client";

import type { ListPageData } from "@/components/data-table/list-page-table";
import { EntityListTable } from "@/components/entity-permissions/entity-list-table";
import { GROUPS_TABLE, type GroupListRow } from "./groups-table-config";

const DESCRIPTION =
  "A user group is a collection of IAM users. Use groups to specify permissions for a collection of users.";

export function GroupsTable({ rows, ...page }: ListPageData<GroupListRow>) {
  return (
    <EntityListTable<GroupListRow>
      kind="Group"
      mode="server"
      config={GROUPS_TABLE}
      items={rows}
      {...page}
      header="User groups"
      description={DESCRIPTION}
      deleteBlocked={(chosen) => (chosen.length === 0 ? "Select one or more user groups to delete." : undefined)}
      create={{ text: "Create group", href: "/groups/create" }}
      empty={{ title: "No resources to display", description: "No user groups to display." }}
    />
  );
}
