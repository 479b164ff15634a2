import Link from "@cloudscape-design/components/link";
import { defineTable } from "@/components/data-table/table-config";
import type { TableQuery } from "@/components/data-table/table-query";
import type { Readout } from "@/components/permission-alert";
import type { PolicyPickerData } from "@/components/policy-picker";
import { groupHref, userHref } from "@/lib/console-paths";

// The tables of the permissions options ("Add user to group", "Copy permissions", "Attach
// policies directly"), apart from the component, and the data the server page hands them.

export const USERS_PREFIX = "users";
export { BOUNDARY_PREFIX, POLICIES_PREFIX } from "@/components/entity-permissions/kinds";

export interface GroupChoice {
  GroupName: string;
  users: number;
  attachedPolicies: number;
  /** "2 days ago" */
  created: string;
}

export interface UserChoice {
  UserName: string;
  groups: string[];
  created: string;
}

export interface PermissionChoicesData {
  groups: Readout<GroupChoice[]>;
  copyUsers: { query: TableQuery; page: Readout<{ items: UserChoice[]; total: number }> };
  policies: PolicyPickerData;
}

/** Links inside a form open a new tab, so the form is not left. */
function NewTabLink({ href, children }: { href: string; children: string }) {
  return (
    <Link href={href} external externalIconAriaLabel="(opens in a new tab)">
      {children}
    </Link>
  );
}

export const GROUP_CHOICE_TABLE = defineTable<GroupChoice>({
  resourceName: { singular: "group", plural: "groups" },
  preferencesKey: "user-group-choices",
  getRowId: (g) => g.GroupName,
  columns: [
    {
      id: "groupName",
      header: "Group name",
      cell: (g) => <NewTabLink href={groupHref(g.GroupName)}>{g.GroupName}</NewTabLink>,
      value: (g) => g.GroupName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "users", header: "Users", cell: (g) => g.users, value: (g) => g.users },
    { id: "attachedPolicies", header: "Attached policies", cell: (g) => g.attachedPolicies, value: (g) => g.attachedPolicies },
    { id: "created", header: "Created", cell: (g) => g.created, sortable: false },
  ],
  defaultSort: { columnId: "groupName", descending: false },
});

export const USER_CHOICE_TABLE = defineTable<UserChoice>({
  resourceName: { singular: "user", plural: "users" },
  preferencesKey: "user-choices",
  getRowId: (u) => u.UserName,
  columns: [
    {
      id: "userName",
      header: "User name",
      cell: (u) => <NewTabLink href={userHref(u.UserName)}>{u.UserName}</NewTabLink>,
      value: (u) => u.UserName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "groups", header: "Groups", cell: (u) => (u.groups.length > 0 ? u.groups.join(", ") : "-"), value: (u) => u.groups.length },
    { id: "creationTime", header: "Creation time", cell: (u) => u.created, value: (u) => u.created },
  ],
  defaultSort: { columnId: "userName", descending: false },
});
