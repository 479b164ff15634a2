import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { parseTableQuery, type SearchParamsInput } from "@/components/data-table/table-query";
import { parseEventHistoryFilters, rangeTimes } from "@/components/reports/event-history/event-history-query";
import { EventHistoryTable } from "@/components/reports/event-history/event-history-table";
import { EVENT_HISTORY_TABLE } from "@/components/reports/event-history/event-history-table-config";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { isIamError } from "@/lib/iam/errors";
import { readNumberedPage, type NumberedPage } from "./event-history-paging";
import { eventHistoryRow } from "./event-history-rows";
import { exportHref } from "./export/export-href";

export const metadata: Metadata = { title: "Event history | IAM" };

function single(params: SearchParamsInput, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}

export default async function EventHistoryPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const params = await searchParams;
  const query = parseTableQuery(params, tableQueryOptions(EVENT_HISTORY_TABLE));
  const filters = parseEventHistoryFilters(params);
  const domainFilters = {
    principal: query.filter.trim() || undefined,
    eventName: filters.eventName || undefined,
    eventSource: filters.eventSource || undefined,
    outcome: filters.outcome,
    ...rangeTimes(filters.range, caller.now),
  };

  let read: NumberedPage | undefined;
  let accessDenied: string | undefined;
  let error: string | undefined;
  try {
    read = await readNumberedPage(caller, domainFilters, { page: query.page, pageSize: query.pageSize, cursor: single(params, "cursor") });
  } catch (err) {
    if (!isIamError(err)) throw err;
    if (err.code === "AccessDenied") accessDenied = err.message;
    else error = err.message;
  }

  return (
    <>
      <PageFrame breadcrumbs={navTrail("/event-history")} contentType="table" />
      <EventHistoryTable
        rows={read?.result.events.map(eventHistoryRow) ?? []}
        totalCount={read?.totalCount ?? 0}
        more={read?.more ?? false}
        query={{ ...query, page: read?.page ?? 1 }}
        accessDenied={accessDenied}
        error={error}
        filters={filters}
        pageToken={read?.token}
        downloads={{ csv: exportHref("csv", params), json: exportHref("json", params) }}
      />
    </>
  );
}
