import "server-only";
import { db, type Db, type Prisma, type Tx } from "@/lib/db";
import { malformedPolicyMessage, validatePolicy } from "@/lib/iam/policy";
import { operation } from "./activity";
import { iamArn, listResourceArn } from "./arns";
import { authorize, type ExtraContext } from "./authorize";
import type { Caller } from "./caller";
import { isForeignKeyViolation, isUniqueViolation, reserveInAccount, write, writeLocked } from "./db-facts";
import { IamError, noSuchBoundaryPolicy, noSuchRole, quotaExceeded } from "./errors";
import { newId } from "./ids";
import { TRUST_POLICY_SIZE_MAX } from "./limits";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { checkPolicyDocumentParam, policySize } from "./policy-documents";
import { listTagsPage, putTags, removeTags } from "./resource-tags";
import {
  assertRoleModifiable,
  checkMaxSessionDuration,
  checkRoleDescription,
  isServiceLinkedPath,
  MAX_SESSION_DURATION_DEFAULT,
  SERVICE_LINKED_ROLE_PATH,
} from "./role-validation";
import { checkTagKeys, checkTags, requestTagContext, resourceTagContext, tagKeyKey, toTags, type Tag } from "./tags";
import { trustPolicyPrincipals } from "./trusted-entities";
import { resolvePermissionsBoundary } from "./users";
import { checkArnMember, checkName, checkPath, checkPathPrefix, missingMember, NAME_LIMITS } from "./validation";

// Roles: create, read, update, delete, tags and permissions boundary. Service-linked roles
// (path /aws-service-role/SVC/) are created and deleted in service-linked-roles.ts; the
// ordinary operations refuse to change them, as AWS does. The console's reads and its
// delete-with-dependencies live in roles-console.ts.

export interface AttachedPermissionsBoundary {
  PermissionsBoundaryType: "Policy";
  PermissionsBoundaryArn: string;
}

/** Empty when the role has never been used. */
export interface RoleLastUsed {
  LastUsedDate?: Date;
  Region?: string;
}

export interface Role {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  /** GetRole, CreateRole and UpdateRoleDescription only: ListRoles omits these. */
  PermissionsBoundary?: AttachedPermissionsBoundary;
  Tags?: Tag[];
  RoleLastUsed?: RoleLastUsed;
}

type RoleRow = {
  id: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  assumeRolePolicyDocument: string;
  description: string | null;
  maxSessionDuration: number;
};

export function toRole(row: RoleRow): Role {
  return {
    Path: row.path,
    RoleName: row.name,
    RoleId: row.id,
    Arn: row.arn,
    CreateDate: row.createdAt,
    AssumeRolePolicyDocument: row.assumeRolePolicyDocument,
    ...(row.description ? { Description: row.description } : {}),
    MaxSessionDuration: row.maxSessionDuration,
  };
}

/** What GetRole shows beyond the row: tags, the boundary's ARN. */
export const ROLE_DETAIL = {
  tags: { select: { key: true, value: true }, orderBy: { keyKey: "asc" } },
  permissionsBoundary: { select: { arn: true } },
} as const satisfies Prisma.RoleInclude;

export type RoleDetailRow = Prisma.RoleGetPayload<{ include: typeof ROLE_DETAIL }>;

/** The full Role of GetRole; CreateRole's has no RoleLastUsed. */
export function toRoleDetail(row: RoleDetailRow, options: { lastUsed: boolean }): Role {
  const role = toRole(row);
  if (row.permissionsBoundary) {
    role.PermissionsBoundary = { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: row.permissionsBoundary.arn };
  }
  if (row.tags.length > 0) role.Tags = toTags(row.tags);
  if (options.lastUsed) {
    role.RoleLastUsed = {
      ...(row.lastUsedDate ? { LastUsedDate: row.lastUsedDate } : {}),
      ...(row.lastUsedRegion ? { Region: row.lastUsedRegion } : {}),
    };
  }
  return role;
}

// ---- Shared by every operation on an existing role ------------------------------------------

export const roleNameKey = (name: string) => name.toLowerCase();

