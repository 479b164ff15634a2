import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { parseTableQuery, type SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { CONSOLE_POLICY_TYPES, CONSOLE_POLICY_USAGES, listPoliciesForConsole } from "@/lib/iam/policies-console";
import { PoliciesTable } from "./policies-table";
import { POLICIES_TABLE } from "./policies-table-config";

export const metadata: Metadata = { title: "Policies | IAM" };

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const params = await searchParams;
  const query = parseTableQuery(params as SearchParamsInput, tableQueryOptions(POLICIES_TABLE));
  const type = CONSOLE_POLICY_TYPES.find((t) => t === one(params.type));
  const usage = CONSOLE_POLICY_USAGES.find((u) => u === one(params.usage));
  const result = await readOrDenied(
    listPoliciesForConsole(caller, {
      filter: query.filter,
      ...(type ? { type } : {}),
      ...(usage ? { usage } : {}),
      sort: { by: query.sort?.columnId === "type" ? "type" : "name", descending: query.sort?.descending ?? false },
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  return (
    <>
      <PageFrame breadcrumbs={navTrail("/policies")} contentType="table" />
      <PoliciesTable
        rows={result.ok ? result.data.items : []}
        totalCount={result.ok ? result.data.total : 0}
        query={query}
        type={type}
        usage={usage}
        accessDenied={result.ok ? undefined : result.accessDenied}
      />
    </>
  );
}
