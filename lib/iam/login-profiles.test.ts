import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { verifyPassword } from "./crypto";
import { newId } from "./ids";
import {
  changePassword,
  changeRootPassword,
  createLoginProfile,
  deleteLoginProfile,
  getLoginProfile,
  loginProfileStatus,
  PASSWORD_HISTORY_KEPT,
  PasswordPolicyViolationError,
  updateLoginProfile,
} from "./login-profiles";
import { DEFAULT_PASSWORD_RULES, PASSWORD_POLICY_VIOLATION, passwordProblems } from "./password-rules";
import {
  callerWithPolicies,
  iamError,
  policyDocument,
  rootCaller,
  setupDemoAccount,
  TEST_NOW,
  TEST_ROOT_EMAIL,
  TEST_ROOT_PASSWORD,
} from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const GOOD = "Corr3ct-Horse!";

async function addUser(name: string) {
  return prisma.user.create({
    data: { id: newId("user"), accountId: DEMO_ACCOUNT_ID, name, nameKey: name.toLowerCase(), path: "/", arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", name) },
  });
}

const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });

describe("the default password rules", () => {
  it.each([
    ["Abcdef1!", []],
    ["abcdef12", ["Must include at least three of: uppercase letters, lowercase letters, numbers and symbols"]],
    ["Ab1!", ["Must be at least 8 characters long"]],
    ["abcdefG1", []],
  ])("%s → %j", (password, problems) => {
    expect(passwordProblems(password, DEFAULT_PASSWORD_RULES)).toEqual(problems);
  });

  it("refuse the account's e-mail as a password", () => {
    expect(passwordProblems("Root@Example.com", DEFAULT_PASSWORD_RULES, ["root@example.com"])).toEqual([
      "Must not be identical to your AWS account name or email address",
    ]);
  });
});

describe("CreateLoginProfile", () => {
  it("sets a hashed password, keeps it in the history and answers AWS's shape", async () => {
    const user = await addUser("lp-create");
    const out = await createLoginProfile(rootCaller(), { UserName: "LP-CREATE", Password: GOOD, PasswordResetRequired: true });
    expect(out).toEqual({ LoginProfile: { UserName: "lp-create", CreateDate: TEST_NOW, PasswordResetRequired: true } });
    const row = await prisma.loginProfile.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.passwordHash).not.toContain(GOOD);
    expect(await verifyPassword(GOOD, row.passwordHash)).toBe(true);
    expect(await prisma.passwordHistory.count({ where: { userId: user.id } })).toBe(1);
    const event = await lastEvent("CreateLoginProfile");
    expect(JSON.stringify(event.requestParameters)).not.toContain(GOOD);
  });

  it("a second time fails with EntityAlreadyExists", async () => {
    await addUser("lp-twice");
    await createLoginProfile(rootCaller(), { UserName: "lp-twice", Password: GOOD });
    const err = await iamError(createLoginProfile(rootCaller(), { UserName: "lp-twice", Password: GOOD }));
    expect(err.code).toBe("EntityAlreadyExists");
    expect(err.message).toBe("Login Profile for user lp-twice already exists.");
  });

  it("with a password the default rules refuse fails with PasswordPolicyViolation", async () => {
    await addUser("lp-weak");
    const err = await iamError(createLoginProfile(rootCaller(), { UserName: "lp-weak", Password: "password" }));
    expect(err.code).toBe("PasswordPolicyViolation");
    expect(err.message).toBe(PASSWORD_POLICY_VIOLATION);
    const email = await iamError(createLoginProfile(rootCaller(), { UserName: "lp-weak", Password: TEST_ROOT_EMAIL }));
    expect(email.code).toBe("PasswordPolicyViolation");
  });

  it("follows the account's password policy when it has one", async () => {
    await prisma.passwordPolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, minimumPasswordLength: 20, requireSymbols: true } });
    try {
      await addUser("lp-policy");
      const short = await iamError(createLoginProfile(rootCaller(), { UserName: "lp-policy", Password: GOOD }));
      expect(short.code).toBe("PasswordPolicyViolation");
      // No three-types rule under a custom policy: lower case and a symbol are enough.
      await createLoginProfile(rootCaller(), { UserName: "lp-policy", Password: "aaaaaaaaaaaaaaaaaaa!" });
    } finally {
      await prisma.passwordPolicy.delete({ where: { accountId: DEMO_ACCOUNT_ID } });
    }
  });

  it("with a password over 128 characters fails with ValidationError that does not echo it", async () => {
    await addUser("lp-long");
    const err = await iamError(createLoginProfile(rootCaller(), { UserName: "lp-long", Password: `Aa1!${"x".repeat(125)}` }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
  });

  it("for a user that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(createLoginProfile(rootCaller(), { UserName: "nobody", Password: GOOD }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The user with name nobody cannot be found.");
  });

  it("without iam:CreateLoginProfile fails with AccessDenied, and the denial is recorded", async () => {
    await addUser("lp-denied");
    const caller = await callerWithPolicies("lp-reader", [policyDocument("Allow", "iam:GetLoginProfile")]);
    const err = await iamError(createLoginProfile(caller, { UserName: "lp-denied", Password: GOOD }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/lp-reader is not authorized to perform: iam:CreateLoginProfile on resource: arn:aws:iam::123456789012:user/lp-denied because no identity-based policy allows the iam:CreateLoginProfile action",
    );
    expect((await lastEvent("CreateLoginProfile")).errorCode).toBe("AccessDenied");
  });
});

