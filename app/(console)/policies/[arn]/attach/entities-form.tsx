"use client";

import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { PermissionAlert } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import { policyHref } from "@/lib/console-paths";
import { changeAttachmentsAndReturn } from "../../actions";

// "Attach policy" and "Detach policy" (Policies ▸ Actions, and the Entities attached tab): the
// account's users, groups and roles to choose from.

export interface EntityChoice {
  id: string;
  kind: "User" | "Group" | "Role";
  name: string;
}

const ENTITY_CHOICES = defineTable<EntityChoice>({
  resourceName: { singular: "entity", plural: "entities" },
  preferencesKey: "policy-entity-choices",
  getRowId: (e) => e.id,
  getRowLabel: (e) => e.name,
  columns: [
    { id: "name", header: "Name", cell: (e) => e.name, value: (e) => e.name, isRowHeader: true, alwaysVisible: true },
    { id: "type", header: "Type", cell: (e) => e.kind, value: (e) => e.kind },
  ],
  defaultSort: { columnId: "name", descending: false },
});

export function EntitiesForm({
  mode,
  policyName,
  arn,
  entities,
  denied,
}: {
  mode: "attach" | "detach";
  policyName: string;
  arn: string;
  entities: EntityChoice[];
  denied: string[];
}) {
  const follow = useFollow();
  const [chosen, setChosen] = useState<readonly EntityChoice[]>([]);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = `${policyHref(arn)}?section=entities_attached`;

  const submit = () => {
    startTransition(async () => {
      const input = chosen.map((e) => ({ kind: e.kind, name: e.name }));
      const result = await changeAttachmentsAndReturn(mode, arn, input);
      // The action revalidated the page: entities changed before a failing call show as they are.
      if (!result.ok) setError(resultError(result));
    });
  };

  return (
    <Form
      header={<Header variant="h1">{mode === "attach" ? `Attach ${policyName}` : `Detach ${policyName}`}</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" href={back} onFollow={follow} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={chosen.length === 0}>
            {mode === "attach" ? "Attach policy" : "Detach policy"}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        {denied.map((message) => (
          <PermissionAlert key={message} message={message} />
        ))}
        <ActionErrorAlert error={error} />
        <DataTable<EntityChoice>
          config={ENTITY_CHOICES}
          items={entities}
          header={mode === "attach" ? "IAM entities" : "Attached entities"}
          description={
            mode === "attach"
              ? "Choose the users, groups, and roles to attach this policy to."
              : "Choose the users, groups, and roles to detach this policy from."
          }
          selectionType="multi"
          selectedIds={chosen.map((e) => e.id)}
          onSelectionChange={setChosen}
          empty={{
            title: "No entities",
            description: mode === "attach" ? "Every user, group, and role already has this policy." : "This policy is not attached to any entity.",
          }}
          filteringPlaceholder="Filter entities"
        />
      </SpaceBetween>
    </Form>
  );
}
