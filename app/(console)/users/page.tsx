import type { Metadata } from "next";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { readTablePage } from "@/components/data-table/read-table-page";
import { consoleListInput, type SearchParamsInput } from "@/components/data-table/table-query";
import { listUsersForConsole, type ConsoleUserSort } from "@/lib/iam/users-console";
import { userListRow } from "./user-text";
import { UsersTable } from "./users-table";
import { USERS_TABLE } from "./users-table-config";

export const metadata: Metadata = { title: "Users | IAM" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const { caller, query, data, accessDenied } = await readTablePage(searchParams, USERS_TABLE, (caller, query) =>
    listUsersForConsole(caller, consoleListInput<ConsoleUserSort>(query)),
  );
  return (
    <>
      <PageFrame breadcrumbs={navTrail("/users")} contentType="table" />
      <UsersTable
        rows={data?.users.map((u) => userListRow(u, caller.now)) ?? []}
        totalCount={data?.total ?? 0}
        query={query}
        accessDenied={accessDenied}
      />
    </>
  );
}
