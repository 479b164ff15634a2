import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { getAccessKeyLastUsed } from "../access-keys";
import { getRole } from "../roles";
import { listRolesForConsole } from "../roles-console";
import { listUsersForConsole } from "../users-console";
import { rootCaller, setupDemoAccount, TEST_NOW, TEST_ROOT_EMAIL, TEST_ROOT_PASSWORD, TEST_USER_PASSWORD } from "../testing";
import { DEMO_ACCOUNT_ID, seedDemoAccount } from "./demo-account";
import { DEMO_HISTORY_DAYS, seedDemoActivity } from "./demo-activity";

// The demo account's history: made through the domain functions with a simulated clock, it
// leaves events for every report and the last-used facts they read, and it is the same for the
// same `now`.

const ACCT = DEMO_ACCOUNT_ID;
const NOW = TEST_NOW;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY);
const PASSWORDS = ["alice", "bob", "carol", "dave"].map((userName) => ({ userName, password: TEST_USER_PASSWORD }));
const arn = (kind: string, name: string) => `arn:aws:iam::${ACCT}:${kind}/${name}`;

let prisma: Db;
let events: number;

async function seed() {
  return (await seedDemoActivity(prisma, { now: NOW, passwords: PASSWORDS })).events;
}

beforeAll(async () => {
  prisma = await setupDemoAccount();
  events = await seed();
}, 120_000);

/** What the history recorded, without what differs between runs (request and key IDs). */
async function history() {
  const keyOwners = new Map((await prisma.accessKey.findMany({ include: { user: true } })).map((k) => [k.id, k.user?.name]));
  const rows = await prisma.activityEvent.findMany({ where: { accountId: ACCT, eventTime: { lt: NOW } }, orderBy: [{ eventTime: "asc" }, { id: "asc" }] });
  return rows.map((e) => ({
    time: e.eventTime.toISOString(),
    event: `${e.eventSource} ${e.eventName}`,
    principal: e.principalArn,
    identity: e.identityArn,
    key: e.accessKeyId && (keyOwners.get(e.accessKeyId) ?? (e.accessKeyId.startsWith("ASIA") ? e.accessKeyId : "deleted")),
    region: e.awsRegion,
    resource: e.resourceArn,
    error: e.errorCode,
    readOnly: e.readOnly,
  }));
}

