import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { setConsoleAccess } from "./console-login-profiles";
import { IAM_USER_CHANGE_PASSWORD_ARN } from "./console-users";
import { verifyPassword } from "./crypto";
import { newId } from "./ids";
import { createLoginProfile, PasswordPolicyViolationError } from "./login-profiles";
import { DEFAULT_PASSWORD_RULES, passwordProblems } from "./password-rules";
import { callerWithPolicies, iamError, loadTestManagedPolicies, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";

// The Security credentials tab's console access modal: CreateLoginProfile, UpdateLoginProfile or
// DeleteLoginProfile, plus IAMUserChangePassword when a reset is required and the account does
// not let users change their own password — in one transaction, each call its own event.

const ACCT = DEMO_ACCOUNT_ID;
const GOOD = "Corr3ct-Horse!";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  await loadTestManagedPolicies(prisma, ["IAMUserChangePassword"]);
});

afterEach(async () => {
  await prisma.passwordPolicy.deleteMany({ where: { accountId: ACCT } });
});

async function addUser(name: string) {
  await prisma.user.create({ data: { id: newId("user"), accountId: ACCT, name, nameKey: name.toLowerCase(), path: "/", arn: iamArn(ACCT, "user", "/", name) } });
}

const userRow = (name: string) =>
  prisma.user.findFirstOrThrow({
    where: { accountId: ACCT, nameKey: name.toLowerCase() },
    include: { loginProfile: true, attachments: { include: { policy: true } } },
  });

/** The calls recorded about a user, in order, with their error codes. */
const callsFor = async (userName: string) =>
  (await prisma.activityEvent.findMany({ where: { accountId: ACCT, eventTime: TEST_NOW }, orderBy: { id: "asc" } }))
    .filter((e) => (e.requestParameters as { UserName?: string } | null)?.UserName === userName)
    .map((e) => [e.eventName, e.errorCode]);

describe("setConsoleAccess: enable", () => {
  it("with a generated password and a reset required: CreateLoginProfile, then IAMUserChangePassword attached", async () => {
    await addUser("ca-generated");
    const out = await setConsoleAccess(rootCaller(), { UserName: "ca-generated", enabled: true, password: { autogenerate: true }, PasswordResetRequired: true });
    expect(out.password).toHaveLength(16);
    expect(passwordProblems(out.password!, DEFAULT_PASSWORD_RULES)).toEqual([]);
    const row = await userRow("ca-generated");
    expect(await verifyPassword(out.password!, row.loginProfile!.passwordHash)).toBe(true);
    expect(row.loginProfile!.passwordResetRequired).toBe(true);
    expect(row.attachments.map((a) => a.policy.arn)).toEqual([IAM_USER_CHANGE_PASSWORD_ARN]);
    expect(await callsFor("ca-generated")).toEqual([
      ["CreateLoginProfile", null],
      ["AttachUserPolicy", null],
    ]);
    const events = await prisma.activityEvent.findMany({ where: { eventTime: TEST_NOW } });
    expect(JSON.stringify(events.map((e) => e.requestParameters))).not.toContain(out.password);
  });

  it("generates a password as long as the policy's minimum when that is over 16, and meeting its rules", async () => {
    await prisma.passwordPolicy.create({
      data: { accountId: ACCT, minimumPasswordLength: 30, requireSymbols: true, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true },
    });
    await addUser("ca-long");
    const out = await setConsoleAccess(rootCaller(), { UserName: "ca-long", enabled: true, password: { autogenerate: true } });
    expect(out.password).toHaveLength(30);
  });

  it("does not attach IAMUserChangePassword when the account lets users change their password", async () => {
    await prisma.passwordPolicy.create({ data: { accountId: ACCT, minimumPasswordLength: 8, allowUsersToChangePassword: true } });
    await addUser("ca-allowed");
    await setConsoleAccess(rootCaller(), { UserName: "ca-allowed", enabled: true, password: { autogenerate: true }, PasswordResetRequired: true });
    expect((await userRow("ca-allowed")).attachments).toEqual([]);
    expect(await callsFor("ca-allowed")).toEqual([["CreateLoginProfile", null]]);
  });

  it("nor when the user has it already", async () => {
    await addUser("ca-has-it");
    await setConsoleAccess(rootCaller(), { UserName: "ca-has-it", enabled: true, PasswordResetRequired: true });
    await setConsoleAccess(rootCaller(), { UserName: "ca-has-it", enabled: true, password: { autogenerate: true }, PasswordResetRequired: true });
    expect((await userRow("ca-has-it")).attachments).toHaveLength(1);
    expect(await callsFor("ca-has-it")).toEqual([
      ["CreateLoginProfile", null],
      ["AttachUserPolicy", null],
      ["UpdateLoginProfile", null],
    ]);
  });

  it("with a typed password returns no password", async () => {
    await addUser("ca-typed");
    const out = await setConsoleAccess(rootCaller(), { UserName: "ca-typed", enabled: true, password: { value: GOOD }, PasswordResetRequired: false });
    expect(out).toEqual({});
    const row = await userRow("ca-typed");
    expect(await verifyPassword(GOOD, row.loginProfile!.passwordHash)).toBe(true);
    expect(row.attachments).toEqual([]);
  });

  it("with a weak typed password fails with the failed rules, and writes nothing", async () => {
    await addUser("ca-weak");
    const err = await iamError(setConsoleAccess(rootCaller(), { UserName: "ca-weak", enabled: true, password: { value: "weak" }, PasswordResetRequired: true }));
    expect(err).toBeInstanceOf(PasswordPolicyViolationError);
    expect((err as PasswordPolicyViolationError).failedRules).toContain("Must be at least 8 characters long");
    const row = await userRow("ca-weak");
    expect(row.loginProfile).toBeNull();
    expect(row.attachments).toEqual([]);
    expect(await callsFor("ca-weak")).toEqual([["CreateLoginProfile", "PasswordPolicyViolation"]]);
  });

  it("for a user that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(setConsoleAccess(rootCaller(), { UserName: "ca-nobody", enabled: true, password: { autogenerate: true } }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The user with name ca-nobody cannot be found.");
  });

  it("with an invalid password member fails with ValidationError before any call", async () => {
    await addUser("ca-invalid");
    const err = await iamError(setConsoleAccess(rootCaller(), { UserName: "ca-invalid", enabled: true, password: { value: "" } }));
    expect(err.code).toBe("ValidationError");
  });
});

