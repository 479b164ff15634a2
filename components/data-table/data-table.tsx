"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import CollectionPreferences from "@cloudscape-design/components/collection-preferences";
import Header, { type HeaderProps } from "@cloudscape-design/components/header";
import Pagination from "@cloudscape-design/components/pagination";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Table, { type TableProps } from "@cloudscape-design/components/table";
import TextFilter from "@cloudscape-design/components/text-filter";
import {
  columnFilteringFeature,
  columnOrderingFeature,
  columnVisibilityFeature,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  functionalUpdate,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type FilterFn,
  type PaginationState,
  type RowData,
  type RowSelectionState,
  type SortFn,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { usePathname, useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type ReactNode } from "react";
import {
  capitalize,
  compareValues,
  filterValueOf,
  headerCounter,
  initialQuery,
  isFilterable,
  isSortable,
  matchesCountText,
  matchesFilter,
  tableQueryOptions,
  type ColumnValue,
  type DataTableColumn,
  type DataTableConfig,
  type TablePreferences,
} from "./table-config";
import { hrefWithQuery, lastPage, tableQuerySearchParams, type TableQuery } from "./table-query";
import styles from "./data-table.module.css";
import { useTablePreferences } from "./use-table-preferences";

// The one DataTable. TanStack Table holds the state (sorting, filter text, pagination, row
// selection, column visibility and order) and Cloudscape's Table renders it, with a header
// (counter and selection-aware actions), a text filter, pagination, preferences, and separate
// empty and no-match states.
//
// Client mode (default): all rows are given; sorting, filtering and paging happen here.
// Server mode: one page of rows and the total are given, with the query the server page parsed
// from its searchParams (parseTableQuery); sorting, filtering and paging change the URL, and
// the server page renders the new page.

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
  rowSelectionFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
});
type Features = typeof features;

function sortByValue<T extends RowData>(): SortFn<Features, T> {
  return (a, b, columnId) => compareValues(a.getValue<ColumnValue>(columnId), b.getValue<ColumnValue>(columnId));
}

function filterByText<T extends RowData>(columnsById: ReadonlyMap<string, DataTableColumn<T>>): FilterFn<Features, T> {
  return (row, columnId, filter) => {
    const column = columnsById.get(columnId);
    return !!column && matchesFilter([filterValueOf(column, row.original)], typeof filter === "string" ? filter : "");
  };
}

export interface DataTableEmptyState {
  /** "No users" */
  title: string;
  /** "No users to display." */
  description?: string;
  /** Usually the create button. */
  action?: ReactNode;
}

interface DataTableCommonProps<T> {
  config: DataTableConfig<T>;
  /** All rows (client mode) or the current page (server mode). Keep the array stable between renders. */
  items: readonly T[];
  /** The header text; also the table's accessible name. */
  header: string;
  headerVariant?: HeaderProps.Variant;
  description?: ReactNode;
  info?: ReactNode;
  /** The header's actions, given the selected rows (selection-aware: disable what needs a selection). */
  actions?: (selected: readonly T[]) => ReactNode;
  selectionType?: "single" | "multi";
  /** Controls the selection by row id; without it the table keeps its own. */
  selectedIds?: readonly string[];
  onSelectionChange?: (selected: readonly T[]) => void;
  empty: DataTableEmptyState;
  /** Defaults to "Find <plural>". */
  filteringPlaceholder?: string;
  /** Controls beside the text filter, e.g. the policy picker's "Filter by Type" select. */
  filterControls?: ReactNode;
  variant?: TableProps.Variant;
  loading?: boolean;
  loadingText?: string;
}

export interface DataTableClientProps<T> extends DataTableCommonProps<T> {
  mode?: "client";
}

export interface DataTableServerProps<T> extends DataTableCommonProps<T> {
  mode: "server";
  /** All rows that match the query, on every page; with openEnd, those up to this page. */
  totalCount: number;
  /**
   * More rows follow totalCount, uncounted (a history read by cursor): the counter shows "N+"
   * and the pagination offers the page after the last one counted.
   */
  openEnd?: boolean;
  /** What the server page parsed from its searchParams (parseTableQuery with tableQueryOptions(config)). */
  query: TableQuery;
  /** As given to tableQueryOptions, when the page has two server tables. */
  paramPrefix?: string;
}

