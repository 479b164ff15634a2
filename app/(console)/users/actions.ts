"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { deleteUserWithDependencies, listUserDependencies, type UserDependencies } from "@/lib/iam/users-console";
import { readNames } from "./read-input";

// The Users list's actions: what the delete dialog lists, and the console's "Delete".

/** listUserDependencies for each user the dialog names (a read, when the dialog opens). */
export async function loadUserDependencies(userNames: unknown): Promise<ActionResult<UserDependencies[]>> {
  const names = readNames(userNames);
  if (!names) return invalidFields({ userNames: "Choose the users to delete." });
  const caller = await requireCaller();
  try {
    return succeeded(await Promise.all(names.map((UserName) => listUserDependencies(caller, { UserName }))));
  } catch (err) {
    return failed(err);
  }
}

/**
 * Deletes the selected users one after the other, each with its password, access keys, MFA
 * devices, policies and group memberships, as the console's dialog does. Stops at the first
 * failure; users deleted before it stay deleted, and the message names them.
 */
export async function deleteUsers(userNames: unknown): Promise<ActionResult<{ deleted: string[] }>> {
  const names = readNames(userNames);
  if (!names) return invalidFields({ userNames: "Choose the users to delete." });
  const caller = await requireCaller();
  const deleted: string[] = [];
  try {
    for (const UserName of names) {
      await deleteUserWithDependencies(caller, { UserName });
      deleted.push(UserName);
    }
  } catch (err) {
    return failed(err);
  } finally {
    if (deleted.length > 0) {
      revalidatePath("/users", "layout");
      revalidatePath("/groups", "layout");
    }
  }
  return succeeded({ deleted }, names.length === 1 ? `User ${names[0]} deleted.` : `${names.length} users deleted.`);
}
