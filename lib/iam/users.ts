import "server-only";
import { db, type Db, type Prisma, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { iamArn, listResourceArn, parseArn, rootArn } from "./arns";
import { authorize, type ExtraContext } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { isForeignKeyViolation, isUniqueViolation, lockRow, reserveInAccount } from "./db-facts";
import { IamError, invalidArn, noSuchBoundaryPolicy, noSuchUser } from "./errors";
import { newId } from "./ids";
import { page, pageQuery } from "./listing";
import { cutPage, decodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";
import { checkTagKeys, checkTags, requestTagContext, resourceTagContext, tagKeyKey, TAGS_PER_RESOURCE, toTags, type Tag } from "./tags";
import { checkArnMember, checkName, checkPath, checkPathPrefix, missingMember, NAME_LIMITS } from "./validation";

// IAM users: the AWS API operations on the user entity, its tags and its permissions boundary
// (iam-facts §1, §2, §5, §13). Names are unique per account regardless of case, which the
// (accountId, nameKey) index enforces; the account's user quota is counted under a lock on the
// Account row, so concurrent CreateUser calls cannot pass it together.

/** Names of users that already exist: many operations accept up to 128 characters (iam-facts §2). */
export const EXISTING_USER_NAME_MAX = 128;

export interface AttachedPermissionsBoundary {
  PermissionsBoundaryType: "Policy";
  PermissionsBoundaryArn: string;
}

export interface User {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
  PasswordLastUsed?: Date;
  /** GetUser and CreateUser only: ListUsers omits it (iam-facts §13). */
  PermissionsBoundary?: AttachedPermissionsBoundary;
  /** GetUser and CreateUser only, and only when the user has tags. */
  Tags?: Tag[];
}

/** What GetUser answers the root user about itself: no UserName and no Path. */
export interface RootUser {
  UserId: string;
  Arn: string;
  CreateDate: Date;
  PasswordLastUsed?: Date;
}

type UserRow = { id: string; name: string; path: string; arn: string; createdAt: Date; passwordLastUsed: Date | null };

const LIST_USER_COLUMNS = {
  id: true,
  name: true,
  nameKey: true,
  path: true,
  arn: true,
  createdAt: true,
  passwordLastUsed: true,
} as const satisfies Prisma.UserSelect;

export function toUser(row: UserRow): User {
  return {
    Path: row.path,
    UserName: row.name,
    UserId: row.id,
    Arn: row.arn,
    CreateDate: row.createdAt,
    ...(row.passwordLastUsed ? { PasswordLastUsed: row.passwordLastUsed } : {}),
  };
}

/** The user with everything authorization and GetUser need: tags and boundary. */
export const USER_DETAIL = {
  tags: { orderBy: { keyKey: "asc" }, select: { key: true, value: true } },
  permissionsBoundary: { select: { arn: true } },
} as const satisfies Prisma.UserInclude;

export type UserDetailRow = Prisma.UserGetPayload<{ include: typeof USER_DETAIL }>;

export function toUserDetail(row: UserDetailRow): User {
  return {
    ...toUser(row),
    ...(row.permissionsBoundary
      ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: row.permissionsBoundary.arn } }
      : {}),
    ...(row.tags.length > 0 ? { Tags: toTags(row.tags) } : {}),
  };
}

export const userNameKey = (name: string) => name.toLowerCase();

export const userAlreadyExists = (name: string) => new IamError("EntityAlreadyExists", `User with name ${name} already exists.`);

/**
 * The user by name, with its tags and boundary. Two queries one after the other: inside an
 * interactive transaction Prisma would otherwise load sibling relations concurrently on the
 * transaction's one connection.
 */
export async function findUser(prisma: Db | Tx, accountId: string, userName: string): Promise<UserDetailRow | null> {
  const user = await prisma.user.findUnique({
    where: { accountId_nameKey: { accountId, nameKey: userNameKey(userName) } },
    include: { permissionsBoundary: USER_DETAIL.permissionsBoundary },
  });
  if (!user) return null;
  const tags = await prisma.tag.findMany({ where: { userId: user.id }, ...USER_DETAIL.tags });
  return { ...user, tags };
}

/** The ARN a request about a user is authorized against, whether or not the user exists. */
export function userResourceArn(caller: Caller, userName: string, user: { arn: string } | null): string {
  return user?.arn ?? iamArn(caller.accountId, "user", "/", userName);
}

