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
} from "@/lib/iam/attachments";
import { createPolicy, tagPolicy, untagPolicy } from "@/lib/iam/policies";
import { deletePolicyWithDependencies } from "@/lib/iam/policies-console";
import { createPolicyVersion, deletePolicyVersion, setDefaultPolicyVersion } from "@/lib/iam/policy-versions";
import { readString, readStrings, readTags } from "@/lib/action-input";
import { entityHref, policyHref, type EntityKind } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import { VERSIONS_PER_POLICY } from "@/lib/iam/limits";

// The Policies pages' actions. Each reads its arguments for shape only (any value can arrive
// from the browser), checks the caller, calls lib/iam and revalidates what changed. Where the
// console makes several API calls for one button (delete a policy with its attachments and
// versions; attach to several entities), so does the action, in the console's order,
// stopping at the first failure.

function policyName(arn: string): string {
  return arn.replace(/^.*\//, "");
}

function changed(arn: string): void {
  revalidatePath(policyHref(arn));
  revalidatePath("/policies");
}

/** CreatePolicy: "Create policy" on the review step; the console then shows the new policy. */
export async function createCustomerPolicy(input: {
  policyName?: unknown;
  description?: unknown;
  policyDocument?: unknown;
  tags?: unknown;
}): Promise<ActionResult<never>> {
  const name = readString(input.policyName);
  const description = input.description === undefined ? "" : readString(input.description);
  const document = readString(input.policyDocument);
  const tags = readTags(input.tags);
  if (!name) return invalidFields({ policyName: "Enter a policy name." });
  if (description === undefined) return invalidFields({ description: "Enter a description." });
  if (document === undefined) return invalidFields({ policyDocument: "Enter a policy document." });
  if (!tags) return invalidFields({ tags: "Enter valid tags." });
  const caller = await requireCaller();
  let created: { Arn: string; PolicyName: string };
  try {
    const { Policy } = await createPolicy(caller, {
      PolicyName: name,
      PolicyDocument: document,
      ...(description ? { Description: description } : {}),
      ...(tags.length > 0 ? { Tags: tags } : {}),
    });
    created = Policy;
    revalidatePath("/policies");
  } catch (err) {
    return failed(err);
  }
  return redirectWithFlash(policyHref(created.Arn), { type: "success", content: `Policy ${created.PolicyName} created.` });
}

/**
 * The console's "Delete" of a customer managed policy: detaches it from every user, group and
 * role, deletes its versions other than the default, then deletes the policy — all or nothing.
 */
export async function deleteCustomerPolicy(policyArn: unknown, from: unknown = "list"): Promise<ActionResult<null>> {
  const arn = readString(policyArn);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  const caller = await requireCaller();
  try {
    await deletePolicyWithDependencies(caller, { PolicyArn: arn });
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/policies");
  revalidatePath("/roles", "layout");
  const message = `Policy ${policyName(arn)} deleted.`;
  // From the policy's own page there is nothing left to show: back to the list.
  if (from === "details") return redirectWithFlash("/policies", { type: "success", content: message });
  return succeeded(null, message);
}

/** CreatePolicyVersion: "Edit" → "Save changes"; the console then shows the policy's permissions. */
export async function savePolicyVersion(policyArn: unknown, policyDocument: unknown, setAsDefault: unknown): Promise<ActionResult<never>> {
  const arn = readString(policyArn);
  const document = readString(policyDocument);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  if (document === undefined) return invalidFields({ policyDocument: "Enter a policy document." });
  const caller = await requireCaller();
  let version: { VersionId: string; IsDefaultVersion: boolean };
  try {
    ({ PolicyVersion: version } = await createPolicyVersion(caller, { PolicyArn: arn, PolicyDocument: document, SetAsDefault: setAsDefault === true }));
  } catch (err) {
    return failed(err);
  }
  changed(arn);
  return redirectWithFlash(`${policyHref(arn)}?section=permissions`, {
    type: "success",
    content: `Policy ${policyName(arn)} updated: version ${version.VersionId} created${version.IsDefaultVersion ? " and set as the default" : ""}.`,
  });
}

/** SetDefaultPolicyVersion: "Set as default" on the Policy versions tab. */
export async function setDefaultVersion(policyArn: unknown, versionId: unknown): Promise<ActionResult<null>> {
  const arn = readString(policyArn);
  const version = readString(versionId);
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
  const arn = readString(policyArn);
  const versions = readStrings(versionIds, VERSIONS_PER_POLICY);
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

export type { EntityKind };

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

const ATTACHMENT_CALLS = {
  attach: { User: attachUserPolicy, Group: attachGroupPolicy, Role: attachRolePolicy, done: "attached to" },
  detach: { User: detachUserPolicy, Group: detachGroupPolicy, Role: detachRolePolicy, done: "detached from" },
} as const;

/**
 * Attach{User,Group,Role}Policy or Detach…Policy for each chosen entity, as the console makes
 * them: one call per entity in order, stopping at the first failure (earlier calls stand).
 */
async function changeAttachments(mode: "attach" | "detach", policyArn: unknown, entities: unknown): Promise<ActionResult<null>> {
  const arn = readString(policyArn);
  const chosen = readEntities(entities);
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  if (!chosen) return invalidFields({ entities: "Choose at least one entity." });
  const calls = ATTACHMENT_CALLS[mode];
  const caller = await requireCaller();
  try {
    for (const e of chosen) {
      if (e.kind === "User") await calls.User(caller, { UserName: e.name, PolicyArn: arn });
      else if (e.kind === "Group") await calls.Group(caller, { GroupName: e.name, PolicyArn: arn });
      else await calls.Role(caller, { RoleName: e.name, PolicyArn: arn });
      revalidatePath(entityHref(e.kind, e.name));
    }
  } catch (err) {
    changed(arn);
    return failed(err);
  }
  changed(arn);
  const what = chosen.length === 1 ? chosen[0].name : `${chosen.length} entities`;
  return succeeded(null, `Policy ${policyName(arn)} ${calls.done} ${what}.`);
}

/** "Attach policy" / "Detach policy" pages: the change, then back to the policy's entities. */
export async function changeAttachmentsAndReturn(mode: unknown, policyArn: unknown, entities: unknown): Promise<ActionResult<never>> {
  if (mode !== "attach" && mode !== "detach") return invalidFields({ mode: "Choose attach or detach." });
  const result = await changeAttachments(mode, policyArn, entities);
  if (!result.ok) return result;
  return redirectWithFlash(`${policyHref(policyArn as string)}?section=entities_attached`, { type: "success", content: result.message ?? "" });
}

/** "Detach" on the policy's Entities attached tab, which stays on screen. */
export async function detachPolicyFromEntities(policyArn: unknown, entities: unknown): Promise<ActionResult<null>> {
  return changeAttachments("detach", policyArn, entities);
}

/** "Manage tags" → "Save changes": UntagPolicy for removed keys, TagPolicy for new and changed ones. */
export async function savePolicyTags(policyArn: unknown, changes: { set?: unknown; remove?: unknown }): Promise<ActionResult<null>> {
  const arn = readString(policyArn);
  const set = readTags(changes.set ?? []);
  const remove = readStrings(changes.remove ?? []);
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
