"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { attachRolePolicy, detachRolePolicy } from "@/lib/iam/attachments";
import { deleteRolePolicy, putRolePolicy } from "@/lib/iam/inline-policies";
import {
  deleteRolePermissionsBoundary,
  putRolePermissionsBoundary,
  tagRole,
  untagRole,
  updateAssumeRolePolicy,
  updateRole,
} from "@/lib/iam/roles";
import type { Tag } from "@/lib/iam/tags";

// The role detail page's actions. Each reads its arguments for shape only (any value can
// arrive from the browser), checks the caller, calls lib/iam, and revalidates the pages whose
// data changed. Where the console makes several calls for one button (Remove of several
// policies, Save of tags), so does the action, in the console's order, stopping at the first
// failure.

function roleHref(roleName: string): string {
  return `/roles/${encodeURIComponent(roleName)}`;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function texts(value: unknown, max = 100): string[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  return value.every((v): v is string => typeof v === "string") ? value : undefined;
}

function readTags(value: unknown): Tag[] | undefined {
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

function changed(roleName: string): void {
  revalidatePath(roleHref(roleName));
  revalidatePath("/roles");
}

/** UpdateRole: the summary's "Edit" (description and maximum session duration). */
export async function editRole(
  roleName: unknown,
  input: { description?: unknown; maxSessionDuration?: unknown },
): Promise<ActionResult<null>> {
  const name = text(roleName);
  const description = input.description === undefined ? undefined : text(input.description);
  const duration = input.maxSessionDuration;
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (input.description !== undefined && description === undefined) return invalidFields({ description: "Enter a description." });
  if (duration !== undefined && (typeof duration !== "number" || !Number.isFinite(duration))) {
    return invalidFields({ maxSessionDuration: "Choose a maximum session duration." });
  }
  const caller = await requireCaller();
  try {
    await updateRole(caller, {
      RoleName: name,
      ...(description !== undefined ? { Description: description } : {}),
      ...(typeof duration === "number" ? { MaxSessionDuration: duration } : {}),
    });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Role ${name} updated.`);
}

/** UpdateAssumeRolePolicy: "Edit trust policy" → "Update policy". */
export async function editTrustPolicy(roleName: unknown, policyDocument: unknown): Promise<ActionResult<null>> {
  const name = text(roleName);
  const document = text(policyDocument);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (document === undefined) return invalidFields({ policyDocument: "Enter a trust policy." });
  const caller = await requireCaller();
  try {
    await updateAssumeRolePolicy(caller, { RoleName: name, PolicyDocument: document });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Trust policy updated for ${name}.`);
}

/** AttachRolePolicy for each chosen policy: "Add permissions" ▸ "Attach policies". */
export async function attachRolePolicies(roleName: unknown, policyArns: unknown): Promise<ActionResult<{ attached: string[] }>> {
  const name = text(roleName);
  const arns = texts(policyArns, 20);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (!arns || arns.length === 0) return invalidFields({ policyArns: "Choose at least one policy." });
  const caller = await requireCaller();
  const attached: string[] = [];
  try {
    for (const arn of arns) {
      await attachRolePolicy(caller, { RoleName: name, PolicyArn: arn });
      attached.push(arn);
    }
  } catch (err) {
    if (attached.length > 0) changed(name);
    return failed(err);
  }
  changed(name);
  revalidatePath("/policies", "layout");
  return succeeded(
    { attached },
    attached.length === 1 ? `Policy was successfully attached to role.` : `Policies were successfully attached to role.`,
  );
}

/**
 * "Remove" in the Permissions policies table: DetachRolePolicy for managed policies and
 * DeleteRolePolicy for inline ones.
 */
export async function removeRolePermissions(
  roleName: unknown,
  input: { policyArns?: unknown; inlinePolicyNames?: unknown },
): Promise<ActionResult<null>> {
  const name = text(roleName);
  const arns = texts(input.policyArns ?? []);
  const inline = texts(input.inlinePolicyNames ?? []);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (!arns || !inline || arns.length + inline.length === 0) return invalidFields({ policies: "Choose the policies to remove." });
  const caller = await requireCaller();
  try {
    for (const arn of arns) await detachRolePolicy(caller, { RoleName: name, PolicyArn: arn });
    for (const policyName of inline) await deleteRolePolicy(caller, { RoleName: name, PolicyName: policyName });
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  revalidatePath("/policies", "layout");
  const count = arns.length + inline.length;
  return succeeded(null, count === 1 ? "Policy removed." : `${count} policies removed.`);
}

/** PutRolePolicy: "Create inline policy" (or edit one) → "Create policy" / "Save changes". */
export async function saveRoleInlinePolicy(
  roleName: unknown,
  policyName: unknown,
  policyDocument: unknown,
): Promise<ActionResult<null>> {
  const name = text(roleName);
  const pName = text(policyName);
  const document = text(policyDocument);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (!pName) return invalidFields({ policyName: "Enter a policy name." });
  if (document === undefined) return invalidFields({ policyDocument: "Enter a policy document." });
  const caller = await requireCaller();
  try {
    await putRolePolicy(caller, { RoleName: name, PolicyName: pName, PolicyDocument: document });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Policy ${pName} saved.`);
}

/** PutRolePermissionsBoundary: "Set permissions boundary" / "Change boundary". */
export async function setRolePermissionsBoundary(roleName: unknown, policyArn: unknown): Promise<ActionResult<null>> {
  const name = text(roleName);
  const arn = text(policyArn);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (!arn) return invalidFields({ policyArn: "Choose a policy." });
  const caller = await requireCaller();
  try {
    await putRolePermissionsBoundary(caller, { RoleName: name, PermissionsBoundary: arn });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  revalidatePath("/policies", "layout");
  return succeeded(null, `Permissions boundary set for ${name}.`);
}

/** DeleteRolePermissionsBoundary: "Remove boundary". */
export async function removeRolePermissionsBoundary(roleName: unknown): Promise<ActionResult<null>> {
  const name = text(roleName);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  const caller = await requireCaller();
  try {
    await deleteRolePermissionsBoundary(caller, { RoleName: name });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  revalidatePath("/policies", "layout");
  return succeeded(null, `Permissions boundary removed from ${name}.`);
}

/** "Manage tags" → "Save changes": UntagRole for removed keys, TagRole for new and changed ones. */
export async function saveRoleTags(roleName: unknown, changes: { set?: unknown; remove?: unknown }): Promise<ActionResult<null>> {
  const name = text(roleName);
  const set = readTags(changes.set ?? []);
  const remove = texts(changes.remove ?? []);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (!set || !remove) return invalidFields({ tags: "Enter valid tags." });
  const caller = await requireCaller();
  try {
    if (remove.length > 0) await untagRole(caller, { RoleName: name, TagKeys: remove });
    if (set.length > 0) await tagRole(caller, { RoleName: name, Tags: set });
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Tags saved for ${name}.`);
}
