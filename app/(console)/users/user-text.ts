import { timeAgo } from "@/components/console-layout/time";
import type { ConsoleUser } from "@/lib/iam/users-console";
import type { UserListRow } from "./users-table-config";

// How the users pages word a user's facts, as the IAM console does. Plain functions: server
// pages format, so the server render and the browser's hydration print the same text.

const DAY = 24 * 3600_000;

/** An age in whole days, as the console's "Password age" and "Active key age": "0 days", "1 day", "91 days". */
export function ageInDays(date: Date, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - date.getTime()) / DAY));
  return `${days} day${days === 1 ? "" : "s"}`;
}

export function userListRow(u: ConsoleUser, now: Date): UserListRow {
  const key = u.accessKeys[0];
  return {
    UserName: u.userName,
    Arn: u.arn,
    Path: u.path,
    groups: u.groups,
    lastActivity: u.lastActivity ? timeAgo(u.lastActivity, now) : "-",
    mfa: u.mfaDevices > 0 ? "Virtual" : "-",
    passwordAge: u.passwordChangedAt ? ageInDays(u.passwordChangedAt, now) : "-",
    consoleLastSignIn: !u.passwordEnabled ? "-" : u.passwordLastUsed ? timeAgo(u.passwordLastUsed, now) : "Never",
    accessKeyId: key ? `Active - ${key.accessKeyId}` : "-",
    activeKeyAge: key ? ageInDays(key.createDate, now) : "-",
    created: timeAgo(u.createDate, now),
  };
}
