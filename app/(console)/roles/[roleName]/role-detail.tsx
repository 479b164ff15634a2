"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tabs from "@cloudscape-design/components/tabs";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { DeleteModal } from "@/components/delete-modal/delete-modal";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { PermissionAlert } from "@/components/permission-alert";
import { PolicyEditor } from "@/components/policy-editor";
import { TagsContainer } from "@/components/resource-tags/tags-container";
import type { KeyValueTag } from "@/components/resource-tags/tags";
import type { ActionError } from "@/lib/action-result";
import { policyHref } from "../../policies/policy-href";
import { deleteRoles } from "../actions";
import { formatSessionDuration, managedPolicyType, type PolicyTypeText } from "../role-text";
import { roleHref } from "../roles-table-config";
import { removeRolePermissions, removeRolePermissionsBoundary, saveRoleTags } from "./actions";

export interface RoleView {
  RoleName: string;
  Arn: string;
  Path: string;
  Description: string;
  AssumeRolePolicyDocument: string;
  MaxSessionDuration: number;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
  /** "2 days ago in us-east-1", or "-". */
  lastActivity: string;
  instanceProfileArns: string[];
  permissionsBoundaryArn?: string;
  tags: KeyValueTag[];
  serviceLinked: boolean;
}

export interface RolePermissionRow {
  /** The ARN of a managed policy, "inline:NAME" for an inline one. */
  id: string;
  name: string;
  arn?: string;
  type: PolicyTypeText;
  /** Inline policies: the document, to view. */
  document?: string;
}

const SECTIONS = ["permissions", "trust_relationships", "tags"] as const;
type Section = (typeof SECTIONS)[number];

export const SERVICE_LINKED_NOTE =
  "This is a service-linked role. Service-linked roles are predefined by the service and include all the permissions that the service requires to call other AWS services on your behalf. Only the service can change or delete this role; you can edit its description and tags.";

export function RoleDetail({
  role,
  permissions,
  permissionsDenied,
}: {
  role: RoleView;
  permissions: RolePermissionRow[];
  permissionsDenied?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const follow = useFollow();
  const { notify } = useNotifications();
  const requested = searchParams.get("section");
  const section: Section = SECTIONS.includes(requested as Section) ? (requested as Section) : "permissions";
  const base = roleHref(role.RoleName);

  const [deleteOpen, setDeleteOpen] = useState(false);
  const [deleteError, setDeleteError] = useState<ActionError | undefined>();
  const [deleting, startDelete] = useTransition();

  const confirmDelete = () => {
    startDelete(async () => {
      const result = await deleteRoles([role.RoleName]);
      if (result.ok) {
        notify({ type: "success", content: `Role ${role.RoleName} deleted.` });
        router.push("/roles");
      } else {
        setDeleteError(resultError(result));
      }
    });
  };

  const inlineNames = permissions.filter((p) => p.type === "Customer inline").map((p) => p.name);
  const managedNames = permissions.filter((p) => p.type !== "Customer inline").map((p) => p.name);

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          actions={
            role.serviceLinked ? undefined : (
              <Button
                onClick={() => {
                  setDeleteError(undefined);
                  setDeleteOpen(true);
                }}
              >
                Delete
              </Button>
            )
          }
          description={role.Description || undefined}
        >
          {role.RoleName}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {role.serviceLinked && (
          <Alert type="info" header="Service-linked role">
            {SERVICE_LINKED_NOTE}
          </Alert>
        )}
        <Container
          header={
            <Header
              variant="h2"
              actions={
                role.serviceLinked ? undefined : (
                  <Button href={`${base}/edit`} onFollow={follow}>
                    Edit
                  </Button>
                )
              }
            >
              Summary
            </Header>
          }
        >
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Creation date", value: role.created },
              { label: "ARN", value: <Copyable text={role.Arn} what="ARN" /> },
              { label: "Description", value: role.Description || "-" },
              { label: "Last activity", value: role.lastActivity },
              {
                label: "Instance profile ARN",
                value:
                  role.instanceProfileArns.length === 0 ? (
                    "-"
                  ) : (
                    <SpaceBetween size="xxs">
                      {role.instanceProfileArns.map((arn) => (
                        <Copyable key={arn} text={arn} what="Instance profile ARN" />
                      ))}
                    </SpaceBetween>
                  ),
              },
              { label: "Maximum session duration", value: formatSessionDuration(role.MaxSessionDuration) },
            ]}
          />
        </Container>
        <Tabs
          activeTabId={section}
          onChange={({ detail }) => {
            const params = new URLSearchParams(searchParams.toString());
            params.set("section", detail.activeTabId);
            router.replace(`${pathname}?${params.toString()}`, { scroll: false });
          }}
          ariaLabel="Role details"
          tabs={[
            {
              id: "permissions",
              label: "Permissions",
              content: (
                <SpaceBetween size="l">
                  {permissionsDenied && <PermissionAlert message={permissionsDenied} />}
                  <PermissionsPolicies role={role} rows={permissions} />
                  <PermissionsBoundary role={role} />
                </SpaceBetween>
              ),
            },
            {
              id: "trust_relationships",
              label: "Trust relationships",
              content: (
                <Container
                  header={
                    <Header
                      variant="h2"
                      description="Entities that can assume this role under specified conditions."
                      actions={
                        role.serviceLinked ? undefined : (
                          <Button href={`${base}/edit-trust-policy`} onFollow={follow}>
                            Edit trust policy
                          </Button>
                        )
                      }
                    >
                      Trusted entities
                    </Header>
                  }
                >
                  <PolicyEditor
                    value={role.AssumeRolePolicyDocument}
                    readOnly
                    documentKind="trust"
                    ariaLabel={`Trust policy of ${role.RoleName}`}
                    height={320}
                  />
                </Container>
              ),
            },
            {
              id: "tags",
              label: `Tags (${role.tags.length})`,
              content: (
                <TagsContainer
                  tags={role.tags}
                  description="Tags are key-value pairs that you can add to AWS resources to help identify, organize, or search for resources."
                  save={(changes) => saveRoleTags(role.RoleName, changes)}
                />
              ),
            },
          ]}
        />
      </SpaceBetween>
      <DeleteModal
        visible={deleteOpen}
        entityType="role"
        names={[role.RoleName]}
        description="Deleting this role also removes it from its instance profiles and removes its attached and inline policies. Any application using the role loses access."
        dependencies={[
          { label: "Instance profiles", items: role.instanceProfileArns.map((arn) => arn.replace(/^.*:instance-profile\/(?:.*\/)?/, "")) },
          { label: "Permissions policies", items: managedNames },
          { label: "Inline policies", items: inlineNames },
        ]}
        deleting={deleting}
        error={deleteError}
        onDelete={confirmDelete}
        onDismiss={() => setDeleteOpen(false)}
      />
    </ContentLayout>
  );
}