describe("GetLoginProfile", () => {
  it("answers the profile, or NoSuchEntity for a user without one", async () => {
    await addUser("lp-get");
    const missing = await iamError(getLoginProfile(rootCaller(), { UserName: "lp-get" }));
    expect(missing.code).toBe("NoSuchEntity");
    expect(missing.message).toBe("Login Profile for User lp-get cannot be found.");
    await createLoginProfile(rootCaller(), { UserName: "lp-get", Password: GOOD });
    expect(await getLoginProfile(rootCaller(), { UserName: "lp-get" })).toEqual({
      LoginProfile: { UserName: "lp-get", CreateDate: TEST_NOW, PasswordResetRequired: false },
    });
  });
});

describe("UpdateLoginProfile", () => {
  it("changes the password and adds to the history", async () => {
    const user = await addUser("lp-update");
    await createLoginProfile(rootCaller(), { UserName: "lp-update", Password: GOOD });
    await updateLoginProfile(rootCaller(), { UserName: "lp-update", Password: "N3w-Password!", PasswordResetRequired: true });
    const row = await prisma.loginProfile.findUniqueOrThrow({ where: { userId: user.id } });
    expect(await verifyPassword("N3w-Password!", row.passwordHash)).toBe(true);
    expect(row.passwordResetRequired).toBe(true);
    expect(await prisma.passwordHistory.count({ where: { userId: user.id } })).toBe(2);
  });

  it("changes only PasswordResetRequired when no password is given", async () => {
    const user = await addUser("lp-flag");
    await createLoginProfile(rootCaller(), { UserName: "lp-flag", Password: GOOD, PasswordResetRequired: true });
    await updateLoginProfile(rootCaller(), { UserName: "lp-flag", PasswordResetRequired: false });
    expect((await prisma.loginProfile.findUniqueOrThrow({ where: { userId: user.id } })).passwordResetRequired).toBe(false);
  });

  it("refuses a recent password under PasswordReusePrevention", async () => {
    await addUser("lp-reuse");
    await createLoginProfile(rootCaller(), { UserName: "lp-reuse", Password: GOOD });
    await prisma.passwordPolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, minimumPasswordLength: 8, passwordReusePrevention: 2 } });
    try {
      const err = await iamError(updateLoginProfile(rootCaller(), { UserName: "lp-reuse", Password: GOOD }));
      expect(err.code).toBe("PasswordPolicyViolation");
    } finally {
      await prisma.passwordPolicy.delete({ where: { accountId: DEMO_ACCOUNT_ID } });
    }
  });

  it("without a profile fails with NoSuchEntity", async () => {
    await addUser("lp-none");
    const err = await iamError(updateLoginProfile(rootCaller(), { UserName: "lp-none", Password: GOOD }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("Login Profile for User lp-none cannot be found.");
  });
});

describe("DeleteLoginProfile", () => {
  it("removes console access, then fails with NoSuchEntity", async () => {
    const user = await addUser("lp-delete");
    await createLoginProfile(rootCaller(), { UserName: "lp-delete", Password: GOOD });
    await deleteLoginProfile(rootCaller(), { UserName: "lp-delete" });
    expect(await prisma.loginProfile.findUnique({ where: { userId: user.id } })).toBeNull();
    const err = await iamError(deleteLoginProfile(rootCaller(), { UserName: "lp-delete" }));
    expect(err.code).toBe("NoSuchEntity");
  });

  it("without iam:DeleteLoginProfile fails with AccessDenied", async () => {
    const caller = await callerWithPolicies("lp-deleter", [policyDocument("Deny", "iam:DeleteLoginProfile")]);
    const err = await iamError(deleteLoginProfile(caller, { UserName: "alice" }));
    expect(err.code).toBe("AccessDenied");
  });
});

