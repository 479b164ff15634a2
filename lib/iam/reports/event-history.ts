import "server-only";
import { createHash } from "node:crypto";
import { db, Prisma, type Db } from "@/lib/db";
import { operation } from "@/lib/iam/activity";
import { iamArn, parseArn, rootArn } from "@/lib/iam/arns";
import { authorize } from "@/lib/iam/authorize";
import type { Caller } from "@/lib/iam/caller";
import { IamError } from "@/lib/iam/errors";
import {
  cloudTrailRecord,
  EVENT_CSV_HEADER,
  EVENT_ROW_SELECT,
  eventCsvLine,
  eventIdOf,
  resourceArnPrefix,
  resourcesOf,
  rowIdOfEventId,
  userNameOf,
  type EventResource,
  type EventRow,
} from "./event-history-format";

export type { EventResource };

// The event history: every recorded call of the account, newest first, as CloudTrail's
// LookupEvents answers it and as the console's Event history page reads it.
//
//   lookupEvents(caller, { LookupAttributes?, StartTime?, EndTime?, MaxResults?, NextToken? })
//       CloudTrail's API: one lookup attribute, 1–50 events a page, NextToken bound to the query.
//   listEventHistory(caller, { principal?, eventName?, outcome?, eventSource?, startTime?, endTime?,
//                              pageSize, cursor?, direction?, skip? })
//       The console's read: several filters at once, keyset pages in both directions.
//   exportEventHistory(caller, { ...filters, format: "csv" | "json" })
//       Up to EVENT_EXPORT_LIMIT matching events, newest first, read and written in batches.
//
// Pages follow (eventTime desc, id desc), which the index (accountId, eventTime desc, id desc)
// serves; a principal, an event name or an error code narrows through their own indexes. No
// page reads the rows before it: a cursor names the last (or first) event seen, and a jump of a
// few pages skips a bounded number of events from a cursor. Nothing counts the matching events,
// as CloudTrail's event history does not: with two filters that each match many events (a
// principal's AccessDenied events), a count would read every event of the principal. Each of
// these reads is itself a LookupEvents call, authorized as cloudtrail:LookupEvents and recorded.

export const CLOUDTRAIL_EVENT_SOURCE = "cloudtrail.amazonaws.com";
/** CloudTrail's event history keeps management events for 90 days. */
export const EVENT_HISTORY_RETENTION_DAYS = 90;
export const LOOKUP_EVENTS_MAX_RESULTS = 50;
/** The console's page sizes stop here. */
export const EVENT_HISTORY_PAGE_SIZE_MAX = 100;
/**
 * How many events a page may jump over from its cursor: a pagination link a few pages away.
 * Bounded, so a jump reads a few pages' index entries at most, wherever the cursor is.
 */
export const EVENT_HISTORY_MAX_SKIP = 1000;
/** An export holds at most this many events, the newest that match. */
export const EVENT_EXPORT_LIMIT = 10_000;
const EXPORT_BATCH = 500;
const ATTRIBUTE_VALUE_MAX = 2000;
const DAY_MS = 24 * 3600 * 1000;

export const LOOKUP_ATTRIBUTE_KEYS = [
  "EventId",
  "EventName",
  "ReadOnly",
  "Username",
  "ResourceType",
  "ResourceName",
  "EventSource",
  "AccessKeyId",
] as const;
export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

type Where = Prisma.ActivityEventWhereInput;

const NEWEST_FIRST = [{ eventTime: "desc" as const }, { id: "desc" as const }];
const OLDEST_FIRST = [{ eventTime: "asc" as const }, { id: "asc" as const }];

// ---- Time ------------------------------------------------------------------------------------------

const invalidTimeRange = (message: string) => new IamError("InvalidTimeRangeException", message);

/** The events' time bounds: the request's range within the retention period. */
function timeWindow(now: Date, start: Date | undefined, end: Date | undefined): Where {
  for (const t of [start, end]) {
    if (t && Number.isNaN(t.getTime())) throw invalidTimeRange("The time range is not valid: StartTime and EndTime must be timestamps.");
  }
  if (start && end && start.getTime() > end.getTime()) {
    throw invalidTimeRange("The time range is not valid: the start time must not be after the end time.");
  }
  const oldest = new Date(now.getTime() - EVENT_HISTORY_RETENTION_DAYS * DAY_MS);
  return { eventTime: { gte: start && start > oldest ? start : oldest, ...(end ? { lte: end } : {}) } };
}