function Copyable({ text, what }: { text: string; what: string }) {
  return (
    <CopyToClipboard
      variant="inline"
      textToCopy={text}
      copyButtonAriaLabel={`Copy ${what}`}
      copySuccessText={`${what} copied`}
      copyErrorText={`${what} failed to copy`}
    />
  );
}

const PERMISSIONS_TABLE = defineTable<RolePermissionRow>({
  resourceName: { singular: "policy", plural: "policies" },
  preferencesKey: "role-permissions",
  getRowId: (row) => row.id,
  getRowLabel: (row) => row.name,
  columns: [
    {
      id: "name",
      header: "Policy name",
      cell: (row) => (row.arn ? <RouterLink href={policyHref(row.arn)}>{row.name}</RouterLink> : <InlinePolicyLink row={row} />),
      value: (row) => row.name,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Type", cell: (row) => row.type, value: (row) => row.type },
  ],
  defaultSort: { columnId: "name", descending: false },
});

/** An inline policy's name opens its document. */
function InlinePolicyLink({ row }: { row: RolePermissionRow }) {
  const [open, setOpen] = useState(false);
  const follow = useFollow();
  const pathname = usePathname();
  return (
    <>
      <Button variant="inline-link" onClick={() => setOpen(true)}>
        {row.name}
      </Button>
      <Modal
        visible={open}
        onDismiss={() => setOpen(false)}
        header={row.name}
        size="large"
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setOpen(false)}>
                Close
              </Button>
              {row.document !== undefined && (
                <Button href={`${pathname}/inline-policy?name=${encodeURIComponent(row.name)}`} onFollow={follow}>
                  Edit
                </Button>
              )}
            </SpaceBetween>
          </Box>
        }
      >
        {open && row.document !== undefined ? (
          <PolicyEditor value={prettyJson(row.document)} readOnly ariaLabel={`Policy document of ${row.name}`} height={360} />
        ) : (
          <Box>The policy document could not be read.</Box>
        )}
      </Modal>
    </>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 4);
  } catch {
    return text;
  }
}

