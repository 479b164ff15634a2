import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { IamError } from "./errors";
import { DEFAULT_MINIMUM_PASSWORD_LENGTH, PASSWORD_POLICY_RANGES } from "./password-rules";
import { validationErrors, type ValidationFailure } from "./validation";

// The account's password policy (iam-facts §7): GetAccountPasswordPolicy,
// UpdateAccountPasswordPolicy, DeleteAccountPasswordPolicy. The operations act on the account,
// so they are authorized on "*". Without a policy, AWS's default rules apply (password-rules.ts).
// The rules are read where a password is set (login-profiles.ts), expiry at sign-in
// (password-expiry.ts), and AllowUsersToChangePassword by authorization (principal-policies.ts).

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  /** Output only: whether MaxPasswordAge is set. */
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** UpdateAccountPasswordPolicy: every member optional; an absent one takes its default, never the old value. */
export type UpdateAccountPasswordPolicyInput = Partial<Omit<PasswordPolicy, "ExpirePasswords">>;

export const noSuchPasswordPolicy = (accountId: string) =>
  new IamError("NoSuchEntity", `The Password Policy with domain name ${accountId} cannot be found.`);
const noPasswordPolicyToDelete = () => new IamError("NoSuchEntity", "The account policy with name PasswordPolicy cannot be found.");

interface PasswordPolicyRow {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  maxPasswordAge: number | null;
  passwordReusePrevention: number | null;
  hardExpiry: boolean;
}

export function toPasswordPolicy(row: PasswordPolicyRow): PasswordPolicy {
  return {
    MinimumPasswordLength: row.minimumPasswordLength,
    RequireSymbols: row.requireSymbols,
    RequireNumbers: row.requireNumbers,
    RequireUppercaseCharacters: row.requireUppercaseCharacters,
    RequireLowercaseCharacters: row.requireLowercaseCharacters,
    AllowUsersToChangePassword: row.allowUsersToChangePassword,
    ExpirePasswords: (row.maxPasswordAge ?? 0) > 0,
    ...(row.maxPasswordAge ? { MaxPasswordAge: row.maxPasswordAge } : {}),
    ...(row.passwordReusePrevention ? { PasswordReusePrevention: row.passwordReusePrevention } : {}),
    HardExpiry: row.hardExpiry,
  };
}

/** The account's policy, or null when it has none (AWS's default rules apply). No authorization: callers authorize. */
export async function readPasswordPolicy(prisma: Db | Tx, accountId: string): Promise<PasswordPolicy | null> {
  const row = await prisma.passwordPolicy.findUnique({ where: { accountId } });
  return row ? toPasswordPolicy(row) : null;
}

// ---- Validation -------------------------------------------------------------------------------

const RANGE_MEMBERS = [
  ["MinimumPasswordLength", "minimumPasswordLength"],
  ["MaxPasswordAge", "maxPasswordAge"],
  ["PasswordReusePrevention", "passwordReusePrevention"],
] as const;

/** The numeric members' ranges; every member out of range is reported. */
export function checkPasswordPolicyInput(input: UpdateAccountPasswordPolicyInput): void {
  const failures: ValidationFailure[] = [];
  for (const [name, member] of RANGE_MEMBERS) {
    const value = input[name];
    if (value === undefined) continue;
    const { min, max } = PASSWORD_POLICY_RANGES[name];
    // The Query protocol only carries integers here; anything else reaching this point is refused the same way.
    if (!Number.isInteger(value)) failures.push({ value, member, constraint: "Member must be an integer" });
    else if (value < min) failures.push({ value, member, constraint: `Member must have value greater than or equal to ${min}` });
    else if (value > max) failures.push({ value, member, constraint: `Member must have value less than or equal to ${max}` });
  }
  if (failures.length > 0) throw validationErrors(failures);
}

// ---- GetAccountPasswordPolicy -----------------------------------------------------------------

export function getAccountPasswordPolicy(caller: Caller): Promise<{ PasswordPolicy: PasswordPolicy }> {
  return operation(caller, { eventName: "GetAccountPasswordPolicy", readOnly: true }, async () => {
    await authorize(caller, "iam:GetAccountPasswordPolicy", "*");
    const policy = await readPasswordPolicy(await db(), caller.accountId);
    if (!policy) throw noSuchPasswordPolicy(caller.accountId);
    return { PasswordPolicy: policy };
  });
}

// ---- UpdateAccountPasswordPolicy --------------------------------------------------------------

/**
 * Replaces the whole policy. Complexity rules apply to passwords set from now on; a new
 * MaxPasswordAge applies at once to every existing password, since expiry is computed from the
 * last change whenever it is read.
 */
export function updateAccountPasswordPolicy(caller: Caller, input: UpdateAccountPasswordPolicyInput): Promise<void> {
  return operation(caller, { eventName: "UpdateAccountPasswordPolicy", readOnly: false, params: { ...input } }, async () => {
    checkPasswordPolicyInput(input);
    await authorize(caller, "iam:UpdateAccountPasswordPolicy", "*");
    const values = {
      minimumPasswordLength: input.MinimumPasswordLength ?? DEFAULT_MINIMUM_PASSWORD_LENGTH,
      requireSymbols: input.RequireSymbols ?? false,
      requireNumbers: input.RequireNumbers ?? false,
      requireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      requireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      allowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
      maxPasswordAge: input.MaxPasswordAge ?? null,
      passwordReusePrevention: input.PasswordReusePrevention ?? null,
      hardExpiry: input.HardExpiry ?? false,
    };
    await (await db()).passwordPolicy.upsert({
      where: { accountId: caller.accountId },
      create: { accountId: caller.accountId, ...values },
      update: values,
    });
  });
}

// ---- DeleteAccountPasswordPolicy --------------------------------------------------------------

/** Back to AWS's default rules; passwords stop expiring. */
export function deleteAccountPasswordPolicy(caller: Caller): Promise<void> {
  return operation(caller, { eventName: "DeleteAccountPasswordPolicy", readOnly: false }, async () => {
    await authorize(caller, "iam:DeleteAccountPasswordPolicy", "*");
    const { count } = await (await db()).passwordPolicy.deleteMany({ where: { accountId: caller.accountId } });
    if (count === 0) throw noPasswordPolicyToDelete();
  });
}