// ---- Positions and cursors -------------------------------------------------------------------------

interface Position {
  time: Date;
  id: bigint;
}

/** Events after a position in the newest-first order (older ones), or before it (newer ones). */
function beyond(p: Position, side: "older" | "newer", inclusive: boolean): Where {
  // The redundant bound on eventTime alone lets the index range start at the position.
  return side === "older"
    ? { eventTime: { lte: p.time }, OR: [{ eventTime: { lt: p.time } }, { id: inclusive ? { lte: p.id } : { lt: p.id } }] }
    : { eventTime: { gte: p.time }, OR: [{ eventTime: { gt: p.time } }, { id: inclusive ? { gte: p.id } : { gt: p.id } }] };
}

interface Cursor extends Position {
  inclusive: boolean;
}

function encodeCursor(row: Pick<EventRow, "eventTime" | "id">, inclusive: boolean): string {
  return Buffer.from(`${row.eventTime.getTime()}.${row.id}.${inclusive ? 1 : 0}`).toString("base64url");
}

const invalidCursor = () => new IamError("InvalidNextTokenException", "The page cursor is not valid. Start again from the first page.");

function decodeCursor(cursor: string): Cursor {
  const m = /^(\d{1,15})\.(\d{1,19})\.([01])$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!m) throw invalidCursor();
  return { time: new Date(Number(m[1])), id: BigInt(m[2]), inclusive: m[3] === "1" };
}

// ---- Who -------------------------------------------------------------------------------------------

/** The account's IAM users and roles that have a name (case-insensitive, as IAM names are). */
async function entitiesNamed(prisma: Db, accountId: string, name: string) {
  const nameKey = name.toLowerCase();
  const [users, roles] = await Promise.all([
    prisma.user.findMany({ where: { accountId, nameKey }, select: { arn: true } }),
    prisma.role.findMany({ where: { accountId }, select: { name: true, nameKey: true, arn: true } }),
  ]);
  return { users, roles, namedRoles: roles.filter((r) => r.nameKey === nameKey) };
}

/**
 * The principal ARNs whose events carry a user name, as CloudTrail's Username attribute
 * matches: "root" for the root user, an IAM user's name (the user's ARN, and the ARN a
 * deleted user at "/" had), a role session's or a federated user's name.
 */
async function principalArnsNamed(prisma: Db, accountId: string, name: string, entities?: Awaited<ReturnType<typeof entitiesNamed>>): Promise<string[]> {
  const { users, roles } = entities ?? (await entitiesNamed(prisma, accountId, name));
  const arns = new Set<string>([
    ...(name === "root" ? [rootArn(accountId)] : []),
    ...users.map((u) => u.arn),
    iamArn(accountId, "user", "/", name),
    ...roles.map((r) => `arn:aws:sts::${accountId}:assumed-role/${r.name}/${name}`),
    `arn:aws:sts::${accountId}:federated-user/${name}`,
  ]);
  // Only the ARNs that made calls (one index probe each, in one statement): with one left, the
  // page reads that principal's index in time order instead of sorting the events of several.
  const found = await prisma.$queryRaw<{ arn: string }[]>`
    SELECT arn FROM unnest(${[...arns]}::text[]) AS arn
    WHERE EXISTS (SELECT 1 FROM "ActivityEvent" WHERE "accountId" = ${accountId} AND "principalArn" = arn)`;
  const made = new Set(found.map((r) => r.arn));
  return [...arns].filter((a) => made.has(a));
}

const principalIn = (arns: string[]): Where => (arns.length === 1 ? { principalArn: arns[0] } : { principalArn: { in: arns } });

/**
 * The console's principal filter: an ARN (a role's ARN matches all its sessions), or a name
 * as CloudTrail's Username matches it, where a role's name also matches all its sessions.
 */
async function principalWhere(prisma: Db, accountId: string, text: string): Promise<Where> {
  if (text.startsWith("arn:")) {
    const parsed = parseArn(text);
    return parsed?.service === "iam" && parsed.resource.startsWith("role/") ? { identityArn: text } : { principalArn: text };
  }
  const entities = await entitiesNamed(prisma, accountId, text);
  const arns = await principalArnsNamed(prisma, accountId, text, entities);
  if (entities.namedRoles.length === 0) return principalIn(arns);
  const byRole: Where = { identityArn: { in: entities.namedRoles.map((r) => r.arn) } };
  return arns.length === 0 ? byRole : { OR: [principalIn(arns), byRole] };
}

