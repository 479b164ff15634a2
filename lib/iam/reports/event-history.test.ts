import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createAccessKey } from "../access-keys";
import { operation } from "../activity";
import { rootArn } from "../arns";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import type { Caller } from "../caller";
import { invokeServiceAction } from "../service-activity";
import { expectError, iamError, implicitDeny, rootCaller, roleSessionCaller, setupDemoAccount, TEST_NOW, userCaller } from "../testing";
import { createUser, listUsers } from "../users";
import {
  EVENT_HISTORY_RETENTION_DAYS,
  exportEventHistory,
  exportText,
  listEventHistory,
  lookupEvents,
  type EventHistoryInput,
  type EventHistoryItem,
} from "./event-history";
import { EVENT_CSV_HEADER, eventIdOf, rowIdOfEventId } from "./event-history-format";

// The event history (CloudTrail's LookupEvents and the console's read of it): filters, time
// ranges, keyset pages in both directions over events that share a timestamp, AWS's errors,
// AccessDenied with its reason, redaction of secrets, authorization, and the export files.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const MINUTE = 60_000;
const NOW = TEST_NOW;
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE);
/** Before any lookup these tests make (each is recorded at NOW): the history as it was made. */
const BEFORE_NOW = ago(0.5);

/** Another account of its own, with events written straight into the table. */
async function newAccount(id: string): Promise<Caller> {
  await prisma.account.create({ data: { id, rootEmail: `${id}@test.example.com`, rootPasswordHash: "x" } });
  return rootCaller(id);
}

interface RawEvent {
  id?: bigint;
  eventTime: Date;
  eventName?: string;
  eventSource?: string;
  principalArn?: string;
  principalType?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters?: object;
  requestId?: string;
  userAgent?: string;
  sourceIp?: string;
  resourceArn?: string;
}

async function insertEvents(accountId: string, events: RawEvent[]) {
  await prisma.activityEvent.createMany({
    data: events.map((e) => ({
      accountId,
      requestId: randomUUID(),
      eventSource: "iam.amazonaws.com",
      eventName: "ListUsers",
      principalArn: rootArn(accountId),
      principalId: accountId,
      principalType: "Root",
      identityArn: e.principalArn ?? rootArn(accountId),
      serviceNamespace: "iam",
      awsRegion: "us-east-1",
      sourceIp: "198.51.100.7",
      readOnly: true,
      ...e,
    })),
  });
}

const names = (page: { events: EventHistoryItem[] }) => page.events.map((e) => e.eventName);

describe("authorization", () => {
  it("dave, without permissions, is denied cloudtrail:LookupEvents on every read, and the denial is an event too", async () => {
    const dave = await userCaller("dave");
    const message = implicitDeny(dave, "cloudtrail:LookupEvents", "*");
    await expectError(lookupEvents(dave), "AccessDenied", message);
    await expectError(listEventHistory(dave, { pageSize: 10 }), "AccessDenied", message);
    await expectError(exportEventHistory(dave, { format: "csv" }), "AccessDenied", message);
    const recorded = await prisma.activityEvent.findMany({ where: { principalArn: dave.principalArn, eventName: "LookupEvents" } });
    expect(recorded.map((e) => [e.eventSource, e.serviceNamespace, e.errorCode, e.readOnly])).toEqual([
      ["cloudtrail.amazonaws.com", "cloudtrail", "AccessDenied", true],
      ["cloudtrail.amazonaws.com", "cloudtrail", "AccessDenied", true],
      ["cloudtrail.amazonaws.com", "cloudtrail", "AccessDenied", true],
    ]);
  });

  it("root is allowed, and so is carol through SecurityAudit", async () => {
    await expect(lookupEvents(rootCaller(), { MaxResults: 1 })).resolves.toBeDefined();
    await expect(listEventHistory(await userCaller("carol"), { pageSize: 10 })).resolves.toBeDefined();
  });

  it("one account's events are not another's", async () => {
    const other = await newAccount("111122223333");
    await insertEvents(ACCT, [{ eventTime: ago(5), eventName: "OnlyInTheDemoAccount" }]);
    const page = await listEventHistory(other, { pageSize: 100, eventName: "OnlyInTheDemoAccount" });
    expect(page.events).toEqual([]);
  });
});

