"use client";

import ButtonDropdown, { type ButtonDropdownProps } from "@cloudscape-design/components/button-dropdown";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import type { DataTableConfig } from "@/components/data-table/table-config";
import { PermissionAlert } from "@/components/permission-alert";

// What the credential sections of a Security credentials tab share: a named region with AWS's
// AccessDenied message when the section may not be listed, then a table in single selection
// whose Actions menu sets the chosen credential's status or deletes it (after the section's own
// items), beside the section's button (Create, Upload, Generate), also offered when it is empty.

type Status = "Active" | "Inactive";

export interface CredentialTableProps<T extends { Status: Status }> {
  /** The section's header, also its region's name. */
  header: string;
  description: string;
  config: DataTableConfig<T>;
  rows: readonly T[];
  denied?: string;
  /** Alerts shown above the table (after the permission alert). */
  notices?: ReactNode;
  selected: readonly T[];
  onSelectionChange: (selected: readonly T[]) => void;
  pending: boolean;
  filteringPlaceholder?: string;
  /** "Choose an SSH public key." */
  chooseReason: string;
  /** The section's own menu items, before the status items ("Show SSH key", "Reset password"). */
  items?: ButtonDropdownProps.Item[];
  onItem?: (id: string, row: T) => void;
  /** The status items' labels: "Activate" / "Deactivate", or "Make active" / "Make inactive". */
  statusLabels: Record<Status, string>;
  onStatus: (row: T, status: Status, label: string) => void;
  onDelete: (row: T) => void;
  /** The section's button, beside Actions and in the empty state. */
  button: ReactNode;
  empty: { title: string; description: string };
  /** The section's dialogs. */
  children?: ReactNode;
}

export function CredentialTable<T extends { Status: Status }>(props: CredentialTableProps<T>) {
  const { config, statusLabels } = props;
  return (
    <section aria-label={props.header}>
      <SpaceBetween size="s">
        {props.denied && <PermissionAlert message={props.denied} />}
        {props.notices}
        <DataTable<T>
          config={config}
          items={props.rows}
          header={props.header}
          description={props.description}
          variant="container"
          selectionType="single"
          selectedIds={props.selected.map(config.getRowId)}
          onSelectionChange={props.onSelectionChange}
          loading={props.pending}
          filteringPlaceholder={props.filteringPlaceholder}
          actions={(chosen) => {
            const row = chosen[0];
            return (
              <SpaceBetween direction="horizontal" size="xs">
                <ButtonDropdown
                  disabled={!row}
                  disabledReason={props.chooseReason}
                  items={[
                    ...(props.items ?? []),
                    { id: "activate", text: statusLabels.Active, disabled: row?.Status === "Active" },
                    { id: "deactivate", text: statusLabels.Inactive, disabled: row?.Status === "Inactive" },
                    { id: "delete", text: "Delete" },
                  ]}
                  onItemClick={({ detail }) => {
                    if (!row) return;
                    if (detail.id === "activate") props.onStatus(row, "Active", statusLabels.Active);
                    else if (detail.id === "deactivate") props.onStatus(row, "Inactive", statusLabels.Inactive);
                    else if (detail.id === "delete") props.onDelete(row);
                    else props.onItem?.(detail.id, row);
                  }}
                >
                  Actions
                </ButtonDropdown>
                {props.button}
              </SpaceBetween>
            );
          }}
          empty={{ ...props.empty, action: props.button }}
        />
      </SpaceBetween>
      {props.children}
    </section>
  );
}