/** "s3" or "s3.amazonaws.com": an event source as CloudTrail names it. */
function eventSourceName(text: string): string {
  return text.includes(".") ? text : `${text}.amazonaws.com`;
}

// ---- LookupEvents ----------------------------------------------------------------------------------

export interface LookupAttribute {
  AttributeKey: string;
  AttributeValue: string;
}

export interface LookupEventsInput {
  LookupAttributes?: LookupAttribute[];
  StartTime?: Date;
  EndTime?: Date;
  MaxResults?: number;
  NextToken?: string;
}

export interface LookupEvent {
  EventId: string;
  EventName: string;
  /** "true" or "false", as CloudTrail writes it. */
  ReadOnly: string;
  AccessKeyId?: string;
  EventTime: Date;
  EventSource: string;
  Username?: string;
  Resources: EventResource[];
  /** The CloudTrail record, a JSON string. */
  CloudTrailEvent: string;
}

export interface LookupEventsOutput {
  Events: LookupEvent[];
  NextToken?: string;
}

const invalidAttributes = (message: string) => new IamError("InvalidLookupAttributesException", message);

function checkAttributes(attributes: LookupAttribute[] | undefined): { key: LookupAttributeKey; value: string } | undefined {
  if (!attributes || attributes.length === 0) return undefined;
  if (attributes.length > 1) throw invalidAttributes("You can specify only one lookup attribute in a request.");
  const [{ AttributeKey: key, AttributeValue: value }] = attributes;
  if (!(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
    throw invalidAttributes(`The lookup attribute key ${key} is not valid. Valid keys: ${LOOKUP_ATTRIBUTE_KEYS.join(", ")}.`);
  }
  if (typeof value !== "string" || value.length < 1 || value.length > ATTRIBUTE_VALUE_MAX) {
    throw invalidAttributes(`The value of the lookup attribute ${key} must be 1 to ${ATTRIBUTE_VALUE_MAX} characters long.`);
  }
  if (key === "ReadOnly" && value !== "true" && value !== "false") {
    throw invalidAttributes("The value of the lookup attribute ReadOnly must be true or false.");
  }
  return { key: key as LookupAttributeKey, value };
}

/** The names a resource may have been recorded under: its ARN, or an IAM entity's friendly name. */
async function resourceArnsNamed(prisma: Db, accountId: string, name: string): Promise<string[]> {
  if (name.startsWith("arn:")) return [name];
  const nameKey = name.toLowerCase();
  const where = { accountId, nameKey };
  const found = await Promise.all([
    prisma.user.findMany({ where, select: { arn: true } }),
    prisma.group.findMany({ where, select: { arn: true } }),
    prisma.role.findMany({ where, select: { arn: true } }),
    prisma.instanceProfile.findMany({ where, select: { arn: true } }),
  ]);
  return [
    ...new Set([
      ...found.flat().map((e) => e.arn),
      ...(["user", "group", "role", "instance-profile"] as const).map((type) => iamArn(accountId, type, "/", name)),
      `arn:aws:s3:::${name}`,
    ]),
  ];
}

async function attributeWhere(prisma: Db, accountId: string, attribute: { key: LookupAttributeKey; value: string } | undefined): Promise<Where> {
  if (!attribute) return {};
  const { key, value } = attribute;
  switch (key) {
    case "EventId":
      // An event ID that names no event matches nothing (the row's own ID is checked after).
      return { id: rowIdOfEventId(value) ?? BigInt(-1) };
    case "EventName":
      return { eventName: value };
    case "ReadOnly":
      return { readOnly: value === "true" };
    case "Username":
      return principalIn(await principalArnsNamed(prisma, accountId, value));
    case "ResourceType": {
      const prefix = resourceArnPrefix(value, accountId);
      if (!prefix) return { id: BigInt(-1) };
      // A list operation's path ARN (".../user/") names no resource.
      return { resourceArn: { startsWith: prefix }, NOT: { resourceArn: { endsWith: "/" } } };
    }
    case "ResourceName":
      return { resourceArn: { in: await resourceArnsNamed(prisma, accountId, value) } };
    case "EventSource":
      return { eventSource: value };
    case "AccessKeyId":
      return { accessKeyId: value };
  }
}

// A NextToken carries the last event returned and a digest of the query it belongs to: AWS
// refuses a token sent with other parameters.
function queryDigest(input: LookupEventsInput): string {
  const query = JSON.stringify([input.LookupAttributes ?? [], input.StartTime?.getTime() ?? null, input.EndTime?.getTime() ?? null]);
  return createHash("sha256").update(query).digest("base64url").slice(0, 16);
}

const invalidNextToken = () =>
  new IamError("InvalidNextTokenException", "The NextToken is not valid, or it was issued for a request with different parameters.");

function decodeNextToken(token: string, digest: string): Position {
  const m = /^(\d{1,15})\.(\d{1,19})\.([\w-]{16})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!m || m[3] !== digest) throw invalidNextToken();
  return { time: new Date(Number(m[1])), id: BigInt(m[2]) };
}