export function findRole(prisma: Db | Tx, accountId: string, roleName: string): Promise<RoleDetailRow | null> {
  return prisma.role.findUnique({ where: { accountId_nameKey: { accountId, nameKey: roleNameKey(roleName) } }, include: ROLE_DETAIL });
}

/** aws:ResourceTag/… and iam:PermissionsBoundary of a role, for authorizing actions on it. */
export function roleContext(row: RoleDetailRow | null): ExtraContext {
  if (!row) return {};
  return { ...resourceTagContext(toTags(row.tags)), "iam:PermissionsBoundary": row.permissionsBoundary?.arn };
}

/**
 * Loads a role and authorizes `action` on it. AWS authorizes before it says whether the role
 * exists, so a caller without permission gets AccessDenied (on `role/NAME`) either way.
 */
export async function authorizedRole(caller: Caller, action: string, roleName: string, context: ExtraContext = {}): Promise<RoleDetailRow> {
  const row = await findRole(await db(), caller.accountId, roleName);
  const resource = row?.arn ?? iamArn(caller.accountId, "role", "/", roleName);
  await authorize(caller, action, resource, { context: { ...roleContext(row), ...context } });
  if (!row) throw noSuchRole(roleName);
  return row;
}

export function isServiceLinkedRole(row: { path: string }): boolean {
  return isServiceLinkedPath(row.path);
}

// ---- Trust policies ----------------------------------------------------------------------------

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * AWS's MalformedPolicyDocument message for a trust policy, or undefined when IAM accepts it.
 * Text that is not JSON at all gets the trust-policy operations' own answer, "This policy
 * contains invalid Json". The call into the policy validator is here and nowhere else.
 */
export function trustPolicyProblem(text: string): string | undefined {
  if (!isJson(text)) return "This policy contains invalid Json";
  return malformedPolicyMessage(validatePolicy(text, "RESOURCE_POLICY", { iamDocument: "trust" }).findings);
}

const IAM_ENTITY_ARN = /^arn:aws:iam::(\d{12}):(user|role)\/(?:[\u0021-\u007E]*\/)?[\w+=,.@-]+$/;

/**
 * A trust policy may name only users and roles that exist (AWS checks accounts it knows;
 * here, the accounts of this installation): otherwise `Invalid principal in policy`.
 */
async function checkTrustedPrincipals(prisma: Db | Tx, text: string): Promise<void> {
  const arns = [...new Set(trustPolicyPrincipals(text, { effect: "any" }).aws.filter((a) => IAM_ENTITY_ARN.test(a)))];
  if (arns.length === 0) return;
  const accounts = [...new Set(arns.map((a) => IAM_ENTITY_ARN.exec(a)![1]))];
  const [known, users, roles] = await Promise.all([
    prisma.account.findMany({ where: { id: { in: accounts } }, select: { id: true } }),
    prisma.user.findMany({ where: { arn: { in: arns } }, select: { arn: true } }),
    prisma.role.findMany({ where: { arn: { in: arns } }, select: { arn: true } }),
  ]);
  const knownAccounts = new Set(known.map((a) => a.id));
  const existing = new Set([...users, ...roles].map((e) => e.arn));
  const missing = arns.find((a) => knownAccounts.has(IAM_ENTITY_ARN.exec(a)![1]) && !existing.has(a));
  if (missing) throw new IamError("MalformedPolicyDocument", `Invalid principal in policy: "AWS":${JSON.stringify(missing)}`);
}

/** A trust policy as CreateRole and UpdateAssumeRolePolicy accept it: valid, within size, naming real principals. */
export async function checkTrustPolicy(prisma: Db | Tx, text: string): Promise<void> {
  const problem = trustPolicyProblem(text);
  if (problem) throw new IamError("MalformedPolicyDocument", problem);
  // White space does not count toward the quota.
  if (policySize(text) > TRUST_POLICY_SIZE_MAX) throw quotaExceeded("ACLSizePerRole", TRUST_POLICY_SIZE_MAX);
  await checkTrustedPrincipals(prisma, text);
}

