import { compareValues, filterValueOf, isFilterable, matchesFilter, type ColumnValue, type DataTableConfig } from "./table-config";
import { lastPage, pageWindow, type TableQuery } from "./table-query";

// A server page whose rows are already in memory (a generated report, not a database query)
// pages them here, so that the browser receives one page, not all of them. Filtering and
// sorting follow the table's client mode: the text filter matches any filterable column, case
// insensitively; a sort compares the column's values, with empty values last either way.

export interface QueriedRows<T> {
  /** The rows of the page asked for, or of the last page when it asked past the end. */
  rows: T[];
  /** All rows that match the filter. */
  totalCount: number;
  /** The page the rows are from. */
  page: number;
}

const isEmpty = (v: ColumnValue) => v === undefined || v === null || v === "";

export function queryRows<T>(items: readonly T[], config: DataTableConfig<T>, query: TableQuery): QueriedRows<T> {
  const filterable = config.columns.filter(isFilterable);
  let matching = query.filter.trim()
    ? items.filter((item) => matchesFilter(filterable.map((c) => filterValueOf(c, item)), query.filter))
    : [...items];

  const value = query.sort && config.columns.find((c) => c.id === query.sort?.columnId)?.value;
  if (value) {
    const direction = query.sort?.descending ? -1 : 1;
    // Array#sort is stable: rows with equal values keep the report's order.
    matching = matching
      .map((item) => ({ item, key: value(item) }))
      .sort((a, b) => (isEmpty(a.key) || isEmpty(b.key) ? compareValues(a.key, b.key) : direction * compareValues(a.key, b.key)))
      .map(({ item }) => item);
  }

  const page = Math.min(query.page, lastPage(matching.length, query.pageSize));
  const { skip, take } = pageWindow({ page, pageSize: query.pageSize });
  return { rows: matching.slice(skip, skip + take), totalCount: matching.length, page };
}