export type DataTableProps<T> = DataTableClientProps<T> | DataTableServerProps<T>;

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { config, items, selectionType, onSelectionChange } = props;
  const server = props.mode === "server" ? props : undefined;
  const options = useMemo(() => tableQueryOptions(config, server?.paramPrefix), [config, server?.paramPrefix]);
  const [preferences, savePreferences] = useTablePreferences(config);
  const columnsById = useMemo(() => new Map(config.columns.map((c) => [c.id, c])), [config]);

  // ---- The query: from the URL (server) or local (client) ----
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, startNavigation] = useTransition();
  const [localQuery, setLocalQuery] = useState<TableQuery>(() => initialQuery(options));
  const query: TableQuery = server ? server.query : { ...localQuery, pageSize: preferences.pageSize };

  const changeQuery = (next: TableQuery) => {
    if (!server) {
      setLocalQuery(next);
      return;
    }
    const params = tableQuerySearchParams(next, options, new URLSearchParams(window.location.search));
    startNavigation(() => router.replace(hrefWithQuery(pathname, params), { scroll: false }));
  };

  // The filter input follows the URL, and runs ahead of it while the user types.
  const [filterInput, setFilterInput] = useState(query.filter);
  const [urlFilter, setUrlFilter] = useState(query.filter);
  if (server && server.query.filter !== urlFilter) {
    setUrlFilter(server.query.filter);
    setFilterInput(server.query.filter);
  }

  // ---- TanStack Table ----
  const columns = useMemo(
    () =>
      config.columns.map(
        (c): ColumnDef<Features, T> => ({
          id: c.id,
          header: c.header,
          accessorFn: (item) => c.value?.(item),
          enableSorting: isSortable(c),
          enableGlobalFilter: isFilterable(c),
          enableHiding: !c.alwaysVisible,
          sortFn: sortByValue<T>(),
          sortUndefined: "last",
        }),
      ),
    [config],
  );

  const globalFilterFn = useMemo(() => filterByText<T>(columnsById), [columnsById]);
  const sorting: SortingState = query.sort ? [{ id: query.sort.columnId, desc: query.sort.descending }] : [];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };
  const columnVisibility = useMemo(
    () => Object.fromEntries(preferences.contentDisplay.map((d) => [d.id, d.visible])),
    [preferences.contentDisplay],
  );
  const columnOrder = useMemo(() => preferences.contentDisplay.map((d) => d.id), [preferences.contentDisplay]);
  const [ownSelection, setOwnSelection] = useState<RowSelectionState>({});
  const rowSelection = useMemo(
    () => (props.selectedIds ? Object.fromEntries(props.selectedIds.map((id) => [id, true] as const)) : ownSelection),
    [props.selectedIds, ownSelection],
  );

  const table = useTable<Features, T>({
    features,
    columns,
    data: items,
    getRowId: (item) => config.getRowId(item),
    state: { sorting, globalFilter: query.filter, pagination, rowSelection, columnVisibility, columnOrder },
    globalFilterFn,
    getColumnCanGlobalFilter: (column) => {
      const c = columnsById.get(column.id);
      return !!c && isFilterable(c);
    },
    manualSorting: !!server,
    manualFiltering: !!server,
    manualPagination: !!server,
    // One row more than counted lets the table move to the page after the last one counted.
    ...(server ? { rowCount: server.totalCount + (server.openEnd ? 1 : 0) } : {}),
    autoResetPageIndex: false,
    enableMultiRowSelection: selectionType === "multi",
    enableRowSelection: !!selectionType,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const [first] = functionalUpdate(updater, sorting);
      changeQuery({ ...query, page: 1, sort: first ? { columnId: first.id, descending: first.desc } : undefined });
    },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      changeQuery({ ...query, page: next.pageIndex + 1, pageSize: next.pageSize });
    },
    onGlobalFilterChange: (updater: Updater<string>) => {
      changeQuery({ ...query, page: 1, filter: String(functionalUpdate(updater, query.filter) ?? "") });
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      const next = functionalUpdate(updater, rowSelection);
      if (!props.selectedIds) setOwnSelection(next);
      onSelectionChange?.(items.filter((item) => next[config.getRowId(item)]));
    },
  });

  // ---- What Cloudscape shows ----
  const rowModel = table.getRowModel();
  const shown = useMemo(() => rowModel.rows.map((row) => row.original), [rowModel]);
  const selectedRows = table.getSelectedRowModel();
  const selected = useMemo(() => selectedRows.rows.map((row) => row.original), [selectedRows]);
  const totalCount = server ? server.totalCount : items.length;
  const matchedCount = server ? server.totalCount : table.getFilteredRowModel().rows.length;
  const pagesCount = lastPage(matchedCount, query.pageSize);
  const filtering = query.filter.trim() !== "";
  const { plural } = config.resourceName;

  // A page past the end (rows were deleted, or a hand-edited URL) shows the last one.
  const currentPage = Math.min(query.page, pagesCount);
  if (!server && currentPage !== query.page) setLocalQuery({ ...localQuery, page: currentPage });

  const visibleColumns = table.getVisibleLeafColumns().flatMap((column) => {
    const c = columnsById.get(column.id);
    return c ? [c] : [];
  });
  const rowHeader = config.columns.find((c) => c.isRowHeader);
  const rowLabel = (item: T) =>
    config.getRowLabel?.(item) ?? (rowHeader?.value ? String(rowHeader.value(item) ?? "") : config.getRowId(item));

  const setFilter = (text: string) => {
    setFilterInput(text);
    if (!server) table.setGlobalFilter(text);
  };
  const clearFilter = () => {
    setFilterInput("");
    table.setGlobalFilter("");
  };

  const confirmPreferences = (next: TablePreferences) => {
    savePreferences(next);
    if (next.pageSize !== query.pageSize) table.setPagination({ pageIndex: 0, pageSize: next.pageSize });
  };

  return (
    <Table<T>
      items={shown}
      trackBy={config.getRowId}
      columnDefinitions={visibleColumns.map((c) => cloudscapeColumn(c))}
      sortingColumn={query.sort && { sortingField: query.sort.columnId }}
      sortingDescending={query.sort?.descending}
      sortingDisabled={!config.columns.some(isSortable)}
      onSortingChange={({ detail }) => {
        const id = detail.sortingColumn.sortingField;
        if (id) table.setSorting([{ id, desc: detail.isDescending ?? false }]);
      }}
      selectionType={selectionType}
      selectedItems={selected}
      onSelectionChange={({ detail }) =>
        table.setRowSelection(Object.fromEntries(detail.selectedItems.map((item) => [config.getRowId(item), true] as const)))
      }
      onRowClick={
        selectionType === "single"
          ? ({ detail }) => table.setRowSelection({ [config.getRowId(detail.item)]: true })
          : undefined
      }
      ariaLabels={{
        tableLabel: props.header,
        selectionGroupLabel: `${capitalize(plural)} selection`,
        allItemsSelectionLabel: () => `Select all ${plural}`,
        itemSelectionLabel: (_, item) => rowLabel(item),
      }}
      renderAriaLive={({ firstIndex, lastIndex, totalItemsCount }) =>
        `Displaying ${plural} ${firstIndex} to ${lastIndex} of ${totalItemsCount ?? matchedCount}`
      }
      firstIndex={(currentPage - 1) * query.pageSize + 1}
      totalItemsCount={matchedCount}
      variant={props.variant}
      stickyHeader={props.variant === "full-page"}
      wrapLines={preferences.wrapLines}
      stripedRows={preferences.stripedRows}
      loading={props.loading || navigating}
      loadingText={props.loadingText ?? `Loading ${plural}`}
      header={
        <Header
          variant={props.headerVariant ?? (props.variant === "full-page" ? "awsui-h1-sticky" : "h2")}
          counter={headerCounter(totalCount, selected.length, server?.openEnd)}
          description={props.description}
          info={props.info}
          actions={props.actions?.(selected)}
        >
          {props.header}
        </Header>
      }
      filter={
        <FilterBar controls={props.filterControls}>
          <TextFilter
            filteringText={filterInput}
            filteringPlaceholder={props.filteringPlaceholder ?? `Find ${plural}`}
            filteringAriaLabel={`Filter ${plural}`}
            filteringClearAriaLabel="Clear filter"
            countText={filtering ? matchesCountText(matchedCount, server?.openEnd) : undefined}
            onChange={({ detail }) => setFilter(detail.filteringText)}
            onDelayedChange={({ detail }) => {
              if (server) table.setGlobalFilter(detail.filteringText);
            }}
          />
        </FilterBar>
      }
      pagination={
        <Pagination
          currentPageIndex={currentPage}
          pagesCount={pagesCount}
          openEnd={server?.openEnd}
          onChange={({ detail }) => table.setPageIndex(detail.currentPageIndex - 1)}
        />
      }
      preferences={
        <Preferences config={config} preferences={{ ...preferences, pageSize: query.pageSize }} onConfirm={confirmPreferences} />
      }
      empty={
        filtering ? (
          <EmptyState
            title="No matches"
            description={`No ${plural} match the filter.`}
            action={<Button onClick={clearFilter}>Clear filter</Button>}
          />
        ) : (
          <EmptyState {...props.empty} />
        )
      }
    />
  );
}