function PermissionsPolicies({ role, rows }: { role: RoleView; rows: RolePermissionRow[] }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const base = roleHref(role.RoleName);
  const [selected, setSelected] = useState<readonly RolePermissionRow[]>([]);
  const [removing, setRemoving] = useState<readonly RolePermissionRow[] | null>(null);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();

  const confirmRemove = () => {
    const chosen = removing ?? [];
    startTransition(async () => {
      const result = await removeRolePermissions(role.RoleName, {
        policyArns: chosen.flatMap((p) => (p.arn ? [p.arn] : [])),
        inlinePolicyNames: chosen.filter((p) => !p.arn).map((p) => p.name),
      });
      if (result.ok) {
        setRemoving(null);
        setSelected([]);
        notify({ type: "success", content: result.message });
        router.refresh();
      } else {
        setError(resultError(result));
        router.refresh();
      }
    });
  };

  const single = removing?.length === 1 ? removing[0] : undefined;
  return (
    <>
      <DataTable<RolePermissionRow>
        config={PERMISSIONS_TABLE}
        items={rows}
        header="Permissions policies"
        description="You can attach up to 10 managed policies."
        selectionType={role.serviceLinked ? undefined : "multi"}
        selectedIds={selected.map((r) => r.id)}
        onSelectionChange={setSelected}
        variant="container"
        actions={(chosen) =>
          role.serviceLinked ? undefined : (
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                disabled={chosen.length === 0}
                onClick={() => {
                  setError(undefined);
                  setRemoving(chosen);
                }}
              >
                Remove
              </Button>
              <ButtonDropdown
                variant="primary"
                items={[
                  { id: "attach", text: "Attach policies", href: `${base}/attach-policies` },
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
          )
        }
        empty={{ title: "No permissions policies", description: "No policies are attached to this role." }}
        filteringPlaceholder="Search"
      />
      <Modal
        visible={removing !== null}
        onDismiss={() => !pending && setRemoving(null)}
        header={single ? `Remove ${single.name}?` : `Remove ${removing?.length ?? 0} policies?`}
        closeAriaLabel="Close dialog"
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setRemoving(null)} disabled={pending}>
                Cancel
              </Button>
              <Button variant="primary" onClick={confirmRemove} loading={pending}>
                Remove
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="m">
          <Box>
            {single
              ? single.type === "Customer inline"
                ? `The inline policy ${single.name} will be deleted from the role ${role.RoleName}.`
                : `The policy ${single.name} will be removed from the role ${role.RoleName}.`
              : `The selected policies will be removed from the role ${role.RoleName}; inline policies are deleted.`}
          </Box>
          <ActionErrorAlert error={error} />
        </SpaceBetween>
      </Modal>
    </>
  );
}

function PermissionsBoundary({ role }: { role: RoleView }) {
  const router = useRouter();
  const follow = useFollow();
  const { notify } = useNotifications();
  const base = roleHref(role.RoleName);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const arn = role.permissionsBoundaryArn;

  const remove = () => {
    startTransition(async () => {
      const result = await removeRolePermissionsBoundary(role.RoleName);
      if (result.ok) {
        setConfirming(false);
        notify({ type: "success", content: result.message });
        router.refresh();
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <Container
      header={
        <Header
          variant="h2"
          description="Set a managed policy that controls the maximum permissions this role can have. This isn't a common setting, but you can use it to delegate permission management to others."
          actions={
            role.serviceLinked ? undefined : arn ? (
              <SpaceBetween direction="horizontal" size="xs">
                <Button
                  onClick={() => {
                    setError(undefined);
                    setConfirming(true);
                  }}
                >
                  Remove boundary
                </Button>
                <Button href={`${base}/permissions-boundary`} onFollow={follow}>
                  Change boundary
                </Button>
              </SpaceBetween>
            ) : (
              <Button href={`${base}/permissions-boundary`} onFollow={follow}>
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
            { label: "Type", value: managedPolicyType(arn) },
          ]}
        />
      ) : (
        <Box color="text-body-secondary">No permissions boundary is set for this role.</Box>
      )}
      <Modal
        visible={confirming}
        onDismiss={() => !pending && setConfirming(false)}
        header="Remove permissions boundary?"
        closeAriaLabel="Close dialog"
        footer={
          <Box float="right">
            <SpaceBetween direction="horizontal" size="xs">
              <Button variant="link" onClick={() => setConfirming(false)} disabled={pending}>
                Cancel
              </Button>
              <Button variant="primary" onClick={remove} loading={pending}>
                Remove boundary
              </Button>
            </SpaceBetween>
          </Box>
        }
      >
        <SpaceBetween size="m">
          <Box>The role {role.RoleName} will no longer have its maximum permissions limited by a permissions boundary.</Box>
          <ActionErrorAlert error={error} />
        </SpaceBetween>
      </Modal>
    </Container>
  );
}
