"use client";

import { DataTable } from "@/components/data-table/data-table";
import { PermissionAlert } from "@/components/permission-alert";
import { USER_CHOICE_TABLE, USERS_PREFIX, type PermissionChoicesData, type UserChoice } from "../users/permission-choices-config";

// A table of the account's users to add to a group (paged in the database, its query in the
// URL). The form keeps the chosen names across pages and filters.

export function UserChoices({
  data,
  selected,
  onChange,
  header,
  description,
  exclude = [],
}: {
  data: PermissionChoicesData["copyUsers"];
  selected: readonly string[];
  onChange: (names: readonly string[]) => void;
  header: string;
  description?: string;
  /** Users not offered (members already). */
  exclude?: readonly string[];
}) {
  if (!data.page.ok) return <PermissionAlert message={data.page.accessDenied} />;
  const items = data.page.data.items.filter((u) => !exclude.includes(u.UserName));
  const onPage = new Set(items.map((u) => u.UserName));
  return (
    <DataTable<UserChoice>
      mode="server"
      config={USER_CHOICE_TABLE}
      paramPrefix={USERS_PREFIX}
      query={data.query}
      items={items}
      totalCount={data.page.data.total}
      header={header}
      description={description}
      selectionType="multi"
      selectedIds={selected}
      onSelectionChange={(chosen) => onChange([...selected.filter((n) => !onPage.has(n)), ...chosen.map((u) => u.UserName)])}
      filteringPlaceholder="Search"
      empty={{ title: "No users", description: "No users to display." }}
    />
  );
}