function encodeNextToken(row: EventRow, digest: string): string {
  return Buffer.from(`${row.eventTime.getTime()}.${row.id}.${digest}`).toString("base64url");
}

function checkMaxResults(value: number | undefined): number {
  const n = value ?? LOOKUP_EVENTS_MAX_RESULTS;
  if (!Number.isInteger(n) || n < 1 || n > LOOKUP_EVENTS_MAX_RESULTS) {
    throw new IamError("InvalidMaxResultsException", `MaxResults must be a whole number from 1 to ${LOOKUP_EVENTS_MAX_RESULTS}; ${value} is not.`);
  }
  return n;
}

export function lookupEvents(caller: Caller, input: LookupEventsInput = {}): Promise<LookupEventsOutput> {
  return operation(caller, { eventName: "LookupEvents", eventSource: CLOUDTRAIL_EVENT_SOURCE, readOnly: true, params: { ...input } }, async () => {
    await authorize(caller, "cloudtrail:LookupEvents", "*");
    const limit = checkMaxResults(input.MaxResults);
    const attribute = checkAttributes(input.LookupAttributes);
    const window = timeWindow(caller.now, input.StartTime, input.EndTime);
    const digest = queryDigest(input);
    const after = input.NextToken === undefined ? undefined : decodeNextToken(input.NextToken, digest);
    const prisma = await db();
    const rows = (await prisma.activityEvent.findMany({
      where: { AND: [{ accountId: caller.accountId }, window, await attributeWhere(prisma, caller.accountId, attribute), after ? beyond(after, "older", false) : {}] },
      orderBy: NEWEST_FIRST,
      take: limit + 1,
      select: EVENT_ROW_SELECT,
    })) as EventRow[];
    const page = rows.slice(0, limit).filter((r) => attribute?.key !== "EventId" || eventIdOf(r) === attribute.value.toLowerCase());
    const starts = await sessionStarts(prisma, page);
    return {
      Events: page.map((row) => lookupEvent(row, starts.get(row.id))),
      ...(rows.length > limit ? { NextToken: encodeNextToken(rows[limit - 1], digest) } : {}),
    };
  });
}

function lookupEvent(row: EventRow, sessionStart: Date | undefined): LookupEvent {
  const username = userNameOf(row);
  return {
    EventId: eventIdOf(row),
    EventName: row.eventName,
    ReadOnly: String(row.readOnly),
    ...(row.accessKeyId ? { AccessKeyId: row.accessKeyId } : {}),
    EventTime: row.eventTime,
    EventSource: row.eventSource,
    ...(username !== undefined ? { Username: username } : {}),
    Resources: resourcesOf(row),
    CloudTrailEvent: JSON.stringify(cloudTrailRecord(row, sessionStart)),
  };
}

/**
 * When the credentials behind each event were issued, where the database knows: temporary
 * credentials (their STS session) and console sessions (the session that was open then).
 */
