import type { Metadata } from "next";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { readTablePage } from "@/components/data-table/read-table-page";
import { searchParam, type SearchParamsInput } from "@/components/data-table/table-query";
import { CONSOLE_POLICY_TYPES, CONSOLE_POLICY_USAGES, listPoliciesForConsole } from "@/lib/iam/policies-console";
import { PoliciesTable } from "./policies-table";
import { POLICIES_TABLE } from "./policies-table-config";

export const metadata: Metadata = { title: "Policies | IAM" };

export default async function PoliciesPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  const params = await searchParams;
  const type = CONSOLE_POLICY_TYPES.find((t) => t === searchParam(params, "type"));
  const usage = CONSOLE_POLICY_USAGES.find((u) => u === searchParam(params, "usage"));
  const { query, data, accessDenied } = await readTablePage(params, POLICIES_TABLE, (caller, query) =>
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
        rows={data?.items ?? []}
        totalCount={data?.total ?? 0}
        query={query}
        type={type}
        usage={usage}
        accessDenied={accessDenied}
      />
    </>
  );
}
