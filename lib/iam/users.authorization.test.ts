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
import { callerWithPolicies, iamError, policyDocument, setupDemoAccount } from "./testing";
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
} from "./users";
import { deleteUserWithDependencies, listUserDependencies, listUsersForConsole, USER_DEPENDENCY_READS } from "./users-console";

// The authorization matrix of every user and group function: a caller with no policy is
// denied with AWS's message, a caller allowed exactly the function's actions on its resources
// succeeds, and an explicit deny of the same wins over that allow.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const userArn = (name: string, path = "/") => `arn:aws:iam::${ACCT}:user${path}${name}`;
const groupArn = (name: string, path = "/") => `arn:aws:iam::${ACCT}:group${path}${name}`;
const BOUNDARY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

const lastEvent = (caller: Caller) =>
  prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn }, orderBy: { id: "desc" } });

/** A fresh user and group per test, so every run starts from the same state. */
interface Targets {
  user: string;
  group: string;
}

async function fresh(tag: string, options: { member?: boolean; boundary?: boolean } = {}): Promise<Targets> {
  const user = `u-${tag}`;
  const group = `g-${tag}`;
  const boundary = options.boundary ? await prisma.policy.findUniqueOrThrow({ where: { arn: BOUNDARY } }) : undefined;
  const u = await prisma.user.create({
    data: {
      id: newId("user"),
      accountId: ACCT,
      name: user,
      nameKey: user,
      arn: iamArn(ACCT, "user", "/", user),
      permissionsBoundaryId: boundary?.id,
      tags: { create: { key: "team", keyKey: "team", value: "matrix" } },
    },
  });
  const g = await prisma.group.create({ data: { id: newId("group"), accountId: ACCT, name: group, nameKey: group, arn: iamArn(ACCT, "group", "/", group) } });
  if (options.member) await prisma.groupMembership.create({ data: { groupId: g.id, userId: u.id } });
  return { user, group };
}

interface Case {
  name: string;
  /** Everything the function needs allowed. */
  actions: string[];
  resources: (t: Targets) => string[];
  /** What a caller with no policy is first denied. */
  denied: (t: Targets) => [action: string, resource: string];
  setup?: { member?: boolean; boundary?: boolean };
  run: (caller: Caller, t: Targets) => Promise<unknown>;
  /** The event recorded last: after success, and after the first denial (when it differs). */
  event: string;
  deniedEvent?: string;
}