function cloudscapeColumn<T>(c: DataTableColumn<T>): TableProps.ColumnDefinition<T> {
  return {
    id: c.id,
    header: c.header,
    cell: c.cell,
    ...(isSortable(c) ? { sortingField: c.id } : {}),
    ...(c.isRowHeader ? { isRowHeader: true } : {}),
    ...(c.width !== undefined ? { width: c.width } : {}),
    ...(c.minWidth !== undefined ? { minWidth: c.minWidth } : {}),
  };
}

function Preferences<T>({
  config,
  preferences,
  onConfirm,
}: {
  config: DataTableConfig<T>;
  preferences: TablePreferences;
  onConfirm: (preferences: TablePreferences) => void;
}) {
  const { pageSizeOptions } = tableQueryOptions(config);
  const { plural } = config.resourceName;
  return (
    <CollectionPreferences
      title="Preferences"
      confirmLabel="Confirm"
      cancelLabel="Cancel"
      preferences={preferences}
      pageSizePreference={{
        title: "Page size",
        options: pageSizeOptions.map((value) => ({ value, label: `${value} ${plural}` })),
      }}
      wrapLinesPreference={{ label: "Wrap lines", description: "Select to see all the text and wrap the lines" }}
      stripedRowsPreference={{ label: "Striped rows", description: "Select to add alternating shaded rows" }}
      contentDisplayPreference={{
        title: "Column preferences",
        description: "Customize the columns visibility and order.",
        options: config.columns.map((c) => ({ id: c.id, label: c.header, alwaysVisible: !!c.alwaysVisible })),
      }}
      onConfirm={({ detail }) =>
        onConfirm({
          pageSize: detail.pageSize ?? preferences.pageSize,
          wrapLines: detail.wrapLines ?? preferences.wrapLines,
          stripedRows: detail.stripedRows ?? preferences.stripedRows,
          contentDisplay: (detail.contentDisplay ?? preferences.contentDisplay).map((d) => ({ id: d.id, visible: d.visible })),
        })
      }
    />
  );
}

/** The text filter, with any extra controls beside it (the filter grows, the controls keep their width). */
function FilterBar({ controls, children }: { controls?: ReactNode; children: ReactNode }) {
  if (!controls) return children;
  return (
    <div className={styles.filterBar}>
      <div className={styles.filterText}>{children}</div>
      <div className={styles.filterControls}>{controls}</div>
    </div>
  );
}

/** The empty (and no-match) state inside a table, as the Cloudscape demos draw it. */
export function EmptyState({ title, description, action }: DataTableEmptyState) {
  return (
    <Box margin={{ vertical: "xs" }} textAlign="center" color="inherit">
      <SpaceBetween size="m">
        <div>
          <b>{title}</b>
          {description && (
            <Box variant="p" color="inherit">
              {description}
            </Box>
          )}
        </div>
        {action}
      </SpaceBetween>
    </Box>
  );
}
