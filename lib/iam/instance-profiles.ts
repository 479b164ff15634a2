import "server-only";
import { db, type Db, type Prisma, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { iamArn, listResourceArn } from "./arns";
import { authorize, type ExtraContext } from "./authorize";
import type { Caller } from "./caller";
import { isUniqueViolation, lockRow, reserveInAccount, write, writeLocked } from "./db-facts";
import { IamError, noSuchInstanceProfile, noSuchRole, quotaExceeded } from "./errors";
import { newId } from "./ids";
import { ROLES_PER_INSTANCE_PROFILE } from "./limits";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { listTagsPage, putTags, removeTags } from "./resource-tags";
import { DELETE_ROLE_CONFLICTS, findRole, roleContext, type Role } from "./roles";
import { checkTagKeys, checkTags, requestTagContext, resourceTagContext, toTags, type Tag } from "./tags";
import { checkName, checkPath, checkPathPrefix, missingMember, NAME_LIMITS } from "./validation";

// Instance profiles: the container that hands one role to EC2 instances. At most one role
// per profile (the roleId column, set only where it is still empty, enforces it); tag keys
// are case-sensitive, as on every resource but users and roles.

/** A role as instance profiles show it: AWS lists these members only. */
export type InstanceProfileRole = Pick<Role, "Path" | "RoleName" | "RoleId" | "Arn" | "CreateDate" | "AssumeRolePolicyDocument">;

export interface InstanceProfile {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: Date;
  Roles: InstanceProfileRole[];
  /** CreateInstanceProfile and GetInstanceProfile only. */
  Tags?: Tag[];
}

const PROFILE_ROLE = {
  select: { id: true, name: true, path: true, arn: true, createdAt: true, assumeRolePolicyDocument: true },
} as const;

const PROFILE_DETAIL = {
  role: PROFILE_ROLE,
  tags: { select: { key: true, value: true }, orderBy: { keyKey: "asc" } },
} as const satisfies Prisma.InstanceProfileInclude;

type ProfileDetailRow = Prisma.InstanceProfileGetPayload<{ include: typeof PROFILE_DETAIL }>;
type ProfileListRow = Prisma.InstanceProfileGetPayload<{ include: { role: typeof PROFILE_ROLE } }>;

function toInstanceProfileRole(row: NonNullable<ProfileListRow["role"]>): InstanceProfileRole {
  return {
    Path: row.path,
    RoleName: row.name,
    RoleId: row.id,
    Arn: row.arn,
    CreateDate: row.createdAt,
    AssumeRolePolicyDocument: row.assumeRolePolicyDocument,
  };
}

export function toInstanceProfile(row: ProfileListRow | ProfileDetailRow): InstanceProfile {
  const profile: InstanceProfile = {
    Path: row.path,
    InstanceProfileName: row.name,
    InstanceProfileId: row.id,
    Arn: row.arn,
    CreateDate: row.createdAt,
    Roles: row.role ? [toInstanceProfileRole(row.role)] : [],
  };
  if ("tags" in row && row.tags.length > 0) profile.Tags = toTags(row.tags);
  return profile;
}

export const INSTANCE_PROFILE_CONFLICT = DELETE_ROLE_CONFLICTS.instanceProfiles;

const profileName = (value: string | undefined) => checkName(value, "instanceProfileName", NAME_LIMITS.instanceProfileName);
export const profileNameKey = (name: string) => name.toLowerCase();

export function findProfile(prisma: Db | Tx, accountId: string, name: string): Promise<ProfileDetailRow | null> {
  return prisma.instanceProfile.findUnique({ where: { accountId_nameKey: { accountId, nameKey: profileNameKey(name) } }, include: PROFILE_DETAIL });
}

/** aws:ResourceTag/… of a profile, for authorizing actions on it. */
export function profileContext(row: { tags: { key: string; value: string }[] } | null): ExtraContext {
  return row ? resourceTagContext(toTags(row.tags)) : {};
}

/** Loads a profile and authorizes `action` on it; AccessDenied comes before NoSuchEntity, as in AWS. */
async function authorizedProfile(caller: Caller, action: string, name: string, context: ExtraContext = {}): Promise<ProfileDetailRow> {
  const row = await findProfile(await db(), caller.accountId, name);
  const resource = row?.arn ?? iamArn(caller.accountId, "instance-profile", "/", name);
  await authorize(caller, action, resource, { context: { ...profileContext(row), ...context } });
  if (!row) throw noSuchInstanceProfile(name);
  return row;
}

// ---- The writes, shared with the console's multi-call actions --------------------------------

/** CreateInstanceProfile's write: within the account's quota, under a name no other profile has. */
export async function insertInstanceProfile(tx: Tx, caller: Caller, profile: { name: string; path: string; arn: string; tags: Tag[] }): Promise<ProfileDetailRow> {
  await reserveInAccount(tx, caller.accountId, "InstanceProfiles");
  try {
    return await tx.instanceProfile.create({
      data: {
        id: newId("instanceProfile"),
        accountId: caller.accountId,
        name: profile.name,
        nameKey: profileNameKey(profile.name),
        path: profile.path,
        arn: profile.arn,
        createdAt: caller.now,
        tags: { create: profile.tags.map((t) => ({ key: t.Key, keyKey: t.Key, value: t.Value ?? "" })) },
      },
      include: PROFILE_DETAIL,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new IamError("EntityAlreadyExists", `Instance Profile ${profile.name} already exists.`);
    throw err;
  }
}

/**
 * AddRoleToInstanceProfile's write: only into an empty profile (one statement, so two
 * concurrent calls cannot both succeed), with the role locked so it cannot be deleted underneath.
 */
export async function putRoleInProfile(tx: Tx, profile: { id: string; name: string }, role: { id: string; name: string }): Promise<void> {
  if (!(await lockRow(tx, "Role", role.id))) throw noSuchRole(role.name);
  const { count } = await tx.instanceProfile.updateMany({ where: { id: profile.id, roleId: null }, data: { roleId: role.id } });
  if (count === 1) return;
  if (!(await tx.instanceProfile.findUnique({ where: { id: profile.id }, select: { id: true } }))) throw noSuchInstanceProfile(profile.name);
  throw quotaExceeded("InstanceSessionsPerInstanceProfile", ROLES_PER_INSTANCE_PROFILE);
}

/** RemoveRoleFromInstanceProfile's write. A role not in the profile: AWS's exact text here is unverified. */
export async function takeRoleFromProfile(prisma: Db | Tx, profile: { id: string }, role: { id: string; name: string }): Promise<void> {
  const { count } = await prisma.instanceProfile.updateMany({ where: { id: profile.id, roleId: role.id }, data: { roleId: null } });
  if (count === 0) throw noSuchRole(role.name);
}

/** DeleteInstanceProfile's write: only while it holds no role, in one statement, so a concurrent AddRoleToInstanceProfile cannot slip in. */
export async function deleteEmptyProfile(prisma: Db | Tx, profile: { id: string; name: string }): Promise<void> {
  const { count } = await prisma.instanceProfile.deleteMany({ where: { id: profile.id, roleId: null } });
  if (count === 1) return;
  const still = await prisma.instanceProfile.findUnique({ where: { id: profile.id }, select: { roleId: true } });
  if (!still) throw noSuchInstanceProfile(profile.name);
  throw new IamError("DeleteConflict", INSTANCE_PROFILE_CONFLICT);
}

// ---- Create, read, list, delete ------------------------------------------------------------

export interface CreateInstanceProfileInput {
  InstanceProfileName: string;
  Path?: string;
  Tags?: Tag[];
}

export function createInstanceProfile(caller: Caller, input: CreateInstanceProfileInput): Promise<{ InstanceProfile: InstanceProfile }> {
  return operation(caller, { eventName: "CreateInstanceProfile", readOnly: false, params: { ...input } }, async () => {
    const name = profileName(input.InstanceProfileName);
    const path = checkPath(input.Path);
    const tags = checkTags(input.Tags, false);
    const arn = iamArn(caller.accountId, "instance-profile", path, name);
    await authorize(caller, "iam:CreateInstanceProfile", arn, { context: requestTagContext(tags) });
    const row = await write((tx) => insertInstanceProfile(tx, caller, { name, path, arn, tags }));
    return { InstanceProfile: toInstanceProfile(row) };
  });
}

export interface InstanceProfileNameInput {
  InstanceProfileName: string;
}

export function getInstanceProfile(caller: Caller, input: InstanceProfileNameInput): Promise<{ InstanceProfile: InstanceProfile }> {
  return operation(caller, { eventName: "GetInstanceProfile", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedProfile(caller, "iam:GetInstanceProfile", profileName(input.InstanceProfileName));
    return { InstanceProfile: toInstanceProfile(row) };
  });
}

export interface ListInstanceProfilesInput extends PageInput {
  PathPrefix?: string;
}

export type InstanceProfilesPage = { InstanceProfiles: InstanceProfile[] } & PageOutput;

/** ListInstanceProfiles omits tags, as AWS does. */
export function listInstanceProfiles(caller: Caller, input: ListInstanceProfilesInput = {}): Promise<InstanceProfilesPage> {
  return operation(caller, { eventName: "ListInstanceProfiles", readOnly: true, params: { ...input } }, async () => {
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListInstanceProfiles", listResourceArn(caller.accountId, "instance-profile", pathPrefix));
    const q = pageQuery(input);
    const rows = await (await db()).instanceProfile.findMany({
      where: { accountId: caller.accountId, path: { startsWith: pathPrefix }, ...q.after },
      include: { role: PROFILE_ROLE },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { InstanceProfiles: items.map(toInstanceProfile), ...rest };
  });
}

export function deleteInstanceProfile(caller: Caller, input: InstanceProfileNameInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "DeleteInstanceProfile", readOnly: false, params: { ...input } }, async () => {
    const row = await authorizedProfile(caller, "iam:DeleteInstanceProfile", profileName(input.InstanceProfileName));
    await deleteEmptyProfile(await db(), row);
    return {};
  });
}

// ---- Its role --------------------------------------------------------------------------------

export interface InstanceProfileRoleInput extends InstanceProfileNameInput {
  RoleName: string;
}

const roleName = (value: string | undefined) => checkName(value, "roleName", NAME_LIMITS.roleName);

/**
 * Puts a role in a profile. The caller also needs iam:PassRole on the role, as AWS requires.
 * A profile that already holds a role (even this one) fails with LimitExceeded.
 */
export function addRoleToInstanceProfile(caller: Caller, input: InstanceProfileRoleInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "AddRoleToInstanceProfile", readOnly: false, params: { ...input } }, async () => {
    const name = profileName(input.InstanceProfileName);
    const rName = roleName(input.RoleName);
    const role = await findRole(await db(), caller.accountId, rName);
    const profile = await authorizedProfile(caller, "iam:AddRoleToInstanceProfile", name);
    await authorize(caller, "iam:PassRole", role?.arn ?? iamArn(caller.accountId, "role", "/", rName), { context: roleContext(role) });
    if (!role) throw noSuchRole(rName);
    await write((tx) => putRoleInProfile(tx, profile, role));
    return {};
  });
}

export function removeRoleFromInstanceProfile(caller: Caller, input: InstanceProfileRoleInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "RemoveRoleFromInstanceProfile", readOnly: false, params: { ...input } }, async () => {
    const name = profileName(input.InstanceProfileName);
    const rName = roleName(input.RoleName);
    const profile = await authorizedProfile(caller, "iam:RemoveRoleFromInstanceProfile", name);
    const role = await findRole(await db(), caller.accountId, rName);
    if (!role) throw noSuchRole(rName);
    await takeRoleFromProfile(await db(), profile, role);
    return {};
  });
}

