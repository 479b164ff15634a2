import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import { userHref } from "@/lib/console-paths";
import type { ConsoleUserSort } from "@/lib/iam/users-console";

// The Users table's columns, apart from the page. The column ids are listUsersForConsole's
// sort keys: the table is sorted, filtered and paged in the database. Times come formatted
// from the server, so the server render and the browser print the same text.

export interface UserListRow {
  UserName: string;
  Arn: string;
  Path: string;
  groups: string[];
  /** "2 days ago", or "-" for a user who never made a request. */
  lastActivity: string;
  /** "Virtual" when an MFA device is assigned, else "-". */
  mfa: string;
  /** "5 days", or "-" without a console password. */
  passwordAge: string;
  /** "2 hours ago", "Never", or "-" without a console password. */
  consoleLastSignIn: string;
  /** "Active - AKIA…", or "-". */
  accessKeyId: string;
  /** "91 days", or "-". */
  activeKeyAge: string;
  /** "2 days ago" */
  created: string;
}

// Only the ids matter for sorting (the database sorts); the value makes a column sortable.
const sortKey = (id: ConsoleUserSort) => id;

export const USERS_TABLE = defineTable<UserListRow>({
  resourceName: { singular: "user", plural: "users" },
  getRowId: (u) => u.UserName,
  columns: [
    {
      id: sortKey("userName"),
      header: "User name",
      cell: (u) => <RouterLink href={userHref(u.UserName)}>{u.UserName}</RouterLink>,
      value: (u) => u.UserName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: sortKey("path"), header: "Path", cell: (u) => u.Path, value: (u) => u.Path },
    { id: sortKey("groups"), header: "Groups", cell: (u) => u.groups.length, value: (u) => u.groups.length },
    { id: sortKey("lastActivity"), header: "Last activity", cell: (u) => u.lastActivity, value: (u) => u.lastActivity },
    { id: sortKey("mfa"), header: "MFA", cell: (u) => u.mfa, value: (u) => u.mfa },
    { id: sortKey("passwordAge"), header: "Password age", cell: (u) => u.passwordAge, value: (u) => u.passwordAge },
    { id: sortKey("consoleLastSignIn"), header: "Console last sign-in", cell: (u) => u.consoleLastSignIn, value: (u) => u.consoleLastSignIn },
    { id: sortKey("accessKeyId"), header: "Access key ID", cell: (u) => u.accessKeyId, value: (u) => u.accessKeyId },
    { id: sortKey("accessKeyAge"), header: "Active key age", cell: (u) => u.activeKeyAge, value: (u) => u.activeKeyAge },
    { id: sortKey("creationTime"), header: "Creation time", cell: (u) => u.created, value: (u) => u.created },
  ],
  defaultSort: { columnId: "userName", descending: false },
});