// ---- Failed rules, ChangePassword, the root password, sign-in's view of a profile ------------

const at = (days: number) => new Date(TEST_NOW.getTime() + days * 86_400_000);
const CHANGE_OWN = policyDocument("Allow", "iam:ChangePassword", "arn:aws:iam::123456789012:user/${aws:username}");

/** A user with a console password whose only permissions are the given policies. */
async function userWithPassword(name: string, password: string, policies: object[] = [CHANGE_OWN], resetRequired = false) {
  const caller = await callerWithPolicies(name, policies);
  await createLoginProfile(rootCaller(), { UserName: name, Password: password, PasswordResetRequired: resetRequired });
  return caller;
}

const profileOf = async (name: string) => {
  const user = await prisma.user.findFirstOrThrow({ where: { nameKey: name.toLowerCase() }, include: { loginProfile: true } });
  return user.loginProfile!;
};

async function withPolicy<T>(data: Omit<Parameters<Db["passwordPolicy"]["create"]>[0]["data"], "account" | "accountId">, run: () => Promise<T>) {
  await prisma.passwordPolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, ...data } });
  try {
    return await run();
  } finally {
    await prisma.passwordPolicy.delete({ where: { accountId: DEMO_ACCOUNT_ID } });
  }
}

describe("PasswordPolicyViolation lists the rules the password failed", () => {
  it("under the default rules", async () => {
    await addUser("lp-rules");
    const err = await iamError(createLoginProfile(rootCaller(), { UserName: "lp-rules", Password: "abc" }));
    expect(err).toBeInstanceOf(PasswordPolicyViolationError);
    expect((err as PasswordPolicyViolationError).failedRules).toEqual([
      "Must be at least 8 characters long",
      "Must include at least three of: uppercase letters, lowercase letters, numbers and symbols",
    ]);
    expect(err.toJSON()).toEqual({ code: "PasswordPolicyViolation", message: PASSWORD_POLICY_VIOLATION, failedRules: (err as PasswordPolicyViolationError).failedRules });
    // The API and the event keep AWS's message only.
    expect((await lastEvent("CreateLoginProfile")).errorMessage).toBe(PASSWORD_POLICY_VIOLATION);
  });
});

