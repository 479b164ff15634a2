import type { Metadata } from "next";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { timeAgo } from "@/components/console-layout/time";
import { readTablePage } from "@/components/data-table/read-table-page";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { listRolesForConsole, type RoleConsoleSortColumn } from "@/lib/iam/roles-console";
import { ROLES_TABLE, type RoleListRow } from "./roles-table-config";
import { RolesTable } from "./roles-table";

export const metadata: Metadata = { title: "Roles | IAM" };

export default async function RolesPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const { caller, query, data, accessDenied } = await readTablePage(searchParams, ROLES_TABLE, (caller, query) =>
    listRolesForConsole(caller, {
      filter: query.filter,
      ...(query.sort ? { sort: { columnId: query.sort.columnId as RoleConsoleSortColumn, descending: query.sort.descending } } : {}),
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  const now = caller.now;
  const rows: RoleListRow[] =
    data?.items.map((r) => ({
      RoleName: r.RoleName,
      Arn: r.Arn,
      trustedEntities: r.trustedEntities,
      serviceLinked: r.serviceLinked,
      CreateDate: r.CreateDate,
      created: timeAgo(r.CreateDate, now),
      ...(r.RoleLastUsed.LastUsedDate ? { LastUsedDate: r.RoleLastUsed.LastUsedDate } : {}),
      lastActivity: r.RoleLastUsed.LastUsedDate ? timeAgo(r.RoleLastUsed.LastUsedDate, now) : "-",
    })) ?? [];

  return (
    <>
      <PageFrame breadcrumbs={navTrail("/roles")} contentType="table" />
      <RolesTable
        rows={rows}
        totalCount={data?.totalCount ?? 0}
        query={data ? { ...query, page: data.page } : query}
        accessDenied={accessDenied}
      />
    </>
  );
}
