import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import type { Caller } from "./caller";
import { hashPassword, verifyPassword } from "./crypto";
import { lockRow } from "./db-facts";
import { IamError, noSuchUser } from "./errors";
import {
  DEFAULT_PASSWORD_RULES,
  PASSWORD_MAX,
  PASSWORD_PATTERN,
  PASSWORD_POLICY_VIOLATION,
  passwordProblems,
  type PasswordRules,
} from "./password-rules";
import { authorizeOnUser, EXISTING_USER_NAME_MAX, findUser } from "./users";
import { checkName, missingMember } from "./validation";

// Login profiles: an IAM user's console password (iam-facts §7). The password is hashed, never
// stored; each password set is also kept in the user's password history, which the account's
// PasswordReusePrevention checks. Passwords follow the account's password policy, or AWS's
// default rules when it has none.

export interface LoginProfile {
  UserName: string;
  CreateDate: Date;
  PasswordResetRequired: boolean;
}

export const loginProfileAlreadyExists = (userName: string) =>
  new IamError("EntityAlreadyExists", `Login Profile for user ${userName} already exists.`);
export const noSuchLoginProfile = (userName: string) =>
  new IamError("NoSuchEntity", `Login Profile for User ${userName} cannot be found.`);

/**
 * The password member's own checks. AWS does not echo a sensitive value in the message, so
 * unlike other ValidationErrors it has no "Value '…'".
 */
export function checkPasswordParam(password: string | undefined, member = "password"): string {
  if (password === undefined) throw missingMember(member);
  const fail = (constraint: string) =>
    new IamError("ValidationError", `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`);
  if (password.length < 1) throw fail("Member must have length greater than or equal to 1");
  if (password.length > PASSWORD_MAX) throw fail(`Member must have length less than or equal to ${PASSWORD_MAX}`);
  if (!PASSWORD_PATTERN.test(password)) {
    throw fail("Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  }
  return password;
}

/** The rules the account's passwords follow: its password policy, or AWS's default. */
export async function passwordRulesFor(prisma: Db | Tx, accountId: string): Promise<PasswordRules> {
  const policy = await prisma.passwordPolicy.findUnique({ where: { accountId } });
  if (!policy) return DEFAULT_PASSWORD_RULES;
  return {
    Custom: true,
    MinimumPasswordLength: policy.minimumPasswordLength,
    RequireSymbols: policy.requireSymbols,
    RequireNumbers: policy.requireNumbers,
    RequireUppercaseCharacters: policy.requireUppercaseCharacters,
    RequireLowercaseCharacters: policy.requireLowercaseCharacters,
    RequireThreeCharacterTypes: false,
    ...(policy.passwordReusePrevention ? { PasswordReusePrevention: policy.passwordReusePrevention } : {}),
  };
}

/** What the default rules forbid as a password: the account's ID, alias and root e-mail. */
async function accountNames(prisma: Db | Tx, accountId: string): Promise<string[]> {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId }, select: { alias: true, rootEmail: true } });
  return [accountId, account.rootEmail, ...(account.alias ? [account.alias] : [])];
}

/**
 * Sets a user's password inside the caller's transaction: checks it against the account's rules
 * (and, on a change, the reuse prevention), then writes the login profile and a history row.
 * The caller has authorized the action and locked the user.
 */
export async function writeLoginProfile(
  tx: Tx,
  caller: Caller,
  user: { id: string; name: string },
  password: string,
  passwordResetRequired: boolean,
  mode: "create" | "update",
): Promise<{ createdAt: Date; passwordResetRequired: boolean }> {
  const rules = await passwordRulesFor(tx, caller.accountId);
  if (passwordProblems(password, rules, await accountNames(tx, caller.accountId)).length > 0) {
    throw new IamError("PasswordPolicyViolation", PASSWORD_POLICY_VIOLATION);
  }
  if (mode === "update" && rules.PasswordReusePrevention) {
    const recent = await tx.passwordHistory.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      take: rules.PasswordReusePrevention,
      select: { passwordHash: true },
    });
    for (const old of recent) {
      if (await verifyPassword(password, old.passwordHash)) throw new IamError("PasswordPolicyViolation", PASSWORD_POLICY_VIOLATION);
    }
  }
  const passwordHash = await hashPassword(password);
  await tx.passwordHistory.create({ data: { userId: user.id, passwordHash, createdAt: caller.now } });
  if (mode === "create") {
    const row = await tx.loginProfile.create({
      data: { userId: user.id, passwordHash, passwordResetRequired, passwordChangedAt: caller.now, createdAt: caller.now },
    });
    return { createdAt: row.createdAt, passwordResetRequired: row.passwordResetRequired };
  }
  const row = await tx.loginProfile.update({
    where: { userId: user.id },
    data: { passwordHash, passwordResetRequired, passwordChangedAt: caller.now },
  });
  return { createdAt: row.createdAt, passwordResetRequired: row.passwordResetRequired };
}