// ---- Operations --------------------------------------------------------------------------------

export interface CreateRoleInput {
  RoleName: string;
  Path?: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration?: number;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

/** A CreateRole request that passed the input checks. */
export interface CreateRoleRequest {
  name: string;
  path: string;
  arn: string;
  document: string;
  description?: string;
  maxSessionDuration: number;
  boundaryArn?: string;
  tags: Tag[];
}

/** CreateRole's input checks, in AWS's order; nothing is read yet. */
export function checkCreateRoleInput(accountId: string, input: CreateRoleInput): CreateRoleRequest {
  const name = checkName(input.RoleName, "roleName", NAME_LIMITS.roleName);
  const path = checkPath(input.Path);
  const document = checkPolicyDocumentParam(input.AssumeRolePolicyDocument, "assumeRolePolicyDocument");
  const description = checkRoleDescription(input.Description);
  const maxSessionDuration = checkMaxSessionDuration(input.MaxSessionDuration) ?? MAX_SESSION_DURATION_DEFAULT;
  const boundaryArn = input.PermissionsBoundary === undefined ? undefined : checkArnMember(input.PermissionsBoundary, "permissionsBoundary");
  const tags = checkTags(input.Tags, true);
  if (isServiceLinkedPath(path)) {
    throw new IamError("InvalidInput", `Path prefix '${SERVICE_LINKED_ROLE_PATH}' can only be used for AWS Service linked Roles`);
  }
  return { name, path, arn: iamArn(accountId, "role", path, name), document, description, maxSessionDuration, boundaryArn, tags };
}

/** What iam:CreateRole is authorized with: the request's tags and the boundary being set. */
export function createRoleContext(request: CreateRoleRequest): ExtraContext {
  return { ...requestTagContext(request.tags), "iam:PermissionsBoundary": request.boundaryArn };
}

/** The context of later calls on the role a CreateRole request makes: its tags and boundary. */
export function newRoleContext(request: CreateRoleRequest): ExtraContext {
  return { ...resourceTagContext(request.tags), "iam:PermissionsBoundary": request.boundaryArn };
}

export const roleAlreadyExists = (name: string) => new IamError("EntityAlreadyExists", `Role with name ${name} already exists.`);

/** CreateRole's checks that read the database, and its write: within the account's role quota. */
export async function insertRole(tx: Tx, caller: Caller, request: CreateRoleRequest): Promise<RoleDetailRow> {
  await checkTrustPolicy(tx, request.document);
  const boundary = request.boundaryArn ? await resolvePermissionsBoundary(tx, caller.accountId, request.boundaryArn) : undefined;
  await reserveInAccount(tx, caller.accountId, "Roles");
  try {
    return await tx.role.create({
      data: {
        id: newId("role"),
        accountId: caller.accountId,
        name: request.name,
        nameKey: roleNameKey(request.name),
        path: request.path,
        arn: request.arn,
        description: request.description || null,
        assumeRolePolicyDocument: request.document,
        maxSessionDuration: request.maxSessionDuration,
        permissionsBoundaryId: boundary?.id,
        createdAt: caller.now,
        tags: { create: request.tags.map((t) => ({ key: t.Key, keyKey: tagKeyKey(t.Key, true), value: t.Value ?? "" })) },
      },
      include: ROLE_DETAIL,
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw roleAlreadyExists(request.name);
    // The boundary policy was deleted after it was looked up.
    if (request.boundaryArn && isForeignKeyViolation(err)) throw noSuchBoundaryPolicy(request.boundaryArn);
    throw err;
  }
}

export function createRole(caller: Caller, input: CreateRoleInput): Promise<{ Role: Role }> {
  return operation(caller, { eventName: "CreateRole", readOnly: false, params: { ...input } }, async () => {
    const request = checkCreateRoleInput(caller.accountId, input);
    await authorize(caller, "iam:CreateRole", request.arn, { context: createRoleContext(request) });
    const row = await write((tx) => insertRole(tx, caller, request));
    return { Role: toRoleDetail(row, { lastUsed: false }) };
  });
}

export interface RoleNameInput {
  RoleName: string;
}

const roleName = (input: RoleNameInput) => checkName(input.RoleName, "roleName", NAME_LIMITS.roleName);

export function getRole(caller: Caller, input: RoleNameInput): Promise<{ Role: Role }> {
  return operation(caller, { eventName: "GetRole", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedRole(caller, "iam:GetRole", roleName(input));
    return { Role: toRoleDetail(row, { lastUsed: true }) };
  });
}

export interface ListRolesInput extends PageInput {
  PathPrefix?: string;
}

export function listRoles(caller: Caller, input: ListRolesInput = {}): Promise<{ Roles: Role[] } & PageOutput> {
  return operation(caller, { eventName: "ListRoles", readOnly: true, params: { ...input } }, async () => {
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListRoles", listResourceArn(caller.accountId, "role", pathPrefix));
    const q = pageQuery(input);
    const rows = await (await db()).role.findMany({
      where: { accountId: caller.accountId, path: { startsWith: pathPrefix }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Roles: items.map(toRole), ...rest };
  });
}

/** Runs one update of a role's own columns; the role may have gone since it was read. */
async function updateRoleRow(row: RoleDetailRow, data: Prisma.RoleUncheckedUpdateManyInput): Promise<void> {
  const { count } = await write((tx) => tx.role.updateMany({ where: { id: row.id }, data }));
  if (count === 0) throw noSuchRole(row.name);
}

export interface UpdateRoleInput extends RoleNameInput {
  Description?: string;
  MaxSessionDuration?: number;
}

export function updateRole(caller: Caller, input: UpdateRoleInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UpdateRole", readOnly: false, params: { ...input } }, async () => {
    const name = roleName(input);
    const description = checkRoleDescription(input.Description);
    const maxSessionDuration = checkMaxSessionDuration(input.MaxSessionDuration);
    const row = await authorizedRole(caller, "iam:UpdateRole", name);
    // A service-linked role's description may be edited; nothing else.
    if (maxSessionDuration !== undefined) assertRoleModifiable(row);
    await updateRoleRow(row, {
      ...(description !== undefined ? { description: description || null } : {}),
      ...(maxSessionDuration !== undefined ? { maxSessionDuration } : {}),
    });
    return {};
  });
}

export interface UpdateRoleDescriptionInput extends RoleNameInput {
  Description: string;
}

export function updateRoleDescription(caller: Caller, input: UpdateRoleDescriptionInput): Promise<{ Role: Role }> {
  return operation(caller, { eventName: "UpdateRoleDescription", readOnly: false, params: { ...input } }, async () => {
    const name = roleName(input);
    if (input.Description === undefined) throw missingMember("description");
    const description = checkRoleDescription(input.Description)!;
    const row = await authorizedRole(caller, "iam:UpdateRoleDescription", name);
    await updateRoleRow(row, { description: description || null });
    return { Role: toRoleDetail({ ...row, description: description || null }, { lastUsed: true }) };
  });
}

export interface UpdateAssumeRolePolicyInput extends RoleNameInput {
  PolicyDocument: string;
}

export function updateAssumeRolePolicy(caller: Caller, input: UpdateAssumeRolePolicyInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UpdateAssumeRolePolicy", readOnly: false, params: { ...input } }, async () => {
    const name = roleName(input);
    const document = checkPolicyDocumentParam(input.PolicyDocument, "policyDocument");
    const row = await authorizedRole(caller, "iam:UpdateAssumeRolePolicy", name);
    assertRoleModifiable(row);
    await checkTrustPolicy(await db(), document);
    await updateRoleRow(row, { assumeRolePolicyDocument: document });
    return {};
  });
}

export const DELETE_ROLE_CONFLICTS = {
  instanceProfiles: "Cannot delete entity, must remove roles from instance profile first.",
  attachedPolicies: "Cannot delete entity, must detach all policies first.",
  inlinePolicies: "Cannot delete entity, must delete policies first.",
} as const;

export function deleteRole(caller: Caller, input: RoleNameInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "DeleteRole", readOnly: false, params: { ...input } }, async () => {
    const row = await authorizedRole(caller, "iam:DeleteRole", roleName(input));
    assertRoleModifiable(row);
    await writeLocked("Role", row.id, () => noSuchRole(row.name), async (tx) => {
      const [profiles, attached, inline] = await Promise.all([
        tx.instanceProfile.count({ where: { roleId: row.id } }),
        tx.policyAttachment.count({ where: { roleId: row.id } }),
        tx.inlinePolicy.count({ where: { roleId: row.id } }),
      ]);
      if (profiles > 0) throw new IamError("DeleteConflict", DELETE_ROLE_CONFLICTS.instanceProfiles);
      if (attached > 0) throw new IamError("DeleteConflict", DELETE_ROLE_CONFLICTS.attachedPolicies);
      if (inline > 0) throw new IamError("DeleteConflict", DELETE_ROLE_CONFLICTS.inlinePolicies);
      await tx.role.delete({ where: { id: row.id } });
    });
    return {};
  });
}

