"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { createGroupWithAccess } from "@/lib/iam/console-groups";
import { readString, readStrings } from "../../users/read-input";

// "Create user group": the group, the users added to it and the policies attached, in one call.

export async function createGroup(form: { groupName?: unknown; userNames?: unknown; policyArns?: unknown }): Promise<ActionResult<{ GroupName: string }>> {
  const groupName = readString(form.groupName);
  const userNames = readStrings(form.userNames ?? []);
  const policyArns = readStrings(form.policyArns ?? []);
  if (groupName === undefined || !userNames || !policyArns) return invalidFields({ form: "The form could not be read." });
  const caller = await requireCaller();
  try {
    const out = await createGroupWithAccess(caller, { GroupName: groupName, UserNames: userNames, PolicyArns: policyArns });
    revalidatePath("/groups");
    if (out.UserNames.length > 0) revalidatePath("/users", "layout");
    return succeeded({ GroupName: out.Group.GroupName }, `User group ${out.Group.GroupName} created.`);
  } catch (err) {
    return failed(err);
  }
}
