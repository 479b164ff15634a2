import Box from "@cloudscape-design/components/box";
import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";

// The Event history table's columns, apart from the page. The table is sorted by event time,
// newest first, in the database, and nowhere else: no column sorts. Texts come formatted from
// the server, so the server render and the browser print the same.

export interface EventHistoryRow {
  eventId: string;
  /** "2026-11-26 13:29:05 UTC" */
  eventTime: string;
  /** A user's name, "root", a role session's name; "-" when there is none. */
  userName: string;
  principalArn: string;
  /** The role a session acts for, "" for other principals. */
  roleName: string;
  eventName: string;
  eventSource: string;
  sourceIp: string;
  /** "-" for a call that succeeded. */
  errorCode: string;
  /** AWS's message; for AccessDenied, with its reason. "-" for a call that succeeded. */
  errorMessage: string;
  /** "AWS::IAM::User bob", or "-". */
  resource: string;
  accessKeyId: string;
  awsRegion: string;
  readOnly: string;
}

export const eventHref = (eventId: string) => `/event-history/${eventId}`;

export const EVENT_HISTORY_TABLE = defineTable<EventHistoryRow>({
  resourceName: { singular: "event", plural: "events" },
  getRowId: (e) => e.eventId,
  getRowLabel: (e) => `${e.eventName} at ${e.eventTime}`,
  preferencesKey: "event-history",
  pageSizeOptions: [10, 20, 50, 100],
  defaultPageSize: 50,
  columns: [
    {
      id: "eventName",
      header: "Event name",
      cell: (e) => <RouterLink href={eventHref(e.eventId)}>{e.eventName}</RouterLink>,
      isRowHeader: true,
      alwaysVisible: true,
    },
    { id: "eventTime", header: "Event time", cell: (e) => e.eventTime, alwaysVisible: true, minWidth: 190 },
    {
      id: "userName",
      header: "User name",
      cell: (e) =>
        e.roleName ? (
          <>
            {e.userName}
            <Box variant="small" display="block" color="text-body-secondary">
              {`session of ${e.roleName}`}
            </Box>
          </>
        ) : (
          e.userName
        ),
    },
    { id: "principalArn", header: "Principal ARN", cell: (e) => e.principalArn },
    { id: "eventSource", header: "Event source", cell: (e) => e.eventSource },
    { id: "sourceIp", header: "Source IP address", cell: (e) => e.sourceIp },
    { id: "errorCode", header: "Error code", cell: (e) => e.errorCode },
    { id: "errorMessage", header: "Error message", cell: (e) => e.errorMessage, minWidth: 240 },
    { id: "resource", header: "Resource", cell: (e) => e.resource },
    { id: "accessKeyId", header: "AWS access key", cell: (e) => e.accessKeyId, hiddenByDefault: true },
    { id: "awsRegion", header: "AWS region", cell: (e) => e.awsRegion, hiddenByDefault: true },
    { id: "readOnly", header: "Read-only", cell: (e) => e.readOnly, hiddenByDefault: true },
  ],
});
