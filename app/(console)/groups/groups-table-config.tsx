import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import { groupHref } from "@/lib/console-paths";
import type { ConsoleGroupSort } from "@/lib/iam/groups";

// The User groups table's columns, apart from the page. The column ids are
// listGroupsForConsole's sort keys: the table is sorted, filtered and paged in the database.

export interface GroupListRow {
  GroupName: string;
  Arn: string;
  users: number;
  permissions: "Defined" | "Not defined";
  /** "2 days ago" */
  created: string;
}

const sortKey = (id: ConsoleGroupSort) => id;

export const GROUPS_TABLE = defineTable<GroupListRow>({
  resourceName: { singular: "group", plural: "groups" },
  preferencesKey: "user-groups",
  getRowId: (g) => g.GroupName,
  columns: [
    {
      id: sortKey("groupName"),
      header: "Group name",
      cell: (g) => <RouterLink href={groupHref(g.GroupName)}>{g.GroupName}</RouterLink>,
      value: (g) => g.GroupName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: sortKey("users"), header: "Users", cell: (g) => g.users, value: (g) => g.users },
    { id: sortKey("permissions"), header: "Permissions", cell: (g) => g.permissions, value: (g) => g.permissions },
    { id: sortKey("creationTime"), header: "Creation time", cell: (g) => g.created, value: (g) => g.created },
  ],
  defaultSort: { columnId: "groupName", descending: false },
});