// ---- Tags --------------------------------------------------------------------------------------

export interface TagRoleInput extends RoleNameInput {
  Tags: Tag[];
}

export function tagRole(caller: Caller, input: TagRoleInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "TagRole", readOnly: false, params: { ...input } }, async () => {
    const name = roleName(input);
    if (input.Tags === undefined) throw missingMember("tags");
    const tags = checkTags(input.Tags, true);
    // Tagging is allowed on service-linked roles too.
    const row = await authorizedRole(caller, "iam:TagRole", name, requestTagContext(tags));
    await writeLocked("Role", row.id, () => noSuchRole(row.name), (tx) => putTags(tx, { roleId: row.id }, tags, true));
    return {};
  });
}

export interface UntagRoleInput extends RoleNameInput {
  TagKeys: string[];
}

export function untagRole(caller: Caller, input: UntagRoleInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UntagRole", readOnly: false, params: { ...input } }, async () => {
    const name = roleName(input);
    const keys = checkTagKeys(input.TagKeys);
    const row = await authorizedRole(caller, "iam:UntagRole", name, keys.length > 0 ? { "aws:TagKeys": keys } : {});
    await writeLocked("Role", row.id, () => noSuchRole(row.name), (tx) => removeTags(tx, { roleId: row.id }, keys, true));
    return {};
  });
}

