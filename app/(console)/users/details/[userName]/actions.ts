"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { userHref } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import { addUserPermissions, type AddedPermissions } from "@/lib/iam/console-users";
import { removeUserFromGroup } from "@/lib/iam/groups";
import { readNames, readString, readStrings } from "@/lib/action-input";

// The user page's own actions (the ones it shares with groups and roles are in
// components/entity-permissions/actions.ts): Add permissions, and Remove on the Groups tab.

function changed(userName: string) {
  revalidatePath(userHref(userName), "layout");
  revalidatePath("/users");
  revalidatePath("/groups", "layout");
  revalidatePath("/policies", "layout");
}

/** "Add permissions": groups, policies or another user's permissions, in one go; then the user's page. */
export async function addPermissions(
  userName: unknown,
  choices: { groupNames?: unknown; policyArns?: unknown; copyPermissionsFrom?: unknown },
): Promise<ActionResult<never>> {
  const name = readString(userName);
  const groupNames = readStrings(choices.groupNames ?? []);
  const policyArns = readStrings(choices.policyArns ?? []);
  const copy = choices.copyPermissionsFrom === undefined ? undefined : readString(choices.copyPermissionsFrom);
  if (!name || !groupNames || !policyArns) return invalidFields({ permissions: "Choose the permissions to add." });
  const caller = await requireCaller();
  let added: AddedPermissions;
  try {
    added = await addUserPermissions(caller, { UserName: name, GroupNames: groupNames, PolicyArns: policyArns, ...(copy ? { CopyPermissionsFrom: copy } : {}) });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  const section = groupNames.length > 0 ? "groups" : "permissions";
  return redirectWithFlash(`${userHref(name)}?section=${section}`, { type: "success", content: addedMessage(name, added) });
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

/** "Remove" on the Groups tab. */
export async function removeFromGroups(userName: unknown, groupNames: unknown): Promise<ActionResult<null>> {
  const name = readString(userName);
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
