import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { timeAgo } from "@/components/console-layout/time";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { parseTableQuery, type SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listRolesForConsole, type RoleConsoleSortColumn } from "@/lib/iam/roles-console";
import { ROLES_TABLE, type RoleListRow } from "./roles-table-config";
import { RolesTable } from "./roles-table";

export const metadata: Metadata = { title: "Roles | IAM" };

export default async function RolesPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const query = parseTableQuery(await searchParams, tableQueryOptions(ROLES_TABLE));
  const result = await readOrDenied(
    listRolesForConsole(caller, {
      filter: query.filter,
      ...(query.sort ? { sort: { columnId: query.sort.columnId as RoleConsoleSortColumn, descending: query.sort.descending } } : {}),
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  const now = caller.now;
  const rows: RoleListRow[] = result.ok
    ? result.data.items.map((r) => ({
        RoleName: r.RoleName,
        Arn: r.Arn,
        trustedEntities: r.trustedEntities,
        serviceLinked: r.serviceLinked,
        CreateDate: r.CreateDate,
        created: timeAgo(r.CreateDate, now),
        ...(r.RoleLastUsed.LastUsedDate ? { LastUsedDate: r.RoleLastUsed.LastUsedDate } : {}),
        lastActivity: r.RoleLastUsed.LastUsedDate ? timeAgo(r.RoleLastUsed.LastUsedDate, now) : "-",
      }))
    : [];

  return (
    <>
      <PageFrame breadcrumbs={navTrail("/roles")} contentType="table" />
      <RolesTable
        rows={rows}
        totalCount={result.ok ? result.data.totalCount : 0}
        query={result.ok ? { ...query, page: result.data.page } : query}
        accessDenied={result.ok ? undefined : result.accessDenied}
      />
    </>
  );
}
