import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { verifyPassword } from "./crypto";
import { newId } from "./ids";
import { createLoginProfile, deleteLoginProfile, getLoginProfile, updateLoginProfile } from "./login-profiles";
import { DEFAULT_PASSWORD_RULES, PASSWORD_POLICY_VIOLATION, passwordProblems } from "./password-rules";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, TEST_ROOT_EMAIL } from "./testing";

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
