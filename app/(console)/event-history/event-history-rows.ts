import type { EventHistoryRow } from "@/components/reports/event-history/event-history-table-config";
import type { EventHistoryItem } from "@/lib/iam/reports/event-history";

// An event as the Event history table shows it: plain text made on the server.

const EVENT_TIME = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "long",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "November 26, 2026, 13:29:05 (UTC)": the console's dates, to the second as CloudTrail's. */
export function formatEventTime(date: Date): string {
  return `${EVENT_TIME.format(date)} (UTC)`;
}

/** The role of a session ARN (arn:aws:sts::ACCT:assumed-role/ROLE/SESSION), or "". */
export function sessionRole(principalArn: string): string {
  return /:assumed-role\/([^/]+)\//.exec(principalArn)?.[1] ?? "";
}

export function eventHistoryRow(e: EventHistoryItem): EventHistoryRow {
  const [resource] = e.resources;
  return {
    eventId: e.eventId,
    eventTime: formatEventTime(e.eventTime),
    userName: e.userName ?? "-",
    principalArn: e.principalArn,
    roleName: e.principalType === "AssumedRole" ? sessionRole(e.principalArn) : "",
    eventName: e.eventName,
    eventSource: e.eventSource,
    sourceIp: e.sourceIp ?? "-",
    errorCode: e.errorCode ?? "-",
    errorMessage: e.errorMessage ?? "-",
    resource: resource ? [resource.ResourceType, resource.ResourceName].filter(Boolean).join(" ") : "-",
    accessKeyId: e.accessKeyId ?? "-",
    awsRegion: e.awsRegion ?? "-",
    readOnly: String(e.readOnly),
  };
}