export interface ListInstanceProfilesForRoleInput extends PageInput {
  RoleName: string;
}

export function listInstanceProfilesForRole(caller: Caller, input: ListInstanceProfilesForRoleInput): Promise<InstanceProfilesPage> {
  return operation(caller, { eventName: "ListInstanceProfilesForRole", readOnly: true, params: { ...input } }, async () => {
    const rName = roleName(input.RoleName);
    const role = await findRole(await db(), caller.accountId, rName);
    await authorize(caller, "iam:ListInstanceProfilesForRole", role?.arn ?? iamArn(caller.accountId, "role", "/", rName), {
      context: roleContext(role),
    });
    if (!role) throw noSuchRole(rName);
    const q = pageQuery(input);
    const rows = await (await db()).instanceProfile.findMany({
      where: { accountId: caller.accountId, roleId: role.id, ...q.after },
      include: { role: PROFILE_ROLE },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { InstanceProfiles: items.map(toInstanceProfile), ...rest };
  });
}

// ---- Tags ------------------------------------------------------------------------------------

export interface TagInstanceProfileInput extends InstanceProfileNameInput {
  Tags: Tag[];
}

export function tagInstanceProfile(caller: Caller, input: TagInstanceProfileInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "TagInstanceProfile", readOnly: false, params: { ...input } }, async () => {
    const name = profileName(input.InstanceProfileName);
    if (input.Tags === undefined) throw missingMember("tags");
    const tags = checkTags(input.Tags, false);
    const row = await authorizedProfile(caller, "iam:TagInstanceProfile", name, requestTagContext(tags));
    await writeLocked("InstanceProfile", row.id, () => noSuchInstanceProfile(name), (tx) => putTags(tx, { instanceProfileId: row.id }, tags, false));
    return {};
  });
}

export interface UntagInstanceProfileInput extends InstanceProfileNameInput {
  TagKeys: string[];
}

export function untagInstanceProfile(caller: Caller, input: UntagInstanceProfileInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UntagInstanceProfile", readOnly: false, params: { ...input } }, async () => {
    const name = profileName(input.InstanceProfileName);
    const keys = checkTagKeys(input.TagKeys);
    const row = await authorizedProfile(caller, "iam:UntagInstanceProfile", name, keys.length > 0 ? { "aws:TagKeys": keys } : {});
    await writeLocked("InstanceProfile", row.id, () => noSuchInstanceProfile(name), (tx) => removeTags(tx, { instanceProfileId: row.id }, keys, false));
    return {};
  });
}

export interface ListInstanceProfileTagsInput extends InstanceProfileNameInput, PageInput {}

export function listInstanceProfileTags(caller: Caller, input: ListInstanceProfileTagsInput): Promise<{ Tags: Tag[] } & PageOutput> {
  return operation(caller, { eventName: "ListInstanceProfileTags", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedProfile(caller, "iam:ListInstanceProfileTags", profileName(input.InstanceProfileName));
    return listTagsPage(await db(), { instanceProfileId: row.id }, input);
  });
}
