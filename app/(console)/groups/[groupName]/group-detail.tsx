"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tabs from "@cloudscape-design/components/tabs";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { PermissionAlert } from "@/components/permission-alert";
import { policyHref } from "@/components/policy-picker";
import type { ActionError } from "@/lib/action-result";
import type { PolicyTypeText } from "../../roles/role-text";
import { InlinePolicyLink } from "../../users/inline-policy-link";
import { failureNotification } from "../../users/failure-notification";
import { RemoveModal } from "../../users/remove-modal";
import { userHref } from "../../users/users-table-config";
import { useDeleteGroupsModal } from "../delete-groups-modal";
import { GROUP_NAME_CONSTRAINT, groupNameError } from "../group-form-checks";
import { groupHref } from "../groups-table-config";
import { removeGroupPermissions, removeUsers, renameGroup } from "./actions";

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

export interface GroupPermissionRow {
  /** The policy ARN, or "inline:NAME". */
  id: string;
  name: string;
  arn?: string;
  type: PolicyTypeText;
  document?: string;
  editHref?: string;
}

const TABS = ["users", "permissions"] as const;
type Tab = (typeof TABS)[number];

export function GroupDetail({
  group,
  members,
  permissions,
  permissionsDenied,
}: {
  group: GroupView;
  members: GroupMemberRow[];
  permissions: GroupPermissionRow[];
  permissionsDenied?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const requested = searchParams.get("tab");
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : "users";
  const deletion = useDeleteGroupsModal(() => router.push("/groups"));
  const [renaming, setRenaming] = useState(false);

  return (
    <ContentLayout
      header={
        <Header variant="h1" actions={<Button onClick={() => deletion.open([group.GroupName])}>Delete</Button>}>
          {group.GroupName}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2" actions={<Button onClick={() => setRenaming(true)}>Edit</Button>}>Summary</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              { label: "User group name", value: group.GroupName },
              { label: "Creation time", value: group.created },
              {
                label: "ARN",
                value: (
                  <CopyToClipboard
                    variant="inline"
                    textToCopy={group.Arn}
                    copyButtonAriaLabel="Copy ARN"
                    copySuccessText="ARN copied"
                    copyErrorText="ARN failed to copy"
                  />
                ),
              },
            ]}
          />
        </Container>
        <Tabs
          activeTabId={tab}
          onChange={({ detail }) => {
            const params = new URLSearchParams(searchParams.toString());
            params.set("tab", detail.activeTabId);
            router.replace(`${pathname}?${params.toString()}`, { scroll: false });
          }}
          ariaLabel="User group details"
          tabs={[
            { id: "users", label: `Users (${members.length})`, content: <Members group={group} rows={members} /> },
            {
              id: "permissions",
              label: "Permissions",
              content: (
                <SpaceBetween size="l">
                  {permissionsDenied && <PermissionAlert message={permissionsDenied} />}
                  <Permissions group={group} rows={permissions} />
                </SpaceBetween>
              ),
            },
          ]}
        />
      </SpaceBetween>
      <RenameModal group={group} visible={renaming} onDismiss={() => setRenaming(false)} />
      {deletion.modal}
    </ContentLayout>
  );
}

