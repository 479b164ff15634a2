"use server";

import { revalidatePath } from "next/cache";
import { readString } from "@/lib/action-input";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { redirectWithFlash } from "@/lib/flash";
import type { Caller } from "@/lib/iam/caller";
import { createAccountAlias, deleteAccountAlias } from "@/lib/iam/accounts";
import { isIamError } from "@/lib/iam/errors";
import { deleteAccountPasswordPolicy, updateAccountPasswordPolicy, type UpdateAccountPasswordPolicyInput } from "@/lib/iam/password-policy";
import { ACCOUNT_SETTINGS_HREF } from "./account-settings-paths";

// The Account settings page's actions. Each reads its arguments for shape only (any value can
// arrive from the browser; the ranges are UpdateAccountPasswordPolicy's to refuse), checks the
// caller, makes the one IAM call the console makes for the button, and revalidates.

const NUMBER_MEMBERS = ["MinimumPasswordLength", "MaxPasswordAge", "PasswordReusePrevention"] as const;
const BOOLEAN_MEMBERS = [
  "RequireSymbols",
  "RequireNumbers",
  "RequireUppercaseCharacters",
  "RequireLowercaseCharacters",
  "AllowUsersToChangePassword",
  "HardExpiry",
] as const;

/** The policy the form sent, null for "IAM default", or undefined when it is not one. */
function readPolicyInput(value: unknown): UpdateAccountPasswordPolicyInput | null | undefined {
  if (value === null) return null;
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const input: Record<string, number | boolean> = {};
  for (const key of NUMBER_MEMBERS) {
    if (v[key] === undefined) continue;
    if (typeof v[key] !== "number" || !Number.isSafeInteger(v[key])) return undefined;
    input[key] = v[key];
  }
  for (const key of BOOLEAN_MEMBERS) {
    if (v[key] === undefined) continue;
    if (typeof v[key] !== "boolean") return undefined;
    input[key] = v[key];
  }
  return input as UpdateAccountPasswordPolicyInput;
}

/** DeleteAccountPasswordPolicy, for which an account without a policy is already done. */
async function removePasswordPolicy(caller: Caller): Promise<void> {
  try {
    await deleteAccountPasswordPolicy(caller);
  } catch (err) {
    if (!isIamError(err) || err.code !== "NoSuchEntity") throw err;
  }
}

/**
 * "Save changes" on Edit password policy: Custom replaces the whole policy
 * (UpdateAccountPasswordPolicy); "IAM default" removes it (DeleteAccountPasswordPolicy). Then back to Account settings.
 */
export async function savePasswordPolicy(policy: unknown): Promise<ActionResult<never>> {
  const input = readPolicyInput(policy);
  if (input === undefined) return invalidFields({ form: "The form could not be read." });
  const caller = await requireCaller();
  try {
    await (input ? updateAccountPasswordPolicy(caller, input) : removePasswordPolicy(caller));
    revalidatePath(ACCOUNT_SETTINGS_HREF, "layout");
  } catch (err) {
    return failed(err);
  }
  return redirectWithFlash(ACCOUNT_SETTINGS_HREF, { type: "success", content: "Password policy updated." });
}

// The alias is shown by the whole console (the account menu, the dashboard, sign-in URLs).
function aliasChanged(): void {
  revalidatePath("/", "layout");
}

/** "Create" or "Edit" of the account alias: CreateAccountAlias, which replaces an alias the account has. */
export async function saveAccountAlias(alias: unknown): Promise<ActionResult<null>> {
  const name = readString(alias);
  if (name === undefined) return invalidFields({ alias: "Enter an alias." });
  const caller = await requireCaller();
  try {
    await createAccountAlias(caller, { AccountAlias: name });
  } catch (err) {
    return failed(err);
  }
  aliasChanged();
  return succeeded(null, `Account alias ${name} saved.`);
}

/** "Delete" of the account alias: DeleteAccountAlias. */
export async function removeAccountAlias(alias: unknown): Promise<ActionResult<null>> {
  const name = readString(alias);
  if (name === undefined) return invalidFields({ alias: "The alias could not be read." });
  const caller = await requireCaller();
  try {
    await deleteAccountAlias(caller, { AccountAlias: name });
  } catch (err) {
    return failed(err);
  }
  aliasChanged();
  return succeeded(null, `Account alias ${name} deleted.`);
}
