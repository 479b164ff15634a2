"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { groupHref } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import { addUserToGroup, removeUserFromGroup, updateGroup } from "@/lib/iam/groups";
import { readNames, readString } from "@/lib/action-input";

// The user group page's own actions (the ones it shares with users and roles are in
// components/entity-permissions/actions.ts): rename, and the members. A list of users is one
// call per user, as the console makes them, stopping at the first failure.

function changed(groupName: string) {
  revalidatePath(groupHref(groupName), "layout");
  revalidatePath("/groups");
  revalidatePath("/users", "layout");
}

/** "Edit": UpdateGroup with a new name; then the group's page under its new name. */
export async function renameGroup(groupName: unknown, newGroupName: unknown): Promise<ActionResult<never>> {
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
  return redirectWithFlash(groupHref(next), { type: "success", content: `User group ${name} renamed to ${next}.` });
}

/** "Add users": then the group's page. */
export async function addUsers(groupName: unknown, userNames: unknown): Promise<ActionResult<never>> {
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
  return redirectWithFlash(groupHref(name), {
    type: "success",
    content: users.length === 1 ? `User ${users[0]} added to ${name}.` : `${users.length} users added to ${name}.`,
  });
}

/** "Remove" on the Users tab. */
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
