import type { Metadata } from "next";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { timeAgo } from "@/components/console-layout/time";
import { readTablePage } from "@/components/data-table/read-table-page";
import { consoleListInput, type SearchParamsInput } from "@/components/data-table/table-query";
import { listGroupsForConsole, type ConsoleGroupSort } from "@/lib/iam/groups";
import { GroupsTable } from "./groups-table";
import { GROUPS_TABLE } from "./groups-table-config";

export const metadata: Metadata = { title: "User groups | IAM" };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const { caller, query, data, accessDenied } = await readTablePage(searchParams, GROUPS_TABLE, (caller, query) =>
    listGroupsForConsole(caller, consoleListInput<ConsoleGroupSort>(query)),
  );
  return (
    <>
      <PageFrame breadcrumbs={navTrail("/groups")} contentType="table" />
      <GroupsTable
        rows={
          data?.groups.map((g) => ({
            GroupName: g.groupName,
            Arn: g.arn,
            users: g.users,
            permissions: g.permissions,
            created: timeAgo(g.createDate, caller.now),
          })) ?? []
        }
        totalCount={data?.total ?? 0}
        query={query}
        accessDenied={accessDenied}
      />
    </>
  );
}
