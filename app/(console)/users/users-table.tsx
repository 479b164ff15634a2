"use client";

import type { ListPageData } from "@/components/data-table/list-page-table";
import { EntityListTable } from "@/components/entity-permissions/entity-list-table";
import { USERS_TABLE, type UserListRow } from "./users-table-config";

const DESCRIPTION =
  "An IAM user is an identity with long-term credentials that is used to interact with AWS in an account.";

export function UsersTable({ rows, ...page }: ListPageData<UserListRow>) {
  return (
    <EntityListTable<UserListRow>
      kind="User"
      mode="server"
      config={USERS_TABLE}
      items={rows}
      {...page}
      header="Users"
      description={DESCRIPTION}
      deleteBlocked={(chosen) => (chosen.length === 0 ? "Select one or more users to delete." : undefined)}
      create={{ text: "Create user", href: "/users/create" }}
      empty={{ title: "No resources to display", description: "No users to display." }}
    />
  );
}
