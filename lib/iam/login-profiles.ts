import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { hashPassword, verifyPassword } from "./crypto";
import { lockRow } from "./db-facts";
import { IamError, noSuchUser } from "./errors";
import { passwordExpiry } from "./password-expiry";
import {
  DEFAULT_PASSWORD_RULES,
  PASSWORD_MAX,
  PASSWORD_PATTERN,
  PASSWORD_POLICY_RANGES,
  PASSWORD_POLICY_VIOLATION,
  passwordProblems,
  passwordReuseRule,
  type PasswordRules,
} from "./password-rules";
import { resourceTagContext, toTags } from "./tags";
import { authorizeOnUser, EXISTING_USER_NAME_MAX, findUser } from "./users";
import { checkName, missingMember } from "./validation";

// Login profiles: an IAM user's console password (iam-facts §7). The password is hashed, never
// stored; each password set is also kept in the user's password history, which the account's
// PasswordReusePrevention checks. Passwords follow the account's password policy, or AWS's
// default rules when it has none. Also here: ChangePassword (a user's own password), the root
// user's password change, and the state of a login profile that sign-in acts on (reset
// required, expired under MaxPasswordAge).

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
 * PasswordPolicyViolation with the rules the password failed, for the console to list. The
 * message stays AWS's; the API sends only the code and message.
 */
export class PasswordPolicyViolationError extends IamError {
  readonly failedRules: string[];

  constructor(failedRules: string[]) {
    super("PasswordPolicyViolation", PASSWORD_POLICY_VIOLATION);
    this.name = "PasswordPolicyViolationError";
    this.failedRules = failedRules;
  }

  override toJSON(): { code: "PasswordPolicyViolation"; message: string; failedRules: string[] } {
    return { code: "PasswordPolicyViolation", message: this.message, failedRules: this.failedRules };
  }
}

/**
 * ChangePassword from anything but an IAM user: root, a role session, a federated user.
 * AWS documents the code; the message is this simulation's (unverified).
 */
export const invalidUserType = () => new IamError("InvalidUserType", "The specified user type is not valid.");

/**
 * A wrong OldPassword. AWS documents no code for it (iam-facts §16): AccessDenied is this
 * simulation's choice, as for any failed proof of identity; the message is ours (unverified).
 */
export const wrongOldPassword = () => new IamError("AccessDenied", "The old password is incorrect.");

/**
 * How many earlier passwords a user's history keeps: the most PasswordReusePrevention can ask
 * to compare against.
 */
export const PASSWORD_HISTORY_KEPT = PASSWORD_POLICY_RANGES.PasswordReusePrevention.max;

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

/** Whether the password is one of the user's last `count` passwords (the current one included). */
async function reusesRecentPassword(tx: Tx, userId: string, password: string, count: number): Promise<boolean> {
  const recent = await tx.passwordHistory.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: count,
    select: { passwordHash: true },
  });
  for (const old of recent) if (await verifyPassword(password, old.passwordHash)) return true;
  return false;
}

/**
 * Sets a user's password inside the caller's transaction: checks it against the account's rules
 * (and, on a change, the reuse prevention), then writes the login profile and a history row.
 * Every failed rule is reported, not only the first. The caller has authorized the action and
 * locked the user.
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
  const failed = passwordProblems(password, rules, await accountNames(tx, caller.accountId));
  const reuse = rules.PasswordReusePrevention;
  if (mode === "update" && reuse && (await reusesRecentPassword(tx, user.id, password, reuse))) failed.push(passwordReuseRule(reuse));
  if (failed.length > 0) throw new PasswordPolicyViolationError(failed);

  const passwordHash = await hashPassword(password);
  await tx.passwordHistory.create({ data: { userId: user.id, passwordHash, createdAt: caller.now } });
  // Older hashes than any reuse prevention can reach are of no use; keeping them is only a risk.
  const stale = await tx.passwordHistory.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: "desc" },
    skip: PASSWORD_HISTORY_KEPT,
    select: { id: true },
  });
  if (stale.length > 0) await tx.passwordHistory.deleteMany({ where: { id: { in: stale.map((row) => row.id) } } });

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

// ---- ChangePassword -----------------------------------------------------------------------

export interface ChangePasswordInput {
  OldPassword: string;
  NewPassword: string;
}

/**
 * An IAM user changes its own console password: authorized as iam:ChangePassword on its own
 * ARN (which AllowUsersToChangePassword grants without a policy). The new password follows
 * the account's rules and reuse prevention; the change clears PasswordResetRequired and
 * restarts the MaxPasswordAge clock. HardExpiry is left to sign-in: it locks the console, and
 * AWS describes it for console access only.
 */
