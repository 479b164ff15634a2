"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tabs from "@cloudscape-design/components/tabs";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { PermissionAlert } from "@/components/permission-alert";
import { policyHref } from "@/components/policy-picker";
import type { KeyValueTag } from "@/components/resource-tags/tags";
import { TagsContainer } from "@/components/resource-tags/tags-container";
import type { PolicyTypeText } from "../../roles/role-text";
import { useDeleteUsersModal } from "../delete-users-modal";
import { InlinePolicyLink } from "../inline-policy-link";
import { groupHref } from "../../groups/groups-table-config";
import { failureNotification } from "../failure-notification";
import { RemoveModal } from "../remove-modal";
import { userHref } from "../users-table-config";
import { removeFromGroups, removePermissions, removePermissionsBoundary, saveUserTags } from "./actions";

export interface UserView {
  UserName: string;
  Arn: string;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
  /** "Enabled without MFA", "Disabled", or "-" when it could not be read. */
  consoleAccess: string;
  consoleAccessDenied?: string;
  passwordResetRequired: boolean;
  /** "2 hours ago", "Never", or "-". */
  lastSignIn: string;
  permissionsBoundaryArn?: string;
  tags: KeyValueTag[];
}

export interface UserPermissionRow {
  /** The ARN of a directly attached policy, "inline:NAME", or "group:GROUP:…" for one via a group. */
  id: string;
  name: string;
  arn?: string;
  type: PolicyTypeText;
  /** "Directly" or "Group DeveloperGroup". */
  attachedVia: string;
  /** Set for policies the user has through a group. */
  groupName?: string;
  /** Inline policies of the user: the document, to view, and where it is edited. */
  document?: string;
  editHref?: string;
}

export interface UserGroupRow {
  GroupName: string;
  attachedPolicies: string[];
}

const TABS = ["permissions", "groups", "tags"] as const;
type Tab = (typeof TABS)[number];