/**
 * Authorizes an action on a user that may not exist: as AWS does, a caller who may not act
 * learns nothing (AccessDenied comes before NoSuchEntity). The user's tags are the request's
 * aws:ResourceTag/… keys.
 */
export async function authorizeOnUser<T extends { arn: string; tags: { key: string; value: string }[] }>(
  caller: Caller,
  action: string,
  userName: string,
  user: T | null,
  extra: ExtraContext = {},
  tx?: Tx,
): Promise<T> {
  const context = { ...(user ? resourceTagContext(toTags(user.tags)) : {}), ...extra };
  await authorize(caller, action, userResourceArn(caller, userName, user), { context, tx });
  if (!user) throw noSuchUser(userName);
  return user;
}

/**
 * A PermissionsBoundary parameter names a managed policy this account may attach: one of its
 * own customer managed policies or an AWS managed policy. Anything else is answered as AWS
 * does: "Scope ARN: … does not exist or is not attachable." (NoSuchEntity).
 */
export async function resolvePermissionsBoundary(prisma: Db | Tx, accountId: string, arn: string): Promise<{ id: string; arn: string }> {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service === "" || parsed.resource === "") throw invalidArn(arn);
  const policy = await prisma.policy.findUnique({ where: { arn }, select: { id: true, arn: true, accountId: true, isAttachable: true } });
  if (!policy || (policy.accountId !== null && policy.accountId !== accountId) || !policy.isAttachable) throw noSuchBoundaryPolicy(arn);
  return { id: policy.id, arn: policy.arn };
}

const tagRows = (tags: Tag[]) => tags.map((t) => ({ key: t.Key, keyKey: tagKeyKey(t.Key, true), value: t.Value ?? "" }));

// ---- CreateUser -----------------------------------------------------------------------------

