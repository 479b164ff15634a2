import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { newId } from "./ids";
import { encodeMarker } from "./paging";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";
import {
  createUser,
  deleteUser,
  deleteUserPermissionsBoundary,
  getUser,
  listUsers,
  listUserTags,
  putUserPermissionsBoundary,
  tagUser,
  untagUser,
  updateUser,
  type ListUsersInput,
} from "./users";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

async function addUser(name: string, path = "/", accountId = DEMO_ACCOUNT_ID) {
  return prisma.user.create({
    data: { id: newId("user"), accountId, name, nameKey: name.toLowerCase(), path, arn: iamArn(accountId, "user", path, name) },
  });
}

/** Every page of ListUsers, following Marker until IsTruncated is false. */
async function walk(caller: Caller, input: ListUsersInput) {
  const pages: { names: string[]; IsTruncated: boolean; Marker?: string }[] = [];
  let Marker: string | undefined;
  do {
    const page = await listUsers(caller, { ...input, Marker });
    pages.push({ names: page.Users.map((u) => u.UserName), IsTruncated: page.IsTruncated, Marker: page.Marker });
    Marker = page.Marker;
    if (pages.length > 100) throw new Error("paging does not end");
  } while (Marker);
  return pages;
}

const lastEvent = (caller: Caller) =>
  prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn, eventName: "ListUsers" }, orderBy: { id: "desc" } });

describe("ListUsers on the demo account", () => {
  it("as root lists the four users in name order, in AWS's shape", async () => {
    const out = await listUsers(rootCaller());
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(out.Users.map((u) => u.UserName)).toEqual(["alice", "bob", "carol", "dave"]);
    const alice = await prisma.user.findFirstOrThrow({ where: { name: "alice" } });
    expect(out.Users[0]).toEqual({
      Path: "/",
      UserName: "alice",
      UserId: alice.id,
      Arn: "arn:aws:iam::123456789012:user/alice",
      CreateDate: alice.createdAt,
    });
    expect(out.Users[0].UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    // ListUsers omits Tags and PermissionsBoundary.
    for (const u of out.Users) expect(Object.keys(u).sort()).toEqual(["Arn", "CreateDate", "Path", "UserId", "UserName"]);
  });

  it("shows PasswordLastUsed once the user has signed in", async () => {
    await prisma.user.updateMany({ where: { name: "carol" }, data: { passwordLastUsed: TEST_NOW } });
    const carol = (await listUsers(rootCaller())).Users.find((u) => u.UserName === "carol")!;
    expect(carol.PasswordLastUsed).toEqual(TEST_NOW);
  });

  it("as dave, who has no policies, fails with AccessDenied on the users path", async () => {
    const err = await iamError(listUsers(await userCaller("dave")));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action",
    );
  });

  it("as dave with a PathPrefix, the denied resource is that path", async () => {
    const err = await iamError(listUsers(await userCaller("dave"), { PathPrefix: "/engineering/" }));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/engineering/ because no identity-based policy allows the iam:ListUsers action",
    );
  });

  it.each(["alice", "bob", "carol"])("as %s (allowed through a group policy) lists the users", async (user) => {
    expect((await listUsers(await userCaller(user))).Users).toHaveLength(4);
  });

  it("records an event for the allowed and the denied call, with the request parameters", async () => {
    const carol = await userCaller("carol");
    await listUsers(carol, { MaxItems: 2 });
    expect(await lastEvent(carol)).toMatchObject({
      eventName: "ListUsers",
      eventSource: "iam.amazonaws.com",
      principalType: "IAMUser",
      readOnly: true,
      requestParameters: { MaxItems: 2 },
      errorCode: null,
    });
    const dave = await userCaller("dave");
    await iamError(listUsers(dave, { PathPrefix: "/x/" }));
    expect(await lastEvent(dave)).toMatchObject({
      principalArn: "arn:aws:iam::123456789012:user/dave",
      readOnly: true,
      requestParameters: { PathPrefix: "/x/" },
      errorCode: "AccessDenied",
      errorMessage: expect.stringContaining("iam:ListUsers on resource: arn:aws:iam::123456789012:user/x/"),
    });
  });
});