function RenameModal({ group, visible, onDismiss }: { group: GroupView; visible: boolean; onDismiss: () => void }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [name, setName] = useState(group.GroupName);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const nameError = groupNameError(name);

  const save = () => {
    if (nameError) return;
    startTransition(async () => {
      const result = await renameGroup(group.GroupName, name);
      if (result.ok) {
        onDismiss();
        notify({ type: "success", content: result.message });
        router.push(groupHref(result.data.GroupName));
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <Modal
      visible={visible}
      onDismiss={() => !pending && onDismiss()}
      header={`Edit ${group.GroupName}`}
      closeAriaLabel="Close dialog"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" onClick={save} loading={pending} disabled={!!nameError || name === group.GroupName}>
              Save changes
            </Button>
          </SpaceBetween>
        </Box>
      }
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
    </Modal>
  );
}

const MEMBERS_TABLE = defineTable<GroupMemberRow>({
  resourceName: { singular: "user", plural: "users" },
  preferencesKey: "group-members",
  getRowId: (u) => u.UserName,
  columns: [
    {
      id: "userName",
      header: "User name",
      cell: (u) => <RouterLink href={userHref(u.UserName)}>{u.UserName}</RouterLink>,
      value: (u) => u.UserName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "lastSignIn", header: "Console last sign-in", cell: (u) => u.lastSignIn, sortable: false },
    { id: "created", header: "Creation time", cell: (u) => u.created, sortable: false },
  ],
  defaultSort: { columnId: "userName", descending: false },
});

function Members({ group, rows }: { group: GroupView; rows: GroupMemberRow[] }) {
  const router = useRouter();
  const follow = useFollow();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly GroupMemberRow[]>([]);
  const [removing, setRemoving] = useState<readonly string[] | null>(null);
  const [pending, startTransition] = useTransition();
  const addHref = groupHref(group.GroupName, "add-users");

  const confirmRemove = () => {
    const names = removing ?? [];
    startTransition(async () => {
      const result = await removeUsers(group.GroupName, [...names]);
      if (result.ok) {
        setRemoving(null);
        setSelected([]);
        notify({ type: "success", content: result.message });
      } else {
        setRemoving(null);
        notify(failureNotification("Remove users failed", resultError(result)));
      }
      router.refresh();
    });
  };

  return (
    <>
      <DataTable<GroupMemberRow>
        config={MEMBERS_TABLE}
        items={rows}
        header="Users in this group"
        description="An IAM user is an entity that you create in AWS to represent the person or application that uses it to interact with AWS."
        variant="container"
        selectionType="multi"
        selectedIds={selected.map((u) => u.UserName)}
        onSelectionChange={setSelected}
        filteringPlaceholder="Search"
        actions={(chosen) => (
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              disabled={chosen.length === 0}
              disabledReason="Select one or more users to remove."
              onClick={() => {
                setRemoving(chosen.map((u) => u.UserName));
              }}
            >
              Remove
            </Button>
            <Button variant="primary" href={addHref} onFollow={follow}>
              Add users
            </Button>
          </SpaceBetween>
        )}
        empty={{
          title: "No users",
          description: "This group has no users.",
          action: (
            <Button href={addHref} onFollow={follow}>
              Add users
            </Button>
          ),
        }}
      />
      <RemoveModal
        visible={removing !== null}
        header={removing?.length === 1 ? `Remove ${removing[0]} from ${group.GroupName}?` : `Remove ${removing?.length ?? 0} users from ${group.GroupName}?`}
        pending={pending}
        onConfirm={confirmRemove}
        onDismiss={() => setRemoving(null)}
      >
        {`The users lose the permissions they have through ${group.GroupName}. They are not deleted.`}
      </RemoveModal>
    </>
  );
}

const PERMISSIONS_TABLE = defineTable<GroupPermissionRow>({
  resourceName: { singular: "policy", plural: "policies" },
  preferencesKey: "group-permissions",
  getRowId: (p) => p.id,
  getRowLabel: (p) => p.name,
  columns: [
    {
      id: "name",
      header: "Policy name",
      cell: (p) =>
        p.arn ? <RouterLink href={policyHref(p.arn)}>{p.name}</RouterLink> : <InlinePolicyLink name={p.name} document={p.document} editHref={p.editHref} />,
      value: (p) => p.name,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Type", cell: (p) => p.type, value: (p) => p.type },
  ],
  defaultSort: { columnId: "name", descending: false },
});

function Permissions({ group, rows }: { group: GroupView; rows: GroupPermissionRow[] }) {
  const router = useRouter();
  const follow = useFollow();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly GroupPermissionRow[]>([]);
  const [removing, setRemoving] = useState<readonly GroupPermissionRow[] | null>(null);
  const [pending, startTransition] = useTransition();
  const attachHref = groupHref(group.GroupName, "attach-policies");

  const confirmRemove = () => {
    const chosen = removing ?? [];
    startTransition(async () => {
      const result = await removeGroupPermissions(
        group.GroupName,
        chosen.map((p) => (p.arn ? { kind: "managed", id: p.arn } : { kind: "inline", id: p.name })),
      );
      if (result.ok) {
        setRemoving(null);
        setSelected([]);
        notify({ type: "success", content: result.message });
      } else {
        setRemoving(null);
        notify(failureNotification("Remove policies failed", resultError(result)));
      }
      router.refresh();
    });
  };

  const single = removing?.length === 1 ? removing[0] : undefined;
  return (
    <>
      <DataTable<GroupPermissionRow>
        config={PERMISSIONS_TABLE}
        items={rows}
        header="Permissions policies"
        description="You can attach up to 10 managed policies."
        variant="container"
        selectionType="multi"
        selectedIds={selected.map((p) => p.id)}
        onSelectionChange={setSelected}
        filteringPlaceholder="Search"
        actions={(chosen) => (
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              disabled={chosen.length === 0}
              disabledReason="Select one or more policies to remove."
              onClick={() => {
                setRemoving(chosen);
              }}
            >
              Remove
            </Button>
            <ButtonDropdown
              variant="primary"
              items={[
                { id: "attach", text: "Attach policies", href: attachHref },
                { id: "inline", text: "Create inline policy", href: groupHref(group.GroupName, "inline-policy") },
              ]}
              onItemFollow={(event) => {
                if (!event.detail.href) return;
                event.preventDefault();
                router.push(event.detail.href);
              }}
            >
              Add permissions
            </ButtonDropdown>
          </SpaceBetween>
        )}
        empty={{
          title: "No permissions policies",
          description: "No policies are attached to this group.",
          action: (
            <Button href={attachHref} onFollow={follow}>
              Attach policies
            </Button>
          ),
        }}
      />
      <RemoveModal
        visible={removing !== null}
        header={single ? `Remove ${single.name}?` : `Remove ${removing?.length ?? 0} policies?`}
        pending={pending}
        onConfirm={confirmRemove}
        onDismiss={() => setRemoving(null)}
      >
        {single && !single.arn
          ? `The inline policy ${single.name} will be deleted from ${group.GroupName}. This cannot be undone.`
          : `The users of ${group.GroupName} lose the permissions these policies grant.`}
      </RemoveModal>
    </>
  );
}
