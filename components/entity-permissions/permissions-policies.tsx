"use client";

import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Select from "@cloudscape-design/components/select";
import { useMemo, useState } from "react";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { defineTable, type DataTableColumn } from "@/components/data-table/table-config";
import { entityHref, groupHref, policyHref } from "@/lib/console-paths";
import { removePolicies } from "./actions";
import { InlinePolicyLink } from "./inline-policy-link";
import { ENTITY_WORDS, type EntityKind, type PolicyTypeText } from "./kinds";
import type { PermissionRow } from "./permission-rows";
import { RemovableTable } from "./removable-table";

// The "Permissions policies" table of a user's, group's or role's Permissions tab: managed
// policies link to their page, inline ones open their document; Remove detaches or deletes
// them, "Add permissions" attaches or creates. A user's table also lists what it has through
// its groups ("Attached via"), which can only be removed on the group.

const nameColumn = (kind: EntityKind, entityName: string, readOnly: boolean): DataTableColumn<PermissionRow> => ({
  id: "name",
  header: "Policy name",
  cell: (row) =>
    row.arn ? (
      <RouterLink href={policyHref(row.arn)}>{row.name}</RouterLink>
    ) : (
      <InlinePolicyLink
        name={row.name}
        document={row.document}
        groupName={row.groupName}
        editHref={
          row.groupName || readOnly ? undefined : `${entityHref(kind, entityName, "inline-policy")}?policyName=${encodeURIComponent(row.name)}`
        }
      />
    ),
  value: (row) => row.name,
  isRowHeader: true,
  alwaysVisible: true,
});

const attachedVia = (row: PermissionRow) => (row.groupName ? `Group ${row.groupName}` : "Directly");

function permissionsTable(kind: EntityKind, entityName: string, readOnly: boolean) {
  return defineTable<PermissionRow>({
    resourceName: { singular: "policy", plural: "policies" },
    preferencesKey: `${kind.toLowerCase()}-permissions`,
    getRowId: (row) => row.id,
    getRowLabel: (row) => row.name,
    columns: [
      nameColumn(kind, entityName, readOnly),
      { id: "type", header: "Type", cell: (row) => row.type, value: (row) => row.type },
      ...(kind === "User"
        ? [
            {
              id: "attachedVia",
              header: "Attached via",
              cell: (row: PermissionRow) => (row.groupName ? <RouterLink href={groupHref(row.groupName)}>{attachedVia(row)}</RouterLink> : attachedVia(row)),
              value: attachedVia,
            },
          ]
        : []),
    ],
    defaultSort: { columnId: "name", descending: false },
  });
}

const ALL_TYPES = { value: "", label: "All types" };
const TYPE_FILTERS: PolicyTypeText[] = ["AWS managed", "AWS managed - job function", "Customer managed", "Customer inline"];

function removeText(noun: string, entityName: string, chosen: readonly PermissionRow[]): string {
  const single = chosen.length === 1 ? chosen[0] : undefined;
  if (!single) return `The selected policies will be removed from the ${noun} ${entityName}. Inline policies are deleted.`;
  return single.arn
    ? `The policy ${single.name} will be detached from the ${noun} ${entityName}.`
    : `The inline policy ${single.name} will be deleted from the ${noun} ${entityName}. This cannot be undone.`;
}

export function PermissionsPolicies({
  kind,
  entityName,
  rows,
  readOnly = false,
}: {
  kind: EntityKind;
  entityName: string;
  rows: PermissionRow[];
  /** A service-linked role: only the service changes its policies. */
  readOnly?: boolean;
}) {
  const follow = useFollow();
  const words = ENTITY_WORDS[kind];
  const config = useMemo(() => permissionsTable(kind, entityName, readOnly), [kind, entityName, readOnly]);
  const [type, setType] = useState("");
  const shown = useMemo(() => (type ? rows.filter((r) => r.type === type) : rows), [rows, type]);
  const addHref = entityHref(kind, entityName, words.addPolicies.page);
  const inlineHref = entityHref(kind, entityName, "inline-policy");

  return (
    <RemovableTable<PermissionRow>
      config={config}
      items={shown}
      header="Permissions policies"
      description={words.permissionsDescription}
      readOnly={readOnly}
      filterControls={
        kind === "User" ? (
          <Select
            selectedOption={type ? { value: type, label: type } : ALL_TYPES}
            onChange={({ detail }) => setType(detail.selectedOption.value ?? "")}
            options={[ALL_TYPES, ...TYPE_FILTERS.map((t) => ({ value: t, label: t }))]}
            ariaLabel="Filter by Type"
            inlineLabelText="Filter by Type"
          />
        ) : undefined
      }
      add={{ text: words.addPolicies.text, href: addHref }}
      addMenu={
        <ButtonDropdown
          variant="primary"
          items={[
            { id: "add", text: words.addPolicies.text, href: addHref },
            { id: "inline", text: "Create inline policy", href: inlineHref },
          ]}
          onItemFollow={follow}
        >
          Add permissions
        </ButtonDropdown>
      }
      empty={{ title: "No permissions policies", description: `No policies are attached to this ${words.noun}.` }}
      removal={{
        blockedReason: (chosen) =>
          chosen.some((r) => r.groupName)
            ? "Policies attached through a group can only be removed from the group, or by removing the user from the group."
            : undefined,
        emptyReason: "Select one or more policies to remove.",
        header: (chosen) => (chosen.length === 1 ? `Remove ${chosen[0].name}?` : `Remove ${chosen.length} policies?`),
        body: (chosen) => removeText(words.noun, entityName, chosen),
        run: (chosen) => removePolicies(kind, entityName, chosen.map((r) => (r.arn ? { kind: "managed", id: r.arn } : { kind: "inline", id: r.name }))),
        failure: "Remove policies failed",
      }}
    />
  );
}