const CASES: Case[] = [
  {
    name: "createUser",
    event: "CreateUser",
    actions: ["iam:CreateUser"],
    resources: (t) => [userArn(`${t.user}-new`)],
    denied: (t) => ["iam:CreateUser", userArn(`${t.user}-new`)],
    run: (c, t) => createUser(c, { UserName: `${t.user}-new`, Tags: [{ Key: "a", Value: "b" }] }),
  },
  {
    name: "getUser",
    event: "GetUser",
    actions: ["iam:GetUser"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:GetUser", userArn(t.user)],
    run: (c, t) => getUser(c, { UserName: t.user }),
  },
  {
    name: "listUsers",
    event: "ListUsers",
    actions: ["iam:ListUsers"],
    resources: () => [`arn:aws:iam::${ACCT}:user/`],
    denied: () => ["iam:ListUsers", `arn:aws:iam::${ACCT}:user/`],
    run: (c) => listUsers(c),
  },
  {
    name: "updateUser",
    event: "UpdateUser",
    actions: ["iam:UpdateUser"],
    resources: (t) => [userArn(t.user), userArn(t.user, "/moved/")],
    denied: (t) => ["iam:UpdateUser", userArn(t.user)],
    run: (c, t) => updateUser(c, { UserName: t.user, NewPath: "/moved/" }),
  },
  {
    name: "deleteUser",
    event: "DeleteUser",
    actions: ["iam:DeleteUser"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:DeleteUser", userArn(t.user)],
    run: (c, t) => deleteUser(c, { UserName: t.user }),
  },
  {
    name: "tagUser",
    event: "TagUser",
    actions: ["iam:TagUser"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:TagUser", userArn(t.user)],
    run: (c, t) => tagUser(c, { UserName: t.user, Tags: [{ Key: "x", Value: "y" }] }),
  },
  {
    name: "untagUser",
    event: "UntagUser",
    actions: ["iam:UntagUser"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:UntagUser", userArn(t.user)],
    run: (c, t) => untagUser(c, { UserName: t.user, TagKeys: ["team"] }),
  },
  {
    name: "listUserTags",
    event: "ListUserTags",
    actions: ["iam:ListUserTags"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:ListUserTags", userArn(t.user)],
    run: (c, t) => listUserTags(c, { UserName: t.user }),
  },
  {
    name: "putUserPermissionsBoundary",
    event: "PutUserPermissionsBoundary",
    actions: ["iam:PutUserPermissionsBoundary"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:PutUserPermissionsBoundary", userArn(t.user)],
    run: (c, t) => putUserPermissionsBoundary(c, { UserName: t.user, PermissionsBoundary: BOUNDARY }),
  },
  {
    name: "deleteUserPermissionsBoundary",
    event: "DeleteUserPermissionsBoundary",
    actions: ["iam:DeleteUserPermissionsBoundary"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:DeleteUserPermissionsBoundary", userArn(t.user)],
    setup: { boundary: true },
    run: (c, t) => deleteUserPermissionsBoundary(c, { UserName: t.user }),
  },
  {
    name: "listUsersForConsole",
    event: "ListUsers",
    actions: ["iam:ListUsers"],
    resources: () => [`arn:aws:iam::${ACCT}:user/`],
    denied: () => ["iam:ListUsers", `arn:aws:iam::${ACCT}:user/`],
    run: (c) => listUsersForConsole(c, { filter: "u-" }),
  },
  {
    name: "listUserDependencies",
    event: "ListUserDependencies",
    actions: [...USER_DEPENDENCY_READS],
    resources: (t) => [userArn(t.user)],
    denied: (t) => [USER_DEPENDENCY_READS[0], userArn(t.user)],
    run: (c, t) => listUserDependencies(c, { UserName: t.user }),
  },
  {
    name: "deleteUserWithDependencies",
    event: "DeleteUser",
    deniedEvent: "RemoveUserFromGroup",
    actions: ["iam:RemoveUserFromGroup", "iam:DeleteUser"],
    resources: (t) => [userArn(t.user), groupArn(t.group)],
    denied: (t) => ["iam:RemoveUserFromGroup", groupArn(t.group)],
    setup: { member: true },
    run: (c, t) => deleteUserWithDependencies(c, { UserName: t.user }),
  },
  {
    name: "createGroup",
    event: "CreateGroup",
    actions: ["iam:CreateGroup"],
    resources: (t) => [groupArn(`${t.group}-new`)],
    denied: (t) => ["iam:CreateGroup", groupArn(`${t.group}-new`)],
    run: (c, t) => createGroup(c, { GroupName: `${t.group}-new` }),
  },
  {
    name: "getGroup",
    event: "GetGroup",
    actions: ["iam:GetGroup"],
    resources: (t) => [groupArn(t.group)],
    denied: (t) => ["iam:GetGroup", groupArn(t.group)],
    run: (c, t) => getGroup(c, { GroupName: t.group }),
  },
  {
    name: "listGroups",
    event: "ListGroups",
    actions: ["iam:ListGroups"],
    resources: () => [`arn:aws:iam::${ACCT}:group/`],
    denied: () => ["iam:ListGroups", `arn:aws:iam::${ACCT}:group/`],
    run: (c) => listGroups(c),
  },
  {
    name: "updateGroup",
    event: "UpdateGroup",
    actions: ["iam:UpdateGroup"],
    resources: (t) => [groupArn(t.group), groupArn(`${t.group}-renamed`)],
    denied: (t) => ["iam:UpdateGroup", groupArn(t.group)],
    run: (c, t) => updateGroup(c, { GroupName: t.group, NewGroupName: `${t.group}-renamed` }),
  },
  {
    name: "deleteGroup",
    event: "DeleteGroup",
    actions: ["iam:DeleteGroup"],
    resources: (t) => [groupArn(t.group)],
    denied: (t) => ["iam:DeleteGroup", groupArn(t.group)],
    run: (c, t) => deleteGroup(c, { GroupName: t.group }),
  },
  {
    name: "addUserToGroup",
    event: "AddUserToGroup",
    actions: ["iam:AddUserToGroup"],
    resources: (t) => [groupArn(t.group)],
    denied: (t) => ["iam:AddUserToGroup", groupArn(t.group)],
    run: (c, t) => addUserToGroup(c, { GroupName: t.group, UserName: t.user }),
  },
  {
    name: "removeUserFromGroup",
    event: "RemoveUserFromGroup",
    actions: ["iam:RemoveUserFromGroup"],
    resources: (t) => [groupArn(t.group)],
    denied: (t) => ["iam:RemoveUserFromGroup", groupArn(t.group)],
    setup: { member: true },
    run: (c, t) => removeUserFromGroup(c, { GroupName: t.group, UserName: t.user }),
  },
  {
    name: "listGroupsForUser",
    event: "ListGroupsForUser",
    actions: ["iam:ListGroupsForUser"],
    resources: (t) => [userArn(t.user)],
    denied: (t) => ["iam:ListGroupsForUser", userArn(t.user)],
    run: (c, t) => listGroupsForUser(c, { UserName: t.user }),
  },
  {
    name: "listGroupsForConsole",
    event: "ListGroups",
    actions: ["iam:ListGroups"],
    resources: () => [`arn:aws:iam::${ACCT}:group/`],
    denied: () => ["iam:ListGroups", `arn:aws:iam::${ACCT}:group/`],
    run: (c) => listGroupsForConsole(c),
  },
];

describe.each(CASES.map((c, i) => [c.name, c, i] as const))("%s", (_name, c, i) => {
  it("a caller with no policy is denied, in AWS's words", async () => {
    const t = await fresh(`${i}-none`, c.setup);
    const caller = await callerWithPolicies(`matrix-${i}-none`, []);
    const [action, resource] = c.denied(t);
    const err = await iamError(c.run(caller, t));
    expect({ code: err.code, message: err.message }).toEqual({
      code: "AccessDenied",
      message: `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    });
    expect(err.status).toBe(403);
    expect(await lastEvent(caller)).toMatchObject({ eventName: c.deniedEvent ?? c.event, errorCode: "AccessDenied", errorMessage: err.message });
  });

  it("a caller allowed exactly its actions on its resources succeeds", async () => {
    const t = await fresh(`${i}-allow`, c.setup);
    const caller = await callerWithPolicies(`matrix-${i}-allow`, [policyDocument("Allow", c.actions, c.resources(t))]);
    await c.run(caller, t);
    expect(await lastEvent(caller)).toMatchObject({ eventName: c.event, errorCode: null, principalType: "IAMUser", sourceIp: "203.0.113.10" });
  });

  it("an explicit deny wins over that allow", async () => {
    const t = await fresh(`${i}-deny`, c.setup);
    const caller = await callerWithPolicies(`matrix-${i}-deny`, [
      policyDocument("Allow", c.actions, c.resources(t)),
      policyDocument("Deny", c.actions, c.resources(t)),
    ]);
    const [action, resource] = c.denied(t);
    const err = await iamError(c.run(caller, t));
    expect({ code: err.code, message: err.message }).toEqual({
      code: "AccessDenied",
      message: `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`,
    });
  });
});
