import "server-only";
import { timeAgo } from "@/components/console-layout/time";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { consoleListInput, parseTableQuery, type SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import type { Caller } from "@/lib/iam/caller";
import { listGroupsForConsole } from "@/lib/iam/groups";
import { CONSOLE_PAGE_SIZE_MAX, listUsersForConsole, type ConsoleUserSort } from "@/lib/iam/users-console";
import { USERS_PREFIX, USER_CHOICE_TABLE, POLICIES_PREFIX, type PermissionChoicesData } from "./permission-choices-config";

// What the permissions options of "Create user" and "Add permissions" choose from: the account's
// groups (at most 300: one page), the users to copy from and the managed policies (paged in the
// database, their queries in the page's URL under their own prefixes).

export async function loadPermissionChoices(caller: Caller, searchParams: SearchParamsInput): Promise<PermissionChoicesData> {
  const [groups, copyUsers, policies] = await Promise.all([
    readOrDenied(listGroupsForConsole(caller, { pageSize: CONSOLE_PAGE_SIZE_MAX })),
    loadUserChoices(caller, searchParams),
    loadPolicyPicker(caller, searchParams, POLICIES_PREFIX),
  ]);
  return {
    groups: groups.ok
      ? {
          ok: true,
          data: groups.data.groups.map((g) => ({
            GroupName: g.groupName,
            users: g.users,
            attachedPolicies: g.attachedPolicies,
            created: timeAgo(g.createDate, caller.now),
          })),
        }
      : groups,
    copyUsers,
    policies,
  };
}

/** One page of the account's users to choose from (copy permissions, add users to a group). */
export async function loadUserChoices(caller: Caller, searchParams: SearchParamsInput): Promise<PermissionChoicesData["copyUsers"]> {
  const query = parseTableQuery(searchParams, tableQueryOptions(USER_CHOICE_TABLE, USERS_PREFIX));
  const users = await readOrDenied(listUsersForConsole(caller, consoleListInput<ConsoleUserSort>(query)));
  return {
    query,
    page: users.ok
      ? {
          ok: true,
          data: {
            total: users.data.total,
            items: users.data.users.map((u) => ({ UserName: u.userName, groups: u.groups, created: timeAgo(u.createDate, caller.now) })),
          },
        }
      : users,
  };
}
