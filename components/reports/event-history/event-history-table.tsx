"use client";

import Alert from "@cloudscape-design/components/alert";
import Button from "@cloudscape-design/components/button";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useTransition } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { hrefWithQuery, type TableQuery } from "@/components/data-table/table-query";
import { PermissionAlert } from "@/components/permission-alert";
import { EventHistoryFilters } from "./event-history-filters";
import { filterSearchParams, type EventHistoryFilterParams } from "./event-history-query";
import { EVENT_HISTORY_TABLE, type EventHistoryRow } from "./event-history-table-config";

// The Event history page: the calls of the account, newest first, one server-read page at a
// time, filtered by principal (the table's text filter), event name, event source, outcome and
// time range, with downloads of the filtered events.

const DESCRIPTION =
  "The management events of the last 90 days: every console and API call, allowed, denied or failed. A download holds the newest 10,000 events that match the filters.";

export interface EventHistoryTableProps {
  rows: EventHistoryRow[];
  /** The events up to this page (the history is read by cursor, not counted). */
  totalCount: number;
  /** More events follow the page: the table counts "N+". */
  more: boolean;
  query: TableQuery;
  accessDenied?: string;
  /** An error of the filters (a time range that ends before it starts). */
  error?: string;
  filters: EventHistoryFilterParams;
  /** This page's cursor token, written into the URL for the next page move. */
  pageToken?: string;
  downloads: { csv: string; json: string };
}

export function EventHistoryTable({ rows, totalCount, more, query, accessDenied, error, filters, pageToken, downloads }: EventHistoryTableProps) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  // The URL names the page shown and its cursors, so that the table's next page move (which
  // keeps the URL's other params) reads from here. No navigation: the page is already read.
  useEffect(() => {
    const url = new URL(window.location.href);
    if (pageToken) url.searchParams.set("cursor", pageToken);
    else url.searchParams.delete("cursor");
    if (query.page > 1) url.searchParams.set("page", String(query.page));
    else url.searchParams.delete("page");
    if (url.href !== window.location.href) window.history.replaceState(null, "", url);
  }, [pageToken, query.page]);

  const changeFilters = (next: EventHistoryFilterParams) => {
    const params = filterSearchParams(next, new URLSearchParams(window.location.search));
    startTransition(() => router.replace(hrefWithQuery(pathname, params), { scroll: false }));
  };

  return (
    <SpaceBetween size="m">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      {error && (
        <Alert type="error" header="The filters can't be used">
          {error}
        </Alert>
      )}
      <DataTable<EventHistoryRow>
        mode="server"
        config={EVENT_HISTORY_TABLE}
        items={rows}
        totalCount={totalCount}
        openEnd={more}
        query={query}
        header="Event history"
        description={DESCRIPTION}
        variant="full-page"
        loading={pending}
        filteringPlaceholder="Filter by user name or principal ARN"
        filterControls={<EventHistoryFilters filters={filters} onChange={changeFilters} />}
        actions={() => (
          <SpaceBetween direction="horizontal" size="xs">
            <Button iconName="refresh" ariaLabel="Refresh event history" onClick={() => startTransition(() => router.refresh())} />
            <Button iconName="download" href={downloads.csv} download disabled={!!accessDenied}>
              Download CSV
            </Button>
            <Button iconName="download" href={downloads.json} download disabled={!!accessDenied}>
              Download JSON
            </Button>
          </SpaceBetween>
        )}
        empty={{ title: "No events", description: "No events match the filters in this time range." }}
      />
    </SpaceBetween>
  );
}