async function sessionStarts(prisma: Db, rows: EventRow[]): Promise<Map<bigint, Date>> {
  const starts = new Map<bigint, Date>();
  const stsKeys = [...new Set(rows.flatMap((r) => (r.accessKeyId?.startsWith("ASIA") ? [r.accessKeyId] : [])))];
  const consoleRows = rows.filter((r) => !r.accessKeyId && r.eventSource !== "signin.amazonaws.com");
  const times = consoleRows.map((r) => r.eventTime.getTime());
  const [sts, consoleSessions] = await Promise.all([
    stsKeys.length
      ? prisma.stsSession.findMany({ where: { accessKeyId: { in: stsKeys } }, select: { accessKeyId: true, createdAt: true } })
      : [],
    consoleRows.length
      ? prisma.consoleSession.findMany({
          where: {
            accountId: rows[0].accountId,
            principalArn: { in: [...new Set(consoleRows.map((r) => r.principalArn))] },
            createdAt: { lte: new Date(Math.max(...times)) },
            expiresAt: { gte: new Date(Math.min(...times)) },
          },
          select: { principalArn: true, createdAt: true, expiresAt: true },
          orderBy: { createdAt: "desc" },
        })
      : [],
  ]);
  const stsStart = new Map(sts.map((s) => [s.accessKeyId, s.createdAt]));
  for (const row of rows) {
    const issued = row.accessKeyId
      ? stsStart.get(row.accessKeyId)
      : consoleSessions.find((s) => s.principalArn === row.principalArn && s.createdAt <= row.eventTime && s.expiresAt >= row.eventTime)?.createdAt;
    if (issued) starts.set(row.id, issued);
  }
  return starts;
}

// ---- The console's event history -------------------------------------------------------------------

export const EVENT_OUTCOMES = ["all", "success", "error", "AccessDenied"] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

export interface EventHistoryFilters {
  /** A user, role, session or federated user name, "root", or a principal or role ARN. */
  principal?: string;
  eventName?: string;
  outcome?: EventOutcome;
  /** "iam.amazonaws.com", or just "iam". */
  eventSource?: string;
  startTime?: Date;
  endTime?: Date;
}

export interface EventHistoryInput extends EventHistoryFilters {
  pageSize: number;
  /** A cursor this function returned. */
  cursor?: string;
  /** "next" (the default) reads older events than the cursor, "previous" newer ones. */
  direction?: "next" | "previous";
  /** Events to pass over first, at most EVENT_HISTORY_MAX_SKIP. */
  skip?: number;
}

export interface EventHistoryItem {
  eventId: string;
  eventTime: Date;
  eventName: string;
  eventSource: string;
  /** As the event history names the caller: a user name, "root", a session's name. */
  userName?: string;
  principalArn: string;
  /** CloudTrail's userIdentity.type: Root, IAMUser, AssumedRole, FederatedUser. */
  principalType: string;
  sessionName?: string;
  sourceIp?: string;
  accessKeyId?: string;
  awsRegion?: string;
  readOnly: boolean;
  errorCode?: string;
  /** For AccessDenied, AWS's message with its reason. */
  errorMessage?: string;
  resources: EventResource[];
}

export interface EventHistoryPage {
  events: EventHistoryItem[];
  /** Reads this same page again, from its first event. */
  pageCursor?: string;
  /** Older events follow: read them with direction "next". */
  nextCursor?: string;
  /** Newer events come before: read them with direction "previous". */
  previousCursor?: string;
}

function lookupParams(input: EventHistoryFilters & { pageSize?: number }) {
  const attributes: LookupAttribute[] = [];
  if (input.principal) attributes.push({ AttributeKey: "Username", AttributeValue: input.principal });
  if (input.eventName) attributes.push({ AttributeKey: "EventName", AttributeValue: input.eventName });
  if (input.eventSource) attributes.push({ AttributeKey: "EventSource", AttributeValue: eventSourceName(input.eventSource) });
  return {
    ...(attributes.length ? { LookupAttributes: attributes } : {}),
    ...(input.outcome && input.outcome !== "all" ? { Outcome: input.outcome } : {}),
    ...(input.startTime ? { StartTime: input.startTime } : {}),
    ...(input.endTime ? { EndTime: input.endTime } : {}),
    ...(input.pageSize ? { MaxResults: input.pageSize } : {}),
  };
}

