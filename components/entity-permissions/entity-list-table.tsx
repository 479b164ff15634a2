"use client";

import type { RowData } from "@tanstack/react-table";
import { useState } from "react";
import { ListPageTable, type ListPageTableProps } from "@/components/data-table/list-page-table";
import { useDeleteEntitiesModal } from "./delete-entities-modal";
import type { EntityKind } from "./kinds";

// The Users, User groups and Roles lists: several rows can be chosen, and Delete opens the
// dialog that lists what goes with them. The rows' ids are the entities' names.

/** Omit from each member of a union: the table's props are its client or its server props. */
type OmitEach<U, K extends PropertyKey> = U extends unknown ? Omit<U, K> : never;

export type EntityListTableProps<T> = OmitEach<ListPageTableProps<T>, "selected" | "onSelectionChange" | "onDelete" | "children" | "selectionType"> & {
  kind: EntityKind;
};

export function EntityListTable<T extends RowData>({ kind, ...props }: EntityListTableProps<T>) {
  const [selected, setSelected] = useState<readonly T[]>([]);
  const deletion = useDeleteEntitiesModal(kind, { onDeleted: () => setSelected([]) });
  return (
    <ListPageTable<T>
      {...props}
      selectionType="multi"
      selected={selected}
      onSelectionChange={setSelected}
      onDelete={(chosen) => deletion.open(chosen.map((row) => props.config.getRowId(row)))}
    >
      {deletion.modal}
    </ListPageTable>
  );
}
