import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import {
  addUserToGroup,
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  listGroupsForConsole,
  listGroupsForUser,
  removeUserFromGroup,
  updateGroup,
} from "./groups";
import { newId } from "./ids";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";
import { listUsers } from "./users";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const addGroup = (name: string, path = "/") =>
  prisma.group.create({
    data: { id: newId("group"), accountId: DEMO_ACCOUNT_ID, name, nameKey: name.toLowerCase(), path, arn: iamArn(DEMO_ACCOUNT_ID, "group", path, name) },
  });

describe("ListGroups", () => {
  it("as root lists the demo groups in name order, in AWS's shape", async () => {
    const out = await listGroups(rootCaller());
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(out.Groups.map((g) => g.GroupName)).toEqual(["Admins", "Auditors", "Developers"]);
    const admins = await prisma.group.findFirstOrThrow({ where: { name: "Admins" } });
    expect(out.Groups[0]).toEqual({
      Path: "/",
      GroupName: "Admins",
      GroupId: admins.id,
      Arn: "arn:aws:iam::123456789012:group/Admins",
      CreateDate: admins.createdAt,
    });
    expect(out.Groups[0].GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
  });

  it("as dave fails with AccessDenied on the groups path, and the denial is recorded", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(listGroups(dave));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListGroups on resource: arn:aws:iam::123456789012:group/ because no identity-based policy allows the iam:ListGroups action",
    );
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: dave.principalArn, eventName: "ListGroups" } });
    expect(event).toMatchObject({ errorCode: "AccessDenied", errorMessage: err.message, readOnly: true });
  });

  it.each(["alice", "bob", "carol"])("as %s is allowed", async (user) => {
    expect((await listGroups(await userCaller(user))).Groups).toHaveLength(3);
  });

  it("pages case-insensitively with MaxItems and Marker, and filters by PathPrefix", async () => {
    await addGroup("billing", "/finance/");
    await addGroup("Contractors");
    const names: string[][] = [];
    let Marker: string | undefined;
    do {
      const page = await listGroups(rootCaller(), { MaxItems: 2, Marker });
      names.push(page.Groups.map((g) => g.GroupName));
      Marker = page.Marker;
      expect(page.IsTruncated).toBe(Marker !== undefined);
    } while (Marker);
    expect(names).toEqual([["Admins", "Auditors"], ["billing", "Contractors"], ["Developers"]]);
    expect((await listGroups(rootCaller(), { PathPrefix: "/finance/" })).Groups.map((g) => g.Arn)).toEqual([
      "arn:aws:iam::123456789012:group/finance/billing",
    ]);
  });

  it("a bad Marker fails with InvalidInput; MaxItems out of range with ValidationError", async () => {
    expect((await iamError(listGroups(rootCaller(), { Marker: "nope" }))).code).toBe("InvalidInput");
    const err = await iamError(listGroups(rootCaller(), { MaxItems: 0 }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toContain("at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });
});

// ---- Groups and their members ---------------------------------------------------------------

const ACCT = DEMO_ACCOUNT_ID;
const groupArn = (name: string, path = "/") => `arn:aws:iam::${ACCT}:group${path}${name}`;
const userArn = (name: string, path = "/") => `arn:aws:iam::${ACCT}:user${path}${name}`;

async function expectError(attempt: Promise<unknown>, code: string, message: string) {
  const err = await iamError(attempt);
  expect({ code: err.code, message: err.message }).toEqual({ code, message });
  return err;
}

const implicitDeny = (caller: Caller, action: string, resource: string) =>
  `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

const eventOf = (caller: Caller, eventName: string) =>
  prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn, eventName }, orderBy: { id: "desc" } });

const addUser = (name: string, accountId = ACCT) =>
  prisma.user.create({
    data: { id: newId("user"), accountId, name, nameKey: name.toLowerCase(), arn: iamArn(accountId, "user", "/", name) },
  });

const groupNamesOf = async (UserName: string) => (await listGroupsForUser(rootCaller(), { UserName })).Groups.map((g) => g.GroupName);

describe("CreateGroup", () => {
  it("creates a group in AWS's shape and records the event", async () => {
    const root = rootCaller();
    const out = await createGroup(root, { GroupName: "Testers" });
    const row = await prisma.group.findFirstOrThrow({ where: { nameKey: "testers" } });
    expect(out).toEqual({ Group: { Path: "/", GroupName: "Testers", GroupId: row.id, Arn: groupArn("Testers"), CreateDate: TEST_NOW } });
    expect(row.id).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(await eventOf(root, "CreateGroup")).toMatchObject({ readOnly: false, errorCode: null, requestParameters: { GroupName: "Testers" } });
  });

  it("with a path", async () => {
    expect((await createGroup(rootCaller(), { GroupName: "oncall", Path: "/ops/" })).Group.Arn).toBe(groupArn("oncall", "/ops/"));
  });

  it("an existing name in any case fails with EntityAlreadyExists", async () => {
    await expectError(createGroup(rootCaller(), { GroupName: "ADMINS" }), "EntityAlreadyExists", "Group with name ADMINS already exists.");
  });

  it("two CreateGroup calls for one name at once: exactly one succeeds", async () => {
    const results = await Promise.allSettled([createGroup(rootCaller(), { GroupName: "pair" }), createGroup(rootCaller(), { GroupName: "Pair" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason).toMatchObject({ code: "EntityAlreadyExists" });
  });

  it.each([
    [{ GroupName: "g".repeat(129) }, `Value '${"g".repeat(129)}' at 'groupName' failed to satisfy constraint: Member must have length less than or equal to 128`],
    [{ GroupName: "a/b" }, "Value 'a/b' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [{} as { GroupName: string }, "Value null at 'groupName' failed to satisfy constraint: Member must not be null"],
    [{ GroupName: "ok", Path: "/a b/" }, "Value '/a b/' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"],
  ])("invalid input %j fails with ValidationError", async (input, detail) => {
    await expectError(createGroup(rootCaller(), input), "ValidationError", `1 validation error detected: ${detail}`);
  });

  it("group names may be 128 characters long", async () => {
    const name = "g".repeat(128);
    expect((await createGroup(rootCaller(), { GroupName: name })).Group.GroupName).toBe(name);
  });

  it("is authorized on the new group's ARN", async () => {
    const dave = await userCaller("dave");
    await expectError(createGroup(dave, { GroupName: "mine", Path: "/x/" }), "AccessDenied", implicitDeny(dave, "iam:CreateGroup", groupArn("mine", "/x/")));
  });
});

describe("CreateGroup quota (300 groups per account)", () => {
  const QUOTA_ACCT = "100000000002";
  beforeAll(async () => {
    await prisma.account.create({ data: { id: QUOTA_ACCT, rootEmail: "groups-quota@test.example.com", rootPasswordHash: "x" } });
    await prisma.group.createMany({
      data: Array.from({ length: 298 }, (_, i) => ({
        id: newId("group"),
        accountId: QUOTA_ACCT,
        name: `g${i}`,
        nameKey: `g${i}`,
        arn: iamArn(QUOTA_ACCT, "group", "/", `g${i}`),
      })),
    });
  });

  it("the 300th group is created; two racing for the 301st both fail; then LimitExceeded", async () => {
    const root = rootCaller(QUOTA_ACCT);
    await createGroup(root, { GroupName: "g-299" });
    const results = await Promise.allSettled([createGroup(root, { GroupName: "g-300" }), createGroup(root, { GroupName: "g-301" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expectError(createGroup(root, { GroupName: "g-302" }), "LimitExceeded", "Cannot exceed quota for GroupsPerAccount: 300");
    expect(await prisma.group.count({ where: { accountId: QUOTA_ACCT } })).toBe(300);
  });
});

describe("GetGroup", () => {
  it("returns the group and its members in name order", async () => {
    const root = rootCaller();
    const admins = await prisma.group.findFirstOrThrow({ where: { name: "Admins" } });
    const out = await getGroup(root, { GroupName: "admins" });
    const alice = await prisma.user.findFirstOrThrow({ where: { name: "alice" } });
    expect(out).toEqual({
      Group: { Path: "/", GroupName: "Admins", GroupId: admins.id, Arn: groupArn("Admins"), CreateDate: admins.createdAt },
      Users: [{ Path: "/", UserName: "alice", UserId: alice.id, Arn: userArn("alice"), CreateDate: alice.createdAt }],
      IsTruncated: false,
    });
    expect(await eventOf(root, "GetGroup")).toMatchObject({ readOnly: true, errorCode: null });
  });

  it("pages the members with MaxItems and Marker", async () => {
    const { Group } = await createGroup(rootCaller(), { GroupName: "crowd" });
    for (const n of ["u-c", "U-a", "u-e", "u-b", "u-d"]) {
      const u = await addUser(n);
      await prisma.groupMembership.create({ data: { groupId: Group.GroupId, userId: u.id } });
    }
    const pages: string[][] = [];
    let Marker: string | undefined;
    do {
      const out = await getGroup(rootCaller(), { GroupName: "crowd", MaxItems: 2, Marker });
      expect(out.Group.GroupName).toBe("crowd");
      pages.push(out.Users.map((u) => u.UserName));
      Marker = out.Marker;
      expect(out.IsTruncated).toBe(Marker !== undefined);
    } while (Marker);
    expect(pages).toEqual([["U-a", "u-b"], ["u-c", "u-d"], ["u-e"]]);
  });

  it("an empty group has no users", async () => {
    expect(await getGroup(rootCaller(), { GroupName: "Testers" })).toMatchObject({ Users: [], IsTruncated: false });
  });

  it("an unknown group fails with NoSuchEntity, after authorization", async () => {
    await expectError(getGroup(rootCaller(), { GroupName: "nope" }), "NoSuchEntity", "The group with name nope cannot be found.");
    const dave = await userCaller("dave");
    await expectError(getGroup(dave, { GroupName: "nope" }), "AccessDenied", implicitDeny(dave, "iam:GetGroup", groupArn("nope")));
  });
});

describe("UpdateGroup", () => {
  it("renaming and moving keeps the members and the policies", async () => {
    const root = rootCaller();
    const before = await prisma.group.findFirstOrThrow({ where: { name: "Developers" } });
    await updateGroup(root, { GroupName: "developers", NewGroupName: "Engineers", NewPath: "/eng/" });
    const after = await prisma.group.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ name: "Engineers", nameKey: "engineers", path: "/eng/", arn: groupArn("Engineers", "/eng/") });
    expect(await groupNamesOf("bob")).toEqual(["Engineers"]);
    // bob still reads IAM through the group's DeveloperAccess.
    expect((await listUsers(await userCaller("bob"))).Users.length).toBeGreaterThan(0);
    await expectError(getGroup(root, { GroupName: "Developers" }), "NoSuchEntity", "The group with name Developers cannot be found.");
    await updateGroup(root, { GroupName: "Engineers", NewGroupName: "Developers", NewPath: "/" });
  });

  it("a taken name fails with EntityAlreadyExists", async () => {
    await expectError(updateGroup(rootCaller(), { GroupName: "Testers", NewGroupName: "auditors" }), "EntityAlreadyExists", "Group with name auditors already exists.");
  });

  it("needs permission on the old and the new ARN", async () => {
    const caller = await callerWithPolicies("group-renamer", [policyDocument("Allow", "iam:UpdateGroup", groupArn("Testers"))]);
    await expectError(
      updateGroup(caller, { GroupName: "Testers", NewGroupName: "QA" }),
      "AccessDenied",
      implicitDeny(caller, "iam:UpdateGroup", groupArn("QA")),
    );
    await expectError(
      updateGroup(caller, { GroupName: "Admins", NewGroupName: "Testers2" }),
      "AccessDenied",
      implicitDeny(caller, "iam:UpdateGroup", groupArn("Admins")),
    );
  });

  it("an unknown group fails with NoSuchEntity", async () => {
    await expectError(updateGroup(rootCaller(), { GroupName: "nope", NewGroupName: "x" }), "NoSuchEntity", "The group with name nope cannot be found.");
  });
});

describe("AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser", () => {
  beforeAll(async () => {
    await addUser("paul");
  });

  it("adds a member (adding again changes nothing) and records the event", async () => {
    const root = rootCaller();
    await addUserToGroup(root, { GroupName: "testers", UserName: "PAUL" });
    await addUserToGroup(root, { GroupName: "Testers", UserName: "paul" });
    expect(await groupNamesOf("paul")).toEqual(["Testers"]);
    expect(await eventOf(root, "AddUserToGroup")).toMatchObject({ readOnly: false, errorCode: null, requestParameters: { GroupName: "Testers", UserName: "paul" } });
  });

  it("removes a member; removing a non-member succeeds without a change", async () => {
    await removeUserFromGroup(rootCaller(), { GroupName: "Testers", UserName: "paul" });
    expect(await groupNamesOf("paul")).toEqual([]);
    await removeUserFromGroup(rootCaller(), { GroupName: "Testers", UserName: "paul" });
  });

  it("unknown groups and users fail with NoSuchEntity", async () => {
    const root = rootCaller();
    await expectError(addUserToGroup(root, { GroupName: "nope", UserName: "paul" }), "NoSuchEntity", "The group with name nope cannot be found.");
    await expectError(addUserToGroup(root, { GroupName: "Testers", UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
    await expectError(removeUserFromGroup(root, { GroupName: "nope", UserName: "paul" }), "NoSuchEntity", "The group with name nope cannot be found.");
    await expectError(removeUserFromGroup(root, { GroupName: "Testers", UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
    await expectError(listGroupsForUser(root, { UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
  });

  it("a user may be in 10 groups; the 11th fails with LimitExceeded", async () => {
    const user = await addUser("quinn");
    for (let i = 0; i < 10; i++) {
      const g = await createGroup(rootCaller(), { GroupName: `team-${i}` });
      if (i < 9) await prisma.groupMembership.create({ data: { groupId: g.Group.GroupId, userId: user.id } });
    }
    await createGroup(rootCaller(), { GroupName: "team-10" });
    await addUserToGroup(rootCaller(), { GroupName: "team-9", UserName: "quinn" });
    const err = await expectError(addUserToGroup(rootCaller(), { GroupName: "team-10", UserName: "quinn" }), "LimitExceeded", "Cannot exceed quota for GroupsPerUser: 10");
    expect(err.status).toBe(409);
    // Adding to a group the user is already in is still fine at the quota.
    await addUserToGroup(rootCaller(), { GroupName: "team-0", UserName: "quinn" });
    expect(await prisma.groupMembership.count({ where: { userId: user.id } })).toBe(10);
  });

  it("two additions racing for the 10th place: one wins, one gets LimitExceeded", async () => {
    const user = await addUser("rita");
    for (let i = 0; i < 9; i++) {
      const g = await prisma.group.findFirstOrThrow({ where: { nameKey: `team-${i}` } });
      await prisma.groupMembership.create({ data: { groupId: g.id, userId: user.id } });
    }
    const results = await Promise.allSettled([
      addUserToGroup(rootCaller(), { GroupName: "team-9", UserName: "rita" }),
      addUserToGroup(rootCaller(), { GroupName: "team-10", UserName: "rita" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason).toMatchObject({
      code: "LimitExceeded",
      message: "Cannot exceed quota for GroupsPerUser: 10",
    });
    expect(await prisma.groupMembership.count({ where: { userId: user.id } })).toBe(10);
  });

  it("ListGroupsForUser pages in name order", async () => {
    const pages: string[][] = [];
    let Marker: string | undefined;
    do {
      const out = await listGroupsForUser(rootCaller(), { UserName: "quinn", MaxItems: 4, Marker });
      pages.push(out.Groups.map((g) => g.GroupName));
      Marker = out.Marker;
    } while (Marker);
    expect(pages.flat()).toEqual(["team-0", "team-1", "team-2", "team-3", "team-4", "team-5", "team-6", "team-7", "team-8", "team-9"]);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
    expect(await groupNamesOf("alice")).toEqual(["Admins"]);
  });

  it("membership changes are authorized on the group; ListGroupsForUser on the user, with its tags", async () => {
    const dave = await userCaller("dave");
    await expectError(addUserToGroup(dave, { GroupName: "Admins", UserName: "dave" }), "AccessDenied", implicitDeny(dave, "iam:AddUserToGroup", groupArn("Admins")));
    await expectError(removeUserFromGroup(dave, { GroupName: "Admins", UserName: "alice" }), "AccessDenied", implicitDeny(dave, "iam:RemoveUserFromGroup", groupArn("Admins")));
    const caller = await callerWithPolicies("team-reader", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:ListGroupsForUser", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/team": "security" } } }] },
    ]);
    expect((await listGroupsForUser(caller, { UserName: "carol" })).Groups.map((g) => g.GroupName)).toEqual(["Auditors"]);
    await expectError(listGroupsForUser(caller, { UserName: "alice" }), "AccessDenied", implicitDeny(caller, "iam:ListGroupsForUser", userArn("alice")));
  });
});

describe("DeleteGroup", () => {
  it("deletes an empty group without policies and records the event", async () => {
    const root = rootCaller();
    await createGroup(root, { GroupName: "temp" });
    await deleteGroup(root, { GroupName: "TEMP" });
    expect(await prisma.group.count({ where: { nameKey: "temp" } })).toBe(0);
    expect(await eventOf(root, "DeleteGroup")).toMatchObject({ errorCode: null, requestParameters: { GroupName: "TEMP" } });
  });

  it("reports members, inline policies and attached policies, one at a time", async () => {
    const root = rootCaller();
    const { Group } = await createGroup(root, { GroupName: "busy" });
    const groupId = Group.GroupId;
    const sam = await addUser("sam");
    const policy = await prisma.policy.findFirstOrThrow({ where: { name: "ReadOnlyAccess" } });
    await prisma.groupMembership.create({ data: { groupId, userId: sam.id } });
    await prisma.inlinePolicy.create({ data: { accountId: ACCT, groupId, name: "inline", document: "{}" } });
    await prisma.policyAttachment.create({ data: { accountId: ACCT, groupId, policyId: policy.id } });
    const steps: [string, () => Promise<unknown>][] = [
      ["Cannot delete entity, must remove users from group first.", () => removeUserFromGroup(root, { GroupName: "busy", UserName: "sam" })],
      ["Cannot delete entity, must delete policies first.", () => prisma.inlinePolicy.deleteMany({ where: { groupId } })],
      ["Cannot delete entity, must detach all policies first.", () => prisma.policyAttachment.deleteMany({ where: { groupId } })],
    ];
    for (const [message, clear] of steps) {
      await expectError(deleteGroup(root, { GroupName: "busy" }), "DeleteConflict", message);
      await clear();
    }
    await deleteGroup(root, { GroupName: "busy" });
  });

  it("racing with AddUserToGroup: never a deleted group with a member", async () => {
    const root = rootCaller();
    await createGroup(root, { GroupName: "racy" });
    await addUser("tom");
    const [deleted, added] = await Promise.allSettled([
      deleteGroup(root, { GroupName: "racy" }),
      addUserToGroup(root, { GroupName: "racy", UserName: "tom" }),
    ]);
    expect(deleted.status === "fulfilled" && added.status === "fulfilled").toBe(false);
    const group = await prisma.group.findFirst({ where: { nameKey: "racy" }, include: { _count: { select: { memberships: true } } } });
    if (deleted.status === "fulfilled") {
      expect(group).toBeNull();
      expect((added as PromiseRejectedResult).reason).toMatchObject({ code: "NoSuchEntity" });
    } else {
      expect(group?._count.memberships).toBe(1);
      expect(deleted.reason).toMatchObject({ code: "DeleteConflict" });
    }
  });

  it("an unknown group fails with NoSuchEntity; a caller without permission with AccessDenied", async () => {
    await expectError(deleteGroup(rootCaller(), { GroupName: "nope" }), "NoSuchEntity", "The group with name nope cannot be found.");
    const dave = await userCaller("dave");
    await expectError(deleteGroup(dave, { GroupName: "Admins" }), "AccessDenied", implicitDeny(dave, "iam:DeleteGroup", groupArn("Admins")));
  });
});

describe("listGroupsForConsole", () => {
  const OTHER = "100000000003";
  const root = () => rootCaller(OTHER);

  beforeAll(async () => {
    await prisma.account.create({ data: { id: OTHER, rootEmail: "console-groups@test.example.com", rootPasswordHash: "x" } });
    const policy = await prisma.policy.findFirstOrThrow({ where: { name: "ReadOnlyAccess" } });
    const day = 86_400_000;
    const groups = [
      { name: "Alpha", members: 3, attached: 1, inline: 0, age: 5 },
      { name: "beta", members: 0, attached: 0, inline: 1, age: 1 },
      { name: "Gamma_50%", members: 1, attached: 0, inline: 0, age: 3 },
      { name: "delta", members: 2, attached: 0, inline: 0, age: 2 },
    ];
    for (const g of groups) {
      const id = newId("group");
      await prisma.group.create({
        data: { id, accountId: OTHER, name: g.name, nameKey: g.name.toLowerCase(), arn: iamArn(OTHER, "group", "/", g.name), createdAt: new Date(TEST_NOW.getTime() - g.age * day) },
      });
      for (let i = 0; i < g.members; i++) {
        const u = await addUser(`${g.name.slice(0, 3)}-${i}`, OTHER);
        await prisma.groupMembership.create({ data: { groupId: id, userId: u.id } });
      }
      if (g.attached) await prisma.policyAttachment.create({ data: { accountId: OTHER, groupId: id, policyId: policy.id } });
      if (g.inline) await prisma.inlinePolicy.create({ data: { accountId: OTHER, groupId: id, name: "p", document: "{}" } });
    }
  });

  it("lists the console's columns, in name order by default", async () => {
    const out = await listGroupsForConsole(root());
    expect(out.total).toBe(4);
    expect(out.page).toBe(1);
    expect(out.groups.map((g) => [g.groupName, g.users, g.attachedPolicies, g.inlinePolicies, g.permissions])).toEqual([
      ["Alpha", 3, 1, 0, "Defined"],
      ["beta", 0, 0, 1, "Defined"],
      ["delta", 2, 0, 0, "Not defined"],
      ["Gamma_50%", 1, 0, 0, "Not defined"],
    ]);
    expect(out.groups[0]).toMatchObject({ arn: iamArn(OTHER, "group", "/", "Alpha"), path: "/", createDate: new Date(TEST_NOW.getTime() - 5 * 86_400_000) });
  });

  it("sorts by members, permissions and creation time, either way", async () => {
    const order = async (sort: "users" | "permissions" | "creationTime", descending = false) =>
      (await listGroupsForConsole(root(), { sort, descending })).groups.map((g) => g.groupName);
    expect(await order("users", true)).toEqual(["Alpha", "delta", "Gamma_50%", "beta"]);
    expect(await order("users")).toEqual(["beta", "Gamma_50%", "delta", "Alpha"]);
    expect(await order("permissions", true)).toEqual(["Alpha", "beta", "delta", "Gamma_50%"]);
    expect(await order("creationTime")).toEqual(["Alpha", "Gamma_50%", "delta", "beta"]);
  });

  it("filters by a case-insensitive substring, taking % and _ literally", async () => {
    const names = async (filter: string) => (await listGroupsForConsole(root(), { filter })).groups.map((g) => g.groupName);
    expect(await names("ALP")).toEqual(["Alpha"]);
    expect(await names("ta")).toEqual(["beta", "delta"]);
    expect(await names("_50%")).toEqual(["Gamma_50%"]);
    expect(await names("%")).toEqual(["Gamma_50%"]);
    expect((await listGroupsForConsole(root(), { filter: "zzz" })).total).toBe(0);
  });

  it("pages, with the total on every page", async () => {
    const p2 = await listGroupsForConsole(root(), { page: 2, pageSize: 3 });
    expect(p2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(p2.groups.map((g) => g.groupName)).toEqual(["Gamma_50%"]);
    expect((await listGroupsForConsole(root(), { page: 0, pageSize: -5 })).pageSize).toBe(1);
  });

  it("an unknown sort fails with ValidationError; dave is denied iam:ListGroups", async () => {
    const err = await iamError(listGroupsForConsole(root(), { sort: "color" as never }));
    expect(err.code).toBe("ValidationError");
    const dave = await userCaller("dave");
    await expectError(listGroupsForConsole(dave), "AccessDenied", implicitDeny(dave, "iam:ListGroups", `arn:aws:iam::${ACCT}:group/`));
  });
});
