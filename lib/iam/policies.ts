import "server-only";
import { db, Prisma, type Db, type Tx } from "@/lib/db";
import { denyReasonText } from "@/lib/iam/policy";
import { operation } from "./activity";
import { iamArn, parseArn } from "./arns";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { isForeignKeyViolation, isUniqueViolation, lockRow, reserveInAccount, write, writeLocked } from "./db-facts";
import { IamError, invalidArn, policyNotFound, quotaExceeded } from "./errors";
import { newId } from "./ids";
import { page, pageQuery } from "./listing";
import { cutPage, decodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";
import { MANAGED_POLICY_SIZE_MAX } from "./limits";
import { checkIdentityPolicy, checkPolicyDocumentParam, policySize } from "./policy-documents";
import { checkTagKeys, checkTags, requestTagContext, resourceTagContext, tagKeyKey, TAGS_PER_RESOURCE, toTags, type Tag } from "./tags";
import { checkArnMember, checkEnum, checkName, checkPathPrefix, DESCRIPTION_MAX, NAME_LIMITS, validationError } from "./validation";

// Managed policies: customer managed ones (accountId = the account) and AWS managed ones
// (accountId null, arn:aws:iam::aws:policy/…), which every account reads but none may change.
// Their versions live in policy-versions.ts; attachments in attachments.ts.

export interface Policy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
  Tags?: Tag[];
}

export const POLICY_SCOPES = ["All", "AWS", "Local"] as const;
export const POLICY_USAGE_FILTERS = ["PermissionsPolicy", "PermissionsBoundary"] as const;

/** Managed policy paths are stricter than entity paths: no `*`, only these characters (iam-facts §1). */
export const POLICY_PATH_PATTERN = /^(\/[A-Za-z0-9.,+@=_-]+)*\/$/;

// ---- shared by the policy operations ------------------------------------------------------

/** The counts AWS reports with a policy are this account's, also for AWS managed policies. */
export function policyCounts(accountId: string) {
  return {
    select: {
      attachments: { where: { accountId } },
      boundaryOfUsers: { where: { accountId } },
      boundaryOfRoles: { where: { accountId } },
    },
  } as const;
}

export type PolicyRow = {
  id: string;
  name: string;
  arn: string;
  path: string;
  defaultVersionId: string;
  isAttachable: boolean;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  _count: { attachments: number; boundaryOfUsers: number; boundaryOfRoles: number };
};

export function toPolicy(row: PolicyRow, extra: { description?: boolean; tags?: { key: string; value: string }[] } = {}): Policy {
  return {
    PolicyName: row.name,
    PolicyId: row.id,
    Arn: row.arn,
    Path: row.path,
    DefaultVersionId: row.defaultVersionId,
    AttachmentCount: row._count.attachments,
    PermissionsBoundaryUsageCount: row._count.boundaryOfUsers + row._count.boundaryOfRoles,
    IsAttachable: row.isAttachable,
    ...(extra.description && row.description ? { Description: row.description } : {}),
    CreateDate: row.createdAt,
    UpdateDate: row.updatedAt,
    ...(extra.tags && extra.tags.length > 0 ? { Tags: toTags(extra.tags) } : {}),
  };
}

/** Checks a PolicyArn parameter: length as the API model says, then the ARN's shape. */
export function checkPolicyArn(value: string | undefined, member = "policyArn"): string {
  const text = checkArnMember(value, member);
  const arn = parseArn(text);
  if (!arn || arn.service !== "iam" || arn.region !== "" || !/^policy\/(.+\/)?[^/]+$/.test(arn.resource)) throw invalidArn(text);
  return text;
}

export function isAwsManagedArn(arn: string): boolean {
  return parseArn(arn)?.account === "aws";
}

/**
 * AWS managed policies belong to AWS, not to the account: changing one is denied like any
 * request on another account's resource that no resource-based policy allows.
 */
export function refuseAwsManaged(caller: Caller, action: string, arn: string): void {
  if (isAwsManagedArn(arn)) {
    throw new IamError(
      "AccessDenied",
      `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${arn} ${denyReasonText("no resource-based policy allows", action)}`,
    );
  }
}

