"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Popover from "@cloudscape-design/components/popover";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { FINDING_TYPE_LABELS, type FindingStatusName, type FindingTypeName } from "@/components/access-analyzer/unused-access-text";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import { useFollow } from "@/components/console-layout/use-follow";
import { Copyable } from "@/components/copyable";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable } from "@/components/data-table/table-config";
import { useActionSubmit } from "@/components/use-action-submit";
import { setFindingsStatus } from "../../actions";
import { FindingStatus } from "../../findings-table-config";

// One unused access finding: what it is about and when, what exactly went unused (the role, the
// key with a link to the user's access keys, the password, or each unused service and IAM
// action), and Archive or Unarchive.

export interface UnusedServiceRow {
  serviceNamespace: string;
  serviceName: string;
  /** The unused actions of a service still called; undefined when the whole service went unused. */
  actions?: string[];
  /** "120 days ago", "Never" */
  lastAccessed: string;
}

export interface FindingView {
  id: string;
  analyzerArn: string;
  findingType: FindingTypeName;
  status: FindingStatusName;
  resource: string;
  resourceName: string;
  resourceKind: "User" | "Role";
  resourceHref: string;
  resourceOwnerAccount: string;
  trackingPeriod: number;
  created: string;
  updated: string;
  analyzed: string;
  /** The role's, key's or password's last use. */
  lastUsed?: string;
  accessKeyId?: string;
  /** The user's Security credentials tab. */
  credentialsHref?: string;
  unusedServices?: UnusedServiceRow[];
}

export function FindingDetail({ finding }: { finding: FindingView }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const { pending, error, submit } = useActionSubmit();
  const change = (status: "ARCHIVED" | "ACTIVE") =>
    submit(
      () => setFindingsStatus({ analyzerArn: finding.analyzerArn, ids: [finding.id], status }),
      ({ message }) => {
        if (message) notify({ type: "success", content: message });
        router.refresh();
      },
    );

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={`${FINDING_TYPE_LABELS[finding.findingType]} of ${finding.resourceKind === "Role" ? "role" : "user"} ${finding.resourceName}`}
          actions={
            finding.status === "ACTIVE" ? (
              <Button onClick={() => change("ARCHIVED")} loading={pending}>
                Archive
              </Button>
            ) : finding.status === "ARCHIVED" ? (
              <Button onClick={() => change("ACTIVE")} loading={pending}>
                Unarchive
              </Button>
            ) : undefined
          }
        >
          {finding.id}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <Container header={<Header variant="h2">Finding details</Header>}>
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Finding type", value: FINDING_TYPE_LABELS[finding.findingType] },
              { label: "Status", value: <FindingStatus status={finding.status} /> },
              { label: "Resource", value: <RouterLink href={finding.resourceHref}>{finding.resourceName}</RouterLink> },
              { label: "Resource ARN", value: <Copyable text={finding.resource} what="resource ARN" /> },
              { label: "Resource type", value: finding.resourceKind === "Role" ? "AWS::IAM::Role" : "AWS::IAM::User" },
              { label: "Resource owner account", value: finding.resourceOwnerAccount },
              { label: "Created", value: finding.created },
              { label: "Last updated", value: finding.updated },
              { label: "Last analyzed", value: finding.analyzed },
            ]}
          />
        </Container>
        <UnusedAccess finding={finding} />
      </SpaceBetween>
    </ContentLayout>
  );
}

