"use server";

import { revalidatePath } from "next/cache";
import { readString, readTags } from "@/lib/action-input";
import { failed, invalidFields, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { roleHref } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import { createRoleWithAccess } from "@/lib/iam/console-roles";

// "Create role": the calls the console makes, in its order: CreateRole (with the trust policy,
// description, maximum session duration, permissions boundary and tags), AttachRolePolicy for
// each chosen policy, and for an EC2 role an instance profile of the same name with the role
// in it — in one transaction (lib/iam/console-roles.ts): a failure leaves no role behind.

export interface CreateRoleFormInput {
  roleName?: unknown;
  description?: unknown;
  maxSessionDuration?: unknown;
  trustPolicy?: unknown;
  policyArns?: unknown;
  permissionsBoundaryArn?: unknown;
  tags?: unknown;
  instanceProfile?: unknown;
}

export async function createRoleFromWizard(input: CreateRoleFormInput): Promise<ActionResult<never>> {
  const roleName = readString(input.roleName);
  const description = input.description === undefined ? "" : readString(input.description);
  const trustPolicy = readString(input.trustPolicy);
  const duration = input.maxSessionDuration;
  const boundary = input.permissionsBoundaryArn === undefined ? undefined : readString(input.permissionsBoundaryArn);
  const policyArns = input.policyArns ?? [];
  const tags = readTags(input.tags);
  if (!roleName) return invalidFields({ roleName: "Enter a role name." });
  if (description === undefined) return invalidFields({ description: "Enter a description." });
  if (trustPolicy === undefined) return invalidFields({ trustPolicy: "Enter a trust policy." });
  if (typeof duration !== "number" || !Number.isFinite(duration)) return invalidFields({ maxSessionDuration: "Choose a maximum session duration." });
  if (!Array.isArray(policyArns) || policyArns.length > 20 || !policyArns.every((a) => typeof a === "string")) {
    return invalidFields({ policyArns: "Choose the policies to attach." });
  }
  if (input.permissionsBoundaryArn !== undefined && !boundary) return invalidFields({ permissionsBoundaryArn: "Choose a policy." });
  if (!tags) return invalidFields({ tags: "Enter valid tags." });

  const caller = await requireCaller();
  try {
    await createRoleWithAccess(caller, {
      RoleName: roleName,
      AssumeRolePolicyDocument: trustPolicy,
      ...(description ? { Description: description } : {}),
      MaxSessionDuration: duration,
      ...(boundary ? { PermissionsBoundary: boundary } : {}),
      ...(tags.length > 0 ? { Tags: tags } : {}),
      PolicyArns: policyArns as string[],
      InstanceProfile: input.instanceProfile === true,
    });
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/roles");
  revalidatePath("/policies", "layout");
  return redirectWithFlash(roleHref(roleName), { type: "success", content: `Role ${roleName} created.` });
}