async function filtersWhere(prisma: Db, caller: Caller, filters: EventHistoryFilters): Promise<Where> {
  const and: Where[] = [{ accountId: caller.accountId }, timeWindow(caller.now, filters.startTime, filters.endTime)];
  const principal = filters.principal?.trim();
  if (principal) and.push(await principalWhere(prisma, caller.accountId, principal));
  if (filters.eventName?.trim()) and.push({ eventName: filters.eventName.trim() });
  if (filters.eventSource?.trim()) and.push({ eventSource: eventSourceName(filters.eventSource.trim()) });
  switch (filters.outcome ?? "all") {
    case "success":
      and.push({ errorCode: null });
      break;
    case "error":
      and.push({ errorCode: { not: null } });
      break;
    case "AccessDenied":
      and.push({ errorCode: "AccessDenied" });
      break;
  }
  return { AND: and };
}

function checkPageInput(input: EventHistoryInput): void {
  if (!Number.isInteger(input.pageSize) || input.pageSize < 1 || input.pageSize > EVENT_HISTORY_PAGE_SIZE_MAX) {
    throw new IamError("ValidationError", `The page size must be a whole number from 1 to ${EVENT_HISTORY_PAGE_SIZE_MAX}.`);
  }
  const skip = input.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0 || skip > EVENT_HISTORY_MAX_SKIP) {
    throw new IamError("ValidationError", `A page can skip at most ${EVENT_HISTORY_MAX_SKIP} events.`);
  }
  if (input.outcome !== undefined && !(EVENT_OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw new IamError("ValidationError", `The outcome must be one of ${EVENT_OUTCOMES.join(", ")}.`);
  }
}

const LIST_SELECT = {
  id: true,
  eventTime: true,
  requestId: true,
  eventSource: true,
  eventName: true,
  principalArn: true,
  principalType: true,
  sessionName: true,
  sourceIp: true,
  accessKeyId: true,
  awsRegion: true,
  readOnly: true,
  resourceArn: true,
  errorCode: true,
  errorMessage: true,
} as const;

type ListRow = Pick<
  EventRow,
  | "id"
  | "eventTime"
  | "requestId"
  | "eventSource"
  | "eventName"
  | "principalArn"
  | "principalType"
  | "sessionName"
  | "sourceIp"
  | "accessKeyId"
  | "awsRegion"
  | "readOnly"
  | "resourceArn"
  | "errorCode"
  | "errorMessage"
>;

function historyItem(row: ListRow): EventHistoryItem {
  const userName = userNameOf(row);
  return {
    eventId: eventIdOf(row),
    eventTime: row.eventTime,
    eventName: row.eventName,
    eventSource: row.eventSource,
    ...(userName !== undefined ? { userName } : {}),
    principalArn: row.principalArn,
    principalType: row.principalType,
    ...(row.sessionName ? { sessionName: row.sessionName } : {}),
    ...(row.sourceIp ? { sourceIp: row.sourceIp } : {}),
    ...(row.accessKeyId ? { accessKeyId: row.accessKeyId } : {}),
    ...(row.awsRegion ? { awsRegion: row.awsRegion } : {}),
    readOnly: row.readOnly,
    ...(row.errorCode ? { errorCode: row.errorCode } : {}),
    ...(row.errorMessage ? { errorMessage: row.errorMessage } : {}),
    resources: resourcesOf(row),
  };
}

/**
 * One page of the console's event history, newest first. Without a cursor it starts at the
 * newest event. A "previous" page that runs into the newest event is the first page, read
 * again from the top.
 */
export function listEventHistory(caller: Caller, input: EventHistoryInput): Promise<EventHistoryPage> {
  return operation(caller, { eventName: "LookupEvents", eventSource: CLOUDTRAIL_EVENT_SOURCE, readOnly: true, params: lookupParams(input) }, async () => {
    await authorize(caller, "cloudtrail:LookupEvents", "*");
    checkPageInput(input);
    const cursor = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
    const prisma = await db();
    const where = await filtersWhere(prisma, caller, input);
    const size = input.pageSize;
    const skip = input.skip ?? 0;

    const read = (side: "older" | "newer", from: Cursor | undefined, skipped: number) =>
      prisma.activityEvent.findMany({
        where: from ? { AND: [where, beyond(from, side, from.inclusive)] } : where,
        orderBy: side === "older" ? NEWEST_FIRST : OLDEST_FIRST,
        skip: skipped,
        take: size + 1,
        select: LIST_SELECT,
      });

    let rows: ListRow[];
    let newer: boolean;
    let older: boolean;
    const backwards = input.direction === "previous" && cursor ? await read("newer", cursor, skip) : undefined;
    if (backwards && backwards.length > size) {
      rows = backwards.slice(0, size).reverse();
      newer = true;
      older = true;
    } else {
      const fromTop = backwards !== undefined;
      const forwards = await read("older", fromTop ? undefined : cursor, fromTop ? 0 : skip);
      rows = forwards.slice(0, size);
      newer = !fromTop && (cursor !== undefined || skip > 0);
      older = forwards.length > size;
    }

    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      events: rows.map(historyItem),
      ...(first ? { pageCursor: encodeCursor(first, true) } : {}),
      ...(last && older ? { nextCursor: encodeCursor(last, false) } : {}),
      ...(first && newer ? { previousCursor: encodeCursor(first, false) } : {}),
    };
  });
}

