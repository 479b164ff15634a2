// What a list page shows: which page, how many rows, the sort and the filter text. In
// server mode it lives in the URL's search params, so a server component reads it, pages in
// the database, and hands one page of rows to <DataTable />; the table writes it back when
// the user sorts, filters or pages. Plain functions, no React: server pages import them.
//
//   ?filter=ali&sort=created&order=desc&page=2&size=50
//
// Values equal to the defaults are left out of the URL, so a list opens at a clean address.

export interface TableSort {
  columnId: string;
  descending: boolean;
}

export interface TableQuery {
  /** 1-based, as the pagination control shows it. */
  page: number;
  pageSize: number;
  sort?: TableSort;
  /** The text filter, as typed (trimmed by the data source, not here). */
  filter: string;
}

export interface TableQueryOptions {
  /** Columns that may be sorted on; any other `sort` value is ignored. */
  sortableColumns: readonly string[];
  pageSizeOptions: readonly number[];
  defaultPageSize: number;
  defaultSort?: TableSort;
  /** For a page with two tables: `?roles.page=2`. */
  paramPrefix?: string;
}

export const DEFAULT_PAGE_SIZE_OPTIONS: readonly number[] = [10, 20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;
/** Longer filter text is cut: it can only come from a hand-edited URL. */
export const MAX_FILTER_LENGTH = 256;
/** Far beyond any list; keeps `(page - 1) * size` a safe integer for the database. */
export const MAX_PAGE = 1_000_000;

/** What Next gives a page as `searchParams`, or a URLSearchParams. */
export type SearchParamsInput = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

const KEYS = { page: "page", pageSize: "size", sort: "sort", order: "order", filter: "filter" } as const;

function key(options: Pick<TableQueryOptions, "paramPrefix">, name: keyof typeof KEYS): string {
  return options.paramPrefix ? `${options.paramPrefix}.${KEYS[name]}` : KEYS[name];
}

/** A search param's value (the first, when the URL repeats it). */
export function searchParam(params: SearchParamsInput, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

function positiveInteger(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

/** The query a URL asks for; anything malformed or not allowed falls back to the default. */
export function parseTableQuery(params: SearchParamsInput, options: TableQueryOptions): TableQuery {
  const size = positiveInteger(searchParam(params, key(options, "pageSize")));
  const pageSize = size !== undefined && options.pageSizeOptions.includes(size) ? size : options.defaultPageSize;
  const page = Math.min(positiveInteger(searchParam(params, key(options, "page"))) ?? 1, MAX_PAGE);
  const filter = (searchParam(params, key(options, "filter")) ?? "").slice(0, MAX_FILTER_LENGTH);

  const sortColumn = searchParam(params, key(options, "sort"));
  const order = searchParam(params, key(options, "order"));
  let sort = options.defaultSort;
  if (sortColumn !== undefined && options.sortableColumns.includes(sortColumn)) {
    sort = { columnId: sortColumn, descending: order === "desc" };
  } else if (sort && (order === "asc" || order === "desc")) {
    sort = { ...sort, descending: order === "desc" };
  }
  return { page, pageSize, ...(sort ? { sort } : {}), filter };
}

/**
 * The search params for a query: `current` (the page's other params are kept) with the
 * table's keys replaced, and values equal to the defaults removed.
 */
export function tableQuerySearchParams(
  query: TableQuery,
  options: TableQueryOptions,
  current: URLSearchParams = new URLSearchParams(),
): URLSearchParams {
  const next = new URLSearchParams(current);
  const set = (name: keyof typeof KEYS, value: string | undefined) => {
    if (value === undefined) next.delete(key(options, name));
    else next.set(key(options, name), value);
  };
  set("page", query.page > 1 ? String(query.page) : undefined);
  set("pageSize", query.pageSize !== options.defaultPageSize ? String(query.pageSize) : undefined);
  set("filter", query.filter !== "" ? query.filter : undefined);

  const sort = query.sort;
  const fallback = options.defaultSort;
  const sameColumn = sort?.columnId === fallback?.columnId;
  set("sort", sort && !sameColumn ? sort.columnId : undefined);
  set("order", sort && !(sameColumn && sort.descending === fallback?.descending) ? (sort.descending ? "desc" : "asc") : undefined);
  return next;
}

/** The href to navigate to: the path, and `?…` when there are params. */
export function hrefWithQuery(pathname: string, params: URLSearchParams): string {
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

/** Rows to skip and take for a query, for a data source that pages with offsets. */
export function pageWindow(query: Pick<TableQuery, "page" | "pageSize">): { skip: number; take: number } {
  return { skip: (query.page - 1) * query.pageSize, take: query.pageSize };
}

/** The last page that has rows (1 when there are none): a page past it is clamped there. */
export function lastPage(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / pageSize));
}

/** The console list functions' input (listUsersForConsole, listGroupsForConsole…) for a query. */
export function consoleListInput<S extends string>(
  query: TableQuery,
): { filter: string; sort?: S; descending?: boolean; page: number; pageSize: number } {
  return {
    filter: query.filter,
    ...(query.sort ? { sort: query.sort.columnId as S, descending: query.sort.descending } : {}),
    page: query.page,
    pageSize: query.pageSize,
  };
}