export interface CreateUserInput {
  UserName: string;
  Path?: string;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

export function createUser(caller: Caller, input: CreateUserInput): Promise<{ User: User }> {
  return operation(caller, { eventName: "CreateUser", readOnly: false, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", NAME_LIMITS.userName);
    const path = checkPath(input.Path);
    const boundaryArn = input.PermissionsBoundary === undefined ? undefined : checkArnMember(input.PermissionsBoundary, "permissionsBoundary");
    const tags = checkTags(input.Tags, true);
    const arn = iamArn(caller.accountId, "user", path, userName);
    await authorize(caller, "iam:CreateUser", arn, {
      context: {
        ...requestTagContext(tags),
        // A resource created with tags carries them in aws:ResourceTag too (iam-facts §5).
        ...resourceTagContext(tags),
        ...(boundaryArn ? { "iam:PermissionsBoundary": boundaryArn } : {}),
      },
    });
    const row = await (await db()).$transaction((tx) => insertUser(tx, caller, { name: userName, path, arn, boundaryArn, tags }));
    return { User: toUserDetail(row) };
  });
}

/** CreateUser's write: its boundary resolved, within the account's user quota, under a name no other user has. */
export async function insertUser(
  tx: Tx,
  caller: Caller,
  user: { name: string; path: string; arn: string; boundaryArn?: string; tags: Tag[] },
): Promise<UserDetailRow> {
  const boundary = user.boundaryArn ? await resolvePermissionsBoundary(tx, caller.accountId, user.boundaryArn) : undefined;
  await reserveInAccount(tx, caller.accountId, "Users");
  try {
    const row = await tx.user.create({
      data: {
        id: newId("user"),
        accountId: caller.accountId,
        name: user.name,
        nameKey: userNameKey(user.name),
        path: user.path,
        arn: user.arn,
        createdAt: caller.now,
        permissionsBoundaryId: boundary?.id,
        tags: { create: tagRows(user.tags) },
      },
    });
    const sorted = tagRows(user.tags).sort((a, b) => (a.keyKey < b.keyKey ? -1 : a.keyKey > b.keyKey ? 1 : 0));
    return { ...row, permissionsBoundary: boundary ? { arn: boundary.arn } : null, tags: sorted.map(({ key, value }) => ({ key, value })) };
  } catch (err) {
    if (isUniqueViolation(err)) throw userAlreadyExists(user.name);
    // The boundary policy was deleted after it was looked up.
    if (user.boundaryArn && isForeignKeyViolation(err)) throw noSuchBoundaryPolicy(user.boundaryArn);
    throw err;
  }
}

// ---- GetUser --------------------------------------------------------------------------------

export interface GetUserInput {
  /** Absent: the calling IAM user (or the root user itself). */
  UserName?: string;
}

export function getUser(caller: Caller, input: GetUserInput = {}): Promise<{ User: User | RootUser }> {
  return operation(caller, { eventName: "GetUser", readOnly: true, params: { ...input } }, async () => {
    const prisma = await db();
    if (input.UserName === undefined) {
      if (isRoot(caller)) {
        await authorize(caller, "iam:GetUser", rootArn(caller.accountId));
        const account = await prisma.account.findUniqueOrThrow({
          where: { id: caller.accountId },
          select: { createdAt: true, rootPasswordLastUsed: true },
        });
        return {
          User: {
            UserId: caller.accountId,
            Arn: rootArn(caller.accountId),
            CreateDate: account.createdAt,
            ...(account.rootPasswordLastUsed ? { PasswordLastUsed: account.rootPasswordLastUsed } : {}),
          },
        };
      }
      if (caller.principalType !== "User" || !caller.userId) {
        throw new IamError("ValidationError", "Must specify userName when calling with non-User credentials");
      }
      const self = await prisma.user.findUnique({ where: { id: caller.userId }, include: USER_DETAIL });
      const name = self?.name ?? caller.userName ?? "";
      return { User: toUserDetail(await authorizeOnUser(caller, "iam:GetUser", name, self)) };
    }
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const user = await authorizeOnUser(caller, "iam:GetUser", userName, await findUser(prisma, caller.accountId, userName));
    return { User: toUserDetail(user) };
  });
}

// ---- ListUsers ------------------------------------------------------------------------------

export interface ListUsersInput extends PageInput {
  PathPrefix?: string;
}

export function listUsers(caller: Caller, input: ListUsersInput = {}): Promise<{ Users: User[] } & PageOutput> {
  return operation(caller, { eventName: "ListUsers", readOnly: true, params: { ...input } }, async () => {
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListUsers", listResourceArn(caller.accountId, "user", pathPrefix));
    const q = pageQuery(input);
    const rows = await (await db()).user.findMany({
      where: { accountId: caller.accountId, path: { startsWith: pathPrefix }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
      // Only what ListUsers answers (and the marker's key): a page is up to 1,000 rows.
      select: LIST_USER_COLUMNS,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Users: items.map(toUser), ...rest };
  });
}

// ---- UpdateUser -----------------------------------------------------------------------------

export interface UpdateUserInput {
  UserName: string;
  NewUserName?: string;
  NewPath?: string;
}

/**
 * Renames and/or moves a user. AWS requires permission on both the old and the new ARN.
 * Everything that refers to the user by its ID (group memberships, tags, keys, MFA devices,
 * attached and inline policies) keeps working; the stored ARNs of the user and of its open
 * sessions change with it. Past activity events keep the ARN they were recorded with.
 */
export function updateUser(caller: Caller, input: UpdateUserInput): Promise<void> {
  return operation(caller, { eventName: "UpdateUser", readOnly: false, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const newName = input.NewUserName === undefined ? undefined : checkName(input.NewUserName, "newUserName", NAME_LIMITS.userName);
    const newPath = input.NewPath === undefined ? undefined : checkPath(input.NewPath, "newPath");
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:UpdateUser", userName, await findUser(prisma, caller.accountId, userName));
    const target = iamArn(caller.accountId, "user", newPath ?? user.path, newName ?? user.name);
    if (target !== user.arn) {
      await authorize(caller, "iam:UpdateUser", target, { context: resourceTagContext(toTags(user.tags)) });
    }
    await prisma.$transaction(async (tx) => {
      if (!(await lockRow(tx, "User", user.id))) throw noSuchUser(userName);
      const current = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true, path: true, arn: true } });
      const name = newName ?? current.name;
      const path = newPath ?? current.path;
      const arn = iamArn(caller.accountId, "user", path, name);
      if (arn === current.arn) return;
      try {
        await tx.user.update({ where: { id: user.id }, data: { name, nameKey: userNameKey(name), path, arn } });
      } catch (err) {
        if (isUniqueViolation(err)) throw userAlreadyExists(name);
        throw err;
      }
      await tx.consoleSession.updateMany({ where: { userId: user.id }, data: { principalArn: arn } });
      // GetSessionToken credentials act as the user itself, under the user's ARN.
      await tx.stsSession.updateMany({ where: { userId: user.id, principalArn: current.arn }, data: { principalArn: arn } });
    });
  });
}

