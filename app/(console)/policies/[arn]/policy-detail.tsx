"use client";

import Badge from "@cloudscape-design/components/badge";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SegmentedControl from "@cloudscape-design/components/segmented-control";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tabs from "@cloudscape-design/components/tabs";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { ActionModal } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { Copyable } from "@/components/copyable";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import { LAST_ACCESSED_TAB } from "@/components/last-accessed/last-accessed-rows";
import { LastAccessedTab } from "@/components/last-accessed/last-accessed-tab";
import { PermissionAlert } from "@/components/permission-alert";
import { PolicyDiffEditor, PolicyEditor } from "@/components/policy-editor";
import { PolicySummaryTable } from "@/components/policy-summary/policy-summary-table";
import type { KeyValueTag } from "@/components/resource-tags/tags";
import { TagsContainer } from "@/components/resource-tags/tags-container";
import type { ActionError } from "@/lib/action-result";
import type { ConsolePolicyType } from "@/lib/iam/policies-console";
import type { PolicySummary } from "@/lib/iam/policy-summary";
import { VERSIONS_PER_POLICY } from "@/lib/iam/limits";
import { deleteCustomerPolicy, deleteVersions, detachPolicyFromEntities, savePolicyTags, setDefaultVersion } from "../actions";
import { DELETE_POLICY_DESCRIPTION } from "../policy-text";
import { policyHref } from "@/lib/console-paths";

export interface PolicyView {
  PolicyName: string;
  Arn: string;
  type: ConsolePolicyType;
  customer: boolean;
  Description: string;
  DefaultVersionId: string;
  created: string;
  edited: string;
  tags: KeyValueTag[];
}

export interface PolicyVersionRow {
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: Date;
  created: string;
  document?: string;
}

export interface PolicyEntityRow {
  id: string;
  name: string;
  kind: "User" | "Group" | "Role";
  usage: "Permissions policy" | "Permissions boundary";
}

const SECTIONS = ["permissions", "entities_attached", "tags", "policy_versions", LAST_ACCESSED_TAB] as const;
type Section = (typeof SECTIONS)[number];

function entityHref(e: Pick<PolicyEntityRow, "kind" | "name">): string {
  const base = e.kind === "Role" ? "/roles" : e.kind === "User" ? "/users" : "/groups";
  return `${base}/${encodeURIComponent(e.name)}`;
}

