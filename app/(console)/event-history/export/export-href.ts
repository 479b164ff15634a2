import type { SearchParamsInput } from "@/components/data-table/table-query";
import type { EventExportFormat } from "@/lib/iam/reports/event-history";

// Where the Event history page's downloads come from: the export route, with the page's
// filters (the principal in `filter`, the others as the page names them) and none of its paging.

const FILTER_PARAMS = ["filter", "eventName", "eventSource", "outcome", "range", "start", "end"];

export function exportHref(format: EventExportFormat, params: SearchParamsInput): string {
  const search = new URLSearchParams({ format });
  for (const name of FILTER_PARAMS) {
    const value = params instanceof URLSearchParams ? params.get(name) : params[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (text) search.set(name, text);
  }
  return `/event-history/export?${search}`;
}
