import "server-only";
import { db, type Db, type Prisma, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { isForeignKeyViolation, isUniqueViolation } from "./db-facts";
import { IamError, noSuchPolicy, policyNotFound, quotaExceeded } from "./errors";
import { ATTACHED_POLICIES_PER } from "./limits";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { checkPolicyArn, findPolicyForRequest, POLICY_USAGE_FILTERS } from "./policies";
import {
  existing,
  lockTarget,
  ownerColumn,
  refuseProtected,
  resolveTarget,
  TARGET_NOUN,
  targetContext,
  type Target,
  type TargetInput,
  type TargetKind,
} from "./policy-targets";
import { resourceTagContext, toTags } from "./tags";
import { section, pageSections, type After } from "./sectioned-paging";
import { checkEnum, checkPathPrefix } from "./validation";

// Managed policies attached to users, groups and roles: at most ten per principal, counted
// with the principal's row locked so that concurrent attachments cannot pass the quota.

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

/** A managed policy the account may attach, as AttachUserPolicy / AttachGroupPolicy / AttachRolePolicy find it. */
export async function findAttachablePolicy(prisma: Db | Tx, accountId: string, arn: string) {
  const found = await findPolicyForRequest(prisma, accountId, arn);
  if (!found || !found.isAttachable) throw noSuchPolicy(arn);
  if (found.accountId === null && found.path.startsWith("/aws-service-role/")) {
    throw new IamError("PolicyNotAttachable", "Cannot attach a Service Role Policy to a Customer Role.");
  }
  return found;
}

/**
 * Attach*Policy's write, under the principal's row lock so the quota holds. A policy already
 * attached changes nothing, as in AWS.
 */
export async function insertAttachment(tx: Tx, caller: Caller, target: Target, policy: { id: string }): Promise<void> {
  const id = await lockTarget(tx, target);
  const column = ownerColumn(target.kind);
  const attached = await tx.policyAttachment.findMany({ where: { [column]: id }, select: { policyId: true } });
  if (attached.some((a) => a.policyId === policy.id)) return;
  const quota = ATTACHED_POLICIES_PER[target.kind];
  if (attached.length >= quota) throw quotaExceeded(`PoliciesPer${TARGET_NOUN[target.kind]}`, quota);
  await tx.policyAttachment.create({ data: { accountId: caller.accountId, policyId: policy.id, [column]: id, createdAt: caller.now } });
}

/** Detach*Policy's write: a policy that is not attached to the principal is "not found". */
export async function deleteAttachment(prisma: Db | Tx, target: Target, policy: { id: string }, arn: string): Promise<void> {
  const { count } = await prisma.policyAttachment.deleteMany({ where: { [ownerColumn(target.kind)]: existing(target), policyId: policy.id } });
  if (count === 0) throw policyNotFound(arn);
}

// ---- Attach ---------------------------------------------------------------------------------

function attach<K extends TargetKind>(caller: Caller, kind: K, input: TargetInput<K> & { PolicyArn: string }): Promise<Record<string, never>> {
  const noun = TARGET_NOUN[kind];
  return operation(caller, { eventName: `Attach${noun}Policy`, readOnly: false, params: { ...input } }, async () => {
    const target = await resolveTarget(caller, kind, input);
    const arn = checkPolicyArn(input.PolicyArn);
    await authorize(caller, `iam:Attach${noun}Policy`, target.arn, { context: { ...targetContext(target), "iam:PolicyARN": arn } });
    existing(target);
    refuseProtected(target);
    const prisma = await db();
    const policy = await findAttachablePolicy(prisma, caller.accountId, arn);
    try {
      await prisma.$transaction((tx) => insertAttachment(tx, caller, target, policy));
    } catch (err) {
      if (isUniqueViolation(err)) return {};
      // The policy was deleted while this request ran.
      if (isForeignKeyViolation(err)) throw noSuchPolicy(arn);
      throw err;
    }
    return {};
  });
}

export const attachUserPolicy = (caller: Caller, input: { UserName: string; PolicyArn: string }) => attach(caller, "user", input);
export const attachGroupPolicy = (caller: Caller, input: { GroupName: string; PolicyArn: string }) => attach(caller, "group", input);
export const attachRolePolicy = (caller: Caller, input: { RoleName: string; PolicyArn: string }) => attach(caller, "role", input);

// ---- Detach ---------------------------------------------------------------------------------

function detach<K extends TargetKind>(caller: Caller, kind: K, input: TargetInput<K> & { PolicyArn: string }): Promise<Record<string, never>> {
  const noun = TARGET_NOUN[kind];
  return operation(caller, { eventName: `Detach${noun}Policy`, readOnly: false, params: { ...input } }, async () => {
    const target = await resolveTarget(caller, kind, input);
    const arn = checkPolicyArn(input.PolicyArn);
    await authorize(caller, `iam:Detach${noun}Policy`, target.arn, { context: { ...targetContext(target), "iam:PolicyARN": arn } });
    existing(target);
    refuseProtected(target);
    const prisma = await db();
    const policy = await findPolicyForRequest(prisma, caller.accountId, arn);
    if (!policy) throw policyNotFound(arn);
    await deleteAttachment(prisma, target, policy, arn);
    return {};
  });
}

export const detachUserPolicy = (caller: Caller, input: { UserName: string; PolicyArn: string }) => detach(caller, "user", input);
export const detachGroupPolicy = (caller: Caller, input: { GroupName: string; PolicyArn: string }) => detach(caller, "group", input);
export const detachRolePolicy = (caller: Caller, input: { RoleName: string; PolicyArn: string }) => detach(caller, "role", input);

// ---- ListAttached*Policies ----------------------------------------------------------------

export type ListAttachedInput<K extends TargetKind> = TargetInput<K> & PageInput & { PathPrefix?: string };
export type ListAttachedOutput = { AttachedPolicies: AttachedPolicy[] } & PageOutput;

function listAttached<K extends TargetKind>(caller: Caller, kind: K, input: ListAttachedInput<K>): Promise<ListAttachedOutput> {
  const noun = TARGET_NOUN[kind];
  return operation(caller, { eventName: `ListAttached${noun}Policies`, readOnly: true, params: { ...input } }, async () => {
    const target = await resolveTarget(caller, kind, input);
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    const q = pageQuery(input);
    await authorize(caller, `iam:ListAttached${noun}Policies`, target.arn, { context: resourceTagContext(target.tags) });
    const id = existing(target);
    const rows = await (await db()).policy.findMany({
      where: { attachments: { some: { [ownerColumn(kind)]: id } }, path: { startsWith: pathPrefix }, ...q.after },
      orderBy: q.orderBy,
      take: q.take,
      select: { id: true, nameKey: true, name: true, arn: true },
    });
    const { items, ...rest } = page(rows, q.limit);
    return { AttachedPolicies: items.map((r) => ({ PolicyName: r.name, PolicyArn: r.arn })), ...rest };
  });
}

export const listAttachedUserPolicies = (caller: Caller, input: ListAttachedInput<"user">) => listAttached(caller, "user", input);
export const listAttachedGroupPolicies = (caller: Caller, input: ListAttachedInput<"group">) => listAttached(caller, "group", input);
export const listAttachedRolePolicies = (caller: Caller, input: ListAttachedInput<"role">) => listAttached(caller, "role", input);

// ---- ListEntitiesForPolicy ------------------------------------------------------------------

export const ENTITY_TYPES = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface ListEntitiesForPolicyInput extends PageInput {
  PolicyArn: string;
  EntityFilter?: EntityType;
  PathPrefix?: string;
  PolicyUsageFilter?: (typeof POLICY_USAGE_FILTERS)[number];
}

export interface ListEntitiesForPolicyOutput extends PageOutput {
  PolicyGroups: { GroupName: string; GroupId: string }[];
  PolicyUsers: { UserName: string; UserId: string }[];
  PolicyRoles: { RoleName: string; RoleId: string }[];
}

const entityFields = { id: true, nameKey: true, name: true } as const;

export function listEntitiesForPolicy(caller: Caller, input: ListEntitiesForPolicyInput): Promise<ListEntitiesForPolicyOutput> {
  return operation(caller, { eventName: "ListEntitiesForPolicy", readOnly: true, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const filter = input.EntityFilter && checkEnum(input.EntityFilter, "entityFilter", ENTITY_TYPES, "User");
    const usage = input.PolicyUsageFilter && checkEnum(input.PolicyUsageFilter, "policyUsageFilter", POLICY_USAGE_FILTERS, "PermissionsPolicy");
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    const prisma = await db();
    const policy = await findPolicyForRequest(prisma, caller.accountId, arn);
    await authorize(caller, "iam:ListEntitiesForPolicy", arn, { context: policy ? resourceTagContext(toTags(policy.tags)) : {} });
    if (!policy) throw policyNotFound(arn);

    const accountId = caller.accountId;
    const asPolicy = usage !== "PermissionsBoundary";
    const asBoundary = usage !== "PermissionsPolicy";
    const attached = { attachments: { some: { policyId: policy.id } } };
    const using = (): Prisma.UserWhereInput & Prisma.RoleWhereInput => ({
      OR: [...(asPolicy ? [attached] : []), ...(asBoundary ? [{ permissionsBoundaryId: policy.id }] : [])],
    });
    const base = (after: After) => ({ accountId, path: { startsWith: pathPrefix }, ...after });
    const wants = (type: EntityType) => filter === undefined || filter === type;
    const take = (n: number) => ({ orderBy: [{ nameKey: "asc" as const }, { id: "asc" as const }], take: n, select: entityFields });

    const out: ListEntitiesForPolicyOutput = { PolicyGroups: [], PolicyUsers: [], PolicyRoles: [], IsTruncated: false };
    const sections = [];
    // Groups have no permissions boundary.
    if (wants("Group") && asPolicy) {
      sections.push(
        section("Group", (after, n) => prisma.group.findMany({ where: { ...base(after), ...attached }, ...take(n) }), (r) => ({ GroupName: r.name, GroupId: r.id }), out.PolicyGroups),
      );
    }
    if (wants("User")) {
      sections.push(
        section("User", (after, n) => prisma.user.findMany({ where: { AND: [base(after), using()] }, ...take(n) }), (r) => ({ UserName: r.name, UserId: r.id }), out.PolicyUsers),
      );
    }
    if (wants("Role")) {
      sections.push(
        section("Role", (after, n) => prisma.role.findMany({ where: { AND: [base(after), using()] }, ...take(n) }), (r) => ({ RoleName: r.name, RoleId: r.id }), out.PolicyRoles),
      );
    }
    return { ...out, ...(await pageSections(input, sections)) };
  });
}