export function PolicyDetail({
  policy,
  document,
  documentDenied,
  summary,
  servicesCount,
  versions,
  versionsDenied,
  entities,
  entitiesDenied,
}: {
  policy: PolicyView;
  document?: string;
  documentDenied?: string;
  summary?: PolicySummary;
  servicesCount: number;
  versions: PolicyVersionRow[];
  versionsDenied?: string;
  entities: PolicyEntityRow[];
  entitiesDenied?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const follow = useFollow();
  const requested = searchParams.get("section");
  const sections: Section[] = policy.customer ? [...SECTIONS] : ["permissions", "entities_attached", "policy_versions", LAST_ACCESSED_TAB];
  const section: Section = sections.includes(requested as Section) ? (requested as Section) : "permissions";
  const [view, setView] = useState<"summary" | "json">("summary");
  // Success leaves for the Policies list.
  const deletion = useDeleteDialog(() => deleteCustomerPolicy(policy.Arn, "details"));

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={policy.Description || undefined}
          actions={
            policy.customer ? (
              <Button onClick={() => deletion.open(policy)}>Delete</Button>
            ) : undefined
          }
        >
          {policy.PolicyName}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <Container header={<Header variant="h2">Policy details</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Type", value: policy.type },
              { label: "Creation time", value: policy.created },
              { label: "Edited time", value: policy.edited },
              {
                label: "ARN",
                value: <Copyable text={policy.Arn} />,
              },
              { label: "Description", value: policy.Description || "-" },
            ]}
          />
        </Container>
        <Tabs
          activeTabId={section}
          ariaLabel="Policy details"
          onChange={({ detail }) => {
            const params = new URLSearchParams(searchParams.toString());
            params.set("section", detail.activeTabId);
            router.replace(`${pathname}?${params.toString()}`, { scroll: false });
          }}
          tabs={[
            {
              id: "permissions",
              label: "Permissions",
              content: (
                <Container
                  header={
                    <Header
                      variant="h2"
                      info={undefined}
                      actions={
                        <SpaceBetween direction="horizontal" size="xs">
                          <SegmentedControl
                            selectedId={view}
                            onChange={({ detail }) => setView(detail.selectedId === "json" ? "json" : "summary")}
                            label="Permissions view"
                            options={[
                              { id: "summary", text: "Summary" },
                              { id: "json", text: "JSON" },
                            ]}
                          />
                          {policy.customer && (
                            <Button href={policyHref(policy.Arn, "edit")} onFollow={follow}>
                              Edit
                            </Button>
                          )}
                        </SpaceBetween>
                      }
                    >
                      Permissions defined in this policy
                    </Header>
                  }
                >
                  {documentDenied ? (
                    <PermissionAlert message={documentDenied} />
                  ) : view === "summary" ? (
                    <PolicySummaryTable summary={summary} servicesCount={servicesCount} />
                  ) : (
                    <PolicyEditor value={document ?? ""} readOnly ariaLabel={`Policy document of ${policy.PolicyName}`} height={440} />
                  )}
                </Container>
              ),
            },
            {
              id: "entities_attached",
              label: "Entities attached",
              content: (
                <SpaceBetween size="l">
                  {entitiesDenied && <PermissionAlert message={entitiesDenied} />}
                  <EntitiesTable policy={policy} entities={entities} />
                </SpaceBetween>
              ),
            },
            ...(policy.customer
              ? [
                  {
                    id: "tags",
                    label: `Tags (${policy.tags.length})`,
                    content: (
                      <TagsContainer
                        tags={policy.tags}
                        save={(changes) => savePolicyTags(policy.Arn, changes)}
                      />
                    ),
                  },
                ]
              : []),
            {
              id: "policy_versions",
              label: "Policy versions",
              content: (
                <SpaceBetween size="l">
                  {versionsDenied && <PermissionAlert message={versionsDenied} />}
                  <VersionsTable policy={policy} versions={versions} />
                </SpaceBetween>
              ),
            },
            { id: LAST_ACCESSED_TAB, label: "Last accessed", content: <LastAccessedTab arn={policy.Arn} subject="Policy" /> },
          ]}
        />
      </SpaceBetween>
      <DeleteModal
        {...deletion.modal}
        entityType="policy"
        entityTypePlural="policies"
        names={[policy.PolicyName]}
        nameLabel="policy name"
        description={DELETE_POLICY_DESCRIPTION}
        dependencies={[
          {
            label: "Attached to",
            items: entities.filter((e) => e.usage === "Permissions policy").map((e) => `${e.name} (${e.kind.toLowerCase()})`),
          },
          { label: "Versions", items: versions.map((v) => v.VersionId) },
        ]}
      />
    </ContentLayout>
  );
}

const ENTITIES_TABLE = defineTable<PolicyEntityRow>({
  resourceName: { singular: "entity", plural: "entities" },
  preferencesKey: "policy-entities",
  getRowId: (e) => e.id,
  getRowLabel: (e) => e.name,
  columns: [
    {
      id: "name",
      header: "Entity name",
      cell: (e) => <RouterLink href={entityHref(e)}>{e.name}</RouterLink>,
      value: (e) => e.name,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "type", header: "Entity type", cell: (e) => e.kind, value: (e) => e.kind },
    { id: "usage", header: "Attached as", cell: (e) => e.usage, value: (e) => e.usage },
  ],
  defaultSort: { columnId: "name", descending: false },
});

