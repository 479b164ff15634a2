import type { ReactNode } from "react";
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_PAGE_SIZE_OPTIONS,
  type TableQuery,
  type TableQueryOptions,
  type TableSort,
} from "./table-query";

// A table's configuration, kept apart from its page (as the Cloudscape demos' table-config):
// the columns, how rows are identified and named, the default sort and page sizes. A list
// page differs from another only by its config and its actions.
//
//   export const USERS_TABLE = defineTable<User>({
//     resourceName: { singular: "user", plural: "users" },
//     getRowId: (user) => user.UserId,
//     columns: [
//       { id: "name", header: "User name", cell: (u) => <RouterLink …>{u.UserName}</RouterLink>,
//         value: (u) => u.UserName, isRowHeader: true, alwaysVisible: true },
//       { id: "created", header: "Creation time", cell: (u) => formatDate(u.CreateDate), value: (u) => u.CreateDate },
//     ],
//     defaultSort: { columnId: "name", descending: false },
//   });

/** What a column sorts and filters by. */
export type ColumnValue = string | number | boolean | Date | null | undefined;

export interface DataTableColumn<T> {
  /** Stable id: the sort key in the URL and the key of the visibility preference. */
  id: string;
  /** The header, also the column's name in the preferences. */
  header: string;
  cell: (item: T) => ReactNode;
  /** The value the column sorts and filters by. Without it the column neither sorts nor filters. */
  value?: (item: T) => ColumnValue;
  /** Defaults to true when there is a `value`. In server mode, the data source must sort by this id. */
  sortable?: boolean;
  /** What the text filter matches, when it differs from `value` (a status shown as text, a date as displayed). */
  filterValue?: (item: T) => ColumnValue;
  /** Whether the text filter looks at this column; defaults to true when there is a `value` or `filterValue`. */
  filterable?: boolean;
  /** The row's name for screen readers (the first column, usually). */
  isRowHeader?: boolean;
  /** Cannot be hidden in the preferences. */
  alwaysVisible?: boolean;
  /** Hidden until chosen in the preferences. */
  hiddenByDefault?: boolean;
  width?: number;
  minWidth?: number;
}

export interface DataTableConfig<T> {
  /** Lower case, as sentences use them: "user", "users". */
  resourceName: { singular: string; plural: string };
  columns: readonly DataTableColumn<T>[];
  getRowId: (item: T) => string;
  /** How a row is named in selection labels; defaults to its row-header column's value. */
  getRowLabel?: (item: T) => string;
  defaultSort?: TableSort;
  pageSizeOptions?: readonly number[];
  defaultPageSize?: number;
  /** Where preferences are kept in the browser; defaults to the plural resource name. */
  preferencesKey?: string;
}

/** Identity, for inference: `defineTable<User>({ … })` checks the config against the row type. */
export function defineTable<T>(config: DataTableConfig<T>): DataTableConfig<T> {
  return config;
}

export function isSortable<T>(column: DataTableColumn<T>): boolean {
  return column.sortable ?? column.value !== undefined;
}

export function isFilterable<T>(column: DataTableColumn<T>): boolean {
  return column.filterable ?? (column.value !== undefined || column.filterValue !== undefined);
}

/** The value the text filter sees in a column. */
export function filterValueOf<T>(column: DataTableColumn<T>, item: T): ColumnValue {
  return (column.filterValue ?? column.value)?.(item);
}

/** The options a server page parses its searchParams with (the same the table writes). */
export function tableQueryOptions<T>(config: DataTableConfig<T>, paramPrefix?: string): TableQueryOptions {
  const pageSizeOptions = config.pageSizeOptions ?? DEFAULT_PAGE_SIZE_OPTIONS;
  return {
    sortableColumns: config.columns.filter(isSortable).map((c) => c.id),
    pageSizeOptions,
    defaultPageSize: config.defaultPageSize ?? (pageSizeOptions.includes(DEFAULT_PAGE_SIZE) ? DEFAULT_PAGE_SIZE : pageSizeOptions[0]),
    ...(config.defaultSort ? { defaultSort: config.defaultSort } : {}),
    ...(paramPrefix ? { paramPrefix } : {}),
  };
}

