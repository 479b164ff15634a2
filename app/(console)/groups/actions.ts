"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { deleteGroupWithDependencies, listGroupDependencies, type GroupDependencies } from "@/lib/iam/console-groups";
import { readNames } from "../users/read-input";

// The User groups list's actions: what the delete dialog lists, and the console's "Delete".

export async function loadGroupDependencies(groupNames: unknown): Promise<ActionResult<GroupDependencies[]>> {
  const names = readNames(groupNames);
  if (!names) return invalidFields({ groupNames: "Choose the groups to delete." });
  const caller = await requireCaller();
  try {
    return succeeded(await Promise.all(names.map((GroupName) => listGroupDependencies(caller, { GroupName }))));
  } catch (err) {
    return failed(err);
  }
}

/**
 * Deletes the selected groups one after the other, each after removing its members and its
 * policies, as the console does. Stops at the first failure; groups deleted before it stay deleted.
 */
export async function deleteGroups(groupNames: unknown): Promise<ActionResult<{ deleted: string[] }>> {
  const names = readNames(groupNames);
  if (!names) return invalidFields({ groupNames: "Choose the groups to delete." });
  const caller = await requireCaller();
  const deleted: string[] = [];
  try {
    for (const GroupName of names) {
      await deleteGroupWithDependencies(caller, { GroupName });
      deleted.push(GroupName);
    }
  } catch (err) {
    return failed(err);
  } finally {
    if (deleted.length > 0) {
      revalidatePath("/groups", "layout");
      revalidatePath("/users", "layout");
    }
  }
  return succeeded({ deleted }, names.length === 1 ? `User group ${names[0]} deleted.` : `${names.length} user groups deleted.`);
}
