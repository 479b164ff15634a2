"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { groupHref } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import { createGroupWithAccess } from "@/lib/iam/console-groups";
import { readString, readStrings } from "@/lib/action-input";

// "Create user group": the group, the users added to it and the policies attached, in one call.

export async function createGroup(form: { groupName?: unknown; userNames?: unknown; policyArns?: unknown }): Promise<ActionResult<never>> {
  const groupName = readString(form.groupName);
  const userNames = readStrings(form.userNames ?? []);
  const policyArns = readStrings(form.policyArns ?? []);
  if (groupName === undefined || !userNames || !policyArns) return invalidFields({ form: "The form could not be read." });
  const caller = await requireCaller();
  let created: string;
  try {
    const out = await createGroupWithAccess(caller, { GroupName: groupName, UserNames: userNames, PolicyArns: policyArns });
    created = out.Group.GroupName;
    revalidatePath("/groups");
    if (out.UserNames.length > 0) revalidatePath("/users", "layout");
  } catch (err) {
    return failed(err);
  }
  return redirectWithFlash("/groups", { type: "success", content: `${created} user group created.`, link: { text: created, href: groupHref(created) } });
}