export interface ListRoleTagsInput extends RoleNameInput, PageInput {}

export function listRoleTags(caller: Caller, input: ListRoleTagsInput): Promise<{ Tags: Tag[] } & PageOutput> {
  return operation(caller, { eventName: "ListRoleTags", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedRole(caller, "iam:ListRoleTags", roleName(input));
    return listTagsPage(await db(), { roleId: row.id }, input);
  });
}

// ---- Permissions boundary ----------------------------------------------------------------------

export interface PutRolePermissionsBoundaryInput extends RoleNameInput {
  PermissionsBoundary: string;
}

export function putRolePermissionsBoundary(caller: Caller, input: PutRolePermissionsBoundaryInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "PutRolePermissionsBoundary", readOnly: false, params: { ...input } }, async () => {
    const name = roleName(input);
    const arn = checkArnMember(input.PermissionsBoundary, "permissionsBoundary");
    // iam:PermissionsBoundary is the boundary being set.
    const row = await authorizedRole(caller, "iam:PutRolePermissionsBoundary", name, { "iam:PermissionsBoundary": arn });
    assertRoleModifiable(row);
    const boundary = await resolvePermissionsBoundary(await db(), caller.accountId, arn);
    await updateRoleRow(row, { permissionsBoundaryId: boundary.id });
    return {};
  });
}

export function deleteRolePermissionsBoundary(caller: Caller, input: RoleNameInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "DeleteRolePermissionsBoundary", readOnly: false, params: { ...input } }, async () => {
    const row = await authorizedRole(caller, "iam:DeleteRolePermissionsBoundary", roleName(input));
    assertRoleModifiable(row);
    await updateRoleRow(row, { permissionsBoundaryId: null });
    return {};
  });
}
