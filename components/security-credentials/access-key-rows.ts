import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { ACCESS_KEY_ROTATION_DAYS, ageInDays } from "@/lib/iam/access-key-rules";

// An access key as the Access keys table shows it: its age in whole days, whether it is due for
// rotation, and when and where it was last used — formatted on the server, so the server render
// and the browser's hydration print the same text. AWS itself enforces no rotation; 90 days is
// the benchmark the console (and CIS) warn at (iam-facts §9); the rule itself is lib/iam's.

/** "0 days", "1 day", "120 days", as the users list words "Active key age". */
export function formatAge(days: number): string {
  return days === 1 ? "1 day" : `${Math.max(0, days)} days`;
}

/** At ACCESS_KEY_ROTATION_DAYS (90) days, the console warns. */
export function needsRotation(days: number): boolean {
  return days >= ACCESS_KEY_ROTATION_DAYS;
}

/** What GetAccessKeyLastUsed says about a key, as the console lists it. */
export interface AccessKeyLastUsed {
  date?: Date;
  /** "N/A" when never used, as AWS answers. */
  service?: string;
  region?: string;
}

export interface AccessKeyDetails {
  AccessKeyId: string;
  Status: string;
  CreateDate: Date;
  description?: string;
  lastUsed?: AccessKeyLastUsed;
}

/** One row of the Access keys table: plain strings and numbers. */
export interface AccessKeyTableRow {
  AccessKeyId: string;
  Status: "Active" | "Inactive";
  description: string;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
  ageDays: number;
  /** "0 days", "120 days" */
  age: string;
  needsRotation: boolean;
  /** "2 hours ago" or "Never" */
  lastUsed: string;
  lastUsedService: string;
  lastUsedRegion: string;
}

const notApplicable = (value: string | undefined) => (value && value !== "N/A" ? value : "-");

export function toAccessKeyTableRow(key: AccessKeyDetails, now: Date): AccessKeyTableRow {
  const days = ageInDays(key.CreateDate, now);
  const used = key.lastUsed?.date;
  return {
    AccessKeyId: key.AccessKeyId,
    Status: key.Status === "Active" ? "Active" : "Inactive",
    description: key.description ?? "",
    created: formatDateTime(key.CreateDate),
    ageDays: days,
    age: formatAge(days),
    needsRotation: needsRotation(days),
    lastUsed: used ? timeAgo(used, now) : "Never",
    lastUsedService: used ? notApplicable(key.lastUsed?.service) : "-",
    lastUsedRegion: used ? notApplicable(key.lastUsed?.region) : "-",
  };
}
