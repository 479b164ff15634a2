"use client";

import Button from "@cloudscape-design/components/button";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, useTransition, type ReactNode } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable, type DataTableEmptyState } from "@/components/data-table/data-table";
import type { DataTableColumn, DataTableConfig } from "@/components/data-table/table-config";
import type { ActionResult } from "@/lib/action-result";
import { entityHref } from "@/lib/console-paths";
import { failureNotification } from "./failure-notification";
import type { EntityKind } from "./kinds";
import { RemoveModal } from "./remove-modal";

// A table on an entity's page whose rows can be removed from it (its policies, a user's
// groups, a group's users): Remove asks in a small dialog, runs the page's action, and says
// the outcome in the Flashbar. The action revalidates the page, so the rows update in place.

export interface Removal<T> {
  /** Why Remove is disabled for this selection (besides an empty one), if it is. */
  blockedReason?: (chosen: readonly T[]) => string | undefined;
  emptyReason: string;
  header: (chosen: readonly T[]) => string;
  body: (chosen: readonly T[]) => string;
  run: (chosen: readonly T[]) => Promise<ActionResult<unknown>>;
  /** "Remove policies failed" */
  failure: string;
}

export function RemovableTable<T extends object>({
  config,
  items,
  header,
  description,
  filterControls,
  readOnly = false,
  add,
  addMenu,
  empty,
  removal,
}: {
  config: DataTableConfig<T>;
  items: readonly T[];
  header: string;
  description: string;
  filterControls?: ReactNode;
  /** No selection and no actions (a service-linked role's policies). */
  readOnly?: boolean;
  /** The page that adds rows: the primary button beside Remove, and the empty table's action. */
  add: { text: string; href: string };
  /** Instead of the primary button, a menu of ways to add. */
  addMenu?: ReactNode;
  empty: Omit<DataTableEmptyState, "action">;
  removal: Removal<T>;
}) {
  const { notify } = useNotifications();
  const follow = useFollow();
  const [selected, setSelected] = useState<readonly T[]>([]);
  const [removing, setRemoving] = useState<readonly T[] | null>(null);
  const [pending, startTransition] = useTransition();
  const idOf = (row: T) => config.getRowId(row);

  const confirm = () => {
    const chosen = removing ?? [];
    startTransition(async () => {
      const result = await removal.run(chosen);
      setRemoving(null);
      if (result.ok) {
        setSelected([]);
        notify({ type: "success", content: result.message });
      } else {
        notify(failureNotification(removal.failure, resultError(result)));
      }
    });
  };

  return (
    <>
      <DataTable<T>
        config={config}
        items={items}
        header={header}
        description={description}
        variant="container"
        selectionType={readOnly ? undefined : "multi"}
        selectedIds={selected.map(idOf)}
        onSelectionChange={setSelected}
        filteringPlaceholder="Search"
        filterControls={filterControls}
        actions={(chosen) => {
          if (readOnly) return undefined;
          const blocked = chosen.length > 0 ? removal.blockedReason?.(chosen) : undefined;
          return (
            <SpaceBetween direction="horizontal" size="xs">
              <Button disabled={chosen.length === 0 || !!blocked} disabledReason={blocked ?? removal.emptyReason} onClick={() => setRemoving(chosen)}>
                Remove
              </Button>
              {addMenu ?? (
                <Button variant="primary" href={add.href} onFollow={follow}>
                  {add.text}
                </Button>
              )}
            </SpaceBetween>
          );
        }}
        empty={
          readOnly
            ? empty
            : {
                ...empty,
                action: (
                  <Button href={add.href} onFollow={follow}>
                    {add.text}
                  </Button>
                ),
              }
        }
      />
      <RemoveModal
        visible={removing !== null}
        header={removing ? removal.header(removing) : ""}
        pending={pending}
        onConfirm={confirm}
        onDismiss={() => setRemoving(null)}
      >
        {removing ? removal.body(removing) : ""}
      </RemoveModal>
    </>
  );
}

/** A table's first column: the entity's name, linking to its page. */
export function entityNameColumn<T>(kind: EntityKind, header: string, nameOf: (row: T) => string): DataTableColumn<T> {
  return {
    id: `${kind.toLowerCase()}Name`,
    header,
    cell: (row) => <RouterLink href={entityHref(kind, nameOf(row))}>{nameOf(row)}</RouterLink>,
    value: nameOf,
    isRowHeader: true,
    alwaysVisible: true,
  };
}