describe("seedDemoActivity", () => {
  it("adds several hundred to a few thousand events, all within the last 120 days", async () => {
    expect(events).toBeGreaterThan(500);
    expect(events).toBeLessThan(3000);
    const span = await prisma.activityEvent.aggregate({
      where: { accountId: ACCT, eventTime: { lte: NOW } },
      _min: { eventTime: true },
      _max: { eventTime: true },
      _count: true,
    });
    expect(span._count).toBe(events);
    expect(span._min.eventTime!.getTime()).toBeGreaterThanOrEqual(daysBefore(DEMO_HISTORY_DAYS).getTime());
    expect(span._max.eventTime!.getTime()).toBeLessThan(NOW.getTime());
    expect(span._max.eventTime!.getTime()).toBeGreaterThan(NOW.getTime() - 60 * MINUTE);
  });

  it("covers IAM, sign-in and the services the demo's people and application use", async () => {
    const byService = await prisma.activityEvent.groupBy({ by: ["serviceNamespace"], where: { accountId: ACCT }, _count: true });
    const counts = Object.fromEntries(byService.map((s) => [s.serviceNamespace, s._count]));
    expect(Object.keys(counts).sort()).toEqual(["cloudtrail", "dynamodb", "ec2", "iam", "lambda", "s3", "signin"]);
    expect(counts.iam).toBeGreaterThan(30);
    expect(counts.s3).toBeGreaterThan(200);
    expect(counts.signin).toBe(3);
  });

  it("each principal's events are its own: users, the application's sessions and the auditors' sessions", async () => {
    const byIdentity = await prisma.activityEvent.groupBy({ by: ["identityArn", "serviceNamespace"], where: { accountId: ACCT }, _count: true });
    const services = (identity: string) => byIdentity.filter((r) => r.identityArn === identity).map((r) => r.serviceNamespace).sort();
    expect(services(arn("user", "alice"))).toEqual(["iam", "signin"]);
    expect(services(arn("user", "bob"))).toEqual(["cloudtrail", "dynamodb", "ec2", "iam", "lambda", "s3"]);
    expect(services(arn("user", "carol"))).toEqual(["cloudtrail", "ec2", "iam", "s3", "signin"]);
    expect(services(arn("user", "dave"))).toEqual(["ec2", "iam", "s3", "signin"]);
    expect(services(arn("role", "EC2AppRole"))).toEqual(["s3"]);
    expect(services(arn("role", "AuditorRole"))).toEqual(["cloudtrail", "ec2", "iam", "s3"]);
    const sessions = await prisma.activityEvent.findMany({ where: { identityArn: arn("role", "EC2AppRole") }, distinct: ["sessionName"], select: { sessionName: true, awsRegion: true } });
    expect(sessions.map((s) => [s.sessionName, s.awsRegion]).sort()).toEqual([
      ["i-04c2e8d1f7a6b3950", "eu-west-1"],
      ["i-0a7f3c9e5b2d41806", "eu-west-1"],
    ]);
  });

  it("records denials: dave's every attempt, bob's IAM administration, the application's write", async () => {
    const denied = await prisma.activityEvent.findMany({ where: { accountId: ACCT, errorCode: "AccessDenied" }, orderBy: { eventTime: "asc" } });
    const dave = denied.filter((e) => e.identityArn === arn("user", "dave"));
    expect(dave.length).toBe(8);
    expect(await prisma.activityEvent.count({ where: { identityArn: arn("user", "dave"), errorCode: null, eventName: { not: "ConsoleLogin" } } })).toBe(0);
    expect(denied.filter((e) => e.identityArn === arn("user", "bob")).map((e) => e.eventName)).toEqual([
      "StopLogging",
      "CreateUser",
      "CreateAccessKey",
      "AttachUserPolicy",
    ]);
    const write = denied.find((e) => e.identityArn === arn("role", "EC2AppRole"));
    expect(write).toMatchObject({
      eventSource: "s3.amazonaws.com",
      eventName: "PutObject",
      resourceArn: "arn:aws:s3:::demo-app-assets/exports/orders.csv",
      errorMessage: `User: arn:aws:sts::${ACCT}:assumed-role/EC2AppRole/i-04c2e8d1f7a6b3950 is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::demo-app-assets/exports/orders.csv because no identity-based policy allows the s3:PutObject action`,
    });
    expect(await prisma.activityEvent.count({ where: { accountId: ACCT, errorCode: "NoSuchEntity", eventName: "GetAccountPasswordPolicy" } })).toBe(2);
    expect(await prisma.activityEvent.count({ where: { accountId: ACCT, errorCode: { notIn: ["AccessDenied", "NoSuchEntity"] } } })).toBe(0);
  });

  it("bob rotated his access key: one key, made 30 days ago and used two hours ago; the first one is gone", async () => {
    const keys = await prisma.accessKey.findMany({ where: { user: { name: "bob" } } });
    expect(keys).toHaveLength(1);
    expect(keys[0].status).toBe("Active");
    expect(Math.floor((NOW.getTime() - keys[0].createdAt.getTime()) / DAY)).toBe(30);
    const { AccessKeyLastUsed } = await getAccessKeyLastUsed(rootCaller(), { AccessKeyId: keys[0].id });
    expect(AccessKeyLastUsed).toEqual({ LastUsedDate: new Date(NOW.getTime() - 118 * MINUTE), ServiceName: "dynamodb", Region: "eu-west-1" });
    const lifecycle = await prisma.activityEvent.findMany({
      where: { identityArn: arn("user", "bob"), eventName: { in: ["CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey"] }, errorCode: null },
      orderBy: { eventTime: "asc" },
    });
    expect(lifecycle.map((e) => e.eventName)).toEqual(["CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey"]);
    const firstKey = (lifecycle[1].requestParameters as { AccessKeyId: string }).AccessKeyId;
    expect(lifecycle[1].accessKeyId).toBe(keys[0].id);
    const lastUseOfFirst = await prisma.activityEvent.findFirstOrThrow({ where: { accessKeyId: firstKey }, orderBy: { eventTime: "desc" } });
    expect(lastUseOfFirst.eventTime.getTime()).toBeLessThan(daysBefore(29).getTime());
  });

  it("alice's access key, made 100 days ago, was never used", async () => {
    const [key] = await prisma.accessKey.findMany({ where: { user: { name: "alice" } } });
    expect(key).toMatchObject({ status: "Active", lastUsedDate: null, lastUsedServiceName: null });
    expect(Math.floor((NOW.getTime() - key.createdAt.getTime()) / DAY)).toBe(100);
    expect(await prisma.activityEvent.count({ where: { accessKeyId: key.id } })).toBe(0);
  });

  it("roles record their last use: EC2AppRole minutes ago in eu-west-1, AuditorRole at its last review", async () => {
    const ec2 = (await getRole(rootCaller(), { RoleName: "EC2AppRole" })).Role.RoleLastUsed;
    expect(ec2).toEqual({ LastUsedDate: new Date(NOW.getTime() - 21 * MINUTE), Region: "eu-west-1" });
    const auditor = (await getRole(rootCaller(), { RoleName: "AuditorRole" })).Role.RoleLastUsed ?? {};
    expect(auditor.Region).toBe("eu-west-1");
    expect(Math.floor((NOW.getTime() - auditor.LastUsedDate!.getTime()) / DAY)).toBe(25);
  });

  it("console sign-ins set the passwords' last use: carol's three months ago; bob works from the CLI only", async () => {
    const users = await prisma.user.findMany({ where: { accountId: ACCT }, orderBy: { nameKey: "asc" } });
    const lastUsed = Object.fromEntries(users.map((u) => [u.name, u.passwordLastUsed && Math.floor((NOW.getTime() - u.passwordLastUsed.getTime()) / DAY)]));
    expect(lastUsed).toEqual({ alice: 0, bob: null, carol: 94, dave: 2 });
    const logins = await prisma.activityEvent.findMany({ where: { accountId: ACCT, eventName: "ConsoleLogin" } });
    expect(logins.map((e) => [e.principalArn, e.errorCode]).sort()).toEqual(["alice", "carol", "dave"].map((u) => [arn("user", u), null]));
  });

  it("the users and roles tables show each one's last activity", async () => {
    const { users } = await listUsersForConsole(rootCaller(undefined, { now: NOW }), {});
    const ago = Object.fromEntries(users.map((u) => [u.userName, u.lastActivity && Math.floor((NOW.getTime() - u.lastActivity.getTime()) / DAY)]));
    expect(ago).toEqual({ alice: 0, bob: 0, carol: 94, dave: 2 });
    const bob = users.find((u) => u.userName === "bob")!;
    expect(bob.accessKeys).toHaveLength(1);
    expect(bob.passwordLastUsed).toBeUndefined();
    const { items } = await listRolesForConsole(rootCaller(undefined, { now: NOW }), { sort: { columnId: "lastActivity", descending: true } });
    expect(items.map((r) => [r.RoleName, r.RoleLastUsed.Region])).toEqual([
      ["EC2AppRole", "eu-west-1"],
      ["AuditorRole", "eu-west-1"],
    ]);
  });

  it("the account and its entities predate the history (but for the new hire); the entities are as seeded", async () => {
    const founded = daysBefore(DEMO_HISTORY_DAYS);
    const account = await prisma.account.findUniqueOrThrow({ where: { id: ACCT } });
    expect(account.createdAt.getTime()).toBeLessThan(founded.getTime());
    const users = await prisma.user.findMany({ where: { accountId: ACCT }, orderBy: { nameKey: "asc" } });
    expect(users.map((u) => [u.name, u.createdAt < founded])).toEqual([
      ["alice", true],
      ["bob", true],
      ["carol", true],
      ["dave", false],
    ]);
    // dave, the new hire, was added last week.
    expect(Math.floor((NOW.getTime() - users[3].createdAt.getTime()) / DAY)).toBe(6);
    for (const r of await prisma.role.findMany({ where: { accountId: ACCT } })) expect(r.createdAt.getTime()).toBeLessThan(founded.getTime());
    expect(await prisma.user.count({ where: { accountId: ACCT } })).toBe(4);
    expect(await prisma.tag.count({ where: { role: { name: "AuditorRole" } } })).toBe(0);
    expect(await prisma.policyAttachment.count({ where: { user: { accountId: ACCT } } })).toBe(0);
  });

  it("the same `now` gives the same history", async () => {
    const first = await history();
    await prisma.account.delete({ where: { id: ACCT } });
    await seedDemoAccount(prisma, { rootEmail: TEST_ROOT_EMAIL, rootPassword: TEST_ROOT_PASSWORD, userPassword: TEST_USER_PASSWORD });
    await seed();
    const second = await history();
    expect(second).toHaveLength(first.length);
    expect(second).toEqual(first);
  });
});