describe("the recorded calls, as LookupEvents returns them", () => {
  it("an IAM user's console call: event fields, Resources and the CloudTrail record in CloudTrail's order", async () => {
    const alice = await userCaller("alice", { now: ago(60), userAgent: "Mozilla/5.0 (X11)" });
    await createUser(alice, { UserName: "eh-created" });
    const { Events } = await lookupEvents(rootCaller(), {
      LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "CreateUser" }],
      EndTime: BEFORE_NOW,
    });
    const [event] = Events;
    expect(event).toEqual({
      EventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      EventName: "CreateUser",
      ReadOnly: "false",
      EventTime: ago(60),
      EventSource: "iam.amazonaws.com",
      Username: "alice",
      Resources: [{ ResourceType: "AWS::IAM::User", ResourceName: "eh-created" }],
      CloudTrailEvent: expect.any(String),
    });
    const record = JSON.parse(event.CloudTrailEvent) as Record<string, unknown>;
    const row = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: alice.principalArn, eventName: "CreateUser" } });
    expect(record).toEqual({
      eventVersion: "1.09",
      userIdentity: {
        type: "IAMUser",
        principalId: alice.principalId,
        arn: alice.principalArn,
        accountId: ACCT,
        userName: "alice",
        sessionContext: { attributes: { mfaAuthenticated: "false" } },
      },
      eventTime: ago(60).toISOString().replace(".000Z", "Z"),
      eventSource: "iam.amazonaws.com",
      eventName: "CreateUser",
      awsRegion: "us-east-1",
      sourceIPAddress: "203.0.113.10",
      userAgent: "Mozilla/5.0 (X11)",
      requestParameters: { UserName: "eh-created" },
      responseElements: null,
      requestID: row.requestId,
      eventID: event.EventId,
      readOnly: false,
      resources: [{ accountId: ACCT, type: "AWS::IAM::User", ARN: `arn:aws:iam::${ACCT}:user/eh-created` }],
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: ACCT,
      eventCategory: "Management",
    });
    expect(Object.keys(record)).toEqual([
      "eventVersion",
      "userIdentity",
      "eventTime",
      "eventSource",
      "eventName",
      "awsRegion",
      "sourceIPAddress",
      "userAgent",
      "requestParameters",
      "responseElements",
      "requestID",
      "eventID",
      "readOnly",
      "resources",
      "eventType",
      "managementEvent",
      "recipientAccountId",
      "eventCategory",
    ]);
    expect(eventIdOf(row)).toBe(event.EventId);
    expect(rowIdOfEventId(event.EventId)).toBe(row.id);
  });

  it("a console call names the session it was made in: creationDate is when the console session began", async () => {
    const bob = await userCaller("bob", { now: ago(40) });
    await prisma.consoleSession.create({
      data: { accountId: ACCT, principalArn: bob.principalArn, userId: bob.userId, createdAt: ago(45), expiresAt: ago(-600) },
    });
    await operation(bob, { eventName: "GetAccountSummary", readOnly: true }, async () => null);
    const { Events } = await lookupEvents(rootCaller(), { LookupAttributes: [{ AttributeKey: "Username", AttributeValue: "bob" }], EndTime: BEFORE_NOW });
    const identity = JSON.parse(Events[0].CloudTrailEvent).userIdentity;
    expect(identity.sessionContext).toEqual({ attributes: { creationDate: ago(45).toISOString().replace(".000Z", "Z"), mfaAuthenticated: "false" } });
  });

  it("a role session: AssumedRole with its issuer, the session's name as user name, and the Region of the service", async () => {
    const session = await roleSessionCaller("AuditorRole", "audit-7", { now: ago(30), accessKeyId: "ASIAEXAMPLE0000AUDIT7", region: "eu-west-1" });
    const role = await prisma.role.findFirstOrThrow({ where: { nameKey: "auditorrole" } });
    await prisma.stsSession.create({
      data: {
        accessKeyId: "ASIAEXAMPLE0000AUDIT7",
        accountId: ACCT,
        secretEncrypted: "x",
        sessionTokenHash: "audit-7-token",
        kind: "AssumeRole",
        roleId: role.id,
        principalArn: session.principalArn,
        principalId: session.principalId,
        sessionName: "audit-7",
        expiration: ago(-60),
        createdAt: ago(35),
      },
    });
    await expect(invokeServiceAction(session, { Action: "s3:PutObject", Resource: "arn:aws:s3:::audit-bucket/report.csv" })).rejects.toThrow();
    const { Events } = await lookupEvents(rootCaller(), { LookupAttributes: [{ AttributeKey: "AccessKeyId", AttributeValue: "ASIAEXAMPLE0000AUDIT7" }] });
    expect(Events.map((e) => [e.EventName, e.EventSource, e.Username, e.AccessKeyId])).toEqual([
      ["PutObject", "s3.amazonaws.com", "audit-7", "ASIAEXAMPLE0000AUDIT7"],
    ]);
    const record = JSON.parse(Events[0].CloudTrailEvent);
    expect(record.userIdentity).toEqual({
      type: "AssumedRole",
      principalId: `${role.id}:audit-7`,
      arn: `arn:aws:sts::${ACCT}:assumed-role/AuditorRole/audit-7`,
      accountId: ACCT,
      accessKeyId: "ASIAEXAMPLE0000AUDIT7",
      sessionContext: {
        sessionIssuer: { type: "Role", principalId: role.id, arn: role.arn, accountId: ACCT, userName: "AuditorRole" },
        attributes: { creationDate: ago(35).toISOString().replace(".000Z", "Z"), mfaAuthenticated: "false" },
      },
    });
    expect(record.awsRegion).toBe("eu-west-1");
    expect(record.errorCode).toBe("AccessDenied");
  });

  it("a console sign-in is an AwsConsoleSignIn with its outcome in responseElements and MFAUsed in additionalEventData", async () => {
    const dave = await userCaller("dave");
    await prisma.activityEvent.create({
      data: {
        accountId: ACCT,
        eventTime: ago(20),
        requestId: randomUUID(),
        eventSource: "signin.amazonaws.com",
        eventName: "ConsoleLogin",
        principalArn: dave.principalArn,
        principalId: dave.principalId,
        principalType: "IAMUser",
        identityArn: dave.principalArn,
        serviceNamespace: "signin",
        awsRegion: "us-east-1",
        sourceIp: "192.0.2.4",
        requestParameters: { MFAUsed: "No" },
      },
    });
    const { Events } = await lookupEvents(rootCaller(), { LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "signin.amazonaws.com" }] });
    const record = JSON.parse(Events[0].CloudTrailEvent);
    expect(record).toMatchObject({
      eventType: "AwsConsoleSignIn",
      eventName: "ConsoleLogin",
      requestParameters: null,
      responseElements: { ConsoleLogin: "Success" },
      additionalEventData: { MobileVersion: "No", MFAUsed: "No" },
    });
    expect(record.userIdentity.sessionContext).toBeUndefined();
  });
});

