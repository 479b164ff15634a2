import { formatDateTime } from "@/components/console-layout/time";
import { policyHref } from "@/lib/console-paths";
import type { LastAccessedReport } from "@/lib/iam/reports/service-last-accessed";

// The "Last accessed" tab's rows, shaped on the server from a report, with times already
// written as the console writes them (so the browser needs no clock).

export type LastAccessedSubject = "User" | "Group" | "Role" | "Policy";

export const NOT_ACCESSED = "Not accessed in the tracking period";
/** The tab's id in ?section=, as the IAM console names it. */
export const LAST_ACCESSED_TAB = "access_advisor";

export interface GrantingPolicyView {
  name: string;
  /** A managed policy's page. */
  href?: string;
  /** "Inline (group Developers)" for an inline policy held elsewhere. */
  note?: string;
}

export interface ServiceRow {
  namespace: string;
  name: string;
  policies: GrantingPolicyView[];
  /** ISO time of the latest attempt, for sorting; absent when there was none. */
  lastAccessed?: string;
  /** "Today", "Yesterday", "12 days ago", or NOT_ACCESSED. */
  lastAccessedText: string;
  /** "May 1, 2026, 10:00 (UTC)" */
  lastAccessedDate?: string;
  region?: string;
  /** Group and policy reports: the user or role that made the latest attempt. */
  entity?: string;
  entityCount: number;
}

export interface ActionRow {
  /** "iam:ListUsers" */
  action: string;
  lastAccessed?: string;
  lastAccessedText: string;
  lastAccessedDate?: string;
  region?: string;
  entity?: string;
}

export type LastAccessedData =
  | { status: "IN_PROGRESS" }
  | { status: "FAILED"; error: { code: string; message: string } }
  | { status: "COMPLETED"; services: ServiceRow[]; iamActions?: ActionRow[]; policiesDenied?: string };

const DAY_MS = 86_400_000;

/** "Today", "Yesterday" or "N days ago", counted in UTC calendar days as the console counts them. */
export function lastAccessedText(when: Date | undefined, now: Date): string {
  if (!when) return NOT_ACCESSED;
  const day = (d: Date) => Math.floor(d.getTime() / DAY_MS);
  const days = Math.max(0, day(now) - day(when));
  return days === 0 ? "Today" : days === 1 ? "Yesterday" : `${days} days ago`;
}

/** "role/Admin" → "Admin"; the entity's name out of its ARN. */
function entityName(arn: string | undefined): string | undefined {
  return arn?.slice(arn.lastIndexOf("/") + 1);
}

function when(date: Date | undefined, now: Date) {
  return date ? { lastAccessed: date.toISOString(), lastAccessedText: lastAccessedText(date, now), lastAccessedDate: formatDateTime(date) } : { lastAccessedText: NOT_ACCESSED };
}

export function toLastAccessedData(report: LastAccessedReport, subject: LastAccessedSubject, now: Date): LastAccessedData {
  if (report.JobStatus === "IN_PROGRESS") return { status: "IN_PROGRESS" };
  if (report.JobStatus === "FAILED") return { status: "FAILED", error: { code: report.Error?.Code ?? "ServiceFailure", message: report.Error?.Message ?? "The report could not be generated." } };
  const showEntity = subject === "Group" || subject === "Policy";
  const services = report.ServicesLastAccessed.map((s): ServiceRow => ({
    namespace: s.ServiceNamespace,
    name: s.ServiceName,
    policies: (report.policies?.get(s.ServiceNamespace) ?? []).map((p) => ({
      name: p.PolicyName,
      href: p.PolicyArn ? policyHref(p.PolicyArn) : undefined,
      note: p.PolicyType === "INLINE" ? `Inline${p.EntityType === "GROUP" ? ` (group ${p.EntityName})` : ""}` : undefined,
    })),
    ...when(s.LastAuthenticated, now),
    region: s.LastAuthenticatedRegion,
    entity: showEntity ? entityName(s.LastAuthenticatedEntity) : undefined,
    entityCount: s.TotalAuthenticatedEntities,
  }));
  const iam = report.ServicesLastAccessed.find((s) => s.ServiceNamespace === "iam");
  const iamActions = iam?.TrackedActionsLastAccessed?.map((a): ActionRow => ({
    action: `iam:${a.ActionName}`,
    ...when(a.LastAccessedTime, now),
    region: a.LastAccessedRegion,
    entity: showEntity ? entityName(a.LastAccessedEntity) : undefined,
  }));
  return { status: "COMPLETED", services, iamActions, policiesDenied: report.policiesDenied };
}
