import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { parseTableQuery, type SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listUsersForConsole, type ConsoleUserSort } from "@/lib/iam/users-console";
import { userListRow } from "./user-text";
import { UsersTable } from "./users-table";
import { USERS_TABLE } from "./users-table-config";

export const metadata: Metadata = { title: "Users | IAM" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const query = parseTableQuery(await searchParams, tableQueryOptions(USERS_TABLE));
  const result = await readOrDenied(
    listUsersForConsole(caller, {
      filter: query.filter,
      sort: query.sort?.columnId as ConsoleUserSort | undefined,
      descending: query.sort?.descending,
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  return (
    <>
      <PageFrame breadcrumbs={navTrail("/users")} contentType="table" />
      <UsersTable
        rows={result.ok ? result.data.users.map((u) => userListRow(u, caller.now)) : []}
        totalCount={result.ok ? result.data.total : 0}
        query={query}
        accessDenied={result.ok ? undefined : result.accessDenied}
      />
    </>
  );
}