export function UserDetail({
  user,
  permissions,
  permissionsDenied,
  groups,
  groupsDenied,
}: {
  user: UserView;
  permissions: UserPermissionRow[];
  permissionsDenied?: string;
  groups: UserGroupRow[];
  groupsDenied?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const requested = searchParams.get("tab");
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : "permissions";
  const deletion = useDeleteUsersModal(() => router.push("/users"));

  return (
    <ContentLayout
      header={
        <Header variant="h1" actions={<Button onClick={() => deletion.open([user.UserName])}>Delete</Button>}>
          {user.UserName}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Summary</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              {
                label: "ARN",
                value: (
                  <CopyToClipboard
                    variant="inline"
                    textToCopy={user.Arn}
                    copyButtonAriaLabel="Copy ARN"
                    copySuccessText="ARN copied"
                    copyErrorText="ARN failed to copy"
                  />
                ),
              },
              {
                label: "Console access",
                value: user.consoleAccessDenied ? <PermissionAlert message={user.consoleAccessDenied} /> : user.consoleAccess,
              },
              { label: "Created", value: user.created },
              { label: "Last console sign-in", value: user.lastSignIn },
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
          ariaLabel="User details"
          tabs={[
            {
              id: "permissions",
              label: "Permissions",
              content: (
                <SpaceBetween size="l">
                  {permissionsDenied && <PermissionAlert message={permissionsDenied} />}
                  <PermissionsPolicies user={user} rows={permissions} />
                  <PermissionsBoundary user={user} />
                </SpaceBetween>
              ),
            },
            {
              id: "groups",
              label: "Groups",
              content: (
                <SpaceBetween size="l">
                  {groupsDenied && <PermissionAlert message={groupsDenied} />}
                  <Groups user={user} rows={groups} />
                </SpaceBetween>
              ),
            },
            {
              id: "tags",
              label: `Tags (${user.tags.length})`,
              content: (
                <TagsContainer
                  tags={user.tags}
                  description="Tags are key-value pairs that you can add to AWS resources to help identify, organize, or search for resources."
                  save={(changes) => saveUserTags(user.UserName, changes)}
                />
              ),
            },
          ]}
        />
      </SpaceBetween>
      {deletion.modal}
    </ContentLayout>
  );
}

const PERMISSIONS_TABLE = defineTable<UserPermissionRow>({
  resourceName: { singular: "policy", plural: "policies" },
  preferencesKey: "user-permissions",
  getRowId: (row) => row.id,
  getRowLabel: (row) => row.name,
  columns: [
    {
      id: "name",
      header: "Policy name",
      cell: (row) =>
        row.arn ? (
          <RouterLink href={policyHref(row.arn)}>{row.name}</RouterLink>
        ) : (
          <InlinePolicyLink name={row.name} document={row.document} editHref={row.editHref} />
        ),
      value: (row) => row.name,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Type", cell: (row) => row.type, value: (row) => row.type },
    {
      id: "attachedVia",
      header: "Attached via",
      cell: (row) => (row.groupName ? <RouterLink href={groupHref(row.groupName)}>{row.attachedVia}</RouterLink> : row.attachedVia),
      value: (row) => row.attachedVia,
    },
  ],
  defaultSort: { columnId: "name", descending: false },
});

const ALL_TYPES = { value: "", label: "All types" };
const TYPE_FILTERS: PolicyTypeText[] = ["AWS managed", "AWS managed - job function", "Customer managed", "Customer inline"];

function PermissionsPolicies({ user, rows }: { user: UserView; rows: UserPermissionRow[] }) {
  const router = useRouter();
  const follow = useFollow();
  const { notify } = useNotifications();
  const base = userHref(user.UserName);
  const [type, setType] = useState("");
  const [selected, setSelected] = useState<readonly UserPermissionRow[]>([]);
  const [removing, setRemoving] = useState<readonly UserPermissionRow[] | null>(null);
  const [pending, startTransition] = useTransition();
  const shown = useMemo(() => (type ? rows.filter((r) => r.type === type) : rows), [rows, type]);

  const confirmRemove = () => {
    const chosen = removing ?? [];
    startTransition(async () => {
      const result = await removePermissions(
        user.UserName,
        chosen.map((r) => (r.arn ? { kind: "managed", id: r.arn } : { kind: "inline", id: r.name })),
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
      <DataTable<UserPermissionRow>
        config={PERMISSIONS_TABLE}
        items={shown}
        header="Permissions policies"
        description="Permissions are defined by policies attached to the user directly or through groups."
        selectionType="multi"
        selectedIds={selected.map((r) => r.id)}
        onSelectionChange={setSelected}
        variant="container"
        filteringPlaceholder="Search"
        filterControls={
          <Select
            selectedOption={type ? { value: type, label: type } : ALL_TYPES}
            onChange={({ detail }) => setType(detail.selectedOption.value ?? "")}
            options={[ALL_TYPES, ...TYPE_FILTERS.map((t) => ({ value: t, label: t }))]}
            ariaLabel="Filter by Type"
            inlineLabelText="Filter by Type"
          />
        }
        actions={(chosen) => {
          const viaGroup = chosen.some((r) => r.groupName);
          return (
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                disabled={chosen.length === 0 || viaGroup}
                disabledReason={
                  viaGroup
                    ? "Policies attached through a group can only be removed from the group, or by removing the user from the group."
                    : "Select one or more policies to remove."
                }
                onClick={() => {
                  setRemoving(chosen);
                }}
              >
                Remove
              </Button>
              <ButtonDropdown
                variant="primary"
                items={[
                  { id: "add", text: "Add permissions", href: `${base}/add-permissions` },
                  { id: "inline", text: "Create inline policy", href: `${base}/inline-policy` },
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
          );
        }}
        empty={{
          title: "No permissions policies",
          description: "No policies are attached to this user.",
          action: (
            <Button href={`${base}/add-permissions`} onFollow={follow}>
              Add permissions
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
        {single
          ? single.arn
            ? `The policy ${single.name} will be detached from ${user.UserName}.`
            : `The inline policy ${single.name} will be deleted from ${user.UserName}. This cannot be undone.`
          : `The selected policies will be removed from ${user.UserName}. Inline policies are deleted.`}
      </RemoveModal>
    </>
  );
}

function PermissionsBoundary({ user }: { user: UserView }) {
  const router = useRouter();
  const follow = useFollow();
  const { notify } = useNotifications();
  const [removing, setRemoving] = useState(false);
  const [pending, startTransition] = useTransition();
  const href = `${userHref(user.UserName)}/permissions-boundary`;
  const arn = user.permissionsBoundaryArn;

  const confirmRemove = () => {
    startTransition(async () => {
      const result = await removePermissionsBoundary(user.UserName);
      if (result.ok) {
        setRemoving(false);
        notify({ type: "success", content: result.message });
      } else {
        setRemoving(false);
        notify(failureNotification("Remove permissions boundary failed", resultError(result)));
      }
      router.refresh();
    });
  };

  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Set a managed policy that controls the maximum permissions this user can have."
          actions={
            arn ? (
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  onClick={() => {
                    setRemoving(true);
                  }}
                >
                  Remove boundary
                </Button>
                <Button href={href} onFollow={follow}>
                  Change boundary
                </Button>
              </SpaceBetween>
            ) : (
              <Button href={href} onFollow={follow}>
                Set permissions boundary
              </Button>
            )
          }
        >
          {arn ? "Permissions boundary (set)" : "Permissions boundary (not set)"}
        </Header>
      }
    >
      {arn ? (
        <KeyValuePairs
          columns={2}
          items={[
            { label: "Policy name", value: <RouterLink href={policyHref(arn)}>{arn.replace(/^.*:policy\/(?:.*\/)?/, "")}</RouterLink> },
            { label: "Policy ARN", value: arn },
          ]}
        />
      ) : (
        <Box color="text-status-inactive">No permissions boundary is set for this user.</Box>
      )}
      <RemoveModal
        visible={removing}
        header="Remove permissions boundary?"
        pending={pending}
        onConfirm={confirmRemove}
        onDismiss={() => setRemoving(false)}
      >
        {`The permissions boundary will be removed from ${user.UserName}. The user's permissions are then limited only by its permissions policies.`}
      </RemoveModal>
    </Container>
  );
}

const GROUPS_TABLE = defineTable<UserGroupRow>({
  resourceName: { singular: "group", plural: "groups" },
  preferencesKey: "user-groups",
  getRowId: (g) => g.GroupName,
  columns: [
    {
      id: "groupName",
      header: "Group name",
      cell: (g) => <RouterLink href={groupHref(g.GroupName)}>{g.GroupName}</RouterLink>,
      value: (g) => g.GroupName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    {
      id: "attachedPolicies",
      header: "Attached policies",
      cell: (g) => (g.attachedPolicies.length > 0 ? g.attachedPolicies.join(", ") : "-"),
      filterValue: (g) => g.attachedPolicies.join(" "),
      sortable: false,
    },
  ],
  defaultSort: { columnId: "groupName", descending: false },
});

function Groups({ user, rows }: { user: UserView; rows: UserGroupRow[] }) {
  const router = useRouter();
  const follow = useFollow();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly UserGroupRow[]>([]);
  const [removing, setRemoving] = useState<readonly string[] | null>(null);
  const [pending, startTransition] = useTransition();
  const addHref = `${userHref(user.UserName)}/add-permissions?option=groups`;

  const confirmRemove = () => {
    const names = removing ?? [];
    startTransition(async () => {
      const result = await removeFromGroups(user.UserName, [...names]);
      if (result.ok) {
        setRemoving(null);
        setSelected([]);
        notify({ type: "success", content: result.message });
      } else {
        setRemoving(null);
        notify(failureNotification("Remove from groups failed", resultError(result)));
      }
      router.refresh();
    });
  };

  return (
    <>
      <DataTable<UserGroupRow>
        config={GROUPS_TABLE}
        items={rows}
        header="User groups membership"
        description="A user group is a collection of IAM users. Use groups to specify permissions for a collection of users."
        variant="container"
        selectionType="multi"
        selectedIds={selected.map((g) => g.GroupName)}
        onSelectionChange={setSelected}
        filteringPlaceholder="Search"
        actions={(chosen) => (
          <SpaceBetween direction="horizontal" size="xs">
            <Button
              disabled={chosen.length === 0}
              disabledReason="Select one or more groups to remove the user from."
              onClick={() => {
                setRemoving(chosen.map((g) => g.GroupName));
              }}
            >
              Remove
            </Button>
            <Button variant="primary" href={addHref} onFollow={follow}>
              Add user to groups
            </Button>
          </SpaceBetween>
        )}
        empty={{
          title: "No groups",
          description: "This user is not a member of any group.",
          action: (
            <Button href={addHref} onFollow={follow}>
              Add user to groups
            </Button>
          ),
        }}
      />
      <RemoveModal
        visible={removing !== null}
        header={removing?.length === 1 ? `Remove ${user.UserName} from ${removing[0]}?` : `Remove ${user.UserName} from ${removing?.length ?? 0} groups?`}
        pending={pending}
        onConfirm={confirmRemove}
        onDismiss={() => setRemoving(null)}
      >
        {`${user.UserName} loses the permissions it has through ${removing?.length === 1 ? "this group" : "these groups"}.`}
      </RemoveModal>
    </>
  );
}