function UnusedAccess({ finding }: { finding: FindingView }) {
  const follow = useFollow();
  const period = `the tracking period of ${finding.trackingPeriod} days`;
  switch (finding.findingType) {
    case "UnusedIAMRole":
      return (
        <Container header={<Header variant="h2" description={`The role was not used within ${period}.`}>Unused role</Header>}>
          <KeyValuePairs
            columns={2}
            items={[
              { label: "Role", value: <RouterLink href={finding.resourceHref}>{finding.resourceName}</RouterLink> },
              { label: "Last used", value: finding.lastUsed ?? "-" },
            ]}
          />
        </Container>
      );
    case "UnusedIAMUserAccessKey":
      return (
        <Container
          header={
            <Header
              variant="h2"
              description={`The access key was not used to sign a request within ${period}. Deactivate or delete it if nobody needs it.`}
              actions={finding.credentialsHref && <Button href={finding.credentialsHref} onFollow={follow}>
                    Manage access keys
                  </Button>}
            >
              Unused access key
            </Header>
          }
        >
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Access key ID", value: finding.accessKeyId ? <Copyable text={finding.accessKeyId} what="access key ID" /> : "-" },
              { label: "User", value: <RouterLink href={finding.resourceHref}>{finding.resourceName}</RouterLink> },
              { label: "Last used", value: finding.lastUsed ?? "-" },
            ]}
          />
        </Container>
      );
    case "UnusedIAMUserPassword":
      return (
        <Container
          header={
            <Header
              variant="h2"
              description={`The console password was not used to sign in within ${period}. Remove it if the user does not use the console.`}
              actions={finding.credentialsHref && <Button href={finding.credentialsHref} onFollow={follow}>
                    Manage console access
                  </Button>}
            >
              Unused console password
            </Header>
          }
        >
          <KeyValuePairs
            columns={2}
            items={[
              { label: "User", value: <RouterLink href={finding.resourceHref}>{finding.resourceName}</RouterLink> },
              { label: "Last sign-in", value: finding.lastUsed ?? "-" },
            ]}
          />
        </Container>
      );
    case "UnusedPermission":
      return <UnusedServices rows={finding.unusedServices ?? []} period={period} resourceHref={finding.resourceHref} />;
  }
}

const SERVICES_TABLE = defineTable<UnusedServiceRow>({
  resourceName: { singular: "service", plural: "services" },
  preferencesKey: "unused-permission-services",
  getRowId: (s) => s.serviceNamespace,
  columns: [
    { id: "service", header: "Service", cell: (s) => s.serviceName, value: (s) => s.serviceName, isRowHeader: true, alwaysVisible: true },
    { id: "namespace", header: "Service namespace", cell: (s) => s.serviceNamespace, value: (s) => s.serviceNamespace },
    {
      id: "actions",
      header: "Unused actions",
      cell: (s) => (s.actions ? <UnusedActions service={s.serviceName} actions={s.actions} /> : "All actions"),
      filterValue: (s) => (s.actions ? s.actions.join(" ") : "All actions"),
      sortable: false,
    },
    { id: "lastAccessed", header: "Last accessed", cell: (s) => s.lastAccessed, value: (s) => s.lastAccessed, sortable: false },
  ],
  defaultSort: { columnId: "service", descending: false },
});

/** "37 actions", opening the list: a service granted whole can leave many actions unused. */
function UnusedActions({ service, actions }: { service: string; actions: readonly string[] }) {
  return (
    <Popover
      header={`Unused actions of ${service}`}
      triggerType="text"
      size="large"
      content={
        <ul aria-label={`Unused actions of ${service}`}>
          {actions.map((action) => (
            <li key={action}>{action}</li>
          ))}
        </ul>
      }
    >
      {actions.length === 1 ? actions[0] : `${actions.length} actions`}
    </Popover>
  );
}

function UnusedServices({ rows, period, resourceHref }: { rows: UnusedServiceRow[]; period: string; resourceHref: string }) {
  return (
    <DataTable<UnusedServiceRow>
      config={SERVICES_TABLE}
      items={rows}
      variant="container"
      header="Unused permissions"
      description={
        <>
          Services the permissions policies grant but that were not called within {period}, and for IAM the granted actions that were not called.{" "}
          <Box variant="span">
            Remove them from the <RouterLink href={resourceHref}>permissions policies</RouterLink> if they are not needed.
          </Box>
        </>
      }
      empty={{ title: "No unused permissions", description: "Every service granted was used." }}
    />
  );
}
