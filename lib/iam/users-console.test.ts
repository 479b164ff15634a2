import { beforeAll, describe, expect, it } from "vitest";
import { Prisma, type Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { newId } from "./ids";
import { callerWithPolicies, eventsSince, iamError, lastEventId, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";
import { deleteUserWithDependencies, listUserDependencies, listUsersForConsole, usersTableSql, type ConsoleUserSort } from "./users-console";

// The console's users table, the delete confirmation's list, and the console's delete.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;

interface PlanNode {
  "Relation Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  Plans?: PlanNode[];
}
const DAY = 86_400_000;
const ago = (days: number) => new Date(TEST_NOW.getTime() - days * DAY);
const userArn = (name: string, path = "/", account = ACCT) => `arn:aws:iam::${account}:user${path}${name}`;

async function expectError(attempt: Promise<unknown>, code: string, message: string) {
  const err = await iamError(attempt);
  expect({ code: err.code, message: err.message }).toEqual({ code, message });
  return err;
}

const implicitDeny = (caller: Caller, action: string, resource: string) =>
  `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

async function addUser(name: string, accountId: string, facts: { createdAt?: Date; path?: string; passwordLastUsed?: Date } = {}) {
  const path = facts.path ?? "/";
  return prisma.user.create({
    data: {
      id: newId("user"),
      accountId,
      name,
      nameKey: name.toLowerCase(),
      path,
      arn: iamArn(accountId, "user", path, name),
      createdAt: facts.createdAt,
      passwordLastUsed: facts.passwordLastUsed,
    },
  });
}

const addKey = (accountId: string, userId: string, createdAt: Date, status = "Active") =>
  prisma.accessKey.create({ data: { id: newId("accessKey"), accountId, userId, secretEncrypted: "x", createdAt, status } });

const addEvent = (accountId: string, principalArn: string, eventTime: Date) =>
  prisma.activityEvent.create({
    data: { accountId, eventTime, requestId: crypto.randomUUID(), eventSource: "iam.amazonaws.com", eventName: "ListUsers", principalArn, principalType: "IAMUser", readOnly: true },
  });

describe("listUsersForConsole", () => {
  const OTHER = "100000000004";
  const root = () => rootCaller(OTHER);
  const keys: Record<string, string[]> = {};

  beforeAll(async () => {
    await prisma.account.create({ data: { id: OTHER, rootEmail: "console-users@test.example.com", rootPasswordHash: "x" } });
    const g1 = await prisma.group.create({ data: { id: newId("group"), accountId: OTHER, name: "Zeta", nameKey: "zeta", arn: iamArn(OTHER, "group", "/", "Zeta") } });
    const g2 = await prisma.group.create({ data: { id: newId("group"), accountId: OTHER, name: "alpha", nameKey: "alpha", arn: iamArn(OTHER, "group", "/", "alpha") } });

    const ann = await addUser("ann", OTHER, { createdAt: ago(100), path: "/staff/", passwordLastUsed: ago(1) });
    await prisma.groupMembership.createMany({ data: [{ groupId: g1.id, userId: ann.id }, { groupId: g2.id, userId: ann.id }] });
    await prisma.loginProfile.create({ data: { userId: ann.id, passwordHash: "x", passwordChangedAt: ago(10) } });
    await prisma.mfaDevice.create({ data: { serialNumber: `arn:aws:iam::${OTHER}:mfa/ann`, accountId: OTHER, name: "ann", userId: ann.id, enableDate: ago(9) } });
    keys.ann = [(await addKey(OTHER, ann.id, ago(30))).id];
    await addKey(OTHER, ann.id, ago(60), "Inactive");
    await addEvent(OTHER, ann.arn, ago(3));
    await addEvent(OTHER, ann.arn, new Date(TEST_NOW.getTime() - 2 * 3_600_000));

    await addUser("Ben", OTHER, { createdAt: ago(50) });

    const cat = await addUser("cat_1%", OTHER, { createdAt: ago(20) });
    await prisma.groupMembership.create({ data: { groupId: g1.id, userId: cat.id } });
    await prisma.loginProfile.create({ data: { userId: cat.id, passwordHash: "x", passwordChangedAt: ago(40) } });
    keys.cat = [(await addKey(OTHER, cat.id, ago(5))).id, (await addKey(OTHER, cat.id, ago(3))).id];
    await addEvent(OTHER, cat.arn, ago(1));

    await addUser("dan", OTHER, { createdAt: ago(7) });
  });

  const order = async (sort: ConsoleUserSort, descending = false) =>
    (await listUsersForConsole(root(), { sort, descending })).users.map((u) => u.userName);

  it("returns the console's columns for each user, in name order", async () => {
    const out = await listUsersForConsole(root());
    expect(out).toMatchObject({ total: 4, page: 1, pageSize: 25 });
    expect(out.users.map((u) => u.userName)).toEqual(["ann", "Ben", "cat_1%", "dan"]);
    const ann = await prisma.user.findFirstOrThrow({ where: { accountId: OTHER, name: "ann" } });
    expect(out.users[0]).toEqual({
      userName: "ann",
      userId: ann.id,
      arn: userArn("ann", "/staff/", OTHER),
      path: "/staff/",
      createDate: ago(100),
      groups: ["alpha", "Zeta"],
      lastActivity: new Date(TEST_NOW.getTime() - 2 * 3_600_000),
      mfaDevices: 1,
      passwordEnabled: true,
      passwordChangedAt: ago(10),
      passwordLastUsed: ago(1),
      accessKeys: [{ accessKeyId: keys.ann[0], createDate: ago(30) }],
    });
    expect(out.users[1]).toEqual({
      userName: "Ben",
      userId: expect.stringMatching(/^AIDA/),
      arn: userArn("Ben", "/", OTHER),
      path: "/",
      createDate: ago(50),
      groups: [],
      mfaDevices: 0,
      passwordEnabled: false,
      accessKeys: [],
    });
    expect(out.users[2].accessKeys.map((k) => k.accessKeyId)).toEqual(keys.cat);
  });

  it.each<[ConsoleUserSort, boolean, string[]]>([
    ["userName", true, ["dan", "cat_1%", "Ben", "ann"]],
    ["path", true, ["ann", "Ben", "cat_1%", "dan"]],
    ["groups", true, ["ann", "cat_1%", "Ben", "dan"]],
    ["groups", false, ["Ben", "dan", "cat_1%", "ann"]],
    ["lastActivity", true, ["ann", "cat_1%", "Ben", "dan"]],
    ["lastActivity", false, ["cat_1%", "ann", "Ben", "dan"]],
    ["mfa", true, ["ann", "Ben", "cat_1%", "dan"]],
    ["passwordAge", false, ["ann", "cat_1%", "Ben", "dan"]],
    ["passwordAge", true, ["cat_1%", "ann", "Ben", "dan"]],
    ["consoleLastSignIn", true, ["ann", "Ben", "cat_1%", "dan"]],
    ["accessKeyAge", false, ["cat_1%", "ann", "Ben", "dan"]],
    ["accessKeyAge", true, ["ann", "cat_1%", "Ben", "dan"]],
    ["creationTime", false, ["ann", "Ben", "cat_1%", "dan"]],
    ["creationTime", true, ["dan", "cat_1%", "Ben", "ann"]],
  ])("sorts by %s (descending: %s) in the database, empty values last", async (sort, descending, names) => {
    expect(await order(sort, descending)).toEqual(names);
  });

  it("sorts by access key ID", async () => {
    const expected = [
      ["ann", keys.ann[0]],
      ["cat_1%", [...keys.cat].sort()[0]],
    ]
      .sort((a, b) => (a[1] < b[1] ? -1 : 1))
      .map((p) => p[0]);
    expect(await order("accessKeyId")).toEqual([...expected, "Ben", "dan"]);
  });

  it("filters by a case-insensitive substring of the name, % and _ taken literally", async () => {
    const names = async (filter: string) => (await listUsersForConsole(root(), { filter })).users.map((u) => u.userName);
    expect(await names("A")).toEqual(["ann", "cat_1%", "dan"]);
    expect(await names("BEN")).toEqual(["Ben"]);
    expect(await names("_1%")).toEqual(["cat_1%"]);
    expect(await names("%")).toEqual(["cat_1%"]);
    expect(await names("n_")).toEqual([]);
    const none = await listUsersForConsole(root(), { filter: "zzz" });
    expect(none).toMatchObject({ users: [], total: 0 });
  });

  it("pages, with the filter's total on every page", async () => {
    const p2 = await listUsersForConsole(root(), { page: 2, pageSize: 3 });
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.users.map((u) => u.userName)).toEqual(["dan"]);
    const past = await listUsersForConsole(root(), { page: 9, pageSize: 3 });
    expect(past).toMatchObject({ users: [], total: 4 });
    expect(await listUsersForConsole(root(), { page: -1, pageSize: 5000 })).toMatchObject({ page: 1, pageSize: 1000 });
  });

  it("is authorized by iam:ListUsers, recorded as ListUsers", async () => {
    const dave = await userCaller("dave");
    await expectError(listUsersForConsole(dave), "AccessDenied", implicitDeny(dave, "iam:ListUsers", `arn:aws:iam::${ACCT}:user/`));
    const carol = await userCaller("carol");
    expect((await listUsersForConsole(carol)).users.map((u) => u.userName)).toContain("carol");
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: carol.principalArn, eventName: "ListUsers" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ readOnly: true, errorCode: null });
  });

  it("an unknown sort fails with ValidationError", async () => {
    await expectError(
      listUsersForConsole(root(), { sort: "shoeSize" as ConsoleUserSort }),
      "ValidationError",
      "1 validation error detected: Value 'shoeSize' at 'sort' failed to satisfy constraint: Member must satisfy enum value set: [userName, path, groups, lastActivity, mfa, passwordAge, consoleLastSignIn, accessKeyId, accessKeyAge, creationTime]",
    );
  });
});

describe("listUsersForConsole with 10,000 users", () => {
  const BIG = "100000000005";
  const N = 10_000;

  beforeAll(async () => {
    await prisma.account.create({ data: { id: BIG, rootEmail: "big@test.example.com", rootPasswordHash: "x" } });
    const group = await prisma.group.create({ data: { id: newId("group"), accountId: BIG, name: "everyone", nameKey: "everyone", arn: iamArn(BIG, "group", "/", "everyone") } });
    const users = Array.from({ length: N }, (_, i) => {
      const name = `user-${String(i).padStart(5, "0")}`;
      return { id: newId("user"), accountId: BIG, name, nameKey: name, arn: iamArn(BIG, "user", "/", name), createdAt: ago(i % 365) };
    });
    for (let i = 0; i < N; i += 2500) {
      const chunk = users.slice(i, i + 2500);
      await prisma.user.createMany({ data: chunk });
      await prisma.groupMembership.createMany({ data: chunk.map((u) => ({ groupId: group.id, userId: u.id })) });
      await prisma.accessKey.createMany({
        data: chunk.map((u, j) => ({ id: newId("accessKey"), accountId: BIG, userId: u.id, secretEncrypted: "x", createdAt: ago((i + j) % 400) })),
      });
      await prisma.activityEvent.createMany({
        data: chunk.flatMap((u, j) => [0, 1].map((k) => ({
          accountId: BIG,
          eventTime: new Date(TEST_NOW.getTime() - ((i + j) * 7 + k) * 60_000),
          requestId: crypto.randomUUID(),
          eventSource: "iam.amazonaws.com",
          eventName: "GetUser",
          principalArn: u.arn,
          principalType: "IAMUser",
          readOnly: true,
        }))),
      });
    }
    // Plans are chosen on the planner's statistics, which PostgreSQL's autovacuum gathers.
    await prisma.$executeRawUnsafe(`ANALYZE "User"`);
  }, 120_000);

  it.each<[ConsoleUserSort, boolean, string | undefined]>([
    ["userName", false, undefined],
    ["lastActivity", true, undefined],
    ["accessKeyAge", false, undefined],
    ["groups", true, "99"],
  ])("a page sorted by %s (descending: %s, filter %s) comes back quickly", async (sort, descending, filter) => {
    const started = performance.now();
    const out = await listUsersForConsole(rootCaller(BIG), { sort, descending, filter, pageSize: 50, page: 3 });
    const elapsed = performance.now() - started;
    expect(out.users).toHaveLength(50);
    expect(out.total).toBe(filter ? 280 : N);
    expect(out.users[0].groups).toEqual(["everyone"]);
    // Generous: the point is that no per-user query runs (an N+1 over 10,000 users takes far longer).
    expect(elapsed).toBeLessThan(3000);
  });

  /** The most rows any step of the query's plan took from the User table. */
  async function userRowsRead(sql: Prisma.Sql): Promise<number> {
    const [{ "QUERY PLAN": plans }] = await prisma.$queryRaw<{ "QUERY PLAN": { Plan: PlanNode }[] }[]>(Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
    const walk = (node: PlanNode): number =>
      Math.max(node["Relation Name"] === "User" ? node["Actual Rows"] * node["Actual Loops"] : 0, ...(node.Plans ?? []).map(walk));
    return walk(plans[0].Plan);
  }

  it.each([false, true])("a page sorted by name (descending: %s) reads only that page's users, in the index's order", async (descending) => {
    expect(await userRowsRead(usersTableSql(BIG, { sort: "userName", descending, pageSize: 50, offset: 100 }).page)).toBeLessThanOrEqual(300);
    // A column gathered from another table has no index to follow: every user is read.
    expect(await userRowsRead(usersTableSql(BIG, { sort: "groups", descending, pageSize: 50, offset: 100 }).page)).toBeGreaterThanOrEqual(N);
  });

  it("sorted by last activity, the most recent users come first", async () => {
    const out = await listUsersForConsole(rootCaller(BIG), { sort: "lastActivity", descending: true, pageSize: 3 });
    expect(out.users.map((u) => u.userName)).toEqual(["user-00000", "user-00001", "user-00002"]);
    expect(out.users[0].lastActivity).toEqual(TEST_NOW);
  });
});

// ---- Deleting a user as the console does ---------------------------------------------------

const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const ALL_DELETE_ACTIONS = [
  "iam:DeleteLoginProfile",
  "iam:DeleteAccessKey",
  "iam:DeactivateMFADevice",
  "iam:DeleteVirtualMFADevice",
  "iam:DeleteUserPolicy",
  "iam:DetachUserPolicy",
  "iam:RemoveUserFromGroup",
  "iam:DeleteUser",
];

/** A user of the demo account with one of everything the console's delete removes. */
async function loadedUser(name: string) {
  const user = await addUser(name, ACCT);
  const userId = user.id;
  await prisma.tag.create({ data: { userId, key: "team", keyKey: "team", value: "doomed" } });
  const auditors = await prisma.group.findFirstOrThrow({ where: { name: "Auditors" } });
  const admins = await prisma.group.findFirstOrThrow({ where: { name: "Admins" } });
  await prisma.groupMembership.createMany({ data: [{ groupId: auditors.id, userId }, { groupId: admins.id, userId }] });
  const readOnly = await prisma.policy.findFirstOrThrow({ where: { arn: READ_ONLY } });
  await prisma.policyAttachment.create({ data: { accountId: ACCT, userId, policyId: readOnly.id } });
  await prisma.inlinePolicy.create({ data: { accountId: ACCT, userId, name: "scratch", document: JSON.stringify(policyDocument("Allow", "s3:ListBucket")) } });
  await prisma.loginProfile.create({ data: { userId, passwordHash: "x" } });
  const k1 = await addKey(ACCT, userId, ago(10));
  const k2 = await addKey(ACCT, userId, ago(5), "Inactive");
  const serial = `arn:aws:iam::${ACCT}:mfa/${name}-phone`;
  await prisma.mfaDevice.create({ data: { serialNumber: serial, accountId: ACCT, name: `${name}-phone`, userId, enableDate: ago(1) } });
  await prisma.user.update({ where: { id: userId }, data: { permissionsBoundary: { connect: { arn: READ_ONLY } } } });
  return { user, keys: [k1.id, k2.id], serial, auditors, admins };
}

describe("listUserDependencies", () => {
  it("lists everything the delete will remove, in the console's order", async () => {
    const { keys, serial } = await loadedUser("uma");
    expect(await listUserDependencies(rootCaller(), { UserName: "UMA" })).toEqual({
      UserName: "uma",
      Arn: userArn("uma"),
      LoginProfile: true,
      AccessKeys: [
        { AccessKeyId: keys[0], Status: "Active" },
        { AccessKeyId: keys[1], Status: "Inactive" },
      ],
      SigningCertificates: [],
      SSHPublicKeys: [],
      ServiceSpecificCredentials: [],
      MFADevices: [{ SerialNumber: serial, Virtual: true }],
      InlinePolicyNames: ["scratch"],
      AttachedPolicies: [{ PolicyName: "ReadOnlyAccess", PolicyArn: READ_ONLY }],
      Groups: [
        { GroupName: "Admins", Arn: `arn:aws:iam::${ACCT}:group/Admins` },
        { GroupName: "Auditors", Arn: `arn:aws:iam::${ACCT}:group/Auditors` },
      ],
      PermissionsBoundaryArn: READ_ONLY,
    });
  });

  it("a user with nothing attached has empty lists", async () => {
    expect(await listUserDependencies(rootCaller(), { UserName: "dave" })).toEqual({
      UserName: "dave",
      Arn: userArn("dave"),
      LoginProfile: true,
      AccessKeys: [],
      SigningCertificates: [],
      SSHPublicKeys: [],
      ServiceSpecificCredentials: [],
      MFADevices: [],
      InlinePolicyNames: [],
      AttachedPolicies: [],
      Groups: [],
    });
  });

  it("needs each read the console makes; an unknown user fails with NoSuchEntity", async () => {
    const partial = await callerWithPolicies("partial-reader", [
      policyDocument("Allow", ["iam:GetLoginProfile", "iam:ListAccessKeys", "iam:ListMFADevices", "iam:ListUserPolicies"]),
    ]);
    await expectError(
      listUserDependencies(partial, { UserName: "uma" }),
      "AccessDenied",
      implicitDeny(partial, "iam:ListAttachedUserPolicies", userArn("uma")),
    );
    expect((await listUserDependencies(await userCaller("bob"), { UserName: "uma" })).Groups).toHaveLength(2);
    await expectError(listUserDependencies(rootCaller(), { UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
  });
});

describe("deleteUserWithDependencies", () => {
  it("removes the user and everything in its way in one go, recording each call the console makes", async () => {
    const root = rootCaller();
    const { user, keys, serial, auditors, admins } = await loadedUser("vera");
    const since = await lastEventId();
    const removed = await deleteUserWithDependencies(root, { UserName: "vera" });
    expect(removed).toMatchObject({ UserName: "vera", Groups: [{ GroupName: "Admins" }, { GroupName: "Auditors" }], AccessKeys: [{}, {}] });
    const userId = user.id;
    expect(await prisma.user.count({ where: { id: userId } })).toBe(0);
    for (const count of [
      prisma.loginProfile.count({ where: { userId } }),
      prisma.accessKey.count({ where: { userId } }),
      prisma.mfaDevice.count({ where: { serialNumber: serial } }),
      prisma.inlinePolicy.count({ where: { userId } }),
      prisma.policyAttachment.count({ where: { userId } }),
      prisma.groupMembership.count({ where: { userId } }),
      prisma.tag.count({ where: { userId } }),
    ]) {
      expect(await count).toBe(0);
    }
    // The groups and the policy stay.
    expect(await prisma.group.count({ where: { id: { in: [auditors.id, admins.id] } } })).toBe(2);
    expect(await prisma.policy.count({ where: { arn: READ_ONLY } })).toBe(1);
    expect(await eventsSince(root, since)).toEqual([
      ["DeleteLoginProfile", null, { UserName: "vera" }],
      ["DeleteAccessKey", null, { UserName: "vera", AccessKeyId: keys[0] }],
      ["DeleteAccessKey", null, { UserName: "vera", AccessKeyId: keys[1] }],
      ["DeactivateMFADevice", null, { UserName: "vera", SerialNumber: serial }],
      ["DeleteVirtualMFADevice", null, { SerialNumber: serial }],
      ["DeleteUserPolicy", null, { UserName: "vera", PolicyName: "scratch" }],
      ["DetachUserPolicy", null, { UserName: "vera", PolicyArn: READ_ONLY }],
      ["RemoveUserFromGroup", null, { GroupName: "Admins", UserName: "vera" }],
      ["RemoveUserFromGroup", null, { GroupName: "Auditors", UserName: "vera" }],
      ["DeleteUser", null, { UserName: "vera" }],
    ]);
  });

  it("a user with nothing in its way is simply deleted", async () => {
    await addUser("wade", ACCT);
    const root = rootCaller();
    const since = await lastEventId();
    await deleteUserWithDependencies(root, { UserName: "wade" });
    expect(await eventsSince(root, since)).toEqual([["DeleteUser", null, { UserName: "wade" }]]);
  });

  it("a caller allowed exactly the underlying actions on the user, its groups and its device succeeds", async () => {
    await loadedUser("xena");
    const caller = await callerWithPolicies("deleter", [
      policyDocument("Allow", ALL_DELETE_ACTIONS, [userArn("xena"), `arn:aws:iam::${ACCT}:group/*`, `arn:aws:iam::${ACCT}:mfa/xena-phone`]),
    ]);
    await deleteUserWithDependencies(caller, { UserName: "xena" });
    expect(await prisma.user.count({ where: { nameKey: "xena" } })).toBe(0);
  });

  it("one denied action changes nothing, and the denial is recorded under that call", async () => {
    const { user } = await loadedUser("yuri");
    const caller = await callerWithPolicies("almost-deleter", [
      policyDocument(
        "Allow",
        ALL_DELETE_ACTIONS.filter((a) => a !== "iam:DetachUserPolicy"),
        "*",
      ),
    ]);
    const since = await lastEventId();
    await expectError(deleteUserWithDependencies(caller, { UserName: "yuri" }), "AccessDenied", implicitDeny(caller, "iam:DetachUserPolicy", userArn("yuri")));
    expect(await listUserDependencies(rootCaller(), { UserName: "yuri" })).toMatchObject({
      LoginProfile: true,
      AccessKeys: [{}, {}],
      MFADevices: [{}],
      InlinePolicyNames: ["scratch"],
      AttachedPolicies: [{}],
      Groups: [{}, {}],
    });
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
    expect(await eventsSince(caller, since)).toEqual([["DetachUserPolicy", "AccessDenied", { UserName: "yuri", PolicyArn: READ_ONLY }]]);
  });

  it("the virtual MFA device's deletion is authorized on the device's ARN", async () => {
    await loadedUser("zack");
    const caller = await callerWithPolicies("user-only-deleter", [
      policyDocument("Allow", ALL_DELETE_ACTIONS, [`arn:aws:iam::${ACCT}:user/*`, `arn:aws:iam::${ACCT}:group/*`]),
    ]);
    await expectError(
      deleteUserWithDependencies(caller, { UserName: "zack" }),
      "AccessDenied",
      implicitDeny(caller, "iam:DeleteVirtualMFADevice", `arn:aws:iam::${ACCT}:mfa/zack-phone`),
    );
  });

  it("iam:PolicyARN and iam:PermissionsBoundary reach the detach; an explicit deny wins", async () => {
    const caller = await callerWithPolicies("careful-deleter", [
      policyDocument("Allow", ALL_DELETE_ACTIONS, "*"),
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Deny", Action: "iam:DetachUserPolicy", Resource: "*", Condition: { ArnEquals: { "iam:PolicyARN": READ_ONLY } } },
          { Effect: "Deny", Action: "iam:DeleteUserPolicy", Resource: "*", Condition: { ArnEquals: { "iam:PermissionsBoundary": READ_ONLY } } },
        ],
      },
    ]);
    await expectError(
      deleteUserWithDependencies(caller, { UserName: "zack" }),
      "AccessDenied",
      `User: ${caller.principalArn} is not authorized to perform: iam:DeleteUserPolicy on resource: ${userArn("zack")} with an explicit deny in an identity-based policy`,
    );
    await prisma.inlinePolicy.deleteMany({ where: { user: { nameKey: "zack" } } });
    await expectError(
      deleteUserWithDependencies(caller, { UserName: "zack" }),
      "AccessDenied",
      `User: ${caller.principalArn} is not authorized to perform: iam:DetachUserPolicy on resource: ${userArn("zack")} with an explicit deny in an identity-based policy`,
    );
  });

  it("an unknown user fails with NoSuchEntity (after authorization), recorded as DeleteUser", async () => {
    const root = rootCaller();
    await expectError(deleteUserWithDependencies(root, { UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
    const dave = await userCaller("dave");
    const since = await lastEventId();
    await expectError(deleteUserWithDependencies(dave, { UserName: "nobody" }), "AccessDenied", implicitDeny(dave, "iam:DeleteUser", userArn("nobody")));
    expect(await eventsSince(dave, since)).toEqual([["DeleteUser", "AccessDenied", { UserName: "nobody" }]]);
  });
});
