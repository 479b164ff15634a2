import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { timeAgo } from "@/components/console-layout/time";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { parseTableQuery, type SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listGroupsForConsole, type ConsoleGroupSort } from "@/lib/iam/groups";
import { GroupsTable } from "./groups-table";
import { GROUPS_TABLE } from "./groups-table-config";

export const metadata: Metadata = { title: "User groups | IAM" };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const query = parseTableQuery(await searchParams, tableQueryOptions(GROUPS_TABLE));
  const result = await readOrDenied(
    listGroupsForConsole(caller, {
      filter: query.filter,
      sort: query.sort?.columnId as ConsoleGroupSort | undefined,
      descending: query.sort?.descending,
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  return (
    <>
      <PageFrame breadcrumbs={navTrail("/groups")} contentType="table" />
      <GroupsTable
        rows={
          result.ok
            ? result.data.groups.map((g) => ({
                GroupName: g.groupName,
                Arn: g.arn,
                users: g.users,
                permissions: g.permissions,
                created: timeAgo(g.createDate, caller.now),
              }))
            : []
        }
        totalCount={result.ok ? result.data.total : 0}
        query={query}
        accessDenied={result.ok ? undefined : result.accessDenied}
      />
    </>
  );
}