describe("ChangePassword", () => {
  it("changes the caller's own password, clears PasswordResetRequired, restarts the clock and adds to the history", async () => {
    const caller = await userWithPassword("cp-happy", GOOD, [CHANGE_OWN], true);
    const later = { ...caller, now: at(10) };
    await changePassword(later, { OldPassword: GOOD, NewPassword: "N3w-Password!" });
    const profile = await profileOf("cp-happy");
    expect(await verifyPassword("N3w-Password!", profile.passwordHash)).toBe(true);
    expect(profile.passwordResetRequired).toBe(false);
    expect(profile.passwordChangedAt).toEqual(at(10));
    expect(await prisma.passwordHistory.count({ where: { userId: caller.userId } })).toBe(2);
    const event = await lastEvent("ChangePassword");
    expect(event.principalArn).toBe(caller.principalArn);
    expect(event.errorCode).toBeNull();
    expect(JSON.stringify(event.requestParameters)).not.toMatch(/Corr3ct|N3w-Password/);
  });

  it("with a wrong OldPassword fails with AccessDenied and changes nothing", async () => {
    const caller = await userWithPassword("cp-wrong", GOOD);
    const err = await iamError(changePassword(caller, { OldPassword: "Not-The-Passw0rd", NewPassword: "N3w-Password!" }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe("The old password is incorrect.");
    expect(await verifyPassword(GOOD, (await profileOf("cp-wrong")).passwordHash)).toBe(true);
  });

  it("as root fails with InvalidUserType", async () => {
    const err = await iamError(changePassword(rootCaller(), { OldPassword: GOOD, NewPassword: "N3w-Password!" }));
    expect(err.code).toBe("InvalidUserType");
    expect(err.status).toBe(400);
  });

  it("as a role session fails with InvalidUserType", async () => {
    const role = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    const session = {
      ...rootCaller(),
      principalType: "AssumedRole" as const,
      principalArn: "arn:aws:sts::123456789012:assumed-role/EC2AppRole/s",
      principalId: `${role.id}:s`,
      roleId: role.id,
      roleArn: role.arn,
    };
    expect((await iamError(changePassword(session, { OldPassword: GOOD, NewPassword: "N3w-Password!" }))).code).toBe("InvalidUserType");
  });

  it("without iam:ChangePassword on itself fails with AccessDenied on its own ARN", async () => {
    const caller = await userWithPassword("cp-denied", GOOD, [policyDocument("Allow", "iam:GetUser")]);
    const err = await iamError(changePassword(caller, { OldPassword: GOOD, NewPassword: "N3w-Password!" }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/cp-denied is not authorized to perform: iam:ChangePassword on resource: arn:aws:iam::123456789012:user/cp-denied because no identity-based policy allows the iam:ChangePassword action",
    );
  });

  it("for a user without a console password fails with NoSuchEntity", async () => {
    const caller = await callerWithPolicies("cp-no-profile", [CHANGE_OWN]);
    const err = await iamError(changePassword(caller, { OldPassword: GOOD, NewPassword: "N3w-Password!" }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("Login Profile for User cp-no-profile cannot be found.");
  });

  it("checks both password members", async () => {
    const caller = await userWithPassword("cp-members", GOOD);
    const err = await iamError(changePassword(caller, { OldPassword: GOOD, NewPassword: "" }));
    expect(err.message).toBe("1 validation error detected: Value at 'newPassword' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const missing = await iamError(changePassword(caller, { OldPassword: undefined as unknown as string, NewPassword: GOOD }));
    expect(missing.message).toBe("1 validation error detected: Value null at 'oldPassword' failed to satisfy constraint: Member must not be null");
  });

  it("follows the account's policy and lists the failed rules", async () => {
    const caller = await userWithPassword("cp-policy", GOOD);
    await withPolicy({ minimumPasswordLength: 16, requireNumbers: true }, async () => {
      const err = await iamError(changePassword(caller, { OldPassword: GOOD, NewPassword: "short" }));
      expect((err as PasswordPolicyViolationError).failedRules).toEqual(["Must be at least 16 characters long", "Must include at least one number (0-9)"]);
      await changePassword(caller, { OldPassword: GOOD, NewPassword: "long-enough-passw0rd" });
    });
  });

  it("refuses any of the last N passwords, and accepts an older one", async () => {
    const caller = await userWithPassword("cp-reuse", "First-Passw0rd!");
    await withPolicy({ minimumPasswordLength: 8, passwordReusePrevention: 2 }, async () => {
      await changePassword({ ...caller, now: at(1) }, { OldPassword: "First-Passw0rd!", NewPassword: "Second-Passw0rd!" });
      await changePassword({ ...caller, now: at(2) }, { OldPassword: "Second-Passw0rd!", NewPassword: "Third-Passw0rd!" });
      for (const recent of ["Third-Passw0rd!", "Second-Passw0rd!"]) {
        const err = await iamError(changePassword({ ...caller, now: at(3) }, { OldPassword: "Third-Passw0rd!", NewPassword: recent }));
        expect(err.code).toBe("PasswordPolicyViolation");
        expect((err as PasswordPolicyViolationError).failedRules).toEqual(["Must not be one of your last 2 passwords"]);
      }
      // The first password is now the third most recent: no longer remembered.
      await changePassword({ ...caller, now: at(3) }, { OldPassword: "Third-Passw0rd!", NewPassword: "First-Passw0rd!" });
    });
  });

  it("with PasswordReusePrevention 1 refuses only the current password", async () => {
    const caller = await userWithPassword("cp-reuse-one", "First-Passw0rd!");
    await withPolicy({ minimumPasswordLength: 8, passwordReusePrevention: 1 }, async () => {
      const err = await iamError(changePassword({ ...caller, now: at(1) }, { OldPassword: "First-Passw0rd!", NewPassword: "First-Passw0rd!" }));
      expect((err as PasswordPolicyViolationError).failedRules).toEqual(["Must not be your previous password"]);
    });
  });

  it("keeps no more history than PasswordReusePrevention can reach", async () => {
    const caller = await userWithPassword("cp-history", GOOD);
    await prisma.passwordHistory.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({ userId: caller.userId!, passwordHash: `old-${i}`, createdAt: at(-100 + i) })),
    });
    await changePassword({ ...caller, now: at(1) }, { OldPassword: GOOD, NewPassword: "N3w-Password!" });
    const kept = await prisma.passwordHistory.findMany({ where: { userId: caller.userId }, orderBy: { createdAt: "desc" } });
    expect(kept).toHaveLength(PASSWORD_HISTORY_KEPT);
    expect(PASSWORD_HISTORY_KEPT).toBe(24);
    expect(kept[0].createdAt).toEqual(at(1));
  });

  it("is allowed without any policy when the account lets users change their password", async () => {
    const caller = await userWithPassword("cp-allowed", GOOD, []);
    expect((await iamError(changePassword(caller, { OldPassword: GOOD, NewPassword: "N3w-Password!" }))).code).toBe("AccessDenied");
    await withPolicy({ minimumPasswordLength: 8, allowUsersToChangePassword: true }, () =>
      changePassword(caller, { OldPassword: GOOD, NewPassword: "N3w-Password!" }),
    );
  });
});

describe("the root user's password change", () => {
  it("replaces the root password and records PasswordUpdated", async () => {
    const caller = rootCaller(DEMO_ACCOUNT_ID, { now: at(5) });
    await changeRootPassword(caller, { OldPassword: TEST_ROOT_PASSWORD, NewPassword: "Another-R00t-Passw0rd" });
    const account = await prisma.account.findUniqueOrThrow({ where: { id: DEMO_ACCOUNT_ID } });
    expect(await verifyPassword("Another-R00t-Passw0rd", account.rootPasswordHash)).toBe(true);
    expect(account.rootPasswordChangedAt).toEqual(at(5));
    const event = await lastEvent("PasswordUpdated");
    expect(event.eventSource).toBe("signin.amazonaws.com");
    expect(JSON.stringify(event.requestParameters)).not.toContain("Another-R00t");
    await changeRootPassword(caller, { OldPassword: "Another-R00t-Passw0rd", NewPassword: TEST_ROOT_PASSWORD });
  });

  it("with a wrong old password fails with AccessDenied", async () => {
    const err = await iamError(changeRootPassword(rootCaller(), { OldPassword: "wrong", NewPassword: "Another-R00t-Passw0rd" }));
    expect(err.code).toBe("AccessDenied");
  });

  it("follows AWS's default rules whatever the account's policy says", async () => {
    await withPolicy({ minimumPasswordLength: 6 }, async () => {
      const err = await iamError(changeRootPassword(rootCaller(), { OldPassword: TEST_ROOT_PASSWORD, NewPassword: "abcdefg" }));
      expect((err as PasswordPolicyViolationError).failedRules).toEqual([
        "Must be at least 8 characters long",
        "Must include at least three of: uppercase letters, lowercase letters, numbers and symbols",
      ]);
      const email = await iamError(changeRootPassword(rootCaller(), { OldPassword: TEST_ROOT_PASSWORD, NewPassword: TEST_ROOT_EMAIL }));
      expect((email as PasswordPolicyViolationError).failedRules).toContain("Must not be identical to your AWS account name or email address");
    });
  });

  it("as an IAM user fails with InvalidUserType", async () => {
    const caller = await userWithPassword("rp-user", GOOD);
    expect((await iamError(changeRootPassword(caller, { OldPassword: GOOD, NewPassword: "N3w-Password!" }))).code).toBe("InvalidUserType");
  });
});

describe("loginProfileStatus (what sign-in acts on)", () => {
  it("a user without a console password", async () => {
    const user = await addUser("st-none");
    expect(await loginProfileStatus(prisma, user.id, TEST_NOW)).toEqual({
      exists: false,
      passwordResetRequired: false,
      expired: false,
      hardExpiry: false,
      warn: false,
    });
  });

  it("a password that must be reset, without expiry", async () => {
    const caller = await userWithPassword("st-reset", GOOD, [], true);
    expect(await loginProfileStatus(prisma, caller.userId!, at(1000))).toEqual({
      exists: true,
      passwordResetRequired: true,
      expired: false,
      hardExpiry: false,
      warn: false,
    });
  });

  it("MaxPasswordAge applies at once to an existing password: warning, then expiry, with HardExpiry reported", async () => {
    const caller = await userWithPassword("st-expiry", GOOD);
    await withPolicy({ minimumPasswordLength: 8, maxPasswordAge: 30, hardExpiry: true }, async () => {
      expect(await loginProfileStatus(prisma, caller.userId!, at(10))).toMatchObject({ expired: false, daysLeft: 20, warn: false, hardExpiry: true });
      expect(await loginProfileStatus(prisma, caller.userId!, at(20))).toMatchObject({ expired: false, daysLeft: 10, warn: true, expiresAt: at(30) });
      expect(await loginProfileStatus(prisma, caller.userId!, at(31))).toMatchObject({ expired: true, daysLeft: 0, warn: false });
      // A change restarts the clock.
      await changePassword({ ...caller, now: at(31) }, { OldPassword: GOOD, NewPassword: "N3w-Password!" });
      expect(await loginProfileStatus(prisma, caller.userId!, at(32))).toMatchObject({ expired: false, daysLeft: 29 });
    });
    expect(await loginProfileStatus(prisma, caller.userId!, at(5000))).toMatchObject({ expired: false, warn: false });
  });
});