/** A managed policy the account can see: its own, or an AWS managed one. */
export function visiblePolicy(accountId: string, arn: string): Prisma.PolicyWhereInput {
  return { arn, OR: [{ accountId }, { accountId: null }] };
}

/** The policy's tags as request context, read before authorizing. */
export async function findPolicyForRequest(prisma: Db | Tx, accountId: string, arn: string) {
  return prisma.policy.findFirst({
    where: visiblePolicy(accountId, arn),
    select: { id: true, accountId: true, name: true, arn: true, path: true, isAttachable: true, tags: { select: { key: true, value: true } } },
  });
}

/** aws:ResourceTag/… of a policy (none for one that does not exist), for authorizing actions on it. */
export function policyResourceContext(policy: { tags: { key: string; value: string }[] } | null) {
  return policy ? resourceTagContext(toTags(policy.tags)) : {};
}

// ---- ListPolicies ---------------------------------------------------------------------------

export interface ListPoliciesInput extends PageInput {
  Scope?: (typeof POLICY_SCOPES)[number];
  OnlyAttached?: boolean;
  PathPrefix?: string;
  PolicyUsageFilter?: (typeof POLICY_USAGE_FILTERS)[number];
}

/** Policies visible to an account: its own customer managed policies and every AWS managed one. */
function visibleTo(accountId: string, scope: (typeof POLICY_SCOPES)[number]): Prisma.PolicyWhereInput {
  if (scope === "AWS") return { accountId: null };
  if (scope === "Local") return { accountId };
  return { OR: [{ accountId }, { accountId: null }] };
}

export function listPolicies(caller: Caller, input: ListPoliciesInput = {}): Promise<{ Policies: Policy[] } & PageOutput> {
  return operation(caller, { eventName: "ListPolicies", readOnly: true, params: { ...input } }, async () => {
    const scope = checkEnum(input.Scope, "scope", POLICY_SCOPES, "All");
    const usage = input.PolicyUsageFilter && checkEnum(input.PolicyUsageFilter, "policyUsageFilter", POLICY_USAGE_FILTERS, "PermissionsPolicy");
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListPolicies", "*");
    const accountId = caller.accountId;
    const q = pageQuery(input);
    const attachedHere = { some: { accountId } };
    const boundaryHere = { OR: [{ boundaryOfUsers: { some: { accountId } } }, { boundaryOfRoles: { some: { accountId } } }] };
    const where: Prisma.PolicyWhereInput = {
      AND: [
        visibleTo(accountId, scope),
        { path: { startsWith: pathPrefix } },
        // Any managed policy can serve as a permissions policy; only those in use as a
        // boundary count as boundaries.
        usage === "PermissionsBoundary"
          ? boundaryHere
          : !input.OnlyAttached
            ? {}
            : usage === "PermissionsPolicy"
              ? { attachments: attachedHere }
              : { OR: [{ attachments: attachedHere }, boundaryHere] },
        q.after,
      ],
    };
    const prisma = await db();
    const rows = await prisma.policy.findMany({
      where,
      orderBy: q.orderBy,
      take: q.take,
      include: { _count: policyCounts(accountId) },
    });
    const { items, ...rest } = page(rows, q.limit);
    return { Policies: items.map((r) => toPolicy(r)), ...rest };
  });
}

// ---- CreatePolicy ---------------------------------------------------------------------------

export interface CreatePolicyInput {
  PolicyName: string;
  Path?: string;
  PolicyDocument: string;
  Description?: string;
  Tags?: Tag[];
}