describe("setConsoleAccess: manage", () => {
  it("without a new password changes only PasswordResetRequired (UpdateLoginProfile)", async () => {
    await addUser("ca-flag");
    await createLoginProfile(rootCaller(), { UserName: "ca-flag", Password: GOOD });
    const out = await setConsoleAccess(rootCaller(), { UserName: "ca-flag", enabled: true, PasswordResetRequired: true });
    expect(out).toEqual({});
    const row = await userRow("ca-flag");
    expect(await verifyPassword(GOOD, row.loginProfile!.passwordHash)).toBe(true);
    expect(row.loginProfile!.passwordResetRequired).toBe(true);
    expect(await callsFor("ca-flag")).toEqual([
      ["CreateLoginProfile", null],
      ["UpdateLoginProfile", null],
      ["AttachUserPolicy", null],
    ]);
  });

  it("with a generated password replaces the password and returns it once", async () => {
    await addUser("ca-reset");
    await createLoginProfile(rootCaller(), { UserName: "ca-reset", Password: GOOD, PasswordResetRequired: true });
    const out = await setConsoleAccess(rootCaller(), { UserName: "ca-reset", enabled: true, password: { autogenerate: true }, PasswordResetRequired: false });
    const row = await userRow("ca-reset");
    expect(await verifyPassword(out.password!, row.loginProfile!.passwordHash)).toBe(true);
    expect(row.loginProfile!.passwordResetRequired).toBe(false);
  });

  it("disable removes the login profile (DeleteLoginProfile); again fails with NoSuchEntity", async () => {
    await addUser("ca-disable");
    await createLoginProfile(rootCaller(), { UserName: "ca-disable", Password: GOOD });
    expect(await setConsoleAccess(rootCaller(), { UserName: "ca-disable", enabled: false })).toEqual({});
    expect((await userRow("ca-disable")).loginProfile).toBeNull();
    const err = await iamError(setConsoleAccess(rootCaller(), { UserName: "ca-disable", enabled: false }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("Login Profile for User ca-disable cannot be found.");
    expect(await callsFor("ca-disable")).toEqual([
      ["CreateLoginProfile", null],
      ["DeleteLoginProfile", null],
      ["DeleteLoginProfile", "NoSuchEntity"],
    ]);
  });
});

describe("setConsoleAccess: authorization", () => {
  it("without iam:CreateLoginProfile fails with AccessDenied and writes nothing", async () => {
    await addUser("ca-target");
    const caller = await callerWithPolicies("ca-nobody-allowed", [policyDocument("Allow", "iam:GetLoginProfile")]);
    const err = await iamError(setConsoleAccess(caller, { UserName: "ca-target", enabled: true, password: { autogenerate: true } }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:CreateLoginProfile on resource: arn:aws:iam::123456789012:user/ca-target");
    expect((await userRow("ca-target")).loginProfile).toBeNull();
  });

  it("allowed CreateLoginProfile but not AttachUserPolicy: a required reset fails with AccessDenied, and nothing is written", async () => {
    await addUser("ca-target-2");
    const caller = await callerWithPolicies("ca-creator", [policyDocument("Allow", "iam:CreateLoginProfile")]);
    const err = await iamError(setConsoleAccess(caller, { UserName: "ca-target-2", enabled: true, password: { autogenerate: true }, PasswordResetRequired: true }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:AttachUserPolicy");
    expect((await userRow("ca-target-2")).loginProfile).toBeNull();
    // Without the reset, exactly iam:CreateLoginProfile is enough.
    await setConsoleAccess(caller, { UserName: "ca-target-2", enabled: true, password: { autogenerate: true } });
    expect((await userRow("ca-target-2")).loginProfile).not.toBeNull();
  });

  it("disable needs exactly iam:DeleteLoginProfile", async () => {
    await addUser("ca-target-3");
    await createLoginProfile(rootCaller(), { UserName: "ca-target-3", Password: GOOD });
    const reader = await callerWithPolicies("ca-reader", [policyDocument("Allow", "iam:CreateLoginProfile")]);
    expect((await iamError(setConsoleAccess(reader, { UserName: "ca-target-3", enabled: false }))).code).toBe("AccessDenied");
    const deleter = await callerWithPolicies("ca-deleter", [policyDocument("Allow", "iam:DeleteLoginProfile")]);
    await setConsoleAccess(deleter, { UserName: "ca-target-3", enabled: false });
    expect((await userRow("ca-target-3")).loginProfile).toBeNull();
  });

  it("a missing user is reported only to a caller allowed to act (AccessDenied before NoSuchEntity)", async () => {
    const caller = await callerWithPolicies("ca-no-rights", []);
    expect((await iamError(setConsoleAccess(caller, { UserName: "ca-ghost", enabled: true }))).code).toBe("AccessDenied");
  });
});
