import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { EventDetail } from "@/components/reports/event-history/event-detail";
import { eventHref } from "@/components/reports/event-history/event-history-table-config";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { lookupEvents } from "@/lib/iam/reports/event-history";
import { formatEventTime, sessionRole } from "../event-history-rows";

// One event: its details, the resources it names, and its CloudTrail record.

type Params = { eventId: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).eventId)} | Event history | IAM` };
}

interface Identity {
  arn?: string;
  accessKeyId?: string;
}

export default async function EventPage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const eventId = decodeURIComponent((await params).eventId);
  const read = await readOrDenied(lookupEvents(caller, { LookupAttributes: [{ AttributeKey: "EventId", AttributeValue: eventId }] }));
  const parent = navTrail("/event-history");
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={breadcrumbs(parent, eventId, eventHref(eventId))} />
        <PermissionAlert message={read.accessDenied} />
      </>
    );
  }
  const [event] = read.data.Events;
  if (!event) notFound();
  const record = JSON.parse(event.CloudTrailEvent) as Record<string, unknown> & { userIdentity?: Identity };
  const text = (key: string) => (typeof record[key] === "string" ? (record[key] as string) : undefined);
  const principalArn = record.userIdentity?.arn ?? "";
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(parent, event.EventName, eventHref(event.EventId))} />
      <EventDetail
        event={{
          eventId: event.EventId,
          eventName: event.EventName,
          eventTime: formatEventTime(event.EventTime),
          eventSource: event.EventSource,
          userName: event.Username ?? "-",
          roleName: sessionRole(principalArn),
          principalArn,
          accessKeyId: event.AccessKeyId ?? "-",
          awsRegion: text("awsRegion") ?? "-",
          sourceIp: text("sourceIPAddress") ?? "-",
          userAgent: text("userAgent") ?? "-",
          requestId: text("requestID") ?? "-",
          readOnly: event.ReadOnly,
          errorCode: text("errorCode"),
          errorMessage: text("errorMessage"),
          resources: event.Resources,
          record: JSON.stringify(record, null, 2),
        }}
      />
    </>
  );
}
