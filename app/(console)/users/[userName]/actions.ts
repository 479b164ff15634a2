"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { detachUserPolicy } from "@/lib/iam/attachments";
import { addUserPermissions, type AddedPermissions } from "@/lib/iam/console-users";
import { removeUserFromGroup } from "@/lib/iam/groups";
import { deleteUserPolicy, putUserPolicy } from "@/lib/iam/inline-policies";
import { deleteUserPermissionsBoundary, putUserPermissionsBoundary, tagUser, untagUser } from "@/lib/iam/users";
import { readNames, readString, readStrings } from "../read-input";

// The user page's actions. Each reads its arguments for shape only, checks the caller and
// calls lib/iam; a list (policies to remove, groups to leave) is one call per item, as the
// console makes them, stopping at the first failure.

function changed(userName: string) {
  revalidatePath(`/users/${encodeURIComponent(userName)}`, "layout");
  revalidatePath("/users");
  revalidatePath("/groups", "layout");
}

const userNameOf = (value: unknown) => {
  const name = readString(value);
  return name ? name : undefined;
};

/** "Add permissions": groups, policies or another user's permissions, in one go. */
export async function addPermissions(
  userName: unknown,
  choices: { groupNames?: unknown; policyArns?: unknown; copyPermissionsFrom?: unknown },
): Promise<ActionResult<AddedPermissions>> {
  const name = userNameOf(userName);
  const groupNames = readStrings(choices.groupNames ?? []);
  const policyArns = readStrings(choices.policyArns ?? []);
  const copy = choices.copyPermissionsFrom === undefined ? undefined : readString(choices.copyPermissionsFrom);
  if (!name || !groupNames || !policyArns) return invalidFields({ permissions: "Choose the permissions to add." });
  const caller = await requireCaller();
  try {
    const added = await addUserPermissions(caller, { UserName: name, GroupNames: groupNames, PolicyArns: policyArns, ...(copy ? { CopyPermissionsFrom: copy } : {}) });
    changed(name);
    return succeeded(added, addedMessage(name, added));
  } catch (err) {
    return failed(err);
  }
}

const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** "Permissions added to Samy: added to group DeveloperGroup, 1 policy attached." */
function addedMessage(userName: string, added: AddedPermissions): string {
  const parts = [
    ...(added.GroupNames.length === 1 ? [`added to group ${added.GroupNames[0]}`] : []),
    ...(added.GroupNames.length > 1 ? [`added to ${added.GroupNames.length} groups`] : []),
    ...(added.AttachedPolicyArns.length > 0 ? [`${count(added.AttachedPolicyArns.length, "policy", "policies")} attached`] : []),
    ...(added.InlinePolicyNames.length > 0 ? [`${count(added.InlinePolicyNames.length, "inline policy", "inline policies")} copied`] : []),
  ];
  return parts.length > 0 ? `Permissions added to ${userName}: ${parts.join(", ")}.` : `No permissions to add to ${userName}.`;
}

export interface PermissionToRemove {
  kind: "managed" | "inline";
  /** The policy ARN (managed) or name (inline). */
  id: string;
}

/** "Remove" on the Permissions tab: detaches managed policies, deletes inline ones. */
export async function removePermissions(userName: unknown, items: unknown): Promise<ActionResult<null>> {
  const name = userNameOf(userName);
  const list = Array.isArray(items) && items.length > 0 && items.length <= 100 ? items : undefined;
  const valid = list?.every((i) => i && typeof i === "object" && (i.kind === "managed" || i.kind === "inline") && typeof i.id === "string");
  if (!name || !list || !valid) return invalidFields({ policies: "Choose the policies to remove." });
  const caller = await requireCaller();
  try {
    for (const item of list as PermissionToRemove[]) {
      if (item.kind === "managed") await detachUserPolicy(caller, { UserName: name, PolicyArn: item.id });
      else await deleteUserPolicy(caller, { UserName: name, PolicyName: item.id });
    }
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, list.length === 1 ? "Policy removed." : `${list.length} policies removed.`);
}

/** "Remove" on the Groups tab. */
export async function removeFromGroups(userName: unknown, groupNames: unknown): Promise<ActionResult<null>> {
  const name = userNameOf(userName);
  const groups = readNames(groupNames);
  if (!name || !groups) return invalidFields({ groups: "Choose the groups to remove the user from." });
  const caller = await requireCaller();
  try {
    for (const GroupName of groups) await removeUserFromGroup(caller, { GroupName, UserName: name });
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, groups.length === 1 ? `User removed from group ${groups[0]}.` : `User removed from ${groups.length} groups.`);
}

/** Create or edit an inline policy: PutUserPolicy. */
export async function saveInlinePolicy(userName: unknown, policyName: unknown, document: unknown): Promise<ActionResult<null>> {
  const name = userNameOf(userName);
  const policy = readString(policyName);
  const text = readString(document);
  if (!name || policy === undefined || text === undefined) return invalidFields({ policy: "Enter a policy name and document." });
  const caller = await requireCaller();
  try {
    await putUserPolicy(caller, { UserName: name, PolicyName: policy, PolicyDocument: text });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Policy ${policy} saved.`);
}

/** "Set permissions boundary" / "Change boundary". */
export async function setPermissionsBoundary(userName: unknown, policyArn: unknown): Promise<ActionResult<null>> {
  const name = userNameOf(userName);
  const arn = readString(policyArn);
  if (!name || !arn) return invalidFields({ boundary: "Choose a policy to use as the permissions boundary." });
  const caller = await requireCaller();
  try {
    await putUserPermissionsBoundary(caller, { UserName: name, PermissionsBoundary: arn });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Permissions boundary set for ${name}.`);
}

export async function removePermissionsBoundary(userName: unknown): Promise<ActionResult<null>> {
  const name = userNameOf(userName);
  if (!name) return invalidFields({ userName: "Enter a user name." });
  const caller = await requireCaller();
  try {
    await deleteUserPermissionsBoundary(caller, { UserName: name });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Permissions boundary removed from ${name}.`);
}

function readTags(value: unknown): { Key: string; Value: string }[] | undefined {
  if (!Array.isArray(value) || value.length > 50) return undefined;
  const ok = value.every((t) => t && typeof t === "object" && typeof t.Key === "string" && typeof t.Value === "string");
  return ok ? value.map((t: { Key: string; Value: string }) => ({ Key: t.Key, Value: t.Value })) : undefined;
}

/** "Manage tags": UntagUser for the removed keys, TagUser for the new and changed ones. */
export async function saveUserTags(userName: unknown, changes: { set?: unknown; remove?: unknown }): Promise<ActionResult<null>> {
  const name = userNameOf(userName);
  const set = readTags(changes.set ?? []);
  const remove = readStrings(changes.remove ?? []);
  if (!name) return invalidFields({ userName: "Enter a user name." });
  if (!set || !remove) return invalidFields({ tags: "Enter valid tags." });
  const caller = await requireCaller();
  try {
    if (remove.length > 0) await untagUser(caller, { UserName: name, TagKeys: remove });
    if (set.length > 0) await tagUser(caller, { UserName: name, Tags: set });
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Tags saved for ${name}.`);
}