// ---- DeleteUser -----------------------------------------------------------------------------

export interface DeleteUserInput {
  UserName: string;
}

// AWS refuses to delete a user that still has any of these, in the order of its documentation
// (password, access keys, signing certificates, SSH keys, service credentials, MFA devices,
// inline policies, attached policies, groups). Observed texts, except those of signing
// certificates, SSH keys and service credentials; the order is unverified (§16).
export const DELETE_USER_CONFLICTS = {
  loginProfile: "Cannot delete entity, must delete login profile first.",
  accessKeys: "Cannot delete entity, must delete access keys first.",
  signingCertificates: "Cannot delete entity, must delete signing certificates first.",
  sshPublicKeys: "Cannot delete entity, must delete SSH public keys first.",
  serviceSpecificCredentials: "Cannot delete entity, must remove service specific credentials first.",
  mfaDevices: "Cannot delete entity, must delete MFA device first.",
  inlinePolicies: "Cannot delete entity, must delete policies first.",
  attachedPolicies: "Cannot delete entity, must detach all policies first.",
  groups: "Cannot delete entity, must remove users from group first.",
} as const;

export function deleteUser(caller: Caller, input: DeleteUserInput): Promise<void> {
  return operation(caller, { eventName: "DeleteUser", readOnly: false, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:DeleteUser", userName, await findUser(prisma, caller.accountId, userName));
    await prisma.$transaction(async (tx) => {
      // The lock keeps new dependents (keys, memberships…) out until the user is gone.
      if (!(await lockRow(tx, "User", user.id))) throw noSuchUser(userName);
      const row = await tx.user.findUniqueOrThrow({
        where: { id: user.id },
        select: {
          loginProfile: { select: { userId: true } },
          _count: {
            select: {
              accessKeys: true,
              signingCertificates: true,
              sshPublicKeys: true,
              serviceCredentials: true,
              mfaDevices: true,
              inlinePolicies: true,
              attachments: true,
              memberships: true,
            },
          },
        },
      });
      const conflict = (message: string) => new IamError("DeleteConflict", message);
      if (row.loginProfile) throw conflict(DELETE_USER_CONFLICTS.loginProfile);
      if (row._count.accessKeys > 0) throw conflict(DELETE_USER_CONFLICTS.accessKeys);
      if (row._count.signingCertificates > 0) throw conflict(DELETE_USER_CONFLICTS.signingCertificates);
      if (row._count.sshPublicKeys > 0) throw conflict(DELETE_USER_CONFLICTS.sshPublicKeys);
      if (row._count.serviceCredentials > 0) throw conflict(DELETE_USER_CONFLICTS.serviceSpecificCredentials);
      if (row._count.mfaDevices > 0) throw conflict(DELETE_USER_CONFLICTS.mfaDevices);
      if (row._count.inlinePolicies > 0) throw conflict(DELETE_USER_CONFLICTS.inlinePolicies);
      if (row._count.attachments > 0) throw conflict(DELETE_USER_CONFLICTS.attachedPolicies);
      if (row._count.memberships > 0) throw conflict(DELETE_USER_CONFLICTS.groups);
      await tx.user.delete({ where: { id: user.id } });
    });
  });
}

// ---- Tags -----------------------------------------------------------------------------------

export interface TagUserInput {
  UserName: string;
  Tags: Tag[];
}

export const TAG_LIMIT_MESSAGE = "The number of tags has reached the maximum limit.";

/** Adds or replaces tags; a user's tag keys compare case-insensitively, the new spelling wins. */
export function tagUser(caller: Caller, input: TagUserInput): Promise<void> {
  return operation(caller, { eventName: "TagUser", readOnly: false, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    if (input.Tags === undefined) throw missingMember("tags");
    const tags = checkTags(input.Tags, true);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:TagUser", userName, await findUser(prisma, caller.accountId, userName), requestTagContext(tags));
    if (tags.length === 0) return;
    await prisma.$transaction(async (tx) => {
      // Under the lock, concurrent TagUser calls count each other's tags.
      if (!(await lockRow(tx, "User", user.id))) throw noSuchUser(userName);
      const rows = tagRows(tags);
      const existing = await tx.tag.findMany({ where: { userId: user.id }, select: { keyKey: true } });
      const keys = new Set([...existing.map((t) => t.keyKey), ...rows.map((r) => r.keyKey)]);
      if (keys.size > TAGS_PER_RESOURCE) throw new IamError("LimitExceeded", TAG_LIMIT_MESSAGE);
      await tx.tag.deleteMany({ where: { userId: user.id, keyKey: { in: rows.map((r) => r.keyKey) } } });
      await tx.tag.createMany({ data: rows.map((r) => ({ ...r, userId: user.id })) });
    });
  });
}

