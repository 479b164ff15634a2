"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import {
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  detachGroupPolicy,
  detachRolePolicy,
  detachUserPolicy,
  listEntitiesForPolicy,
} from "@/lib/iam/attachments";
import { createPolicy, deletePolicy, tagPolicy, untagPolicy } from "@/lib/iam/policies";
import { createPolicyVersion, deletePolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from "@/lib/iam/policy-versions";
import type { Tag } from "@/lib/iam/tags";
import { policyHref } from "./policy-href";

// The Policies pages' actions. Each reads its arguments for shape only (any value can arrive
// from the browser), checks the caller, calls lib/iam and revalidates what changed. Where the
// console makes several API calls for one button (delete a policy with its attachments and
// versions; attach to several entities), so does the action, in the console's order,
// stopping at the first failure.

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function texts(value: unknown, max = 100): string[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  return value.every((v): v is string => typeof v === "string") ? value : undefined;
}

function readTags(value: unknown): Tag[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 100) return undefined;
  const tags: Tag[] = [];
  for (const t of value) {
    if (!t || typeof t !== "object") return undefined;
    const { Key, Value } = t as Record<string, unknown>;
    if (typeof Key !== "string" || typeof Value !== "string") return undefined;
    tags.push({ Key, Value });
  }
  return tags;
}

function changed(arn: string): void {
  revalidatePath(policyHref(arn));
  revalidatePath("/policies");
}

/** CreatePolicy: "Create policy" on the review step. */
export async function createCustomerPolicy(input: {
  policyName?: unknown;
  description?: unknown;
  policyDocument?: unknown;
  tags?: unknown;
}): Promise<ActionResult<{ arn: string }>> {
  const name = text(input.policyName);
  const description = input.description === undefined ? "" : text(input.description);
  const document = text(input.policyDocument);
  const tags = readTags(input.tags);
  if (!name) return invalidFields({ policyName: "Enter a policy name." });
  if (description === undefined) return invalidFields({ description: "Enter a description." });
  if (document === undefined) return invalidFields({ policyDocument: "Enter a policy document." });
  if (!tags) return invalidFields({ tags: "Enter valid tags." });
  const caller = await requireCaller();
  try {
    const { Policy } = await createPolicy(caller, {
      PolicyName: name,
      PolicyDocument: document,
      ...(description ? { Description: description } : {}),
      ...(tags.length > 0 ? { Tags: tags } : {}),
    });
    revalidatePath("/policies");
    return succeeded({ arn: Policy.Arn }, `Policy ${Policy.PolicyName} created.`);
  } catch (err) {
    return failed(err);
  }
}

/**
 * The console's "Delete" of a customer managed policy: detaches it from every user, group and
 * role, deletes its versions other than the default, then deletes the policy.
 */
