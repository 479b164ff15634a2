"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { attachRolePolicy } from "@/lib/iam/attachments";
import { isIamError } from "@/lib/iam/errors";
import { addRoleToInstanceProfile, createInstanceProfile } from "@/lib/iam/instance-profiles";
import { createRole } from "@/lib/iam/roles";
import type { Tag } from "@/lib/iam/tags";

// "Create role": the calls the console makes, in its order: CreateRole (with the trust policy,
// description, maximum session duration, permissions boundary and tags), AttachRolePolicy for
// each chosen policy, and for an EC2 role an instance profile of the same name with the role
// in it. A failure after CreateRole leaves the role created, and says so.

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

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function readTags(value: unknown): Tag[] | undefined {
  if (value === undefined) return [];
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

export async function createRoleFromWizard(input: CreateRoleFormInput): Promise<ActionResult<{ roleName: string }>> {
  const roleName = text(input.roleName);
  const description = input.description === undefined ? "" : text(input.description);
  const trustPolicy = text(input.trustPolicy);
  const duration = input.maxSessionDuration;
  const boundary = input.permissionsBoundaryArn === undefined ? undefined : text(input.permissionsBoundaryArn);
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
    await createRole(caller, {
      RoleName: roleName,
      AssumeRolePolicyDocument: trustPolicy,
      ...(description ? { Description: description } : {}),
      MaxSessionDuration: duration,
      ...(boundary ? { PermissionsBoundary: boundary } : {}),
      ...(tags.length > 0 ? { Tags: tags } : {}),
    });
  } catch (err) {
    return failed(err);
  }
  revalidatePath("/roles");
  try {
    for (const PolicyArn of policyArns as string[]) await attachRolePolicy(caller, { RoleName: roleName, PolicyArn });
    if (input.instanceProfile === true) {
      await createInstanceProfile(caller, { InstanceProfileName: roleName });
      await addRoleToInstanceProfile(caller, { InstanceProfileName: roleName, RoleName: roleName });
    }
  } catch (err) {
    if (!isIamError(err)) throw err;
    revalidatePath("/policies", "layout");
    return {
      ok: false,
      error: { code: err.code, message: `Role ${roleName} was created, but not all of its settings were applied: ${err.message}` },
    };
  }
  revalidatePath("/policies", "layout");
  return succeeded({ roleName }, `Role ${roleName} created.`);
}
