import Box from "@cloudscape-design/components/box";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Container from "@cloudscape-design/components/container";
import Grid from "@cloudscape-design/components/grid";
import Header from "@cloudscape-design/components/header";
import Icon from "@cloudscape-design/components/icon";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { breadcrumbs, IAM_TRAIL } from "@/components/console-layout/breadcrumbs";
import { consolePageHref } from "@/components/console-layout/navigation";
import { PageFrame } from "@/components/console-layout/page-frame";
import { RouterLink } from "@/components/console-layout/router-link";
import { Copyable } from "@/components/copyable";
import { PermissionAlert, readOrDenied, type Readout } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import {
  getAccountSummary,
  getSecurityRecommendations,
  listAccountAliases,
  type SecurityRecommendations,
} from "@/lib/iam/accounts";
import { unusedAccessFindingSummary, type UnusedAccessFindingSummary } from "@/lib/iam/access-analyzer/findings";
import styles from "./dashboard.module.css";

export const metadata: Metadata = { title: "IAM Dashboard" };

const DASHBOARD_TRAIL = breadcrumbs(IAM_TRAIL, "Dashboard", "/");

export default async function DashboardPage() {
  await connection();
  const identity = await requireConsoleIdentity();
  const { caller } = identity;
  // Each container reads on its own: a denied read shows the permission alert in its place.
  const [summary, aliases, recommendations, unusedAccess] = await Promise.all([
    readOrDenied(getAccountSummary(caller)),
    readOrDenied(listAccountAliases(caller)),
    readOrDenied(getSecurityRecommendations(caller)),
    readOrDenied(unusedAccessFindingSummary(caller)),
  ]);

  return (
    <>
      <PageFrame breadcrumbs={DASHBOARD_TRAIL} contentType="dashboard" />
      <ContentLayout header={<Header variant="h1">IAM Dashboard</Header>}>
        <Grid gridDefinition={[{ colspan: { default: 12, s: 8 } }, { colspan: { default: 12, s: 4 } }]}>
          <SpaceBetween size="l">
            <SecurityRecommendationsContainer readout={recommendations} />
            <IamResources readout={summary} />
          </SpaceBetween>
          <SpaceBetween size="l">
            <AwsAccount accountId={caller.accountId} aliases={aliases} signInUrl={identity.signInUrl} />
            <AccessReports unusedAccess={unusedAccess} />
          </SpaceBetween>
        </Grid>
      </ContentLayout>
    </>
  );
}

interface Recommendation {
  id: string;
  ok: boolean;
  title: string;
  description: ReactNode;
}

function recommendationsOf(r: SecurityRecommendations): Recommendation[] {
  const users = r.usersWithoutMfa;
  const keys = r.accessKeysOlderThan90Days;
  return [
    r.rootMfaEnabled
      ? {
          id: "root-mfa",
          ok: true,
          title: "Root user has MFA",
          description:
            "Having multi-factor authentication (MFA) for the root user improves security for this account.",
        }
      : {
          id: "root-mfa",
          ok: false,
          title: "Add MFA for root user",
          description:
            "Enable multi-factor authentication (MFA) for the root user to improve security for this account.",
        },
    r.rootActiveAccessKeys === 0
      ? {
          id: "root-access-keys",
          ok: true,
          title: "Root user has no active access keys",
          description: "Using access keys attached to an IAM user instead of the root user improves security.",
        }
      : {
          id: "root-access-keys",
          ok: false,
          title: "Deactivate or delete access keys for root user",
          description: `The root user has ${plural(r.rootActiveAccessKeys, "active access key")}. Using access keys attached to an IAM user instead of the root user improves security.`,
        },
    users.length === 0
      ? {
          id: "user-mfa",
          ok: true,
          title: "IAM users with console access have MFA",
          description: "Every IAM user who can sign in to the console has an MFA device assigned.",
        }
      : {
          id: "user-mfa",
          ok: false,
          title: "Add MFA for IAM users",
          description: (
            <>
              {plural(users.length, "IAM user")} can sign in to the console without MFA:{" "}
              <UserNames names={users} />. <ReportLink href={`${CREDENTIAL_REPORT}?finding=console-without-mfa`}>Review in the credential report</ReportLink>
            </>
          ),
        },
    keys.length === 0
      ? {
          id: "old-access-keys",
          ok: true,
          title: "No active access keys older than 90 days",
          description: "Rotating access keys regularly limits how long a leaked key can be used.",
        }
      : {
          id: "old-access-keys",
          ok: false,
          title: "Rotate access keys older than 90 days",
          description: (
            <>
              {plural(keys.length, "active access key")} {keys.length === 1 ? "is" : "are"} older than 90 days:{" "}
              {keys.map((key, i) => (
                <span key={key.accessKeyId}>
                  {i > 0 && ", "}
                  <Box variant="code">{key.accessKeyId}</Box> ({key.userName}, {key.ageDays} days)
                </span>
              ))}
              . <ReportLink href={`${CREDENTIAL_REPORT}?finding=access-key-old`}>Review in the credential report</ReportLink>
            </>
          ),
        },
  ];
}

const CREDENTIAL_REPORT = "/credential-report";

