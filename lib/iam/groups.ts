import "server-only";
import { db, Prisma, type Db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { iamArn, listResourceArn } from "./arns";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { CONSOLE_GROUP_SORTS, type ConsoleGroupSort } from "./console-constants";
import { isForeignKeyViolation, isUniqueViolation, lockRow, reserveInAccount } from "./db-facts";
import { IamError, noSuchGroup, noSuchUser, quotaExceeded } from "./errors";
import { QUOTAS } from "./limits";
import { newId } from "./ids";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { authorizeOnUser, EXISTING_USER_NAME_MAX, findUser, toUser, userNameKey, type User } from "./users";
import { clampPage, containsPattern, orderSql, type ConsoleListInput, type ConsolePage } from "./users-console";
import { checkEnum, checkName, checkPath, checkPathPrefix, NAME_LIMITS } from "./validation";

// IAM groups and their members (iam-facts §1, §2, §13). Groups cannot be tagged, so requests
// about a group carry no aws:ResourceTag keys. Group names are unique per account regardless of
// case (the (accountId, nameKey) index); the account's group quota is counted under a lock on
// the Account row and a user's group quota under a lock on the User row.

export interface Group {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: Date;
}

type GroupRow = { id: string; name: string; path: string; arn: string; createdAt: Date };

export function toGroup(row: GroupRow): Group {
  return { Path: row.path, GroupName: row.name, GroupId: row.id, Arn: row.arn, CreateDate: row.createdAt };
}

export const groupNameKey = (name: string) => name.toLowerCase();

export const groupAlreadyExists = (name: string) => new IamError("EntityAlreadyExists", `Group with name ${name} already exists.`);

export function findGroup(prisma: Db | Tx, accountId: string, groupName: string) {
  return prisma.group.findUnique({ where: { accountId_nameKey: { accountId, nameKey: groupNameKey(groupName) } } });
}

/** The ARN a request about a group is authorized against, whether or not the group exists. */
export function groupResourceArn(caller: Caller, groupName: string, group: { arn: string } | null): string {
  return group?.arn ?? iamArn(caller.accountId, "group", "/", groupName);
}

/** AccessDenied before NoSuchEntity, as AWS answers. */
export async function authorizeOnGroup<T extends { arn: string }>(
  caller: Caller,
  action: string,
  groupName: string,
  group: T | null,
  tx?: Tx,
): Promise<T> {
  await authorize(caller, action, groupResourceArn(caller, groupName, group), { tx });
  if (!group) throw noSuchGroup(groupName);
  return group;
}

const checkGroupName = (value: string | undefined, member = "groupName") => checkName(value, member, NAME_LIMITS.groupName);

// ---- CreateGroup ----------------------------------------------------------------------------

export interface CreateGroupInput {
  GroupName: string;
  Path?: string;
}

export function createGroup(caller: Caller, input: CreateGroupInput): Promise<{ Group: Group }> {
  return operation(caller, { eventName: "CreateGroup", readOnly: false, params: { ...input } }, async () => {
    const groupName = checkGroupName(input.GroupName);
    const path = checkPath(input.Path);
    const arn = iamArn(caller.accountId, "group", path, groupName);
    await authorize(caller, "iam:CreateGroup", arn);
    const row = await (await db()).$transaction((tx) => insertGroup(tx, caller, { name: groupName, path, arn }));
    return { Group: toGroup(row) };
  });
}

/** CreateGroup's write: within the account's group quota, under a name no other group has. */
export async function insertGroup(tx: Tx, caller: Caller, group: { name: string; path: string; arn: string }) {
  await reserveInAccount(tx, caller.accountId, "Groups");
  try {
    return await tx.group.create({
      data: { id: newId("group"), accountId: caller.accountId, name: group.name, nameKey: groupNameKey(group.name), path: group.path, arn: group.arn, createdAt: caller.now },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw groupAlreadyExists(group.name);
    throw err;
  }
}

// ---- GetGroup -------------------------------------------------------------------------------

export interface GetGroupInput extends PageInput {
  GroupName: string;
}

export interface GetGroupOutput extends PageOutput {
  Group: Group;
  /** The members, in name order, a page at a time. */
  Users: User[];
}

export function getGroup(caller: Caller, input: GetGroupInput): Promise<GetGroupOutput> {
  return operation(caller, { eventName: "GetGroup", readOnly: true, params: { ...input } }, async () => {
    const groupName = checkGroupName(input.GroupName);
    const q = pageQuery(input);
    const prisma = await db();
    const group = await authorizeOnGroup(caller, "iam:GetGroup", groupName, await findGroup(prisma, caller.accountId, groupName));
    const rows = await prisma.user.findMany({
      where: { accountId: caller.accountId, memberships: { some: { groupId: group.id } }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Group: toGroup(group), Users: items.map(toUser), ...rest };
  });
}

// ---- ListGroups -----------------------------------------------------------------------------

export interface ListGroupsInput extends PageInput {
  PathPrefix?: string;
}

export function listGroups(caller: Caller, input: ListGroupsInput = {}): Promise<{ Groups: Group[] } & PageOutput> {
  return operation(caller, { eventName: "ListGroups", readOnly: true, params: { ...input } }, async () => {
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListGroups", listResourceArn(caller.accountId, "group", pathPrefix));
    const q = pageQuery(input);
    const rows = await (await db()).group.findMany({
      where: { accountId: caller.accountId, path: { startsWith: pathPrefix }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Groups: items.map(toGroup), ...rest };
  });
}

// ---- UpdateGroup ----------------------------------------------------------------------------

export interface UpdateGroupInput {
  GroupName: string;
  NewGroupName?: string;
  NewPath?: string;
}

/**
 * Renames and/or moves a group; AWS requires permission on both the old and the new ARN.
 * Memberships and policies refer to the group by its ID and stay.
 */
export function updateGroup(caller: Caller, input: UpdateGroupInput): Promise<void> {
  return operation(caller, { eventName: "UpdateGroup", readOnly: false, params: { ...input } }, async () => {
    const groupName = checkGroupName(input.GroupName);
    const newName = input.NewGroupName === undefined ? undefined : checkGroupName(input.NewGroupName, "newGroupName");
    const newPath = input.NewPath === undefined ? undefined : checkPath(input.NewPath, "newPath");
    const prisma = await db();
    const group = await authorizeOnGroup(caller, "iam:UpdateGroup", groupName, await findGroup(prisma, caller.accountId, groupName));
    const target = iamArn(caller.accountId, "group", newPath ?? group.path, newName ?? group.name);
    if (target !== group.arn) await authorize(caller, "iam:UpdateGroup", target);
    await prisma.$transaction(async (tx) => {
      if (!(await lockRow(tx, "Group", group.id))) throw noSuchGroup(groupName);
      const current = await tx.group.findUniqueOrThrow({ where: { id: group.id }, select: { name: true, path: true, arn: true } });
      const name = newName ?? current.name;
      const path = newPath ?? current.path;
      const arn = iamArn(caller.accountId, "group", path, name);
      if (arn === current.arn) return;
      try {
        await tx.group.update({ where: { id: group.id }, data: { name, nameKey: groupNameKey(name), path, arn } });
      } catch (err) {
        if (isUniqueViolation(err)) throw groupAlreadyExists(name);
        throw err;
      }
    });
  });
}

// ---- DeleteGroup ----------------------------------------------------------------------------

export interface DeleteGroupInput {
  GroupName: string;
}

// Observed texts (iam-facts §13); AWS's order of the checks is unverified.
export const DELETE_GROUP_CONFLICTS = {
  members: "Cannot delete entity, must remove users from group first.",
  inlinePolicies: "Cannot delete entity, must delete policies first.",
  attachedPolicies: "Cannot delete entity, must detach all policies first.",
} as const;

export function deleteGroup(caller: Caller, input: DeleteGroupInput): Promise<void> {
  return operation(caller, { eventName: "DeleteGroup", readOnly: false, params: { ...input } }, async () => {
    const groupName = checkGroupName(input.GroupName);
    const prisma = await db();
    const group = await authorizeOnGroup(caller, "iam:DeleteGroup", groupName, await findGroup(prisma, caller.accountId, groupName));
    await prisma.$transaction(async (tx) => {
      // The lock makes a concurrent AddUserToGroup wait, then fail on the missing group.
      if (!(await lockRow(tx, "Group", group.id))) throw noSuchGroup(groupName);
      const row = await tx.group.findUniqueOrThrow({
        where: { id: group.id },
        select: { _count: { select: { memberships: true, inlinePolicies: true, attachments: true } } },
      });
      const conflict = (message: string) => new IamError("DeleteConflict", message);
      if (row._count.memberships > 0) throw conflict(DELETE_GROUP_CONFLICTS.members);
      if (row._count.inlinePolicies > 0) throw conflict(DELETE_GROUP_CONFLICTS.inlinePolicies);
      if (row._count.attachments > 0) throw conflict(DELETE_GROUP_CONFLICTS.attachedPolicies);
      await tx.group.delete({ where: { id: group.id } });
    });
  });
}

// ---- Membership -----------------------------------------------------------------------------

export interface GroupMembershipInput {
  GroupName: string;
  UserName: string;
}

/** Adds a user to a group; adding a member again changes nothing and succeeds, as in AWS. */
export function addUserToGroup(caller: Caller, input: GroupMembershipInput): Promise<void> {
  return operation(caller, { eventName: "AddUserToGroup", readOnly: false, params: { ...input } }, async () => {
    const groupName = checkGroupName(input.GroupName);
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const prisma = await db();
    const group = await authorizeOnGroup(caller, "iam:AddUserToGroup", groupName, await findGroup(prisma, caller.accountId, groupName));
    await prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({
        where: { accountId_nameKey: { accountId: caller.accountId, nameKey: userNameKey(userName) } },
        select: { id: true },
      });
      // The user's row lock serialises concurrent additions, so the count below is the truth.
      if (!user || !(await lockRow(tx, "User", user.id))) throw noSuchUser(userName);
      const memberships = await tx.groupMembership.findMany({ where: { userId: user.id }, select: { groupId: true } });
      if (memberships.some((m) => m.groupId === group.id)) return;
      if (memberships.length >= QUOTAS.GroupsPerUserQuota) throw quotaExceeded("GroupsPerUser", QUOTAS.GroupsPerUserQuota);
      try {
        await tx.groupMembership.create({ data: { groupId: group.id, userId: user.id, createdAt: caller.now } });
      } catch (err) {
        // The group was deleted after it was looked up.
        if (isForeignKeyViolation(err)) throw noSuchGroup(groupName);
        throw err;
      }
    });
  });
}

/** Removes a user from a group; removing a non-member succeeds without a change, as in AWS (obs.). */
export function removeUserFromGroup(caller: Caller, input: GroupMembershipInput): Promise<void> {
  return operation(caller, { eventName: "RemoveUserFromGroup", readOnly: false, params: { ...input } }, async () => {
    const groupName = checkGroupName(input.GroupName);
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const prisma = await db();
    const group = await authorizeOnGroup(caller, "iam:RemoveUserFromGroup", groupName, await findGroup(prisma, caller.accountId, groupName));
    const user = await prisma.user.findUnique({
      where: { accountId_nameKey: { accountId: caller.accountId, nameKey: userNameKey(userName) } },
      select: { id: true },
    });
    if (!user) throw noSuchUser(userName);
    await prisma.groupMembership.deleteMany({ where: { groupId: group.id, userId: user.id } });
  });
}

export interface ListGroupsForUserInput extends PageInput {
  UserName: string;
}

export function listGroupsForUser(caller: Caller, input: ListGroupsForUserInput): Promise<{ Groups: Group[] } & PageOutput> {
  return operation(caller, { eventName: "ListGroupsForUser", readOnly: true, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const q = pageQuery(input);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:ListGroupsForUser", userName, await findUser(prisma, caller.accountId, userName));
    const rows = await prisma.group.findMany({
      where: { accountId: caller.accountId, memberships: { some: { userId: user.id } }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Groups: items.map(toGroup), ...rest };
  });
}

// ---- The groups table -----------------------------------------------------------------------

// The table's choices are in console-constants.ts, which the browser imports too.
export type { ConsoleGroupSort };

export interface ConsoleGroup {
  groupName: string;
  groupId: string;
  arn: string;
  path: string;
  createDate: Date;
  /** Members. */
  users: number;
  attachedPolicies: number;
  inlinePolicies: number;
  /** The console's Permissions column: whether any policy (attached or inline) is defined. */
  permissions: "Defined" | "Not defined";
}

const GROUP_SORT_SQL: Record<ConsoleGroupSort, { expr: string }> = {
  groupName: { expr: `s."nameKey"` },
  path: { expr: `s."path"` },
  creationTime: { expr: `s."createdAt"` },
  users: { expr: `s.users` },
  permissions: { expr: `(s."attachedPolicies" + s."inlinePolicies")` },
};

type ConsoleGroupSqlRow = {
  id: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  users: number;
  attachedPolicies: number;
  inlinePolicies: number;
};

/**
 * The console's groups table, one page at a time, filtered and sorted in the database (two
 * queries). Authorized by iam:ListGroups; AWS's console reads the columns with more calls per
 * group (iam:GetGroup for the users, iam:ListAttachedGroupPolicies and iam:ListGroupPolicies for
 * the permissions), which this simulation answers under iam:ListGroups.
 */
export function listGroupsForConsole(
  caller: Caller,
  input: ConsoleListInput<ConsoleGroupSort> = {},
): Promise<{ groups: ConsoleGroup[] } & ConsolePage> {
  return operation(caller, { eventName: "ListGroups", readOnly: true, params: { ...input } }, async () => {
    const sort = checkEnum(input.sort, "sort", CONSOLE_GROUP_SORTS, "groupName");
    const { page, pageSize, offset } = clampPage(input);
    await authorize(caller, "iam:ListGroups", listResourceArn(caller.accountId, "group"));
    const where = Prisma.sql`g."accountId" = ${caller.accountId} AND g."nameKey" LIKE ${containsPattern(input.filter)} ESCAPE '\\'`;
    const prisma = await db();
    const [rows, counted] = await Promise.all([
      prisma.$queryRaw<ConsoleGroupSqlRow[]>(Prisma.sql`
        SELECT s.id, s.name, s.path, s.arn, s."createdAt", s.users, s."attachedPolicies", s."inlinePolicies"
        FROM (
          SELECT g.id, g.name, g."nameKey", g.path, g.arn, g."createdAt",
            (SELECT count(*)::int FROM "GroupMembership" m WHERE m."groupId" = g.id) AS users,
            (SELECT count(*)::int FROM "PolicyAttachment" a WHERE a."groupId" = g.id) AS "attachedPolicies",
            (SELECT count(*)::int FROM "InlinePolicy" i WHERE i."groupId" = g.id) AS "inlinePolicies"
          FROM "Group" g
          WHERE ${where}
        ) s
        ORDER BY ${orderSql(GROUP_SORT_SQL[sort], input.descending)}, s."nameKey", s.id
        LIMIT ${pageSize} OFFSET ${offset}`),
      prisma.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM "Group" g WHERE ${where}`),
    ]);
    return {
      groups: rows.map((r) => ({
        groupName: r.name,
        groupId: r.id,
        arn: r.arn,
        path: r.path,
        createDate: r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt),
        users: Number(r.users),
        attachedPolicies: Number(r.attachedPolicies),
        inlinePolicies: Number(r.inlinePolicies),
        permissions: Number(r.attachedPolicies) + Number(r.inlinePolicies) > 0 ? "Defined" : "Not defined",
      })),
      total: Number(counted[0]?.total ?? 0),
      page,
      pageSize,
    };
  });
}
