import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { newId } from "./ids";
import { encodeMarker } from "./paging";
import { iamError, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";
import { listUsers, type ListUsersInput } from "./users";

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