export function checkPolicyPath(value: string | undefined): string {
  if (value === undefined) return "/";
  if (value.length < 1 || value.length > 512) {
    throw validationError(value, "path", `Member must have length ${value.length < 1 ? "greater than or equal to 1" : "less than or equal to 512"}`);
  }
  if (!POLICY_PATH_PATTERN.test(value)) {
    throw validationError(value, "path", "Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
  }
  return value;
}

/** A managed policy version's document: an identity policy of Version 2012-10-17, at most 6,144 characters. */
export function checkManagedPolicyDocument(document: string): void {
  checkIdentityPolicy(document, "managed");
  if (policySize(document) > MANAGED_POLICY_SIZE_MAX) throw quotaExceeded("PolicySize", MANAGED_POLICY_SIZE_MAX);
}

export function createPolicy(caller: Caller, input: CreatePolicyInput): Promise<{ Policy: Policy }> {
  return operation(caller, { eventName: "CreatePolicy", readOnly: false, params: { ...input } }, async () => {
    const name = checkName(input.PolicyName, "policyName", NAME_LIMITS.policyName);
    const path = checkPolicyPath(input.Path);
    const document = checkPolicyDocumentParam(input.PolicyDocument);
    if (input.Description !== undefined && input.Description.length > DESCRIPTION_MAX) {
      throw validationError(input.Description, "description", `Member must have length less than or equal to ${DESCRIPTION_MAX}`);
    }
    const tags = checkTags(input.Tags, false);
    const accountId = caller.accountId;
    const arn = iamArn(accountId, "policy", path, name);
    await authorize(caller, "iam:CreatePolicy", arn, { context: requestTagContext(tags) });
    checkManagedPolicyDocument(document);

    const prisma = await db();
    try {
      const row = await prisma.$transaction(async (tx) => {
        await reserveInAccount(tx, accountId, "Policies");
        return tx.policy.create({
          data: {
            id: newId("policy"),
            accountId,
            name,
            nameKey: name.toLowerCase(),
            path,
            arn,
            description: input.Description || null,
            defaultVersionId: "v1",
            nextVersionNumber: 2,
            createdAt: caller.now,
            updatedAt: caller.now,
            versions: { create: { versionId: "v1", document, createdAt: caller.now } },
            tags: { create: tags.map((t) => ({ key: t.Key, keyKey: tagKeyKey(t.Key, false), value: t.Value ?? "" })) },
          },
          include: { _count: policyCounts(accountId), tags: { select: { key: true, value: true }, orderBy: { keyKey: "asc" } } },
        });
      });
      return { Policy: toPolicy(row, { description: true, tags: row.tags }) };
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new IamError("EntityAlreadyExists", `A policy called ${name} already exists. Duplicate names are not allowed.`);
      }
      throw err;
    }
  });
}

// ---- GetPolicy ------------------------------------------------------------------------------

export function getPolicy(caller: Caller, input: { PolicyArn: string }): Promise<{ Policy: Policy }> {
  return operation(caller, { eventName: "GetPolicy", readOnly: true, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const prisma = await db();
    const found = await findPolicyForRequest(prisma, caller.accountId, arn);
    await authorize(caller, "iam:GetPolicy", arn, { context: policyResourceContext(found) });
    const row = found
      ? await prisma.policy.findUnique({
          where: { id: found.id },
          include: { _count: policyCounts(caller.accountId), tags: { select: { key: true, value: true }, orderBy: { keyKey: "asc" } } },
        })
      : null;
    if (!row) throw policyNotFound(arn);
    return { Policy: toPolicy(row, { description: true, tags: row.tags }) };
  });
}

// ---- DeletePolicy ---------------------------------------------------------------------------

export function deletePolicy(caller: Caller, input: { PolicyArn: string }): Promise<Record<string, never>> {
  return operation(caller, { eventName: "DeletePolicy", readOnly: false, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const prisma = await db();
    const found = await findPolicyForRequest(prisma, caller.accountId, arn);
    await authorize(caller, "iam:DeletePolicy", arn, { context: policyResourceContext(found) });
    refuseAwsManaged(caller, "iam:DeletePolicy", arn);
    if (!found) throw policyNotFound(arn);
    await write((tx) => deletePolicyRow(tx, found, arn)).catch((err: unknown) => {
      // An attachment or boundary made by a concurrent request holds the row (Restrict).
      if (isForeignKeyViolation(err)) throw new IamError("DeleteConflict", DELETE_POLICY_CONFLICTS.inUse);
      throw err;
    });
    return {};
  });
}

export const DELETE_POLICY_CONFLICTS = {
  /** Also while the policy is a permissions boundary: it must be removed as one first. */
  inUse: "Cannot delete a policy attached to entities.",
  versions:
    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
} as const;

