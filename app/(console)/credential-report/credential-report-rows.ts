import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import type { CredentialFinding, CredentialFindingType, CredentialReportEntry, CredentialSlot } from "@/lib/iam/reports/credential-report";
import { ageInDays } from "../users/user-text";

// How the Credential report page words the report's rows and findings. Plain functions: the
// server page formats, so the server render and the browser's hydration print the same text.
// Which rows have findings is lib/iam's to decide; this only words them.

export const CREDENTIAL_REPORT_HREF = "/credential-report";

/** The finding types, as the page's "Filter by finding" names them. */
export const FINDING_TYPE_LABELS: Record<CredentialFindingType, string> = {
  "console-without-mfa": "Console access without MFA",
  "root-access-key": "Root user access key",
  "access-key-old": "Access key older than 90 days",
  "access-key-unused": "Access key unused for 90 days or never used",
  "password-unused": "Password unused for 90 days",
};

/** The table's "Filter by finding", in the URL: the dashboard links to ?finding=console-without-mfa. */
export const FINDING_PARAM = "finding";

export type FindingFilter = "" | "any" | "none" | CredentialFindingType;

/** The filter a URL asks for; anything else shows all rows. */
export function parseFindingFilter(value: string | undefined): FindingFilter {
  if (value === "any" || value === "none") return value;
  return value !== undefined && Object.hasOwn(FINDING_TYPE_LABELS, value) ? (value as CredentialFindingType) : "";
}

export function matchesFinding(row: CredentialReportRow, filter: FindingFilter): boolean {
  if (filter === "") return true;
  if (filter === "any") return row.findings.length > 0;
  if (filter === "none") return row.findings.length === 0;
  return row.findings.some((f) => f.type === filter);
}

export interface FindingView {
  type: CredentialFindingType;
  text: string;
}

export interface CredentialReportRow {
  /** The user name, or "<root_account>". */
  user: string;
  root: boolean;
  arn: string;
  /** "2 days ago" */
  created: string;
  createdAt: number;
  /** "Enabled", "Not enabled", or "Not supported" (the root user). */
  password: string;
  /** "3 days ago", "Never", "No information", or "-" without a password. */
  passwordLastUsed: string;
  /** For sorting: the time, or absent. */
  passwordLastUsedAt?: number;
  mfa: boolean;
  accessKeys: [string, string];
  certificates: string;
  findings: FindingView[];
}

function findingText(f: CredentialFinding): string {
  switch (f.type) {
    case "console-without-mfa":
      return "Console access without MFA";
    case "root-access-key":
      return `Root user has an active access key (${f.slot})`;
    case "access-key-old":
      return `Access key ${f.slot} is ${f.days} days old`;
    case "access-key-unused":
      return f.days === undefined ? `Access key ${f.slot} never used` : `Access key ${f.slot} unused for ${f.days} days`;
    case "password-unused":
      return f.days === undefined ? "Password never used" : `Password unused for ${f.days} days`;
  }
}

/** "Active, created 91 days ago; used 2 days ago (s3, us-east-1)", "Inactive, …; never used", or "-". */
function accessKeyText(key: CredentialSlot, now: Date): string {
  if (!key.present || !key.lastRotated) return "-";
  const state = `${key.active ? "Active" : "Inactive"}, created ${ageInDays(key.lastRotated, now)} ago`;
  if (!key.lastUsedDate) return `${state}; never used`;
  const where = [key.lastUsedService, key.lastUsedRegion].filter(Boolean).join(", ");
  return `${state}; used ${timeAgo(key.lastUsedDate, now)}${where ? ` (${where})` : ""}`;
}

function certificatesText(certificates: CredentialSlot[]): string {
  const present = certificates.filter((c) => c.present);
  if (present.length === 0) return "-";
  const active = present.filter((c) => c.active).length;
  return `${present.length} (${active} active)`;
}

function passwordText(entry: CredentialReportEntry): string {
  if (entry.passwordEnabled === "not_supported") return "Not supported";
  return entry.passwordEnabled ? "Enabled" : "Not enabled";
}

function passwordLastUsedText(entry: CredentialReportEntry, now: Date): string {
  const used = entry.passwordLastUsed;
  if (used instanceof Date) return timeAgo(used, now);
  if (used === "N/A") return "-";
  return "No information";
}

/** A report row as the page's table shows it; ages are measured from the report's generation. */
export function credentialReportRow(entry: CredentialReportEntry, generatedAt: Date): CredentialReportRow {
  return {
    user: entry.user,
    root: entry.root,
    arn: entry.arn,
    created: timeAgo(entry.userCreationTime, generatedAt),
    createdAt: entry.userCreationTime.getTime(),
    password: passwordText(entry),
    passwordLastUsed: passwordLastUsedText(entry, generatedAt),
    ...(entry.passwordLastUsed instanceof Date ? { passwordLastUsedAt: entry.passwordLastUsed.getTime() } : {}),
    mfa: entry.mfaActive,
    accessKeys: [accessKeyText(entry.accessKeys[0], generatedAt), accessKeyText(entry.accessKeys[1], generatedAt)],
    certificates: certificatesText(entry.certificates),
    findings: entry.findings.map((f) => ({ type: f.type, text: findingText(f) })),
  };
}

/** "June 1, 2026, 12:00 (UTC)" */
export const generatedText = (generatedAt: Date) => formatDateTime(generatedAt);

/** The file "Download credentials report" saves, named after the report's generation time. */
export function reportFileName(generatedAt: string): string {
  return `status_reports_${generatedAt.replace(/\.\d+Z$/, "+00:00").replace("Z", "+00:00").replaceAll(":", "_")}.csv`;
}