export interface UntagUserInput {
  UserName: string;
  TagKeys: string[];
}

/** Removes tags by key (case-insensitively); keys the user does not have are ignored. */
export function untagUser(caller: Caller, input: UntagUserInput): Promise<void> {
  return operation(caller, { eventName: "UntagUser", readOnly: false, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const keys = checkTagKeys(input.TagKeys);
    const prisma = await db();
    const user = await authorizeOnUser(
      caller,
      "iam:UntagUser",
      userName,
      await findUser(prisma, caller.accountId, userName),
      keys.length > 0 ? { "aws:TagKeys": keys } : {},
    );
    if (keys.length === 0) return;
    await prisma.tag.deleteMany({ where: { userId: user.id, keyKey: { in: keys.map((k) => tagKeyKey(k, true)) } } });
  });
}

export interface ListUserTagsInput extends PageInput {
  UserName: string;
}

export function listUserTags(caller: Caller, input: ListUserTagsInput): Promise<{ Tags: Tag[] } & PageOutput> {
  return operation(caller, { eventName: "ListUserTags", readOnly: true, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const limit = maxItems(input);
    const after = decodeMarker(input.Marker);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:ListUserTags", userName, await findUser(prisma, caller.accountId, userName));
    const rows = await prisma.tag.findMany({
      where: { userId: user.id, ...(after !== undefined ? { keyKey: { gt: after } } : {}) },
      orderBy: { keyKey: "asc" },
      take: limit + 1,
      select: { key: true, keyKey: true, value: true },
    });
    const { items, ...rest } = cutPage(rows, limit, (r) => r.keyKey);
    return { Tags: toTags(items), ...rest };
  });
}

// ---- Permissions boundary -------------------------------------------------------------------

export interface PutUserPermissionsBoundaryInput {
  UserName: string;
  PermissionsBoundary: string;
}

export function putUserPermissionsBoundary(caller: Caller, input: PutUserPermissionsBoundaryInput): Promise<void> {
  return operation(caller, { eventName: "PutUserPermissionsBoundary", readOnly: false, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", NAME_LIMITS.userName);
    const boundaryArn = checkArnMember(input.PermissionsBoundary, "permissionsBoundary");
    const prisma = await db();
    const user = await authorizeOnUser(
      caller,
      "iam:PutUserPermissionsBoundary",
      userName,
      await findUser(prisma, caller.accountId, userName),
      { "iam:PermissionsBoundary": boundaryArn },
    );
    await prisma.$transaction(async (tx) => {
      const boundary = await resolvePermissionsBoundary(tx, caller.accountId, boundaryArn);
      try {
        const updated = await tx.user.updateMany({ where: { id: user.id }, data: { permissionsBoundaryId: boundary.id } });
        if (updated.count === 0) throw noSuchUser(userName);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw noSuchBoundaryPolicy(boundaryArn);
        throw err;
      }
    });
  });
}

export interface DeleteUserPermissionsBoundaryInput {
  UserName: string;
}

/** Removes the boundary; a user without one is left as it is. */
export function deleteUserPermissionsBoundary(caller: Caller, input: DeleteUserPermissionsBoundaryInput): Promise<void> {
  return operation(caller, { eventName: "DeleteUserPermissionsBoundary", readOnly: false, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", NAME_LIMITS.userName);
    const prisma = await db();
    const found = await findUser(prisma, caller.accountId, userName);
    const current = found?.permissionsBoundary?.arn;
    const user = await authorizeOnUser(
      caller,
      "iam:DeleteUserPermissionsBoundary",
      userName,
      found,
      current ? { "iam:PermissionsBoundary": current } : {},
    );
    await prisma.user.updateMany({ where: { id: user.id }, data: { permissionsBoundaryId: null } });
  });
}