/** DeletePolicy's write: only a policy no entity uses, with its default version alone left. */
export async function deletePolicyRow(tx: Tx, policy: { id: string }, arn: string): Promise<void> {
  if (!(await lockRow(tx, "Policy", policy.id))) throw policyNotFound(arn);
  const { _count: used } = await tx.policy.findUniqueOrThrow({
    where: { id: policy.id },
    select: { _count: { select: { attachments: true, boundaryOfUsers: true, boundaryOfRoles: true, versions: true } } },
  });
  if (used.attachments + used.boundaryOfUsers + used.boundaryOfRoles > 0) throw new IamError("DeleteConflict", DELETE_POLICY_CONFLICTS.inUse);
  if (used.versions > 1) throw new IamError("DeleteConflict", DELETE_POLICY_CONFLICTS.versions);
  await tx.policy.delete({ where: { id: policy.id } });
}

// ---- TagPolicy / UntagPolicy / ListPolicyTags ----------------------------------------------

const TAGS_NOT_SUPPORTED = () => new IamError("InvalidInput", "Tags not supported for policies in this domain");

export function tagPolicy(caller: Caller, input: { PolicyArn: string; Tags: Tag[] }): Promise<Record<string, never>> {
  return operation(caller, { eventName: "TagPolicy", readOnly: false, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    if (!input.Tags || input.Tags.length === 0) throw validationError("[]", "tags", "Member must have length greater than or equal to 1");
    const tags = checkTags(input.Tags, false);
    const prisma = await db();
    const found = await findPolicyForRequest(prisma, caller.accountId, arn);
    await authorize(caller, "iam:TagPolicy", arn, { context: { ...policyResourceContext(found), ...requestTagContext(tags) } });
    if (isAwsManagedArn(arn)) throw TAGS_NOT_SUPPORTED();
    if (!found) throw policyNotFound(arn);
    await writeLocked("Policy", found.id, () => policyNotFound(arn), async (tx) => {
      for (const t of tags) {
        const keyKey = tagKeyKey(t.Key, false);
        await tx.tag.upsert({
          where: { policyId_keyKey: { policyId: found.id, keyKey } },
          create: { policyId: found.id, key: t.Key, keyKey, value: t.Value ?? "" },
          update: { key: t.Key, value: t.Value ?? "" },
        });
      }
      if ((await tx.tag.count({ where: { policyId: found.id } })) > TAGS_PER_RESOURCE) throw quotaExceeded("TagsPerPolicy", TAGS_PER_RESOURCE);
    });
    return {};
  });
}

export function untagPolicy(caller: Caller, input: { PolicyArn: string; TagKeys: string[] }): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UntagPolicy", readOnly: false, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const keys = checkTagKeys(input.TagKeys);
    const prisma = await db();
    const found = await findPolicyForRequest(prisma, caller.accountId, arn);
    await authorize(caller, "iam:UntagPolicy", arn, { context: { ...policyResourceContext(found), ...(keys.length ? { "aws:TagKeys": keys } : {}) } });
    if (isAwsManagedArn(arn)) throw TAGS_NOT_SUPPORTED();
    if (!found) throw policyNotFound(arn);
    await prisma.tag.deleteMany({ where: { policyId: found.id, keyKey: { in: keys.map((k) => tagKeyKey(k, false)) } } });
    return {};
  });
}

export function listPolicyTags(caller: Caller, input: { PolicyArn: string } & PageInput): Promise<{ Tags: Tag[] } & PageOutput> {
  return operation(caller, { eventName: "ListPolicyTags", readOnly: true, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const limit = maxItems(input);
    const after = decodeMarker(input.Marker);
    const prisma = await db();
    const found = await findPolicyForRequest(prisma, caller.accountId, arn);
    await authorize(caller, "iam:ListPolicyTags", arn, { context: policyResourceContext(found) });
    if (!found) throw policyNotFound(arn);
    const rows = await prisma.tag.findMany({
      where: { policyId: found.id, ...(after !== undefined ? { keyKey: { gt: after } } : {}) },
      orderBy: { keyKey: "asc" },
      take: limit + 1,
      select: { key: true, keyKey: true, value: true },
    });
    const { items, ...rest } = cutPage(rows, limit, (r) => r.keyKey);
    return { Tags: toTags(items), ...rest };
  });
}