function EntitiesTable({ policy, entities }: { policy: PolicyView; entities: PolicyEntityRow[] }) {
  const follow = useFollow();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly PolicyEntityRow[]>([]);
  const [detaching, setDetaching] = useState<readonly PolicyEntityRow[] | null>(null);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();

  const confirm = () => {
    const chosen = detaching ?? [];
    startTransition(async () => {
      const result = await detachPolicyFromEntities(
        policy.Arn,
        chosen.map((e) => ({ kind: e.kind, name: e.name })),
      );
      if (result.ok) {
        setDetaching(null);
        setSelected([]);
        notify({ type: "success", content: result.message });
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <>
      <DataTable<PolicyEntityRow>
        config={ENTITIES_TABLE}
        items={entities}
        header="Entities attached"
        description="An entity is an IAM user, group, or role that has this policy attached, as a permissions policy or as its permissions boundary."
        variant="container"
        selectionType="multi"
        selectedIds={selected.map((e) => e.id)}
        onSelectionChange={setSelected}
        actions={(chosen) => {
          const boundary = chosen.some((e) => e.usage === "Permissions boundary");
          return (
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                disabled={chosen.length === 0 || boundary}
                disabledReason={boundary ? "A permissions boundary is removed from the user or role itself." : "Select the entities to detach."}
                onClick={() => {
                  setError(undefined);
                  setDetaching(chosen);
                }}
              >
                Detach
              </Button>
              <Button variant="primary" href={`${policyHref(policy.Arn)}/attach`} onFollow={follow}>
                Attach
              </Button>
            </SpaceBetween>
          );
        }}
        empty={{ title: "No entities attached", description: "This policy is not attached to any user, group, or role." }}
        filteringPlaceholder="Filter entities"
      />
      <ActionModal
        visible={detaching !== null}
        header={detaching?.length === 1 ? `Detach ${policy.PolicyName} from ${detaching[0].name}?` : `Detach ${policy.PolicyName}?`}
        submitLabel="Detach"
        onSubmit={confirm}
        pending={pending}
        onClose={() => setDetaching(null)}
      >
        <SpaceBetween size="m">
          <Box>
            {`The policy will be detached from ${detaching?.map((e) => e.name).join(", ") ?? ""}. They lose the permissions it grants.`}
          </Box>
          <ActionErrorAlert error={error} />
        </SpaceBetween>
      </ActionModal>
    </>
  );
}

const VERSIONS_TABLE = defineTable<PolicyVersionRow>({
  resourceName: { singular: "version", plural: "versions" },
  preferencesKey: "policy-versions",
  getRowId: (v) => v.VersionId,
  getRowLabel: (v) => v.VersionId,
  columns: [
    {
      id: "version",
      header: "Version",
      cell: (v) => (
        <SpaceBetween direction="horizontal" size="xs">
          <span>{v.VersionId}</span>
          {v.IsDefaultVersion && <Badge color="blue">Default</Badge>}
        </SpaceBetween>
      ),
      value: (v) => Number(v.VersionId.slice(1)),
      filterValue: (v) => `${v.VersionId}${v.IsDefaultVersion ? " default" : ""}`,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "created", header: "Creation time", cell: (v) => v.created, value: (v) => v.CreateDate },
  ],
  defaultSort: { columnId: "version", descending: true },
});

function VersionsTable({ policy, versions }: { policy: PolicyView; versions: PolicyVersionRow[] }) {
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly PolicyVersionRow[]>([]);
  const [deleting, setDeleting] = useState<readonly PolicyVersionRow[] | null>(null);
  const [compare, setCompare] = useState<[string, string] | null>(null);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();

  const setDefault = (version: PolicyVersionRow) => {
    setError(undefined);
    startTransition(async () => {
      const result = await setDefaultVersion(policy.Arn, version.VersionId);
      if (result.ok) {
        setSelected([]);
        notify({ type: "success", content: result.message });
      } else {
        setError(resultError(result));
      }
    });
  };

  const confirmDelete = () => {
    const chosen = deleting ?? [];
    startTransition(async () => {
      const result = await deleteVersions(
        policy.Arn,
        chosen.map((v) => v.VersionId),
      );
      if (result.ok) {
        setDeleting(null);
        setSelected([]);
        setCompare(null);
        notify({ type: "success", content: result.message });
      } else {
        setError(resultError(result));
      }
    });
  };

  const byId = new Map(versions.map((v) => [v.VersionId, v]));
  const left = compare ? byId.get(compare[0]) : undefined;
  const right = compare ? byId.get(compare[1]) : undefined;
  const options = versions.map((v) => ({ value: v.VersionId, label: `${v.VersionId}${v.IsDefaultVersion ? " (Default)" : ""}` }));
  const label = (v: PolicyVersionRow | undefined) => (v ? `Version ${v.VersionId}${v.IsDefaultVersion ? " (Default)" : ""}` : "");

  return (
    <SpaceBetween size="l">
      {!deleting && <ActionErrorAlert error={error} />}
      <DataTable<PolicyVersionRow>
        config={VERSIONS_TABLE}
        items={versions}
        header="Policy versions"
        description={
          policy.customer
            ? `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. The default version is the one in effect.`
            : "AWS managed policies are updated by AWS. This simulation keeps their current version only."
        }
        variant="container"
        selectionType={policy.customer ? "multi" : undefined}
        selectedIds={selected.map((v) => v.VersionId)}
        onSelectionChange={setSelected}
        actions={(chosen) =>
          policy.customer ? (
            <SpaceBetween direction="horizontal" size="xs">
              <Button
                disabled={chosen.length !== 2}
                disabledReason="Select two versions to compare."
                onClick={() => {
                  const [a, b] = [...chosen].sort((x, y) => Number(x.VersionId.slice(1)) - Number(y.VersionId.slice(1)));
                  setCompare([a.VersionId, b.VersionId]);
                }}
              >
                Compare
              </Button>
              <Button
                disabled={chosen.length === 0 || chosen.some((v) => v.IsDefaultVersion)}
                disabledReason={chosen.some((v) => v.IsDefaultVersion) ? "The default version can't be deleted." : "Select the versions to delete."}
                onClick={() => {
                  setError(undefined);
                  setDeleting(chosen);
                }}
              >
                Delete
              </Button>
              <Button
                disabled={chosen.length !== 1 || chosen[0].IsDefaultVersion}
                disabledReason={chosen.length === 1 ? "This version is already the default." : "Select one version."}
                loading={pending && !deleting}
                onClick={() => setDefault(chosen[0])}
              >
                Set as default
              </Button>
            </SpaceBetween>
          ) : undefined
        }
        empty={{ title: "No versions", description: "No versions to display." }}
        filteringPlaceholder="Filter versions"
      />
      {compare && (
        <Container
          header={
            <Header
              variant="h2"
              description="Changes between the two versions: removed lines on the left, added lines on the right."
              actions={<Button onClick={() => setCompare(null)}>Close comparison</Button>}
            >
              Compare policy versions
            </Header>
          }
        >
          <SpaceBetween size="m">
            <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 16 }}>
              <Select
                selectedOption={options.find((o) => o.value === compare[0]) ?? null}
                onChange={({ detail }) => setCompare([detail.selectedOption.value ?? compare[0], compare[1]])}
                options={options}
                ariaLabel="Original version"
              />
              <Select
                selectedOption={options.find((o) => o.value === compare[1]) ?? null}
                onChange={({ detail }) => setCompare([compare[0], detail.selectedOption.value ?? compare[1]])}
                options={options}
                ariaLabel="Compared version"
              />
            </div>
            <PolicyDiffEditor
              original={left?.document ?? ""}
              modified={right?.document ?? ""}
              originalLabel={label(left)}
              modifiedLabel={label(right)}
              ariaLabel={`Differences between version ${compare[0]} and ${compare[1]}`}
            />
          </SpaceBetween>
        </Container>
      )}
      <ActionModal
        visible={deleting !== null}
        header={deleting?.length === 1 ? `Delete version ${deleting[0].VersionId}?` : `Delete ${deleting?.length ?? 0} versions?`}
        submitLabel="Delete"
        onSubmit={confirmDelete}
        pending={pending}
        onClose={() => setDeleting(null)}
      >
        <SpaceBetween size="m">
          <Box>{`The version${deleting?.length === 1 ? "" : "s"} ${deleting?.map((v) => v.VersionId).join(", ") ?? ""} of ${policy.PolicyName} will be deleted permanently.`}</Box>
          <ActionErrorAlert error={error} />
        </SpaceBetween>
      </ActionModal>
    </SpaceBetween>
  );
}
