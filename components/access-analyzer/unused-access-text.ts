import { breadcrumbs, IAM_TRAIL, navTrail, type Trail } from "@/components/console-layout/breadcrumbs";
import { timeAgo } from "@/components/console-layout/time";
import { securityCredentialsHref } from "@/components/security-credentials/credential-target";
import { roleHref, userHref } from "@/lib/console-paths";

// Words and links of the Access Analyzer pages, as the IAM console writes them. Plain module:
// server pages format rows with it and client components link with it. Types are written out
// here instead of imported, so no server module reaches the browser bundle.

export const ACCESS_ANALYZER_HREF = "/access-analyzer";
export const CREATE_ANALYZER_HREF = "/access-analyzer/create";
export const POLICY_VALIDATION_HREF = "/access-analyzer/policy-validation";
export const GENERATE_POLICY_HREF = "/access-analyzer/generate-policy";

export const findingHref = (id: string) => `${ACCESS_ANALYZER_HREF}/findings/${encodeURIComponent(id)}`;

/** "IAM" > "Access Analyzer": the navigation's entry when it has one. */
export function accessAnalyzerTrail(): Trail {
  const trail = navTrail(ACCESS_ANALYZER_HREF);
  return trail.at(-1)?.href === ACCESS_ANALYZER_HREF ? trail : breadcrumbs(IAM_TRAIL, "Access Analyzer", ACCESS_ANALYZER_HREF);
}

export type FindingTypeName = "UnusedIAMRole" | "UnusedIAMUserAccessKey" | "UnusedIAMUserPassword" | "UnusedPermission";
export type FindingStatusName = "ACTIVE" | "ARCHIVED" | "RESOLVED";

export const FINDING_TYPE_LABELS: Record<FindingTypeName, string> = {
  UnusedIAMRole: "Unused role",
  UnusedIAMUserAccessKey: "Unused access key",
  UnusedIAMUserPassword: "Unused password",
  UnusedPermission: "Unused permissions",
};

export const FINDING_STATUS_LABELS: Record<FindingStatusName, string> = { ACTIVE: "Active", ARCHIVED: "Archived", RESOLVED: "Resolved" };

/** The findings table's status choice, in the URL as ?status=: Active unless chosen. */
export const STATUS_CHOICES = ["active", "archived", "resolved", "all"] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];
export const STATUS_PARAM = "status";

export function statusChoice(value: string | string[] | undefined): StatusChoice {
  const text = Array.isArray(value) ? value[0] : value;
  return (STATUS_CHOICES as readonly string[]).includes(text ?? "") ? (text as StatusChoice) : "active";
}

/** The status a choice lists; undefined for all of them. */
export const statusOfChoice = (choice: StatusChoice): FindingStatusName | undefined => (choice === "all" ? undefined : (choice.toUpperCase() as FindingStatusName));

/** The analyzer name the console suggests, as AWS's does: "UnusedAccessAnalyzer-" and the day. */
export function defaultAnalyzerName(now: Date): string {
  return `UnusedAccessAnalyzer-${now.toISOString().slice(0, 10)}`;
}

export interface FindingResource {
  kind: "User" | "Role";
  name: string;
  href: string;
}

/** The user or role an IAM ARN names, with its console page. */
export function findingResource(arn: string): FindingResource {
  const resource = arn.slice(arn.indexOf(":", arn.indexOf(":iam::") + 6) + 1);
  const name = resource.slice(resource.lastIndexOf("/") + 1);
  return resource.startsWith("role/") ? { kind: "Role", name, href: roleHref(name) } : { kind: "User", name, href: userHref(name) };
}

/** Where a user's console password and access keys are managed. */
export const credentialsHref = (userName: string) => securityCredentialsHref({ kind: "user", userName });

/** "95 days ago", or "Never" for access never used. */
export function lastAccessedText(at: Date | undefined, now: Date): string {
  return at ? timeAgo(at, now) : "Never";
}
