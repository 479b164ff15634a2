// The choices of the console's tables that the server's listing functions accept and the
// browser's tables offer: sort columns, filter values and page sizes. No 'server-only', so
// client components import these rather than copy them.

// ---- Users and groups tables ----------------------------------------------------------------

export const CONSOLE_USER_SORTS = [
  "userName",
  "path",
  "groups",
  "lastActivity",
  "mfa",
  "passwordAge",
  "consoleLastSignIn",
  "accessKeyId",
  "accessKeyAge",
  "creationTime",
] as const;
export type ConsoleUserSort = (typeof CONSOLE_USER_SORTS)[number];

export const CONSOLE_GROUP_SORTS = ["groupName", "path", "users", "permissions", "creationTime"] as const;
export type ConsoleGroupSort = (typeof CONSOLE_GROUP_SORTS)[number];

/** Page sizes of the users and groups tables (and of the pickers that list all of them). */
export const CONSOLE_PAGE_SIZE_DEFAULT = 25;
export const CONSOLE_PAGE_SIZE_MAX = 1000;

// ---- Roles table ----------------------------------------------------------------------------

export const ROLE_CONSOLE_SORT_COLUMNS = ["name", "created", "lastActivity"] as const;
export type RoleConsoleSortColumn = (typeof ROLE_CONSOLE_SORT_COLUMNS)[number];
export const ROLE_CONSOLE_PAGE_SIZE_DEFAULT = 20;
export const ROLE_CONSOLE_PAGE_SIZE_MAX = 100;

// ---- Policies table and policy pickers -----------------------------------------------------

/** The console's "Type" of a managed policy, and its "Filter by Type" choices. */
export const CONSOLE_POLICY_TYPES = ["AWS managed", "AWS managed - job function", "Customer managed"] as const;
export type ConsolePolicyType = (typeof CONSOLE_POLICY_TYPES)[number];
/** The console's "Filter by Used as" choices. */
export const CONSOLE_POLICY_USAGES = ["Permissions policy", "Permissions boundary", "None"] as const;
export type ConsolePolicyUsage = (typeof CONSOLE_POLICY_USAGES)[number];
export const CONSOLE_POLICY_SORTS = ["name", "type"] as const;
export type ConsolePolicySort = (typeof CONSOLE_POLICY_SORTS)[number];
export const POLICY_CONSOLE_PAGE_SIZE_DEFAULT = 25;
export const POLICY_CONSOLE_PAGE_SIZE_MAX = 100;