export async function deleteCustomerPolicy(policyArn: unknown): Promise<ActionResult<null>> {
  const arn = text(policyArn);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  const caller = await requireCaller();
  try {
    const entities = await listEntitiesForPolicy(caller, { PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy", MaxItems: 1000 });
    for (const u of entities.PolicyUsers) await detachUserPolicy(caller, { UserName: u.UserName, PolicyArn: arn });
    for (const g of entities.PolicyGroups) await detachGroupPolicy(caller, { GroupName: g.GroupName, PolicyArn: arn });
    for (const r of entities.PolicyRoles) await detachRolePolicy(caller, { RoleName: r.RoleName, PolicyArn: arn });
    const { Versions } = await listPolicyVersions(caller, { PolicyArn: arn });
    for (const v of Versions) if (!v.IsDefaultVersion) await deletePolicyVersion(caller, { PolicyArn: arn, VersionId: v.VersionId });
    await deletePolicy(caller, { PolicyArn: arn });
  } catch (err) {
    changed(arn);
    return failed(err);
  }
  revalidatePath("/policies");
  revalidatePath("/roles", "layout");
  return succeeded(null, `Policy ${arn.replace(/^.*\//, "")} deleted.`);
}

/** CreatePolicyVersion: "Edit" → "Save changes". */
export async function savePolicyVersion(
  policyArn: unknown,
  policyDocument: unknown,
  setAsDefault: unknown,
): Promise<ActionResult<{ versionId: string }>> {
  const arn = text(policyArn);
  const document = text(policyDocument);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  if (document === undefined) return invalidFields({ policyDocument: "Enter a policy document." });
  const caller = await requireCaller();
  try {
    const { PolicyVersion } = await createPolicyVersion(caller, { PolicyArn: arn, PolicyDocument: document, SetAsDefault: setAsDefault === true });
    changed(arn);
    return succeeded(
      { versionId: PolicyVersion.VersionId },
      `Policy ${arn.replace(/^.*\//, "")} updated: version ${PolicyVersion.VersionId} created${PolicyVersion.IsDefaultVersion ? " and set as the default" : ""}.`,
    );
  } catch (err) {
    return failed(err);
  }
}

/** SetDefaultPolicyVersion: "Set as default" on the Policy versions tab. */
export async function setDefaultVersion(policyArn: unknown, versionId: unknown): Promise<ActionResult<null>> {
  const arn = text(policyArn);
  const version = text(versionId);
  if (!arn || !version) return invalidFields({ versionId: "Choose a version." });
  const caller = await requireCaller();
  try {
    await setDefaultPolicyVersion(caller, { PolicyArn: arn, VersionId: version });
  } catch (err) {
    return failed(err);
  }
  changed(arn);
  return succeeded(null, `Version ${version} is now the default version.`);
}

/** DeletePolicyVersion for each chosen version: "Delete" on the Policy versions tab. */
export async function deleteVersions(policyArn: unknown, versionIds: unknown): Promise<ActionResult<null>> {
  const arn = text(policyArn);
  const versions = texts(versionIds, 5);
  if (!arn || !versions || versions.length === 0) return invalidFields({ versionIds: "Choose the versions to delete." });
  const caller = await requireCaller();
  try {
    for (const VersionId of versions) await deletePolicyVersion(caller, { PolicyArn: arn, VersionId });
  } catch (err) {
    changed(arn);
    return failed(err);
  }
  changed(arn);
  return succeeded(null, versions.length === 1 ? `Version ${versions[0]} deleted.` : `Versions ${versions.join(", ")} deleted.`);
}

export type EntityKind = "User" | "Group" | "Role";

function readEntities(value: unknown): { kind: EntityKind; name: string }[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) return undefined;
  const out: { kind: EntityKind; name: string }[] = [];
  for (const e of value) {
    if (!e || typeof e !== "object") return undefined;
    const { kind, name } = e as Record<string, unknown>;
    if ((kind !== "User" && kind !== "Group" && kind !== "Role") || typeof name !== "string") return undefined;
    out.push({ kind, name });
  }
  return out;
}

function entityPath(kind: EntityKind, name: string): string {
  return kind === "Role" ? `/roles/${encodeURIComponent(name)}` : kind === "User" ? `/users/${encodeURIComponent(name)}` : `/groups/${encodeURIComponent(name)}`;
}

/** Attach{User,Group,Role}Policy for each chosen entity: "Attach policy". */
export async function attachPolicyToEntities(policyArn: unknown, entities: unknown): Promise<ActionResult<null>> {
  const arn = text(policyArn);
  const chosen = readEntities(entities);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  if (!chosen) return invalidFields({ entities: "Choose at least one entity." });
  const caller = await requireCaller();
  try {
    for (const e of chosen) {
      if (e.kind === "User") await attachUserPolicy(caller, { UserName: e.name, PolicyArn: arn });
      else if (e.kind === "Group") await attachGroupPolicy(caller, { GroupName: e.name, PolicyArn: arn });
      else await attachRolePolicy(caller, { RoleName: e.name, PolicyArn: arn });
      revalidatePath(entityPath(e.kind, e.name));
    }
  } catch (err) {
    changed(arn);
    return failed(err);
  }
  changed(arn);
  return succeeded(null, `Policy ${arn.replace(/^.*\//, "")} attached to ${chosen.length === 1 ? chosen[0].name : `${chosen.length} entities`}.`);
}

/** Detach{User,Group,Role}Policy for each chosen entity: "Detach". */
export async function detachPolicyFromEntities(policyArn: unknown, entities: unknown): Promise<ActionResult<null>> {
  const arn = text(policyArn);
  const chosen = readEntities(entities);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  if (!chosen) return invalidFields({ entities: "Choose at least one entity." });
  const caller = await requireCaller();
  try {
    for (const e of chosen) {
      if (e.kind === "User") await detachUserPolicy(caller, { UserName: e.name, PolicyArn: arn });
      else if (e.kind === "Group") await detachGroupPolicy(caller, { GroupName: e.name, PolicyArn: arn });
      else await detachRolePolicy(caller, { RoleName: e.name, PolicyArn: arn });
      revalidatePath(entityPath(e.kind, e.name));
    }
  } catch (err) {
    changed(arn);
    return failed(err);
  }
  changed(arn);
  return succeeded(null, `Policy ${arn.replace(/^.*\//, "")} detached from ${chosen.length === 1 ? chosen[0].name : `${chosen.length} entities`}.`);
}

/** "Manage tags" → "Save changes": UntagPolicy for removed keys, TagPolicy for new and changed ones. */
export async function savePolicyTags(policyArn: unknown, changes: { set?: unknown; remove?: unknown }): Promise<ActionResult<null>> {
  const arn = text(policyArn);
  const set = readTags(changes.set ?? []);
  const remove = texts(changes.remove ?? []);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  if (!set || !remove) return invalidFields({ tags: "Enter valid tags." });
  const caller = await requireCaller();
  try {
    if (remove.length > 0) await untagPolicy(caller, { PolicyArn: arn, TagKeys: remove });
    if (set.length > 0) await tagPolicy(caller, { PolicyArn: arn, Tags: set });
  } catch (err) {
    changed(arn);
    return failed(err);
  }
  changed(arn);
  return succeeded(null, "Tags saved.");
}