describe("AccessDenied events", () => {
  it("are listed with AWS's message and its reason, and the outcome filter finds them", async () => {
    const dave = await userCaller("dave", { now: ago(10) });
    const denied = await iamError(listUsers(dave));
    expect(denied.message).toBe(implicitDeny(dave, "iam:ListUsers", `arn:aws:iam::${ACCT}:user/`));

    const page = await listEventHistory(rootCaller(), { pageSize: 10, outcome: "AccessDenied", principal: "dave", endTime: BEFORE_NOW });
    expect(page.events.map((e) => [e.eventName, e.userName, e.errorCode, e.errorMessage])).toContainEqual(["ListUsers", "dave", "AccessDenied", denied.message]);
    expect(page.events.every((e) => e.errorCode === "AccessDenied")).toBe(true);

    const { Events } = await lookupEvents(rootCaller(), { LookupAttributes: [{ AttributeKey: "EventId", AttributeValue: page.events[0].eventId }] });
    expect(JSON.parse(Events[0].CloudTrailEvent)).toMatchObject({ errorCode: "AccessDenied", errorMessage: page.events[0].errorMessage });
  });
});

describe("secrets never show", () => {
  it("a new access key's secret, a password and a token are in no lookup, page or export", async () => {
    const root = rootCaller(ACCT, { now: ago(8) });
    const { AccessKey } = await createAccessKey(root, { UserName: "bob" });
    await operation(root, { eventName: "CreateLoginProfile", readOnly: false, params: { UserName: "bob", Password: "Sup3r-Secret-Passw0rd!" } }, async () => null);
    // A row written by other means than lib/iam (an import): its parameters are redacted when read.
    await insertEvents(ACCT, [{ eventTime: ago(7), eventName: "ImportedCall", requestParameters: { SessionToken: "FwoGZXIvYXdzEXAMPLETOKEN", Nested: { newPassword: "n3w-Secret!" } } }]);

    const secrets = [AccessKey.SecretAccessKey, "Sup3r-Secret-Passw0rd!", "FwoGZXIvYXdzEXAMPLETOKEN", "n3w-Secret!"];
    const texts = [
      JSON.stringify(await lookupEvents(rootCaller(), { StartTime: ago(9), EndTime: BEFORE_NOW })),
      JSON.stringify(await listEventHistory(rootCaller(), { pageSize: 100, startTime: ago(9), endTime: BEFORE_NOW })),
      await exportText(await exportEventHistory(rootCaller(), { format: "csv", startTime: ago(9), endTime: BEFORE_NOW })),
      await exportText(await exportEventHistory(rootCaller(), { format: "json", startTime: ago(9), endTime: BEFORE_NOW })),
    ];
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);

    const { Events } = await lookupEvents(rootCaller(), { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ImportedCall" }] });
    expect(JSON.parse(Events[0].CloudTrailEvent).requestParameters).toEqual({
      SessionToken: "HIDDEN_DUE_TO_SECURITY_REASONS",
      Nested: { newPassword: "HIDDEN_DUE_TO_SECURITY_REASONS" },
    });
  });
});

describe("the console's filters", () => {
  let caller: Caller;
  const ACCOUNT = "222200001111";
  const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
  const session = (role: string, name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${name}`;

  beforeAll(async () => {
    caller = await newAccount(ACCOUNT);
    await prisma.role.create({
      data: { id: "AROAFILTERSROLE000001", accountId: ACCOUNT, name: "Deployer", nameKey: "deployer", path: "/", arn: `arn:aws:iam::${ACCOUNT}:role/Deployer`, assumeRolePolicyDocument: "{}" },
    });
    // erin is a user of the account (her name matches in any case); frank was deleted.
    await prisma.user.create({ data: { id: "AIDAFILTERSERIN000001", accountId: ACCOUNT, name: "erin", nameKey: "erin", path: "/", arn: user("erin") } });
    const deployer = { principalType: "AssumedRole", eventSource: "s3.amazonaws.com" };
    await insertEvents(ACCOUNT, [
      { eventTime: ago(50), eventName: "ListUsers", principalArn: user("erin"), principalType: "IAMUser" },
      { eventTime: ago(40), eventName: "CreateUser", principalArn: user("erin"), principalType: "IAMUser", errorCode: "EntityAlreadyExists" },
      { eventTime: ago(30), eventName: "ListUsers", principalArn: user("frank"), principalType: "IAMUser", errorCode: "AccessDenied", errorMessage: "User: … because no identity-based policy allows the iam:ListUsers action" },
      { eventTime: ago(20), eventName: "GetObject", principalArn: session("Deployer", "ci-1"), ...deployer },
      { eventTime: ago(10), eventName: "PutObject", principalArn: session("Deployer", "ci-2"), ...deployer, errorCode: "AccessDenied" },
      { eventTime: ago(5), eventName: "GetAccountSummary" },
    ]);
    // The sessions' identity is their role.
    await prisma.activityEvent.updateMany({ where: { accountId: ACCOUNT, principalType: "AssumedRole" }, data: { identityArn: `arn:aws:iam::${ACCOUNT}:role/Deployer` } });
  });

  const list = (input: Partial<EventHistoryInput>) => listEventHistory(caller, { pageSize: 50, endTime: BEFORE_NOW, ...input });

  it("with none, every event of the retention period, newest first", async () => {
    expect(names(await list({}))).toEqual(["GetAccountSummary", "PutObject", "GetObject", "ListUsers", "CreateUser", "ListUsers"]);
  });

  it("by principal: a user's name or ARN, root, a session's name or ARN, a role's name or ARN for all its sessions", async () => {
    expect(names(await list({ principal: "erin" }))).toEqual(["CreateUser", "ListUsers"]);
    expect(names(await list({ principal: "ERIN" }))).toEqual(["CreateUser", "ListUsers"]);
    expect(names(await list({ principal: user("frank") }))).toEqual(["ListUsers"]);
    expect(names(await list({ principal: "frank" }))).toEqual(["ListUsers"]);
    expect(names(await list({ principal: "root" }))).toEqual(["GetAccountSummary"]);
    expect(names(await list({ principal: "ci-1" }))).toEqual(["GetObject"]);
    expect(names(await list({ principal: session("Deployer", "ci-2") }))).toEqual(["PutObject"]);
    expect(names(await list({ principal: "Deployer" }))).toEqual(["PutObject", "GetObject"]);
    expect(names(await list({ principal: `arn:aws:iam::${ACCOUNT}:role/Deployer` }))).toEqual(["PutObject", "GetObject"]);
    expect(names(await list({ principal: "nobody" }))).toEqual([]);
  });

  it("by event name, event source (with or without .amazonaws.com) and outcome, alone and together", async () => {
    expect(names(await list({ eventName: "ListUsers" }))).toEqual(["ListUsers", "ListUsers"]);
    expect(names(await list({ eventSource: "s3" }))).toEqual(["PutObject", "GetObject"]);
    expect(names(await list({ eventSource: "iam.amazonaws.com" }))).toEqual(["GetAccountSummary", "ListUsers", "CreateUser", "ListUsers"]);
    expect(names(await list({ outcome: "success" }))).toEqual(["GetAccountSummary", "GetObject", "ListUsers"]);
    expect(names(await list({ outcome: "error" }))).toEqual(["PutObject", "ListUsers", "CreateUser"]);
    expect(names(await list({ outcome: "AccessDenied" }))).toEqual(["PutObject", "ListUsers"]);
    expect(names(await list({ outcome: "AccessDenied", eventSource: "iam" }))).toEqual(["ListUsers"]);
    expect(names(await list({ outcome: "error", principal: "erin", eventName: "CreateUser" }))).toEqual(["CreateUser"]);
    const [denied] = (await list({ outcome: "AccessDenied", eventName: "ListUsers" })).events;
    expect(denied).toMatchObject({ userName: "frank", principalType: "IAMUser", errorCode: "AccessDenied", errorMessage: expect.stringContaining("iam:ListUsers") });
  });

  it("by time range: both ends included, to the millisecond", async () => {
    expect(names(await list({ startTime: ago(40), endTime: ago(20) }))).toEqual(["GetObject", "ListUsers", "CreateUser"]);
    expect(names(await list({ startTime: new Date(ago(40).getTime() + 1), endTime: new Date(ago(20).getTime() - 1) }))).toEqual(["ListUsers"]);
    expect(names(await list({ startTime: ago(30), endTime: ago(30) }))).toEqual(["ListUsers"]);
  });

  it("an end before the start is InvalidTimeRangeException, in the console read and in LookupEvents", async () => {
    const message = "The time range is not valid: the start time must not be after the end time.";
    await expectError(list({ startTime: ago(10), endTime: ago(20) }), "InvalidTimeRangeException", message);
    const err = await expectError(lookupEvents(caller, { StartTime: ago(10), EndTime: ago(20) }), "InvalidTimeRangeException", message);
    expect(err.status).toBe(400);
  });
});

describe("the retention period", () => {
  it("keeps 90 days: an older event is in no lookup, however early the start time", async () => {
    const caller = await newAccount("333300001111");
    const limit = EVENT_HISTORY_RETENTION_DAYS * 24 * 60;
    await insertEvents("333300001111", [
      { eventTime: ago(limit + 1), eventName: "TooOld" },
      { eventTime: ago(limit), eventName: "JustKept" },
    ]);
    const page = await listEventHistory(caller, { pageSize: 10, startTime: ago(limit * 2), endTime: BEFORE_NOW });
    expect(names(page)).toEqual(["JustKept"]);
    const { Events } = await lookupEvents(caller, { StartTime: ago(limit * 2), EndTime: BEFORE_NOW });
    expect(Events.map((e) => e.EventName)).toEqual(["JustKept"]);
  });
});

describe("paging", () => {
  const ACCOUNT = "444400001111";
  let caller: Caller;
  let expected: string[];

  beforeAll(async () => {
    caller = await newAccount(ACCOUNT);
    // 25 events share one millisecond; 6 come before it and 6 after: pages must cut through the tie.
    const tie = ago(30);
    const events: RawEvent[] = [
      ...Array.from({ length: 6 }, (_, i) => ({ eventTime: ago(40 + i), eventName: `Before${i}` })),
      ...Array.from({ length: 25 }, (_, i) => ({ eventTime: tie, eventName: `Tie${i}` })),
      ...Array.from({ length: 6 }, (_, i) => ({ eventTime: ago(20 - i), eventName: `After${i}` })),
    ];
    await insertEvents(ACCOUNT, events);
    const rows = await prisma.activityEvent.findMany({ where: { accountId: ACCOUNT }, orderBy: [{ eventTime: "desc" }, { id: "desc" }] });
    expected = rows.map((r) => r.eventName);
  });

  const page = (input: Partial<EventHistoryInput>) => listEventHistory(caller, { pageSize: 7, endTime: BEFORE_NOW, ...input });

  it("forwards with nextCursor: every event once, in (time, id) order, through the shared timestamp", async () => {
    const seen: string[] = [];
    let p = await page({});
    expect(p.previousCursor).toBeUndefined();
    seen.push(...names(p));
    while (p.nextCursor) {
      p = await page({ cursor: p.nextCursor });
      expect(p.previousCursor).toBeDefined();
      seen.push(...names(p));
    }
    expect(seen).toEqual(expected);
    expect(p.events).toHaveLength(37 % 7);
  });

  it("backwards with previousCursor from the last page: the same pages, and the first page has nothing before it", async () => {
    const pages: string[][] = [];
    let p = await page({});
    pages.push(names(p));
    while (p.nextCursor) {
      p = await page({ cursor: p.nextCursor });
      pages.push(names(p));
    }
    const back: string[][] = [names(p)];
    while (p.previousCursor) {
      p = await page({ cursor: p.previousCursor, direction: "previous" });
      back.unshift(names(p));
    }
    expect(back).toEqual(pages);
    expect(p.nextCursor).toBeDefined();
  });

  it("pageCursor reads the same page again, even after newer events arrive", async () => {
    const second = await page({ cursor: (await page({})).nextCursor });
    await insertEvents(ACCOUNT, [{ eventTime: ago(1), eventName: "Newer" }]);
    const again = await page({ cursor: second.pageCursor });
    expect(names(again)).toEqual(names(second));
    await prisma.activityEvent.deleteMany({ where: { accountId: ACCOUNT, eventName: "Newer" } });
  });

  it("skip jumps over pages from the top or from a cursor, bounded", async () => {
    expect(names(await page({ skip: 14 }))).toEqual(expected.slice(14, 21));
    const first = await page({});
    expect(names(await page({ cursor: first.pageCursor, skip: 21 }))).toEqual(expected.slice(21, 28));
    const fourth = await page({ skip: 21 });
    expect(names(await page({ cursor: fourth.previousCursor, direction: "previous", skip: 7 }))).toEqual(expected.slice(7, 14));
    await expectError(page({ skip: 1001 }), "ValidationError", "A page can skip at most 1000 events.");
  });

  it("a previous page that reaches the newest event is the first page", async () => {
    const second = await page({ skip: 3 });
    const back = await page({ cursor: second.previousCursor, direction: "previous" });
    expect(names(back)).toEqual(expected.slice(0, 7));
    expect(back.previousCursor).toBeUndefined();
  });

  it("a cursor that is not one is InvalidNextTokenException", async () => {
    await expectError(page({ cursor: "bm90LWEtY3Vyc29y" }), "InvalidNextTokenException", "The page cursor is not valid. Start again from the first page.");
  });

  it("LookupEvents pages with NextToken through the shared timestamp, MaxResults at a time", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const out = await lookupEvents(caller, { EndTime: BEFORE_NOW, MaxResults: 5, NextToken: token });
      expect(out.Events.length).toBeLessThanOrEqual(5);
      seen.push(...out.Events.map((e) => e.EventName));
      token = out.NextToken;
    } while (token);
    expect(seen).toEqual(expected);
  });

  it("a NextToken sent with other parameters, or made up, is InvalidNextTokenException", async () => {
    const { NextToken } = await lookupEvents(caller, { EndTime: BEFORE_NOW, MaxResults: 5 });
    const message = "The NextToken is not valid, or it was issued for a request with different parameters.";
    await expectError(lookupEvents(caller, { EndTime: ago(1), MaxResults: 5, NextToken }), "InvalidNextTokenException", message);
    await expectError(lookupEvents(caller, { EndTime: BEFORE_NOW, NextToken: "garbage" }), "InvalidNextTokenException", message);
    // MaxResults may change between pages, as in CloudTrail.
    await expect(lookupEvents(caller, { EndTime: BEFORE_NOW, MaxResults: 2, NextToken })).resolves.toMatchObject({ Events: [{}, {}] });
  });
});

describe("LookupEvents' input", () => {
  it("MaxResults from 1 to 50, or InvalidMaxResultsException", async () => {
    for (const n of [0, 51, 2.5]) {
      await expectError(lookupEvents(rootCaller(), { MaxResults: n }), "InvalidMaxResultsException", `MaxResults must be a whole number from 1 to 50; ${n} is not.`);
    }
    expect((await lookupEvents(rootCaller(), { MaxResults: 1 })).Events).toHaveLength(1);
  });

  it("one lookup attribute, with a known key and a valid value, or InvalidLookupAttributesException", async () => {
    const root = rootCaller();
    const code = "InvalidLookupAttributesException";
    await expectError(
      lookupEvents(root, { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "A" }, { AttributeKey: "ReadOnly", AttributeValue: "true" }] }),
      code,
      "You can specify only one lookup attribute in a request.",
    );
    await expectError(
      lookupEvents(root, { LookupAttributes: [{ AttributeKey: "ErrorCode", AttributeValue: "AccessDenied" }] }),
      code,
      "The lookup attribute key ErrorCode is not valid. Valid keys: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId.",
    );
    await expectError(lookupEvents(root, { LookupAttributes: [{ AttributeKey: "ReadOnly", AttributeValue: "yes" }] }), code, "The value of the lookup attribute ReadOnly must be true or false.");
    await expectError(lookupEvents(root, { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "" }] }), code, "The value of the lookup attribute EventName must be 1 to 2000 characters long.");
  });

  it("each attribute key finds its events", async () => {
    const caller = await newAccount("555500001111");
    const acct = "555500001111";
    await insertEvents(acct, [
      { eventTime: ago(30), eventName: "GetUser", principalArn: `arn:aws:iam::${acct}:user/gina`, principalType: "IAMUser", resourceArn: `arn:aws:iam::${acct}:user/hal` },
      { eventTime: ago(20), eventName: "AttachRolePolicy", eventSource: "iam.amazonaws.com", resourceArn: `arn:aws:iam::${acct}:role/Builder` },
      { eventTime: ago(10), eventName: "GetObject", eventSource: "s3.amazonaws.com", resourceArn: "arn:aws:s3:::assets/logo.png" },
      { eventTime: ago(5), eventName: "ListUsers", resourceArn: `arn:aws:iam::${acct}:user/` },
    ]);
    await prisma.activityEvent.updateMany({ where: { accountId: acct, eventName: "AttachRolePolicy" }, data: { readOnly: false, accessKeyId: "AKIAEXAMPLEBUILDER01" } });
    const lookup = async (AttributeKey: string, AttributeValue: string) =>
      (await lookupEvents(caller, { LookupAttributes: [{ AttributeKey, AttributeValue }], EndTime: BEFORE_NOW })).Events.map((e) => e.EventName);

    const getUser = await prisma.activityEvent.findFirstOrThrow({ where: { accountId: acct, eventName: "GetUser" } });
    expect(await lookup("EventId", eventIdOf(getUser))).toEqual(["GetUser"]);
    expect(await lookup("EventId", eventIdOf({ ...getUser, requestId: randomUUID() }))).toEqual([]);
    expect(await lookup("EventId", "not-an-event-id")).toEqual([]);
    expect(await lookup("EventName", "GetObject")).toEqual(["GetObject"]);
    expect(await lookup("ReadOnly", "false")).toEqual(["AttachRolePolicy"]);
    expect(await lookup("Username", "gina")).toEqual(["GetUser"]);
    expect(await lookup("Username", "root")).toEqual(["ListUsers", "GetObject", "AttachRolePolicy"]);
    expect(await lookup("ResourceType", "AWS::IAM::User")).toEqual(["GetUser"]);
    expect(await lookup("ResourceType", "AWS::S3::Object")).toEqual(["GetObject"]);
    expect(await lookup("ResourceType", "AWS::Nothing::Here")).toEqual([]);
    expect(await lookup("ResourceName", "hal")).toEqual(["GetUser"]);
    expect(await lookup("ResourceName", `arn:aws:iam::${acct}:role/Builder`)).toEqual(["AttachRolePolicy"]);
    expect(await lookup("EventSource", "s3.amazonaws.com")).toEqual(["GetObject"]);
    expect(await lookup("AccessKeyId", "AKIAEXAMPLEBUILDER01")).toEqual(["AttachRolePolicy"]);

    const [object] = (await lookupEvents(caller, { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "GetObject" }] })).Events;
    expect(object.Resources).toEqual([{ ResourceType: "AWS::S3::Object", ResourceName: "arn:aws:s3:::assets/logo.png" }]);
    const [list] = (await lookupEvents(caller, { LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ListUsers" }] })).Events;
    expect(list.Resources).toEqual([]);
  });
});

describe("export", () => {
  const ACCOUNT = "666600001111";
  let caller: Caller;

  beforeAll(async () => {
    caller = await newAccount(ACCOUNT);
    await insertEvents(ACCOUNT, [
      {
        id: BigInt(9_000_000_001),
        requestId: "0f6a3c1e-2b4d-4e8f-9a1b-3c5d7e9f1a2b",
        eventTime: new Date("2026-05-31T09:15:00.250Z"),
        eventName: "CreateUser",
        principalArn: `arn:aws:iam::${ACCOUNT}:user/ann`,
        principalType: "IAMUser",
        resourceArn: `arn:aws:iam::${ACCOUNT}:user/new, "quoted" user`,
        userAgent: "=HYPERLINK(\"http://x\")",
        errorCode: "AccessDenied",
        errorMessage: "User: arn:aws:iam::666600001111:user/ann is not authorized to perform: iam:CreateUser on resource: x\nbecause no identity-based policy allows the iam:CreateUser action",
      },
      {
        id: BigInt(9_000_000_002),
        requestId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        eventTime: new Date("2026-05-31T09:16:00.000Z"),
        eventName: "GetObject",
        eventSource: "s3.amazonaws.com",
        resourceArn: "arn:aws:s3:::assets",
        userAgent: "aws-cli/2.15.0",
      },
    ]);
  });

  it("CSV: a header, then one line per event, newest first, fields quoted and formulas defused", async () => {
    const file = await exportEventHistory(caller, { format: "csv", endTime: BEFORE_NOW });
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.fileName).toBe("event-history-666600001111-20260601T120000Z.csv");
    expect(await exportText(file)).toBe(
      "Event ID,Event time,User name,Principal ARN,Event name,Event source,AWS region,Source IP address,User agent,AWS access key,Read-only,Resource type,Resource name,Error code,Error message\r\n" +
        "1a2b3c4d-5e6f-8a7b-8c9d-000218711a02,2026-05-31T09:16:00Z,root,arn:aws:iam::666600001111:root,GetObject,s3.amazonaws.com,us-east-1,198.51.100.7,aws-cli/2.15.0,,true,AWS::S3::Bucket,assets,,\r\n" +
        '0f6a3c1e-2b4d-8e8f-9a1b-000218711a01,2026-05-31T09:15:00Z,ann,arn:aws:iam::666600001111:user/ann,CreateUser,iam.amazonaws.com,us-east-1,198.51.100.7,"\'=HYPERLINK(""http://x"")",,true,AWS::IAM::User,"new, ""quoted"" user",AccessDenied,"User: arn:aws:iam::666600001111:user/ann is not authorized to perform: iam:CreateUser on resource: x\nbecause no identity-based policy allows the iam:CreateUser action"\r\n',
    );
  });

  it("JSON: CloudTrail's {\"Records\": [...]} with each event's full record", async () => {
    const text = await exportText(await exportEventHistory(caller, { format: "json", endTime: BEFORE_NOW }));
    const { Records } = JSON.parse(text) as { Records: Record<string, unknown>[] };
    expect(Records.map((r) => [r.eventName, r.eventID, r.errorCode])).toEqual([
      ["GetObject", "1a2b3c4d-5e6f-8a7b-8c9d-000218711a02", undefined],
      ["CreateUser", "0f6a3c1e-2b4d-8e8f-9a1b-000218711a01", "AccessDenied"],
    ]);
  });

  it("holds at most the limit, the newest events first; a larger limit is refused", async () => {
    const text = await exportText(await exportEventHistory(caller, { format: "csv", endTime: BEFORE_NOW, limit: 1 }));
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(text).toContain("GetObject");
    await expectError(exportEventHistory(caller, { format: "csv", limit: 10_001 }), "ValidationError", "An export holds 1 to 10000 events.");
  });

  it("an empty export is a header alone, or no records", async () => {
    expect(await exportText(await exportEventHistory(caller, { format: "csv", eventName: "Nothing" }))).toBe(EVENT_CSV_HEADER);
    expect(await exportText(await exportEventHistory(caller, { format: "json", eventName: "Nothing" }))).toBe('{"Records":[]}');
  });

  it("reads in batches: more events than one batch come out whole and in order", async () => {
    const acct = "777700001111";
    const big = await newAccount(acct);
    await insertEvents(acct, Array.from({ length: 1203 }, (_, i) => ({ eventTime: new Date(ago(100).getTime() + Math.floor(i / 3)), eventName: `E${i}` })));
    const rows = await prisma.activityEvent.findMany({ where: { accountId: acct }, orderBy: [{ eventTime: "desc" }, { id: "desc" }], select: { eventName: true } });
    const { Records } = JSON.parse(await exportText(await exportEventHistory(big, { format: "json", endTime: BEFORE_NOW }))) as { Records: { eventName: string }[] };
    expect(Records.map((r) => r.eventName)).toEqual(rows.map((r) => r.eventName));
  });
});