function ReportLink({ href, children }: { href: string; children: ReactNode }) {
  return <RouterLink href={href}>{children}</RouterLink>;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function UserNames({ names }: { names: string[] }) {
  const usersHref = consolePageHref("Users");
  return names.map((name, i) => (
    <span key={name}>
      {i > 0 && ", "}
      {usersHref ? <RouterLink href={`${usersHref}/${encodeURIComponent(name)}`}>{name}</RouterLink> : name}
    </span>
  ));
}

function SecurityRecommendationsContainer({ readout }: { readout: Readout<SecurityRecommendations> }) {
  const items = readout.ok ? recommendationsOf(readout.data) : [];
  const open = items.filter((item) => !item.ok).length;
  return (
    <section aria-label="Security recommendations">
    <Container
      header={
        <Header variant="h2" counter={readout.ok && open > 0 ? `(${open})` : undefined}>
          Security recommendations
        </Header>
      }
    >
      {readout.ok ? (
        <SpaceBetween size="m">
          {items.map((item) => (
            <div key={item.id} className={styles.recommendation}>
              <Icon
                name={item.ok ? "status-positive" : "status-warning"}
                variant={item.ok ? "success" : "warning"}
                ariaLabel={item.ok ? "Done" : "Recommended"}
              />
              <div>
                <Box variant="h3" padding="n" fontSize="body-m">
                  {item.title}
                </Box>
                <Box variant="p" color="text-body-secondary">
                  {item.description}
                </Box>
              </div>
            </div>
          ))}
        </SpaceBetween>
      ) : (
        <PermissionAlert message={readout.accessDenied} />
      )}
    </Container>
    </section>
  );
}

// The IAM console's resource counts, and the GetAccountSummary key each one reads.
const RESOURCE_COUNTS = [
  { label: "User groups", key: "Groups" },
  { label: "Users", key: "Users" },
  { label: "Roles", key: "Roles" },
  { label: "Policies", key: "Policies" },
  { label: "Identity providers", key: "Providers" },
] as const;

function IamResources({ readout }: { readout: Readout<{ SummaryMap: Record<string, number> }> }) {
  return (
    <section aria-label="IAM resources">
      <Container
        header={
          <Header variant="h2" description="Resources in this AWS Account">
            IAM resources
          </Header>
        }
      >
        {readout.ok ? (
          <dl className={styles.counts}>
            {RESOURCE_COUNTS.map(({ label, key }) => {
              const count = String(readout.data.SummaryMap[key] ?? 0);
              const href = consolePageHref(label);
              return (
                <div key={key} className={styles.count}>
                  <dt>
                    <Box variant="awsui-key-label">{label}</Box>
                  </dt>
                  <dd>
                    {href ? (
                      <RouterLink href={href} fontSize="display-l" variant="primary">
                        {count}
                      </RouterLink>
                    ) : (
                      <Box variant="awsui-value-large">{count}</Box>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        ) : (
          <PermissionAlert message={readout.accessDenied} />
        )}
      </Container>
    </section>
  );
}

function AwsAccount({
  accountId,
  aliases,
  signInUrl,
}: {
  accountId: string;
  aliases: Readout<{ AccountAliases: string[] }>;
  signInUrl: string;
}) {
  const alias = aliases.ok ? aliases.data.AccountAliases[0] : undefined;
  return (
    <section aria-label="AWS Account">
      <Container header={<Header variant="h2">AWS Account</Header>}>
        <SpaceBetween size="l">
          {!aliases.ok && <PermissionAlert message={aliases.accessDenied} />}
          <KeyValuePairs
            columns={1}
            items={[
              { label: "Account ID", value: <Copyable text={accountId} what="Account ID" /> },
              {
                label: "Account alias",
                value: alias ? <Copyable text={alias} what="Account alias" /> : "-",
              },
              {
                label: "Sign-in URL for IAM users in this account",
                value: <Copyable text={signInUrl} what="Sign-in URL" />,
              },
            ]}
          />
        </SpaceBetween>
      </Container>
    </section>
  );
}

const UNUSED_ACCESS_TYPES = [
  { type: "UnusedIAMRole", label: "Unused roles" },
  { type: "UnusedIAMUserAccessKey", label: "Unused access keys" },
  { type: "UnusedIAMUserPassword", label: "Unused passwords" },
  { type: "UnusedPermission", label: "Unused permissions" },
] as const;

// The reports read from the account's recorded activity, as the IAM console's "Access reports".
function AccessReports({ unusedAccess }: { unusedAccess: Readout<UnusedAccessFindingSummary | undefined> }) {
  return (
    <section aria-label="Access reports">
      <Container header={<Header variant="h2">Access reports</Header>}>
        <SpaceBetween size="l">
          <div>
            <Box variant="awsui-key-label">Unused access (IAM Access Analyzer)</Box>
            {!unusedAccess.ok ? (
              <PermissionAlert message={unusedAccess.accessDenied} />
            ) : unusedAccess.data ? (
              <SpaceBetween size="xxs">
                <RouterLink href="/access-analyzer">
                  {plural(unusedAccess.data.totalActiveFindings, "active finding")}
                </RouterLink>
                <Box variant="small" color="text-body-secondary">
                  {UNUSED_ACCESS_TYPES.map(({ type, label }) => `${label}: ${unusedAccess.data?.activeByType[type] ?? 0}`).join(" · ")} (tracking
                  period {unusedAccess.data.unusedAccessAge} days)
                </Box>
              </SpaceBetween>
            ) : (
              <Box>
                No unused access analyzer. <RouterLink href="/access-analyzer">Create analyzer</RouterLink>
              </Box>
            )}
          </div>
          <KeyValuePairs
            columns={1}
            items={[
              {
                label: "Policy validation",
                value: <RouterLink href="/access-analyzer/policy-validation?findingType=SECURITY_WARNING">Policies with security warnings</RouterLink>,
              },
              { label: "Credential report", value: <RouterLink href={CREDENTIAL_REPORT}>Users and the state of their credentials</RouterLink> },
              { label: "Event history", value: <RouterLink href="/event-history?outcome=AccessDenied">Access denied events</RouterLink> },
            ]}
          />
        </SpaceBetween>
      </Container>
    </section>
  );
}
