"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { deleteRoleWithDependencies, type DeleteRoleWithDependenciesOutput } from "@/lib/iam/roles-console";

// The Roles list's action: the console's "Delete" (roles, with what they depend on).

function readRoleNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) return undefined;
  return value.every((v): v is string => typeof v === "string" && v.length > 0) ? value : undefined;
}

export interface DeleteRolesOutput {
  deleted: string[];
  results: DeleteRoleWithDependenciesOutput[];
}

/**
 * Deletes the selected roles one after the other, each with its instance profiles, attached
 * and inline policies (as the console's dialog does). Stops at the first failure; the roles
 * deleted before it stay deleted, and the result names them.
 */
export async function deleteRoles(roleNames: unknown): Promise<ActionResult<DeleteRolesOutput>> {
  const names = readRoleNames(roleNames);
  if (!names) return invalidFields({ roleNames: "Choose the roles to delete." });
  const caller = await requireCaller();
  const deleted: string[] = [];
  const results: DeleteRoleWithDependenciesOutput[] = [];
  try {
    for (const RoleName of names) {
      results.push(await deleteRoleWithDependencies(caller, { RoleName }));
      deleted.push(RoleName);
    }
  } catch (err) {
    if (deleted.length > 0) revalidatePath("/roles");
    return failed(err);
  } finally {
    for (const name of deleted) revalidatePath(`/roles/${encodeURIComponent(name)}`);
  }
  revalidatePath("/roles");
  revalidatePath("/policies", "layout");
  return succeeded({ deleted, results }, names.length === 1 ? `Role ${names[0]} deleted.` : `${names.length} roles deleted.`);
}
