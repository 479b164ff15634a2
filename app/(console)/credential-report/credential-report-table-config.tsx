import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import { SECURITY_CREDENTIALS_TAB } from "@/components/security-credentials/credential-target";
import { userHref } from "@/lib/console-paths";
import type { CredentialReportRow } from "./credential-report-rows";

// The report's table, apart from the page: the CSV's facts per user, worded, and the findings
// lib/iam flagged. Each user links to its Security credentials tab, where the findings are fixed.

const securityCredentialsHref = (userName: string) => `${userHref(userName)}?tab=${SECURITY_CREDENTIALS_TAB}`;

export const CREDENTIAL_REPORT_TABLE = defineTable<CredentialReportRow>({
  resourceName: { singular: "user", plural: "users" },
  preferencesKey: "credential-report",
  getRowId: (r) => r.user,
  columns: [
    {
      id: "user",
      header: "User",
      cell: (r) => (r.root ? r.user : <RouterLink href={securityCredentialsHref(r.user)}>{r.user}</RouterLink>),
      value: (r) => r.user,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "arn", header: "ARN", cell: (r) => r.arn, value: (r) => r.arn, hiddenByDefault: true },
    {
      id: "findings",
      header: "Findings",
      cell: (r) =>
        r.findings.length === 0 ? (
          <StatusIndicator type="success">No findings</StatusIndicator>
        ) : (
          <SpaceBetween size="xxxs">
            {r.findings.map((f) => (
              <StatusIndicator key={f.text} type="warning">
                {f.text}
              </StatusIndicator>
            ))}
          </SpaceBetween>
        ),
      value: (r) => r.findings.length,
      filterValue: (r) => r.findings.map((f) => f.text).join("; "),
      minWidth: 260,
    },
    { id: "password", header: "Console password", cell: (r) => r.password, value: (r) => r.password },
    {
      id: "passwordLastUsed",
      header: "Password last used",
      cell: (r) => r.passwordLastUsed,
      value: (r) => r.passwordLastUsedAt,
      filterValue: (r) => r.passwordLastUsed,
    },
    {
      id: "mfa",
      header: "MFA",
      cell: (r) => (r.mfa ? <StatusIndicator type="success">Active</StatusIndicator> : "-"),
      value: (r) => r.mfa,
      filterable: false,
    },
    { id: "accessKey1", header: "Access key 1", cell: (r) => r.accessKeys[0], value: (r) => r.accessKeys[0], minWidth: 220 },
    { id: "accessKey2", header: "Access key 2", cell: (r) => r.accessKeys[1], value: (r) => r.accessKeys[1], minWidth: 220 },
    { id: "certificates", header: "Signing certificates", cell: (r) => r.certificates, value: (r) => r.certificates, hiddenByDefault: true },
    { id: "created", header: "Creation time", cell: (r) => r.created, value: (r) => r.createdAt, filterValue: (r) => r.created },
  ],
});
