"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { roleHref } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import { updateAssumeRolePolicy, updateRole } from "@/lib/iam/roles";
import { readString } from "@/lib/action-input";

// The role page's own actions (the ones it shares with users and groups are in
// components/entity-permissions/actions.ts): Edit, and Edit trust policy. Each goes back to
// the role's page.

function changed(roleName: string): void {
  revalidatePath(roleHref(roleName), "layout");
  revalidatePath("/roles");
}

/** UpdateRole: the summary's "Edit" (description and maximum session duration). */
export async function editRole(roleName: unknown, input: { description?: unknown; maxSessionDuration?: unknown }): Promise<ActionResult<never>> {
  const name = readString(roleName);
  const description = input.description === undefined ? undefined : readString(input.description);
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
  return redirectWithFlash(roleHref(name), { type: "success", content: `Role ${name} updated.` });
}

/** UpdateAssumeRolePolicy: "Edit trust policy" → "Update policy". */
export async function editTrustPolicy(roleName: unknown, policyDocument: unknown): Promise<ActionResult<never>> {
  const name = readString(roleName);
  const document = readString(policyDocument);
  if (!name) return invalidFields({ roleName: "Enter a role name." });
  if (document === undefined) return invalidFields({ policyDocument: "Enter a trust policy." });
  const caller = await requireCaller();
  try {
    await updateAssumeRolePolicy(caller, { RoleName: name, PolicyDocument: document });
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return redirectWithFlash(`${roleHref(name)}?section=trust_relationships`, { type: "success", content: `Trust policy updated for ${name}.` });
}