// ---- Export ----------------------------------------------------------------------------------------

export type EventExportFormat = "csv" | "json";

export interface EventExportInput extends EventHistoryFilters {
  format: EventExportFormat;
  /** At most EVENT_EXPORT_LIMIT (the default). */
  limit?: number;
}

export interface EventExport {
  fileName: string;
  contentType: string;
  /** The file, in pieces, read from the database batch by batch as it is consumed. */
  chunks: AsyncIterable<string>;
}

/**
 * The matching events as a file: CSV (EVENT_CSV_COLUMNS), or JSON in the shape of CloudTrail's
 * log files, {"Records":[…]}, with each event's full CloudTrail record. Newest first; the
 * caller is authorized before the first byte, and the events are read lazily.
 */
export function exportEventHistory(caller: Caller, input: EventExportInput): Promise<EventExport> {
  return operation(
    caller,
    { eventName: "LookupEvents", eventSource: CLOUDTRAIL_EVENT_SOURCE, readOnly: true, params: lookupParams({ ...input, pageSize: undefined }) },
    async () => {
      await authorize(caller, "cloudtrail:LookupEvents", "*");
      const limit = input.limit ?? EVENT_EXPORT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > EVENT_EXPORT_LIMIT) {
        throw new IamError("ValidationError", `An export holds 1 to ${EVENT_EXPORT_LIMIT} events.`);
      }
      if (input.format !== "csv" && input.format !== "json") throw new IamError("ValidationError", "The export format must be csv or json.");
      const prisma = await db();
      const where = await filtersWhere(prisma, caller, input);
      const stamp = caller.now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
      return {
        fileName: `event-history-${caller.accountId}-${stamp}.${input.format}`,
        contentType: input.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        chunks: input.format === "csv" ? csvChunks(prisma, where, limit) : jsonChunks(prisma, where, limit),
      };
    },
  );
}

/** The matching rows, newest first, in batches read by keyset. */
async function* batches(prisma: Db, where: Where, limit: number): AsyncGenerator<EventRow[]> {
  let after: Position | undefined;
  let left = limit;
  while (left > 0) {
    const rows = (await prisma.activityEvent.findMany({
      where: after ? { AND: [where, beyond(after, "older", false)] } : where,
      orderBy: NEWEST_FIRST,
      take: Math.min(EXPORT_BATCH, left),
      select: EVENT_ROW_SELECT,
    })) as EventRow[];
    if (rows.length === 0) return;
    yield rows;
    left -= rows.length;
    const last = rows[rows.length - 1];
    after = { time: last.eventTime, id: last.id };
    if (rows.length < EXPORT_BATCH) return;
  }
}

async function* csvChunks(prisma: Db, where: Where, limit: number): AsyncGenerator<string> {
  yield EVENT_CSV_HEADER;
  for await (const rows of batches(prisma, where, limit)) yield rows.map(eventCsvLine).join("");
}

async function* jsonChunks(prisma: Db, where: Where, limit: number): AsyncGenerator<string> {
  yield '{"Records":[';
  let first = true;
  for await (const rows of batches(prisma, where, limit)) {
    const starts = await sessionStarts(prisma, rows);
    const text = rows.map((row) => JSON.stringify(cloudTrailRecord(row, starts.get(row.id)))).join(",");
    yield first ? text : `,${text}`;
    first = false;
  }
  yield "]}";
}

/** A whole export as one string (tests, small exports). */
export async function exportText(file: EventExport): Promise<string> {
  let text = "";
  for await (const chunk of file.chunks) text += chunk;
  return text;
}
