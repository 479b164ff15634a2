"use client";

import Button from "@cloudscape-design/components/button";
import FormField from "@cloudscape-design/components/form-field";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { ActionModal } from "@/components/action-modal";
import { defineTable } from "@/components/data-table/table-config";
import { Copyable } from "@/components/copyable";
import { EntityDetail } from "@/components/entity-permissions/entity-detail";
import type { PermissionRow } from "@/components/entity-permissions/permission-rows";
import { PermissionsTab } from "@/components/entity-permissions/permissions-tab";
import { entityNameColumn, RemovableTable } from "@/components/entity-permissions/removable-table";
import { LAST_ACCESSED_TAB } from "@/components/last-accessed/last-accessed-rows";
import { LastAccessedTab } from "@/components/last-accessed/last-accessed-tab";
import { useActionSubmit } from "@/components/use-action-submit";
import { groupHref } from "@/lib/console-paths";
import { GROUP_NAME_CONSTRAINT, groupNameError } from "../../group-form-checks";
import { removeUsers, renameGroup } from "./actions";

export interface GroupView {
  GroupName: string;
  Arn: string;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
}

export interface GroupMemberRow {
  UserName: string;
  /** "2 hours ago" or "-". */
  lastSignIn: string;
  created: string;
}

export function GroupDetail({
  group,
  members,
  permissions,
  permissionsDenied,
}: {
  group: GroupView;
  members: GroupMemberRow[];
  permissions: PermissionRow[];
  permissionsDenied?: string;
}) {
  const [renaming, setRenaming] = useState(false);
  return (
    <EntityDetail
      kind="Group"
      name={group.GroupName}
      summaryActions={<Button onClick={() => setRenaming(true)}>Edit</Button>}
      summary={[
        { label: "User group name", value: group.GroupName },
        { label: "Creation time", value: group.created },
        { label: "ARN", value: <Copyable text={group.Arn} /> },
      ]}
      tabs={[
        { id: "users", label: `Users (${members.length})`, content: <Members groupName={group.GroupName} rows={members} /> },
        {
          id: "permissions",
          label: "Permissions",
          content: <PermissionsTab kind="Group" entityName={group.GroupName} rows={permissions} denied={permissionsDenied} />,
        },
        { id: LAST_ACCESSED_TAB, label: "Last accessed", content: <LastAccessedTab arn={group.Arn} subject="Group" /> },
      ]}
    >
      <RenameModal groupName={group.GroupName} visible={renaming} onDismiss={() => setRenaming(false)} />
    </EntityDetail>
  );
}

/** "Edit" of the summary: the group's new name (UpdateGroup); success opens the renamed group's page. */
function RenameModal({ groupName, visible, onDismiss }: { groupName: string; visible: boolean; onDismiss: () => void }) {
  const [name, setName] = useState(groupName);
  const { pending, error, submit } = useActionSubmit();
  const nameError = groupNameError(name);
  const save = () => {
    if (!nameError) submit(() => renameGroup(groupName, name));
  };

  return (
    <ActionModal
      visible={visible}
      header={`Edit ${groupName}`}
      submitLabel="Save changes"
      onSubmit={save}
      submitDisabled={!!nameError || name === groupName}
      pending={pending}
      onClose={onDismiss}
    >
      <SpaceBetween size="m">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <FormField label="User group name" constraintText={GROUP_NAME_CONSTRAINT} errorText={nameError} controlId="rename-group">
            <Input controlId="rename-group" value={name} onChange={({ detail }) => setName(detail.value)} invalid={!!nameError} />
          </FormField>
        </form>
        <ActionErrorAlert error={error} />
      </SpaceBetween>
    </ActionModal>
  );
}

const MEMBERS_TABLE = defineTable<GroupMemberRow>({
  resourceName: { singular: "user", plural: "users" },
  preferencesKey: "group-members",
  getRowId: (u) => u.UserName,
  columns: [
    entityNameColumn<GroupMemberRow>("User", "User name", (u) => u.UserName),
    { id: "lastSignIn", header: "Console last sign-in", cell: (u) => u.lastSignIn, sortable: false },
    { id: "created", header: "Creation time", cell: (u) => u.created, sortable: false },
  ],
  defaultSort: { columnId: "userName", descending: false },
});

/** The Users tab: the group's members, Remove, and "Add users". */
function Members({ groupName, rows }: { groupName: string; rows: GroupMemberRow[] }) {
  return (
    <RemovableTable<GroupMemberRow>
      config={MEMBERS_TABLE}
      items={rows}
      header="Users in this group"
      description="An IAM user is an entity that you create in AWS to represent the person or application that uses it to interact with AWS."
      add={{ text: "Add users", href: groupHref(groupName, "add-users") }}
      empty={{ title: "No users", description: "This group has no users." }}
      removal={{
        emptyReason: "Select one or more users to remove.",
        header: (chosen) => (chosen.length === 1 ? `Remove ${chosen[0].UserName} from ${groupName}?` : `Remove ${chosen.length} users from ${groupName}?`),
        body: () => `The users lose the permissions they have through ${groupName}. They are not deleted.`,
        run: (chosen) => removeUsers(groupName, chosen.map((u) => u.UserName)),
        failure: "Remove users failed",
      }}
    />
  );
}