describe("ListUsers paging and filtering", () => {
  const allNames = ["adam", "alice", "Bea", "bob", "carol", "Charlie", "dave", "zed"];

  beforeAll(async () => {
    await addUser("Bea", "/engineering/");
    await addUser("zed", "/engineering/backend/");
    await addUser("adam", "/sales/");
    await addUser("Charlie");
    // Another account's users never show.
    await prisma.account.create({ data: { id: "210987654321", rootEmail: "other@test.example.com", rootPasswordHash: "x" } });
    await addUser("aaron", "/", "210987654321");
  });

  it("sorts names case-insensitively", async () => {
    expect((await listUsers(rootCaller())).Users.map((u) => u.UserName)).toEqual(allNames);
  });

  it("MaxItems=1 with Marker walks every user once, in order", async () => {
    const pages = await walk(rootCaller(), { MaxItems: 1 });
    expect(pages.map((p) => p.names)).toEqual(allNames.map((n) => [n]));
    expect(pages.slice(0, -1).every((p) => p.IsTruncated && p.Marker)).toBe(true);
    expect(pages.at(-1)).toEqual({ names: ["zed"], IsTruncated: false, Marker: undefined });
  });

  it.each([2, 3, 7, 8, 1000])("MaxItems=%i pages add up to the whole list", async (MaxItems) => {
    const pages = await walk(rootCaller(), { MaxItems });
    expect(pages.flatMap((p) => p.names)).toEqual(allNames);
    expect(pages.every((p) => p.names.length <= MaxItems)).toBe(true);
    expect(pages).toHaveLength(Math.ceil(allNames.length / MaxItems));
  });

  it("a Marker stays valid when the user it points after is deleted", async () => {
    const temp = await addUser("carl");
    const first = await listUsers(rootCaller(), { MaxItems: 5 });
    expect(first.Users.map((u) => u.UserName)).toEqual(["adam", "alice", "Bea", "bob", "carl"]);
    await prisma.user.delete({ where: { id: temp.id } });
    const rest = await listUsers(rootCaller(), { MaxItems: 5, Marker: first.Marker });
    expect(rest.Users.map((u) => u.UserName)).toEqual(["carol", "Charlie", "dave", "zed"]);
    expect(rest.IsTruncated).toBe(false);
  });

  it.each([
    ["not base64 JSON", "garbage!!"],
    ["JSON without a position", Buffer.from("{}").toString("base64url")],
    ["a number", Buffer.from(JSON.stringify({ after: 5 })).toString("base64url")],
  ])("a bad Marker (%s) fails with InvalidInput", async (_what, Marker) => {
    const err = await iamError(listUsers(rootCaller(), { Marker }));
    expect(err.code).toBe("InvalidInput");
    expect(err.message).toBe("Invalid Marker.");
    expect(err.status).toBe(400);
  });

  it("a well-formed Marker past the end returns an empty page", async () => {
    const out = await listUsers(rootCaller(), { Marker: encodeMarker("zzzz\u0000") });
    expect(out).toEqual({ Users: [], IsTruncated: false });
  });

  it("MaxItems 0 fails with ValidationError in AWS's words", async () => {
    const err = await iamError(listUsers(rootCaller(), { MaxItems: 0 }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("MaxItems 1001 fails with ValidationError in AWS's words", async () => {
    const err = await iamError(listUsers(rootCaller(), { MaxItems: 1001 }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
  });

  it("a failed call records its error code too", async () => {
    const root = rootCaller();
    await iamError(listUsers(root, { MaxItems: 0 }));
    expect(await lastEvent(root)).toMatchObject({ errorCode: "ValidationError", requestParameters: { MaxItems: 0 } });
  });

  it.each([
    ["/engineering/", ["Bea", "zed"]],
    ["/engineering/backend/", ["zed"]],
    ["/eng", ["Bea", "zed"]],
    ["/sales/", ["adam"]],
    ["/marketing/", []],
    ["/", allNames],
  ])("PathPrefix %s lists only the users under it", async (PathPrefix, names) => {
    const out = await listUsers(rootCaller(), { PathPrefix });
    expect(out.Users.map((u) => u.UserName)).toEqual(names);
    for (const u of out.Users) expect(u.Path.startsWith(PathPrefix)).toBe(true);
  });

  it("PathPrefix pages with Marker too", async () => {
    const pages = await walk(rootCaller(), { PathPrefix: "/engineering/", MaxItems: 1 });
    expect(pages.map((p) => p.names)).toEqual([["Bea"], ["zed"]]);
    const bea = (await listUsers(rootCaller(), { PathPrefix: "/engineering/" })).Users[0];
    expect(bea.Arn).toBe("arn:aws:iam::123456789012:user/engineering/Bea");
  });

  it.each([["engineering"], ["/bad\u00e9path/"], ["/with space/"]])("PathPrefix %j fails with ValidationError", async (PathPrefix) => {
    const err = await iamError(listUsers(rootCaller(), { PathPrefix }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(
      `1 validation error detected: Value '${PathPrefix}' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*`,
    );
  });

  it("a user allowed ListUsers only under /engineering/ may list that path and nothing wider", async () => {
    const name = "eng-lead";
    await prisma.user.create({
      data: {
        id: newId("user"),
        accountId: DEMO_ACCOUNT_ID,
        name,
        nameKey: name,
        arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", name),
        inlinePolicies: {
          create: {
            accountId: DEMO_ACCOUNT_ID,
            name: "ListEngineering",
            document: JSON.stringify({
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "arn:aws:iam::123456789012:user/engineering/*" }],
            }),
          },
        },
      },
    });
    const caller = await userCaller(name);
    expect((await listUsers(caller, { PathPrefix: "/engineering/" })).Users.map((u) => u.UserName)).toEqual(["Bea", "zed"]);
    expect((await listUsers(caller, { PathPrefix: "/engineering/backend/" })).Users.map((u) => u.UserName)).toEqual(["zed"]);
    const err = await iamError(listUsers(caller));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("on resource: arn:aws:iam::123456789012:user/ because");
  });
});

// ---- The user entity: create, read, rename, delete, tags, boundary -------------------------

const ACCT = DEMO_ACCOUNT_ID;
const userArn = (name: string, path = "/") => `arn:aws:iam::${ACCT}:user${path}${name}`;
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const SECURITY_AUDIT = "arn:aws:iam::aws:policy/SecurityAudit";

async function expectError(attempt: Promise<unknown>, code: string, message: string) {
  const err = await iamError(attempt);
  expect({ code: err.code, message: err.message }).toEqual({ code, message });
  return err;
}

const implicitDeny = (caller: Caller, action: string, resource: string) =>
  `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

const eventOf = (caller: Caller, eventName: string) =>
  prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn, eventName }, orderBy: { id: "desc" } });

const userRow = (name: string) =>
  prisma.user.findFirstOrThrow({ where: { accountId: ACCT, nameKey: name.toLowerCase() }, include: { tags: true, permissionsBoundary: true } });

describe("CreateUser", () => {
  it("creates a user in AWS's shape and records the event", async () => {
    const root = rootCaller();
    const out = await createUser(root, { UserName: "erin" });
    const row = await userRow("erin");
    expect(out).toEqual({
      User: { Path: "/", UserName: "erin", UserId: row.id, Arn: userArn("erin"), CreateDate: TEST_NOW },
    });
    expect(row.id).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(row.nameKey).toBe("erin");
    expect(await eventOf(root, "CreateUser")).toMatchObject({ readOnly: false, errorCode: null, requestParameters: { UserName: "erin" } });
  });

  it("with a path, tags and a permissions boundary returns them, and GetUser shows the same", async () => {
    const out = await createUser(rootCaller(), {
      UserName: "frank",
      Path: "/engineering/backend/",
      PermissionsBoundary: READ_ONLY,
      Tags: [
        { Key: "team", Value: "backend" },
        { Key: "cost-center", Value: "" },
      ],
    });
    expect(out.User).toMatchObject({
      Path: "/engineering/backend/",
      Arn: userArn("frank", "/engineering/backend/"),
      PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: READ_ONLY },
      Tags: [
        { Key: "cost-center", Value: "" },
        { Key: "team", Value: "backend" },
      ],
    });
    expect((await getUser(rootCaller(), { UserName: "FRANK" })).User).toEqual(out.User);
  });

  it("a customer managed policy of this account can be the boundary", async () => {
    const out = await createUser(rootCaller(), { UserName: "gina", PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/DeveloperAccess` });
    expect(out.User.PermissionsBoundary?.PermissionsBoundaryArn).toBe(`arn:aws:iam::${ACCT}:policy/DeveloperAccess`);
  });

  it.each([
    ["alice", "alice"],
    ["ALICE", "ALICE"],
  ])("an existing name (%s, in any case) fails with EntityAlreadyExists", async (UserName, shown) => {
    await expectError(createUser(rootCaller(), { UserName }), "EntityAlreadyExists", `User with name ${shown} already exists.`);
  });

  it("a failed create records its error code", async () => {
    const root = rootCaller();
    await iamError(createUser(root, { UserName: "alice" }));
    expect(await eventOf(root, "CreateUser")).toMatchObject({ errorCode: "EntityAlreadyExists", errorMessage: "User with name alice already exists." });
  });

  it.each([
    [{ UserName: "a".repeat(65) }, `Value '${"a".repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`],
    [{ UserName: "a b" }, "Value 'a b' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [{ UserName: "" }, "Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    [{} as { UserName: string }, "Value null at 'userName' failed to satisfy constraint: Member must not be null"],
    [
      { UserName: "ok", Path: "engineering" },
      "Value 'engineering' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    ],
    [{ UserName: "ok", PermissionsBoundary: "arn:aws:iam::x" }, "Value 'arn:aws:iam::x' at 'permissionsBoundary' failed to satisfy constraint: Member must have length greater than or equal to 20"],
  ])("invalid input %j fails with ValidationError", async (input, detail) => {
    await expectError(createUser(rootCaller(), input), "ValidationError", `1 validation error detected: ${detail}`);
  });

  it("accepts names of exactly 64 characters with every allowed symbol", async () => {
    const name = "Aa0_+=,.@-".padEnd(64, "z");
    expect((await createUser(rootCaller(), { UserName: name })).User.UserName).toBe(name);
  });

  it("tags are checked as AWS does", async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectError(
      createUser(rootCaller(), { UserName: "tagged", Tags: many }),
      "ValidationError",
      "1 validation error detected: Value '[…]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
    await expectError(
      createUser(rootCaller(), { UserName: "tagged", Tags: [{ Key: "Team", Value: "a" }, { Key: "team", Value: "b" }] }),
      "InvalidInput",
      "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    );
    await expectError(
      createUser(rootCaller(), { UserName: "tagged", Tags: [{ Key: "aws:team", Value: "a" }] }),
      "InvalidInput",
      'User-defined tag keys can\'t start with "aws:". This prefix is reserved for AWS tags.',
    );
    expect(await prisma.user.count({ where: { nameKey: "tagged" } })).toBe(0);
  });

  it.each([
    [`arn:aws:iam::${ACCT}:policy/NoSuchPolicy`],
    ["arn:aws:iam::aws:policy/NoSuchAwsPolicy"],
  ])("a boundary that names no policy (%s) fails with NoSuchEntity, and nothing is created", async (arn) => {
    await expectError(
      createUser(rootCaller(), { UserName: "bounded", PermissionsBoundary: arn }),
      "NoSuchEntity",
      `Scope ARN: ${arn} does not exist or is not attachable.`,
    );
    expect(await prisma.user.count({ where: { nameKey: "bounded" } })).toBe(0);
  });

  it("another account's customer managed policy cannot be the boundary", async () => {
    const other = "210987654321";
    const arn = iamArn(other, "policy", "/", "Theirs");
    await prisma.policy.create({
      data: { id: newId("policy"), accountId: other, name: "Theirs", nameKey: "theirs", arn, versions: { create: { versionId: "v1", document: "{}" } } },
    });
    await expectError(createUser(rootCaller(), { UserName: "bounded", PermissionsBoundary: arn }), "NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`);
  });

  it("a boundary that is not an ARN fails with InvalidInput", async () => {
    await expectError(createUser(rootCaller(), { UserName: "bounded", PermissionsBoundary: "not-an-arn-at-all-really" }), "InvalidInput", "ARN not-an-arn-at-all-really is not valid.");
  });

  it("two CreateUser calls for one name at once: exactly one succeeds, the other gets EntityAlreadyExists", async () => {
    const results = await Promise.allSettled([createUser(rootCaller(), { UserName: "twin" }), createUser(rootCaller(), { UserName: "TWIN" })]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toMatchObject({ code: "EntityAlreadyExists" });
    expect(failed[0].reason.message).toMatch(/^User with name (twin|TWIN) already exists\.$/);
    expect(await prisma.user.count({ where: { accountId: ACCT, nameKey: "twin" } })).toBe(1);
  });

  it("authorizes on the new user's ARN, with its path", async () => {
    const dave = await userCaller("dave");
    await expectError(
      createUser(dave, { UserName: "sneaky", Path: "/ops/" }),
      "AccessDenied",
      implicitDeny(dave, "iam:CreateUser", userArn("sneaky", "/ops/")),
    );
    expect(await eventOf(dave, "CreateUser")).toMatchObject({ errorCode: "AccessDenied" });
  });

  it("passes aws:RequestTag/…, aws:TagKeys and iam:PermissionsBoundary to the policy", async () => {
    const caller = await callerWithPolicies("hr-bot", [
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "iam:CreateUser",
            Resource: "*",
            Condition: {
              StringEquals: { "aws:RequestTag/team": "app", "iam:PermissionsBoundary": READ_ONLY },
              "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] },
            },
          },
        ],
      },
    ]);
    const ok = await createUser(caller, { UserName: "hire-1", PermissionsBoundary: READ_ONLY, Tags: [{ Key: "team", Value: "app" }] });
    expect(ok.User.UserName).toBe("hire-1");
    const denial = implicitDeny(caller, "iam:CreateUser", userArn("hire-2"));
    await expectError(createUser(caller, { UserName: "hire-2", PermissionsBoundary: READ_ONLY }), "AccessDenied", denial);
    await expectError(createUser(caller, { UserName: "hire-2", Tags: [{ Key: "team", Value: "app" }] }), "AccessDenied", denial);
    await expectError(
      createUser(caller, { UserName: "hire-2", PermissionsBoundary: SECURITY_AUDIT, Tags: [{ Key: "team", Value: "app" }] }),
      "AccessDenied",
      denial,
    );
    await expectError(
      createUser(caller, { UserName: "hire-2", PermissionsBoundary: READ_ONLY, Tags: [{ Key: "team", Value: "app" }, { Key: "x", Value: "y" }] }),
      "AccessDenied",
      denial,
    );
  });
});

describe("CreateUser quota (5,000 users per account)", () => {
  const QUOTA_ACCT = "100000000001";
  const quotaRoot = () => rootCaller(QUOTA_ACCT);

  beforeAll(async () => {
    await prisma.account.create({ data: { id: QUOTA_ACCT, rootEmail: "quota@test.example.com", rootPasswordHash: "x" } });
    await prisma.user.createMany({
      data: Array.from({ length: 4998 }, (_, i) => ({
        id: newId("user"),
        accountId: QUOTA_ACCT,
        name: `filler-${i}`,
        nameKey: `filler-${i}`,
        arn: iamArn(QUOTA_ACCT, "user", "/", `filler-${i}`),
      })),
    });
  });

  it("the 5,000th user is created; the 5,001st fails with LimitExceeded", async () => {
    await createUser(quotaRoot(), { UserName: "number-4999" });
    await createUser(quotaRoot(), { UserName: "number-5000" });
    await expectError(createUser(quotaRoot(), { UserName: "number-5001" }), "LimitExceeded", "Cannot exceed quota for UsersPerAccount: 5000");
    expect(await prisma.user.count({ where: { accountId: QUOTA_ACCT } })).toBe(5000);
  });

  it("two creates racing for the last place: one wins, one gets LimitExceeded", async () => {
    await prisma.user.delete({ where: { accountId_nameKey: { accountId: QUOTA_ACCT, nameKey: "number-5000" } } });
    const results = await Promise.allSettled([createUser(quotaRoot(), { UserName: "racer-a" }), createUser(quotaRoot(), { UserName: "racer-b" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed?.reason).toMatchObject({ code: "LimitExceeded", message: "Cannot exceed quota for UsersPerAccount: 5000" });
    expect(await prisma.user.count({ where: { accountId: QUOTA_ACCT } })).toBe(5000);
  });
});

async function roleSession(): Promise<Caller> {
  const role = await prisma.role.findFirstOrThrow({ where: { name: "AuditorRole" } });
  return {
    accountId: ACCT,
    principalType: "AssumedRole",
    principalArn: `arn:aws:sts::${ACCT}:assumed-role/AuditorRole/s1`,
    principalId: `${role.id}:s1`,
    roleId: role.id,
    roleArn: role.arn,
    mfaPresent: true,
    sourceIp: "203.0.113.10",
    secureTransport: true,
    now: TEST_NOW,
  };
}

describe("GetUser", () => {
  it("by name returns the user with its tags", async () => {
    const alice = await userRow("alice");
    expect(await getUser(rootCaller(), { UserName: "alice" })).toEqual({
      User: { Path: "/", UserName: "alice", UserId: alice.id, Arn: userArn("alice"), CreateDate: alice.createdAt, Tags: [{ Key: "team", Value: "platform" }] },
    });
  });

  it("without UserName returns the calling IAM user, and records a read-only event", async () => {
    const bob = await userCaller("bob");
    const out = await getUser(bob);
    expect(out.User).toMatchObject({ UserName: "bob", UserId: bob.userId, Arn: userArn("bob") });
    expect(await eventOf(bob, "GetUser")).toMatchObject({ readOnly: true, errorCode: null, requestParameters: {} });
  });

  it("without UserName, the root user gets its own identity: account ID, root ARN, no name or path", async () => {
    const account = await prisma.account.update({ where: { id: ACCT }, data: { rootPasswordLastUsed: TEST_NOW } });
    expect(await getUser(rootCaller())).toEqual({
      User: { UserId: ACCT, Arn: `arn:aws:iam::${ACCT}:root`, CreateDate: account.createdAt, PasswordLastUsed: TEST_NOW },
    });
  });

  it("without UserName, a role session fails with ValidationError", async () => {
    await expectError(getUser(await roleSession()), "ValidationError", "Must specify userName when calling with non-User credentials");
  });

  it("a user with no permissions may not even read itself", async () => {
    const dave = await userCaller("dave");
    await expectError(getUser(dave), "AccessDenied", implicitDeny(dave, "iam:GetUser", userArn("dave")));
  });

  it("an unknown user fails with NoSuchEntity, but only for a caller who may ask", async () => {
    await expectError(getUser(rootCaller(), { UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
    const dave = await userCaller("dave");
    await expectError(getUser(dave, { UserName: "nobody" }), "AccessDenied", implicitDeny(dave, "iam:GetUser", userArn("nobody")));
  });

  it("accepts names of existing users up to 128 characters", async () => {
    await expectError(getUser(rootCaller(), { UserName: "x".repeat(128) }), "NoSuchEntity", `The user with name ${"x".repeat(128)} cannot be found.`);
    await expectError(
      getUser(rootCaller(), { UserName: "x".repeat(129) }),
      "ValidationError",
      `1 validation error detected: Value '${"x".repeat(129)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });

  it("passes the user's tags as aws:ResourceTag/…", async () => {
    const caller = await callerWithPolicies("app-reader", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "app" } } }] },
    ]);
    expect((await getUser(caller, { UserName: "bob" })).User).toMatchObject({ UserName: "bob" });
    await expectError(getUser(caller, { UserName: "alice" }), "AccessDenied", implicitDeny(caller, "iam:GetUser", userArn("alice")));
  });
});

describe("UpdateUser", () => {
  it("renaming keeps the user's ID, groups, tags, keys and sessions; the ARN follows the name", async () => {
    const root = rootCaller();
    await createUser(root, { UserName: "henry", Tags: [{ Key: "team", Value: "app" }] });
    const before = await userRow("henry");
    const developers = await prisma.group.findFirstOrThrow({ where: { name: "Developers" } });
    await prisma.groupMembership.create({ data: { groupId: developers.id, userId: before.id } });
    await prisma.accessKey.create({ data: { id: newId("accessKey"), accountId: ACCT, userId: before.id, secretEncrypted: "x" } });
    const session = await prisma.consoleSession.create({
      data: { accountId: ACCT, principalArn: before.arn, userId: before.id, expiresAt: new Date(TEST_NOW.getTime() + 3_600_000) },
    });
    const stsKey = newId("temporaryAccessKey");
    await prisma.stsSession.create({
      data: {
        accessKeyId: stsKey,
        accountId: ACCT,
        secretEncrypted: "x",
        sessionTokenHash: "henry-token",
        kind: "GetSessionToken",
        userId: before.id,
        principalArn: before.arn,
        principalId: before.id,
        expiration: new Date(TEST_NOW.getTime() + 3_600_000),
      },
    });

    await updateUser(root, { UserName: "henry", NewUserName: "Henrietta", NewPath: "/app/" });

    const after = await userRow("henrietta");
    expect(after).toMatchObject({ id: before.id, name: "Henrietta", nameKey: "henrietta", path: "/app/", arn: userArn("Henrietta", "/app/") });
    expect(after.tags.map((t) => [t.key, t.value])).toEqual([["team", "app"]]);
    expect(await prisma.accessKey.count({ where: { userId: before.id } })).toBe(1);
    expect(await prisma.consoleSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ principalArn: after.arn });
    expect(await prisma.stsSession.findUniqueOrThrow({ where: { accessKeyId: stsKey } })).toMatchObject({ principalArn: after.arn });
    // The renamed user still gets its group's permissions (DeveloperAccess reads IAM).
    const henrietta = await userCaller("Henrietta");
    expect(henrietta.principalArn).toBe(userArn("Henrietta", "/app/"));
    expect((await getUser(henrietta)).User).toMatchObject({ UserName: "Henrietta", Path: "/app/" });
    await expectError(getUser(root, { UserName: "henry" }), "NoSuchEntity", "The user with name henry cannot be found.");
    expect(await eventOf(root, "UpdateUser")).toMatchObject({ requestParameters: { UserName: "henry", NewUserName: "Henrietta", NewPath: "/app/" } });
  });

  it("changing only the case of the name is allowed", async () => {
    await createUser(rootCaller(), { UserName: "ivan" });
    await updateUser(rootCaller(), { UserName: "ivan", NewUserName: "Ivan" });
    expect((await getUser(rootCaller(), { UserName: "ivan" })).User.Arn).toBe(userArn("Ivan"));
  });

  it("a name taken by another user (in any case) fails with EntityAlreadyExists", async () => {
    await expectError(updateUser(rootCaller(), { UserName: "Ivan", NewUserName: "BOB" }), "EntityAlreadyExists", "User with name BOB already exists.");
    expect((await userRow("ivan")).name).toBe("Ivan");
  });

  it("two renames to one new name at once: exactly one succeeds", async () => {
    await createUser(rootCaller(), { UserName: "jack" });
    await createUser(rootCaller(), { UserName: "jill" });
    const results = await Promise.allSettled([
      updateUser(rootCaller(), { UserName: "jack", NewUserName: "hill" }),
      updateUser(rootCaller(), { UserName: "jill", NewUserName: "Hill" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason).toMatchObject({ code: "EntityAlreadyExists" });
  });

  it("needs permission on the new ARN as well as the old one", async () => {
    await createUser(rootCaller(), { UserName: "kate" });
    const caller = await callerWithPolicies("renamer", [policyDocument("Allow", "iam:UpdateUser", userArn("kate"))]);
    await expectError(
      updateUser(caller, { UserName: "kate", NewUserName: "katherine" }),
      "AccessDenied",
      implicitDeny(caller, "iam:UpdateUser", userArn("katherine")),
    );
    const both = await callerWithPolicies("renamer-2", [policyDocument("Allow", "iam:UpdateUser", [userArn("kate"), userArn("katherine")])]);
    await updateUser(both, { UserName: "kate", NewUserName: "katherine" });
    expect((await userRow("katherine")).name).toBe("katherine");
  });

  it("an unknown user fails with NoSuchEntity; bad new names with ValidationError", async () => {
    await expectError(updateUser(rootCaller(), { UserName: "nobody", NewUserName: "x" }), "NoSuchEntity", "The user with name nobody cannot be found.");
    await expectError(
      updateUser(rootCaller(), { UserName: "alice", NewUserName: "a".repeat(65) }),
      "ValidationError",
      `1 validation error detected: Value '${"a".repeat(65)}' at 'newUserName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    await expectError(
      updateUser(rootCaller(), { UserName: "alice", NewPath: "/no-end" }),
      "ValidationError",
      "1 validation error detected: Value '/no-end' at 'newPath' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    );
  });
});

describe("DeleteUser", () => {
  it("deletes a user with tags and a boundary, and records the event", async () => {
    const root = rootCaller();
    await createUser(root, { UserName: "leo", PermissionsBoundary: READ_ONLY, Tags: [{ Key: "a", Value: "b" }] });
    const id = (await userRow("leo")).id;
    await deleteUser(root, { UserName: "LEO" });
    expect(await prisma.user.count({ where: { id } })).toBe(0);
    expect(await prisma.tag.count({ where: { userId: id } })).toBe(0);
    expect(await eventOf(root, "DeleteUser")).toMatchObject({ errorCode: null, requestParameters: { UserName: "LEO" } });
  });

  it("reports what is in its way one thing at a time, in AWS's words", async () => {
    const root = rootCaller();
    await createUser(root, { UserName: "mia" });
    const { id: userId } = await userRow("mia");
    const group = await prisma.group.findFirstOrThrow({ where: { name: "Auditors" } });
    const policy = await prisma.policy.findFirstOrThrow({ where: { arn: READ_ONLY } });
    await prisma.loginProfile.create({ data: { userId, passwordHash: "x" } });
    await prisma.accessKey.create({ data: { id: newId("accessKey"), accountId: ACCT, userId, secretEncrypted: "x" } });
    await prisma.mfaDevice.create({ data: { serialNumber: `arn:aws:iam::${ACCT}:mfa/mia`, accountId: ACCT, name: "mia", userId, enableDate: TEST_NOW } });
    await prisma.inlinePolicy.create({ data: { accountId: ACCT, userId, name: "inline", document: "{}" } });
    await prisma.policyAttachment.create({ data: { accountId: ACCT, userId, policyId: policy.id } });
    await prisma.groupMembership.create({ data: { groupId: group.id, userId } });

    const steps: [string, () => Promise<unknown>][] = [
      ["Cannot delete entity, must delete login profile first.", () => prisma.loginProfile.delete({ where: { userId } })],
      ["Cannot delete entity, must delete access keys first.", () => prisma.accessKey.deleteMany({ where: { userId } })],
      ["Cannot delete entity, must delete MFA device first.", () => prisma.mfaDevice.deleteMany({ where: { userId } })],
      ["Cannot delete entity, must delete policies first.", () => prisma.inlinePolicy.deleteMany({ where: { userId } })],
      ["Cannot delete entity, must detach all policies first.", () => prisma.policyAttachment.deleteMany({ where: { userId } })],
      ["Cannot delete entity, must remove users from group first.", () => prisma.groupMembership.deleteMany({ where: { userId } })],
    ];
    for (const [message, clear] of steps) {
      const err = await expectError(deleteUser(root, { UserName: "mia" }), "DeleteConflict", message);
      expect(err.status).toBe(409);
      await clear();
    }
    await deleteUser(root, { UserName: "mia" });
    expect(await prisma.user.count({ where: { id: userId } })).toBe(0);
  });

  it("an unknown user fails with NoSuchEntity", async () => {
    await expectError(deleteUser(rootCaller(), { UserName: "ghost" }), "NoSuchEntity", "The user with name ghost cannot be found.");
  });

  it("a caller without iam:DeleteUser is denied on the user's ARN", async () => {
    const dave = await userCaller("dave");
    await expectError(deleteUser(dave, { UserName: "bob" }), "AccessDenied", implicitDeny(dave, "iam:DeleteUser", userArn("bob")));
  });
});

describe("TagUser, UntagUser, ListUserTags", () => {
  beforeAll(async () => {
    await createUser(rootCaller(), { UserName: "nora", Tags: [{ Key: "Team", Value: "blue" }] });
  });

  const tagsOf = async (UserName: string) => (await listUserTags(rootCaller(), { UserName })).Tags;

  it("TagUser adds tags and replaces a key case-insensitively, the new spelling winning", async () => {
    const root = rootCaller();
    await tagUser(root, { UserName: "nora", Tags: [{ Key: "team", Value: "red" }, { Key: "floor", Value: "3" }] });
    expect(await tagsOf("nora")).toEqual([
      { Key: "floor", Value: "3" },
      { Key: "team", Value: "red" },
    ]);
    expect(await eventOf(root, "TagUser")).toMatchObject({ readOnly: false, requestParameters: { UserName: "nora" } });
  });

  it("UntagUser removes keys case-insensitively and ignores keys the user does not have", async () => {
    await untagUser(rootCaller(), { UserName: "nora", TagKeys: ["FLOOR", "missing"] });
    expect(await tagsOf("nora")).toEqual([{ Key: "team", Value: "red" }]);
  });

  it("more than 50 tags in all fails with LimitExceeded; replacing keys at 50 is fine", async () => {
    const root = rootCaller();
    await tagUser(root, { UserName: "nora", Tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: "v" })) });
    expect(await tagsOf("nora")).toHaveLength(50);
    await expectError(tagUser(root, { UserName: "nora", Tags: [{ Key: "one-more", Value: "x" }] }), "LimitExceeded", "The number of tags has reached the maximum limit.");
    await tagUser(root, { UserName: "nora", Tags: [{ Key: "K0", Value: "changed" }, { Key: "TEAM", Value: "green" }] });
    const tags = await tagsOf("nora");
    expect(tags).toHaveLength(50);
    expect(tags).toContainEqual({ Key: "K0", Value: "changed" });
    expect(tags).toContainEqual({ Key: "TEAM", Value: "green" });
  });

  it("two TagUser calls that together pass 50 tags: one of them fails", async () => {
    await untagUser(rootCaller(), { UserName: "nora", TagKeys: ["k1", "k2"] });
    const results = await Promise.allSettled([
      tagUser(rootCaller(), { UserName: "nora", Tags: [{ Key: "x1", Value: "" }, { Key: "x2", Value: "" }] }),
      tagUser(rootCaller(), { UserName: "nora", Tags: [{ Key: "y1", Value: "" }, { Key: "y2", Value: "" }] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.tag.count({ where: { user: { nameKey: "nora" } } })).toBe(50);
  });

  it("ListUserTags pages with MaxItems and Marker in key order", async () => {
    const seen: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const out = await listUserTags(rootCaller(), { UserName: "nora", MaxItems: 7, Marker });
      expect(out.Tags.length).toBeLessThanOrEqual(7);
      expect(out.IsTruncated).toBe(out.Marker !== undefined);
      seen.push(...out.Tags.map((t) => t.Key));
      Marker = out.Marker;
      pages++;
    } while (Marker);
    expect(pages).toBe(8);
    expect(seen).toHaveLength(50);
    expect(seen).toEqual([...seen].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    await expectError(listUserTags(rootCaller(), { UserName: "nora", Marker: "bogus" }), "InvalidInput", "Invalid Marker.");
  });

  it("an unknown user fails with NoSuchEntity for all three", async () => {
    const message = "The user with name nobody cannot be found.";
    await expectError(tagUser(rootCaller(), { UserName: "nobody", Tags: [{ Key: "a", Value: "b" }] }), "NoSuchEntity", message);
    await expectError(untagUser(rootCaller(), { UserName: "nobody", TagKeys: ["a"] }), "NoSuchEntity", message);
    await expectError(listUserTags(rootCaller(), { UserName: "nobody" }), "NoSuchEntity", message);
  });

  it("missing or invalid tag parameters fail with ValidationError", async () => {
    await expectError(
      tagUser(rootCaller(), { UserName: "nora" } as never),
      "ValidationError",
      "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
    );
    await expectError(
      untagUser(rootCaller(), { UserName: "nora" } as never),
      "ValidationError",
      "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
    );
    await expectError(
      untagUser(rootCaller(), { UserName: "nora", TagKeys: ["bad*key"] }),
      "ValidationError",
      "1 validation error detected: Value 'bad*key' at 'tagKeys.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    );
  });

  it("TagUser passes aws:RequestTag/… and aws:TagKeys; UntagUser passes aws:TagKeys", async () => {
    const caller = await callerWithPolicies("tagger", [
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "iam:TagUser", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": ["red", "blue"] } } },
          { Effect: "Allow", Action: "iam:UntagUser", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["scratch"] } } },
        ],
      },
    ]);
    await tagUser(caller, { UserName: "bob", Tags: [{ Key: "team", Value: "red" }] });
    await expectError(tagUser(caller, { UserName: "bob", Tags: [{ Key: "team", Value: "green" }] }), "AccessDenied", implicitDeny(caller, "iam:TagUser", userArn("bob")));
    await untagUser(caller, { UserName: "bob", TagKeys: ["scratch"] });
    await expectError(untagUser(caller, { UserName: "bob", TagKeys: ["team"] }), "AccessDenied", implicitDeny(caller, "iam:UntagUser", userArn("bob")));
  });
});

describe("PutUserPermissionsBoundary, DeleteUserPermissionsBoundary", () => {
  beforeAll(async () => {
    await createUser(rootCaller(), { UserName: "olga" });
  });

  it("sets, replaces and removes the boundary; GetUser shows it", async () => {
    const root = rootCaller();
    await putUserPermissionsBoundary(root, { UserName: "olga", PermissionsBoundary: READ_ONLY });
    expect((await getUser(root, { UserName: "olga" })).User).toMatchObject({
      PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: READ_ONLY },
    });
    await putUserPermissionsBoundary(root, { UserName: "olga", PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/DeveloperAccess` });
    expect((await userRow("olga")).permissionsBoundary?.name).toBe("DeveloperAccess");
    await deleteUserPermissionsBoundary(root, { UserName: "olga" });
    expect((await getUser(root, { UserName: "olga" })).User).not.toHaveProperty("PermissionsBoundary");
    // Removing a boundary that is not there changes nothing.
    await deleteUserPermissionsBoundary(root, { UserName: "olga" });
    expect(await eventOf(root, "DeleteUserPermissionsBoundary")).toMatchObject({ errorCode: null });
  });

  it("the boundary limits what the user may do", async () => {
    const alice = await userCaller("alice");
    expect((await listUsers(alice)).Users.length).toBeGreaterThan(0);
    await putUserPermissionsBoundary(rootCaller(), { UserName: "alice", PermissionsBoundary: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
    await expectError(
      listUsers(alice),
      "AccessDenied",
      `User: ${userArn("alice")} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCT}:user/ because no permissions boundary allows the iam:ListUsers action`,
    );
    await deleteUserPermissionsBoundary(rootCaller(), { UserName: "alice" });
    expect((await listUsers(alice)).Users.length).toBeGreaterThan(0);
  });

  it("a policy that does not exist fails with NoSuchEntity, and the boundary stays", async () => {
    const arn = `arn:aws:iam::${ACCT}:policy/Missing`;
    await putUserPermissionsBoundary(rootCaller(), { UserName: "olga", PermissionsBoundary: READ_ONLY });
    await expectError(putUserPermissionsBoundary(rootCaller(), { UserName: "olga", PermissionsBoundary: arn }), "NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`);
    expect((await userRow("olga")).permissionsBoundary?.arn).toBe(READ_ONLY);
  });

  it("an unknown user fails with NoSuchEntity; a missing boundary with ValidationError", async () => {
    await expectError(putUserPermissionsBoundary(rootCaller(), { UserName: "nobody", PermissionsBoundary: READ_ONLY }), "NoSuchEntity", "The user with name nobody cannot be found.");
    await expectError(deleteUserPermissionsBoundary(rootCaller(), { UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
    await expectError(
      putUserPermissionsBoundary(rootCaller(), { UserName: "olga" } as never),
      "ValidationError",
      "1 validation error detected: Value null at 'permissionsBoundary' failed to satisfy constraint: Member must not be null",
    );
  });

  it("iam:PermissionsBoundary is the new boundary for Put and the current one for Delete", async () => {
    const caller = await callerWithPolicies("boundary-admin", [
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
            Resource: "*",
            Condition: { StringEquals: { "iam:PermissionsBoundary": SECURITY_AUDIT } },
          },
        ],
      },
    ]);
    await putUserPermissionsBoundary(rootCaller(), { UserName: "olga", PermissionsBoundary: READ_ONLY });
    await expectError(deleteUserPermissionsBoundary(caller, { UserName: "olga" }), "AccessDenied", implicitDeny(caller, "iam:DeleteUserPermissionsBoundary", userArn("olga")));
    await expectError(
      putUserPermissionsBoundary(caller, { UserName: "olga", PermissionsBoundary: READ_ONLY }),
      "AccessDenied",
      implicitDeny(caller, "iam:PutUserPermissionsBoundary", userArn("olga")),
    );
    await putUserPermissionsBoundary(caller, { UserName: "olga", PermissionsBoundary: SECURITY_AUDIT });
    await deleteUserPermissionsBoundary(caller, { UserName: "olga" });
    expect((await userRow("olga")).permissionsBoundaryId).toBeNull();
  });
});