export function changePassword(caller: Caller, input: ChangePasswordInput): Promise<void> {
  return operation(caller, { eventName: "ChangePassword", readOnly: false, params: { ...input } }, async () => {
    const oldPassword = checkPasswordParam(input.OldPassword, "oldPassword");
    const newPassword = checkPasswordParam(input.NewPassword, "newPassword");
    if (caller.principalType !== "User" || !caller.userId) throw invalidUserType();
    const prisma = await db();
    const user = await prisma.user.findUnique({
      where: { id: caller.userId },
      select: { id: true, name: true, arn: true, tags: { select: { key: true, value: true } } },
    });
    await authorize(caller, "iam:ChangePassword", user?.arn ?? caller.principalArn, {
      context: user ? resourceTagContext(toTags(user.tags)) : {},
    });
    if (!user) throw noSuchUser(caller.userName ?? caller.principalArn);
    await prisma.$transaction(async (tx) => {
      if (!(await lockRow(tx, "User", user.id))) throw noSuchUser(user.name);
      const profile = await tx.loginProfile.findUnique({ where: { userId: user.id }, select: { passwordHash: true } });
      if (!profile) throw noSuchLoginProfile(user.name);
      if (!(await verifyPassword(oldPassword, profile.passwordHash))) throw wrongOldPassword();
      await writeLoginProfile(tx, caller, user, newPassword, false, "update");
    });
  });
}

// ---- The root user's password -------------------------------------------------------------

/**
 * The root user changes its own password (console only; AWS has no API for it). Root passwords
 * follow AWS's default rules whatever the account's password policy says, and never expire.
 * Recorded as CloudTrail's sign-in event PasswordUpdated (unverified which source AWS uses).
 */
export function changeRootPassword(caller: Caller, input: ChangePasswordInput): Promise<void> {
  return operation(
    caller,
    { eventName: "PasswordUpdated", eventSource: "signin.amazonaws.com", readOnly: false, params: { ...input } },
    async () => {
      const oldPassword = checkPasswordParam(input.OldPassword, "oldPassword");
      const newPassword = checkPasswordParam(input.NewPassword, "newPassword");
      if (!isRoot(caller)) throw invalidUserType();
      await (await db()).$transaction(async (tx) => {
        await lockRow(tx, "Account", caller.accountId);
        const account = await tx.account.findUniqueOrThrow({ where: { id: caller.accountId }, select: { rootPasswordHash: true } });
        if (!(await verifyPassword(oldPassword, account.rootPasswordHash))) throw wrongOldPassword();
        const failed = passwordProblems(newPassword, DEFAULT_PASSWORD_RULES, await accountNames(tx, caller.accountId));
        if (failed.length > 0) throw new PasswordPolicyViolationError(failed);
        await tx.account.update({
          where: { id: caller.accountId },
          data: { rootPasswordHash: await hashPassword(newPassword), rootPasswordChangedAt: caller.now },
        });
      });
    },
  );
}

// ---- What sign-in needs to know -----------------------------------------------------------

export interface LoginProfileStatus {
  /** The user has a console password. */
  exists: boolean;
  passwordResetRequired: boolean;
  /** Older than the account's MaxPasswordAge: sign-in asks for a new password. */
  expired: boolean;
  /** The account's HardExpiry: an expired password locks the console until an administrator resets it. */
  hardExpiry: boolean;
  expiresAt?: Date;
  daysLeft?: number;
  /** In the last days before expiry, when the console warns. */
  warn: boolean;
}

/**
 * The state of a user's console password at `now`, read with the account's current policy (so
 * a MaxPasswordAge set today already applies to a password changed long ago). No authorization:
 * sign-in reads it before there is a caller.
 */
export async function loginProfileStatus(prisma: Db | Tx, userId: string, now: Date): Promise<LoginProfileStatus> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      loginProfile: { select: { passwordResetRequired: true, passwordChangedAt: true } },
      account: { select: { passwordPolicy: { select: { maxPasswordAge: true, hardExpiry: true } } } },
    },
  });
  const profile = user?.loginProfile;
  if (!profile) return { exists: false, passwordResetRequired: false, expired: false, hardExpiry: false, warn: false };
  const policy = user.account.passwordPolicy;
  return {
    exists: true,
    passwordResetRequired: profile.passwordResetRequired,
    hardExpiry: policy?.hardExpiry ?? false,
    ...passwordExpiry(policy?.maxPasswordAge, profile.passwordChangedAt, now),
  };
}