/** The query a table starts with in client mode. */
export function initialQuery(options: TableQueryOptions): TableQuery {
  return { page: 1, pageSize: options.defaultPageSize, ...(options.defaultSort ? { sort: options.defaultSort } : {}), filter: "" };
}

// ---- Sorting and filtering on the client -------------------------------------------------

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Ascending order of two column values; empty values (undefined, null, "") come after the others. */
export function compareValues(a: ColumnValue, b: ColumnValue): number {
  const emptyA = a === undefined || a === null || a === "";
  const emptyB = b === undefined || b === null || b === "";
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(valueText(a), valueText(b));
}

/** A value as the text filter sees it. */
export function valueText(value: ColumnValue): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** Case-insensitive "contains", as the console's text filters match. */
export function matchesFilter(values: readonly ColumnValue[], filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  return values.some((v) => valueText(v).toLowerCase().includes(needle));
}

// ---- Preferences ------------------------------------------------------------------------

export interface ContentDisplayItem {
  id: string;
  visible: boolean;
}

export interface TablePreferences {
  pageSize: number;
  wrapLines: boolean;
  stripedRows: boolean;
  /** Column order and visibility. */
  contentDisplay: readonly ContentDisplayItem[];
}

export function defaultPreferences<T>(config: DataTableConfig<T>): TablePreferences {
  return {
    pageSize: tableQueryOptions(config).defaultPageSize,
    wrapLines: false,
    stripedRows: false,
    contentDisplay: config.columns.map((c) => ({ id: c.id, visible: !c.hiddenByDefault || !!c.alwaysVisible })),
  };
}

/**
 * Preferences read back from storage, made to fit the current config: unknown columns are
 * dropped, new ones appended with their default visibility, always-visible ones shown, and a
 * page size that is no longer offered replaced by the default.
 */
export function normalizePreferences<T>(stored: unknown, config: DataTableConfig<T>): TablePreferences {
  const defaults = defaultPreferences(config);
  if (!stored || typeof stored !== "object") return defaults;
  const s = stored as Partial<Record<keyof TablePreferences, unknown>>;
  const options = tableQueryOptions(config);
  const byId = new Map(config.columns.map((c) => [c.id, c]));

  const display: ContentDisplayItem[] = [];
  if (Array.isArray(s.contentDisplay)) {
    for (const item of s.contentDisplay as unknown[]) {
      if (!item || typeof item !== "object") continue;
      const { id, visible } = item as { id?: unknown; visible?: unknown };
      if (typeof id !== "string" || !byId.has(id) || display.some((d) => d.id === id)) continue;
      display.push({ id, visible: visible === true || !!byId.get(id)?.alwaysVisible });
    }
  }
  for (const d of defaults.contentDisplay) if (!display.some((x) => x.id === d.id)) display.push(d);

  return {
    pageSize: typeof s.pageSize === "number" && options.pageSizeOptions.includes(s.pageSize) ? s.pageSize : defaults.pageSize,
    wrapLines: typeof s.wrapLines === "boolean" ? s.wrapLines : defaults.wrapLines,
    stripedRows: typeof s.stripedRows === "boolean" ? s.stripedRows : defaults.stripedRows,
    contentDisplay: display,
  };
}

// ---- Texts --------------------------------------------------------------------------------

/** "(3)", or "(1/3)" with a selection, as the console's table headers count. */
export function headerCounter(total: number, selected: number, moreThanTotal = false): string {
  const all = `${total}${moreThanTotal ? "+" : ""}`;
  return selected > 0 ? `(${selected}/${all})` : `(${all})`;
}

export function matchesCountText(count: number, moreThanCount = false): string {
  if (moreThanCount) return `${count}+ matches`;
  return count === 1 ? "1 match" : `${count} matches`;
}

/** "User" from "user": for headers and titles. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
