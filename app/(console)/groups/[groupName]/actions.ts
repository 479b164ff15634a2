"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { attachGroupPolicy, detachGroupPolicy } from "@/lib/iam/attachments";
import { addUserToGroup, removeUserFromGroup, updateGroup } from "@/lib/iam/groups";
import { deleteGroupPolicy, putGroupPolicy } from "@/lib/iam/inline-policies";
import { readNames, readString } from "../../users/read-input";

// The user group page's actions. A list (users to add, policies to attach) is one call per
// item, as the console makes them, stopping at the first failure.

function changed(groupName: string) {
  revalidatePath(`/groups/${encodeURIComponent(groupName)}`, "layout");
  revalidatePath("/groups");
  revalidatePath("/users", "layout");
}

/** "Edit": UpdateGroup with a new name. */
export async function renameGroup(groupName: unknown, newGroupName: unknown): Promise<ActionResult<{ GroupName: string }>> {
  const name = readString(groupName);
  const next = readString(newGroupName);
  if (!name || next === undefined) return invalidFields({ groupName: "Enter a user group name." });
  const caller = await requireCaller();
  try {
    await updateGroup(caller, { GroupName: name, NewGroupName: next });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  changed(next);
  return succeeded({ GroupName: next }, `User group ${name} renamed to ${next}.`);
}

export async function addUsers(groupName: unknown, userNames: unknown): Promise<ActionResult<null>> {
  const name = readString(groupName);
  const users = readNames(userNames);
  if (!name || !users) return invalidFields({ users: "Choose the users to add." });
  const caller = await requireCaller();
  try {
    for (const UserName of users) await addUserToGroup(caller, { GroupName: name, UserName });
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, users.length === 1 ? `User ${users[0]} added to ${name}.` : `${users.length} users added to ${name}.`);
}

export async function removeUsers(groupName: unknown, userNames: unknown): Promise<ActionResult<null>> {
  const name = readString(groupName);
  const users = readNames(userNames);
  if (!name || !users) return invalidFields({ users: "Choose the users to remove." });
  const caller = await requireCaller();
  try {
    for (const UserName of users) await removeUserFromGroup(caller, { GroupName: name, UserName });
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, users.length === 1 ? `User ${users[0]} removed from ${name}.` : `${users.length} users removed from ${name}.`);
}

export async function attachPolicies(groupName: unknown, policyArns: unknown): Promise<ActionResult<null>> {
  const name = readString(groupName);
  const arns = readNames(policyArns);
  if (!name || !arns) return invalidFields({ policies: "Choose the policies to attach." });
  const caller = await requireCaller();
  try {
    for (const PolicyArn of arns) await attachGroupPolicy(caller, { GroupName: name, PolicyArn });
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, arns.length === 1 ? `Policy attached to ${name}.` : `${arns.length} policies attached to ${name}.`);
}

/** "Remove" on the Permissions tab: detaches managed policies, deletes inline ones. */
export async function removeGroupPermissions(groupName: unknown, items: unknown): Promise<ActionResult<null>> {
  const name = readString(groupName);
  const list = Array.isArray(items) && items.length > 0 && items.length <= 100 ? items : undefined;
  const valid = list?.every((i) => i && typeof i === "object" && (i.kind === "managed" || i.kind === "inline") && typeof i.id === "string");
  if (!name || !list || !valid) return invalidFields({ policies: "Choose the policies to remove." });
  const caller = await requireCaller();
  try {
    for (const item of list as { kind: "managed" | "inline"; id: string }[]) {
      if (item.kind === "managed") await detachGroupPolicy(caller, { GroupName: name, PolicyArn: item.id });
      else await deleteGroupPolicy(caller, { GroupName: name, PolicyName: item.id });
    }
  } catch (err) {
    changed(name);
    return failed(err);
  }
  changed(name);
  return succeeded(null, list.length === 1 ? "Policy removed." : `${list.length} policies removed.`);
}

export async function saveGroupInlinePolicy(groupName: unknown, policyName: unknown, document: unknown): Promise<ActionResult<null>> {
  const name = readString(groupName);
  const policy = readString(policyName);
  const text = readString(document);
  if (!name || policy === undefined || text === undefined) return invalidFields({ policy: "Enter a policy name and document." });
  const caller = await requireCaller();
  try {
    await putGroupPolicy(caller, { GroupName: name, PolicyName: policy, PolicyDocument: text });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(null, `Policy ${policy} saved.`);
}
