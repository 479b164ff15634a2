import "server-only";
import { db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { lockRow, write, writeLocked } from "./db-facts";
import { IamError, invalidMarker, noSuchPolicyVersion, policyNotFound } from "./errors";
import { VERSIONS_PER_POLICY } from "./limits";
import { decodeMarker, encodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";
import { checkPolicyDocumentParam } from "./policy-documents";
import { checkManagedPolicyDocument, checkPolicyArn, findPolicyForRequest, refuseAwsManaged } from "./policies";
import { resourceTagContext, toTags } from "./tags";
import { missingMember, validationError } from "./validation";

// Versions of managed policies. A customer managed policy keeps up to five; version IDs
// count up from v1 and are never reused (Policy.nextVersionNumber). AWS managed policies
// carry only their current default version (docs/decisions/004).

/** The edit page shows the limit. */
export { VERSIONS_PER_POLICY };
const VERSION_ID_PATTERN = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;

export interface PolicyVersion {
  Document?: string;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: Date;
}

export function checkVersionId(value: string | undefined): string {
  if (value === undefined) throw missingMember("versionId");
  if (!VERSION_ID_PATTERN.test(value)) {
    throw validationError(value, "versionId", "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
  }
  return value;
}

function versionNumber(versionId: string): number {
  return Number.parseInt(versionId.slice(1), 10);
}

async function requestFacts(caller: Caller, arn: string) {
  const found = await findPolicyForRequest(await db(), caller.accountId, arn);
  return { found, context: found ? resourceTagContext(toTags(found.tags)) : {} };
}

// ---- CreatePolicyVersion --------------------------------------------------------------------

export interface CreatePolicyVersionInput {
  PolicyArn: string;
  PolicyDocument: string;
  SetAsDefault?: boolean;
}

export function createPolicyVersion(caller: Caller, input: CreatePolicyVersionInput): Promise<{ PolicyVersion: PolicyVersion }> {
  return operation(caller, { eventName: "CreatePolicyVersion", readOnly: false, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const document = checkPolicyDocumentParam(input.PolicyDocument);
    const { found, context } = await requestFacts(caller, arn);
    await authorize(caller, "iam:CreatePolicyVersion", arn, { context });
    refuseAwsManaged(caller, "iam:CreatePolicyVersion", arn);
    if (!found) throw policyNotFound(arn);
    checkManagedPolicyDocument(document);
    const setAsDefault = input.SetAsDefault === true;
    // The policy row serializes version changes, so the count is the real one.
    const version = await writeLocked("Policy", found.id, () => policyNotFound(arn), async (tx) => {
      const policy = await tx.policy.findUniqueOrThrow({
        where: { id: found.id },
        select: { nextVersionNumber: true, _count: { select: { versions: true } } },
      });
      if (policy._count.versions >= VERSIONS_PER_POLICY) {
        throw new IamError(
          "LimitExceeded",
          `A managed policy can have up to ${VERSIONS_PER_POLICY} versions. Before you create a new version, you must delete an existing version.`,
        );
      }
      const versionId = `v${policy.nextVersionNumber}`;
      const created = await tx.policyVersion.create({ data: { policyId: found.id, versionId, document, createdAt: caller.now } });
      await tx.policy.update({
        where: { id: found.id },
        data: {
          nextVersionNumber: policy.nextVersionNumber + 1,
          // UpdateDate is when the newest version was created.
          updatedAt: caller.now,
          ...(setAsDefault ? { defaultVersionId: versionId } : {}),
        },
      });
      return created;
    });
    return { PolicyVersion: { VersionId: version.versionId, IsDefaultVersion: setAsDefault, CreateDate: version.createdAt } };
  });
}

// ---- GetPolicyVersion -----------------------------------------------------------------------

export function getPolicyVersion(caller: Caller, input: { PolicyArn: string; VersionId: string }): Promise<{ PolicyVersion: PolicyVersion }> {
  return operation(caller, { eventName: "GetPolicyVersion", readOnly: true, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const versionId = checkVersionId(input.VersionId);
    const { found, context } = await requestFacts(caller, arn);
    await authorize(caller, "iam:GetPolicyVersion", arn, { context });
    const row = found
      ? await (await db()).policyVersion.findUnique({
          where: { policyId_versionId: { policyId: found.id, versionId } },
          include: { policy: { select: { defaultVersionId: true } } },
        })
      : null;
    if (!row) throw noSuchPolicyVersion(arn, versionId);
    return {
      PolicyVersion: {
        Document: row.document,
        VersionId: row.versionId,
        IsDefaultVersion: row.policy.defaultVersionId === row.versionId,
        CreateDate: row.createdAt,
      },
    };
  });
}

// ---- ListPolicyVersions ---------------------------------------------------------------------

/** Newest first, as AWS lists them. At most five versions, so they are sorted here. */
export function listPolicyVersions(caller: Caller, input: { PolicyArn: string } & PageInput): Promise<{ Versions: PolicyVersion[] } & PageOutput> {
  return operation(caller, { eventName: "ListPolicyVersions", readOnly: true, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const limit = maxItems(input);
    const after = decodeMarker(input.Marker);
    const { found, context } = await requestFacts(caller, arn);
    await authorize(caller, "iam:ListPolicyVersions", arn, { context });
    const policy = found
      ? await (await db()).policy.findUnique({
          where: { id: found.id },
          select: { defaultVersionId: true, versions: { select: { versionId: true, createdAt: true } } },
        })
      : null;
    if (!policy) throw policyNotFound(arn);
    const versions = policy.versions.sort((a, b) => versionNumber(b.versionId) - versionNumber(a.versionId));
    let start = 0;
    if (after !== undefined) {
      if (!VERSION_ID_PATTERN.test(after)) throw invalidMarker();
      start = versions.findIndex((v) => versionNumber(v.versionId) < versionNumber(after));
      if (start < 0) start = versions.length;
    }
    const items = versions.slice(start, start + limit);
    const truncated = start + limit < versions.length;
    return {
      Versions: items.map((v) => ({ VersionId: v.versionId, IsDefaultVersion: v.versionId === policy.defaultVersionId, CreateDate: v.createdAt })),
      IsTruncated: truncated,
      ...(truncated ? { Marker: encodeMarker(items[items.length - 1].versionId) } : {}),
    };
  });
}

// ---- DeletePolicyVersion / SetDefaultPolicyVersion ----------------------------------------

export function deletePolicyVersion(caller: Caller, input: { PolicyArn: string; VersionId: string }): Promise<Record<string, never>> {
  return operation(caller, { eventName: "DeletePolicyVersion", readOnly: false, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const versionId = checkVersionId(input.VersionId);
    const { found, context } = await requestFacts(caller, arn);
    await authorize(caller, "iam:DeletePolicyVersion", arn, { context });
    refuseAwsManaged(caller, "iam:DeletePolicyVersion", arn);
    if (!found) throw noSuchPolicyVersion(arn, versionId);
    await write((tx) => deleteVersionRow(tx, found, arn, versionId));
    return {};
  });
}

/** DeletePolicyVersion's write: any version but the default one. */
export async function deleteVersionRow(tx: Tx, policy: { id: string }, arn: string, versionId: string): Promise<void> {
  if (!(await lockRow(tx, "Policy", policy.id))) throw noSuchPolicyVersion(arn, versionId);
  const { defaultVersionId } = await tx.policy.findUniqueOrThrow({ where: { id: policy.id }, select: { defaultVersionId: true } });
  if (defaultVersionId === versionId) throw new IamError("DeleteConflict", "Cannot delete the default version of a policy.");
  const { count } = await tx.policyVersion.deleteMany({ where: { policyId: policy.id, versionId } });
  if (count === 0) throw noSuchPolicyVersion(arn, versionId);
}

export function setDefaultPolicyVersion(caller: Caller, input: { PolicyArn: string; VersionId: string }): Promise<Record<string, never>> {
  return operation(caller, { eventName: "SetDefaultPolicyVersion", readOnly: false, params: { ...input } }, async () => {
    const arn = checkPolicyArn(input.PolicyArn);
    const versionId = checkVersionId(input.VersionId);
    const { found, context } = await requestFacts(caller, arn);
    await authorize(caller, "iam:SetDefaultPolicyVersion", arn, { context });
    refuseAwsManaged(caller, "iam:SetDefaultPolicyVersion", arn);
    if (!found) throw noSuchPolicyVersion(arn, versionId);
    await writeLocked("Policy", found.id, () => noSuchPolicyVersion(arn, versionId), async (tx) => {
      const version = await tx.policyVersion.findUnique({ where: { policyId_versionId: { policyId: found.id, versionId } }, select: { versionId: true } });
      if (!version) throw noSuchPolicyVersion(arn, versionId);
      await tx.policy.update({ where: { id: found.id }, data: { defaultVersionId: versionId } });
    });
    return {};
  });
}