const checkUserName = (value: string | undefined) => checkName(value, "userName", EXISTING_USER_NAME_MAX);

// ---- CreateLoginProfile -------------------------------------------------------------------

export interface CreateLoginProfileInput {
  UserName: string;
  Password: string;
  PasswordResetRequired?: boolean;
}

export function createLoginProfile(caller: Caller, input: CreateLoginProfileInput): Promise<{ LoginProfile: LoginProfile }> {
  return operation(caller, { eventName: "CreateLoginProfile", readOnly: false, params: { ...input } }, async () => {
    const userName = checkUserName(input.UserName);
    const password = checkPasswordParam(input.Password);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:CreateLoginProfile", userName, await findUser(prisma, caller.accountId, userName));
    const written = await prisma.$transaction(async (tx) => {
      if (!(await lockRow(tx, "User", user.id))) throw noSuchUser(userName);
      if (await tx.loginProfile.findUnique({ where: { userId: user.id }, select: { userId: true } })) {
        throw loginProfileAlreadyExists(user.name);
      }
      return writeLoginProfile(tx, caller, user, password, input.PasswordResetRequired ?? false, "create");
    });
    return { LoginProfile: { UserName: user.name, CreateDate: written.createdAt, PasswordResetRequired: written.passwordResetRequired } };
  });
}

// ---- GetLoginProfile ----------------------------------------------------------------------

export function getLoginProfile(caller: Caller, input: { UserName: string }): Promise<{ LoginProfile: LoginProfile }> {
  return operation(caller, { eventName: "GetLoginProfile", readOnly: true, params: { ...input } }, async () => {
    const userName = checkUserName(input.UserName);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:GetLoginProfile", userName, await findUser(prisma, caller.accountId, userName));
    const profile = await prisma.loginProfile.findUnique({ where: { userId: user.id } });
    if (!profile) throw noSuchLoginProfile(user.name);
    return { LoginProfile: { UserName: user.name, CreateDate: profile.createdAt, PasswordResetRequired: profile.passwordResetRequired } };
  });
}

// ---- UpdateLoginProfile -------------------------------------------------------------------

export interface UpdateLoginProfileInput {
  UserName: string;
  /** Absent: only PasswordResetRequired changes. */
  Password?: string;
  PasswordResetRequired?: boolean;
}

/** An administrator's reset of a user's console password. */
export function updateLoginProfile(caller: Caller, input: UpdateLoginProfileInput): Promise<void> {
  return operation(caller, { eventName: "UpdateLoginProfile", readOnly: false, params: { ...input } }, async () => {
    const userName = checkUserName(input.UserName);
    const password = input.Password === undefined ? undefined : checkPasswordParam(input.Password);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:UpdateLoginProfile", userName, await findUser(prisma, caller.accountId, userName));
    await prisma.$transaction(async (tx) => {
      if (!(await lockRow(tx, "User", user.id))) throw noSuchUser(userName);
      const profile = await tx.loginProfile.findUnique({ where: { userId: user.id }, select: { passwordResetRequired: true } });
      if (!profile) throw noSuchLoginProfile(user.name);
      const resetRequired = input.PasswordResetRequired ?? profile.passwordResetRequired;
      if (password === undefined) {
        await tx.loginProfile.update({ where: { userId: user.id }, data: { passwordResetRequired: resetRequired } });
        return;
      }
      await writeLoginProfile(tx, caller, user, password, resetRequired, "update");
    });
  });
}

// ---- DeleteLoginProfile -------------------------------------------------------------------

/** Removes console access; the user's access keys are not affected. */
export function deleteLoginProfile(caller: Caller, input: { UserName: string }): Promise<void> {
  return operation(caller, { eventName: "DeleteLoginProfile", readOnly: false, params: { ...input } }, async () => {
    const userName = checkUserName(input.UserName);
    const prisma = await db();
    const user = await authorizeOnUser(caller, "iam:DeleteLoginProfile", userName, await findUser(prisma, caller.accountId, userName));
    const { count } = await prisma.loginProfile.deleteMany({ where: { userId: user.id } });
    if (count === 0) throw noSuchLoginProfile(user.name);
  });
}
