"use client";

import Button from "@cloudscape-design/components/button";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { RowData } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useTransition, type ReactNode } from "react";
import { useFollow } from "@/components/console-layout/use-follow";
import { PermissionAlert } from "@/components/permission-alert";
import { DataTable, type DataTableClientProps, type DataTableServerProps } from "./data-table";
import type { TableQuery } from "./table-query";

// The table of a list page (Users, User groups, Roles, Policies, Identity providers), as the
// IAM console lays them out: the permission alert when the list was denied, then the full-page
// table whose header holds Refresh, what the page adds (the policies' Actions menu), Delete
// for the selection and the primary create button, which the empty state offers again.

/** What a server-paged list page reads for its table (see readTablePage). */
export interface ListPageData<T> {
  rows: T[];
  totalCount: number;
  query: TableQuery;
  accessDenied?: string;
}

type ListPageTableOwn<T> = {
  /** The list's AccessDenied message: the alert shows above an empty table. */
  accessDenied?: string;
  /** The page controls the selection, to clear it once the chosen rows are deleted. */
  selected: readonly T[];
  onSelectionChange: (selected: readonly T[]) => void;
  /** Why Delete cannot run on these rows, or undefined when it can. */
  deleteBlocked: (selected: readonly T[]) => string | undefined;
  onDelete: (selected: readonly T[]) => void;
  /** The primary button, e.g. "Create user" at /users/create. */
  create: { text: string; href: string };
  /** The empty state offers the create button too, unless this is false. */
  createWhenEmpty?: boolean;
  /** Buttons between Refresh and Delete. */
  moreActions?: (selected: readonly T[]) => ReactNode;
  /** The delete dialog. */
  children?: ReactNode;
};

type TableProps<P> = Omit<P, "actions" | "variant" | "selectedIds" | "onSelectionChange">;

export type ListPageTableProps<T> = ListPageTableOwn<T> &
  (TableProps<DataTableClientProps<T>> | TableProps<DataTableServerProps<T>>);

export function ListPageTable<T extends RowData>(props: ListPageTableProps<T>) {
  const {
    accessDenied,
    selected,
    onSelectionChange,
    deleteBlocked,
    onDelete,
    create,
    createWhenEmpty = true,
    moreActions,
    children,
    ...table
  } = props;
  const router = useRouter();
  const follow = useFollow();
  const [refreshing, startRefresh] = useTransition();

  const actions = (chosen: readonly T[]) => {
    const blocked = deleteBlocked(chosen);
    return (
      <SpaceBetween direction="horizontal" size="xs">
        <Button iconName="refresh" ariaLabel={`Refresh ${table.header.toLowerCase()}`} onClick={() => startRefresh(() => router.refresh())} />
        {moreActions?.(chosen)}
        <Button disabled={blocked !== undefined} disabledReason={blocked} onClick={() => onDelete(chosen)}>
          Delete
        </Button>
        <Button variant="primary" href={create.href} onFollow={follow}>
          {create.text}
        </Button>
      </SpaceBetween>
    );
  };
  const empty = createWhenEmpty
    ? {
        ...table.empty,
        action: (
          <Button href={create.href} onFollow={follow}>
            {create.text}
          </Button>
        ),
      }
    : table.empty;
  const shared = {
    variant: "full-page" as const,
    filteringPlaceholder: "Search",
    ...table,
    empty,
    loading: refreshing || table.loading,
    selectedIds: selected.map((row) => table.config.getRowId(row)),
    onSelectionChange,
    actions,
  };

  return (
    <SpaceBetween size="m">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      <DataTable<T> {...shared} />
      {children}
    </SpaceBetween>
  );
}
