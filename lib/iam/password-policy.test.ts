import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { iamArn } from "./arns";
import { newId } from "./ids";
import { createLoginProfile, PasswordPolicyViolationError } from "./login-profiles";
import {
  deleteAccountPasswordPolicy,
  getAccountPasswordPolicy,
  updateAccountPasswordPolicy,
  type UpdateAccountPasswordPolicyInput,
} from "./password-policy";
import { PASSWORD_POLICY_VIOLATION, PASSWORD_SYMBOLS } from "./password-rules";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, userCaller } from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

// Every test starts from an account without a password policy.
afterEach(async () => {
  await prisma.passwordPolicy.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
});

const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });

const denied = (user: string, action: string) =>
  `User: arn:aws:iam::123456789012:user/${user} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`;

describe("UpdateAccountPasswordPolicy ranges (iam-facts §7)", () => {
  const member = { MinimumPasswordLength: "minimumPasswordLength", MaxPasswordAge: "maxPasswordAge", PasswordReusePrevention: "passwordReusePrevention" };
  it.each([
    ["MinimumPasswordLength", 5, "Member must have value greater than or equal to 6"],
    ["MinimumPasswordLength", 6, null],
    ["MinimumPasswordLength", 128, null],
    ["MinimumPasswordLength", 129, "Member must have value less than or equal to 128"],
    ["MaxPasswordAge", 0, "Member must have value greater than or equal to 1"],
    ["MaxPasswordAge", 1, null],
    ["MaxPasswordAge", 1095, null],
    ["MaxPasswordAge", 1096, "Member must have value less than or equal to 1095"],
    ["PasswordReusePrevention", 0, "Member must have value greater than or equal to 1"],
    ["PasswordReusePrevention", 1, null],
    ["PasswordReusePrevention", 24, null],
    ["PasswordReusePrevention", 25, "Member must have value less than or equal to 24"],
  ] as const)("%s %i → %s", async (name, value, constraint) => {
    const attempt = updateAccountPasswordPolicy(rootCaller(), { [name]: value });
    if (constraint === null) {
      await attempt;
      expect((await getAccountPasswordPolicy(rootCaller())).PasswordPolicy[name]).toBe(value);
      return;
    }
    const err = await iamError(attempt);
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(`1 validation error detected: Value '${value}' at '${member[name]}' failed to satisfy constraint: ${constraint}`);
  });

  it("reports every member out of range in one ValidationError", async () => {
    const err = await iamError(updateAccountPasswordPolicy(rootCaller(), { MinimumPasswordLength: 200, MaxPasswordAge: 0, PasswordReusePrevention: 30 }));
    expect(err.message).toBe(
      "3 validation errors detected: " +
        "Value '200' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value less than or equal to 128; " +
        "Value '0' at 'maxPasswordAge' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '30' at 'passwordReusePrevention' failed to satisfy constraint: Member must have value less than or equal to 24",
    );
    expect(await prisma.passwordPolicy.count({ where: { accountId: DEMO_ACCOUNT_ID } })).toBe(0);
  });

  it("refuses a value that is not a whole number", async () => {
    const err = await iamError(updateAccountPasswordPolicy(rootCaller(), { MinimumPasswordLength: 8.5 }));
    expect(err.code).toBe("ValidationError");
  });

  it("checks the values before the permissions, as AWS validates the request first", async () => {
    const dave = await userCaller("dave");
    expect((await iamError(updateAccountPasswordPolicy(dave, { MaxPasswordAge: 0 }))).code).toBe("ValidationError");
  });
});

describe("UpdateAccountPasswordPolicy and GetAccountPasswordPolicy", () => {
  it("without a policy GetAccountPasswordPolicy fails with NoSuchEntity naming the account", async () => {
    const err = await iamError(getAccountPasswordPolicy(rootCaller()));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.status).toBe(404);
    expect(err.message).toBe("The Password Policy with domain name 123456789012 cannot be found.");
  });

  it("an empty update sets AWS's defaults: 6 characters, nothing required, never expires", async () => {
    await updateAccountPasswordPolicy(rootCaller(), {});
    expect(await getAccountPasswordPolicy(rootCaller())).toEqual({
      PasswordPolicy: {
        MinimumPasswordLength: 6,
        RequireSymbols: false,
        RequireNumbers: false,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
        ExpirePasswords: false,
        HardExpiry: false,
      },
    });
  });

  it("answers every member set, with ExpirePasswords derived from MaxPasswordAge", async () => {
    const input: UpdateAccountPasswordPolicyInput = {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 12,
      HardExpiry: true,
    };
    await updateAccountPasswordPolicy(rootCaller(), input);
    expect((await getAccountPasswordPolicy(rootCaller())).PasswordPolicy).toEqual({ ...input, ExpirePasswords: true });
  });

  it("replaces the whole policy: a member left out goes back to its default", async () => {
    await updateAccountPasswordPolicy(rootCaller(), { RequireSymbols: true, MaxPasswordAge: 90, PasswordReusePrevention: 3, HardExpiry: true });
    await updateAccountPasswordPolicy(rootCaller(), { MinimumPasswordLength: 10 });
    const { PasswordPolicy } = await getAccountPasswordPolicy(rootCaller());
    expect(PasswordPolicy).toMatchObject({ MinimumPasswordLength: 10, RequireSymbols: false, ExpirePasswords: false, HardExpiry: false });
    expect(PasswordPolicy.MaxPasswordAge).toBeUndefined();
    expect(PasswordPolicy.PasswordReusePrevention).toBeUndefined();
  });

  it("records the settings readably (they are not secrets)", async () => {
    await updateAccountPasswordPolicy(rootCaller(), { MaxPasswordAge: 30, AllowUsersToChangePassword: true });
    const event = await lastEvent("UpdateAccountPasswordPolicy");
    expect(event.errorCode).toBeNull();
    expect(event.requestParameters).toEqual({ MaxPasswordAge: 30, AllowUsersToChangePassword: true });
  });
});

describe("DeleteAccountPasswordPolicy", () => {
  it("removes the policy, then fails with NoSuchEntity", async () => {
    await updateAccountPasswordPolicy(rootCaller(), { MinimumPasswordLength: 12 });
    await deleteAccountPasswordPolicy(rootCaller());
    expect((await iamError(getAccountPasswordPolicy(rootCaller()))).code).toBe("NoSuchEntity");
    const err = await iamError(deleteAccountPasswordPolicy(rootCaller()));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The account policy with name PasswordPolicy cannot be found.");
  });
});

describe("authorization of the password policy operations (on resource *)", () => {
  const operations = [
    ["iam:GetAccountPasswordPolicy", (c: Awaited<ReturnType<typeof userCaller>>) => getAccountPasswordPolicy(c)],
    ["iam:UpdateAccountPasswordPolicy", (c: Awaited<ReturnType<typeof userCaller>>) => updateAccountPasswordPolicy(c, { MinimumPasswordLength: 8 })],
    ["iam:DeleteAccountPasswordPolicy", (c: Awaited<ReturnType<typeof userCaller>>) => deleteAccountPasswordPolicy(c)],
  ] as const;

  it.each(operations)("%s: dave, who has no policies, fails with AccessDenied", async (action, call) => {
    await updateAccountPasswordPolicy(rootCaller(), {});
    const err = await iamError(call(await userCaller("dave")));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(denied("dave", action));
    expect((await lastEvent(action.slice(4))).errorCode).toBe("AccessDenied");
  });

  it.each(operations)("%s: a user allowed exactly this action may call it", async (action, call) => {
    await updateAccountPasswordPolicy(rootCaller(), {});
    const caller = await callerWithPolicies(`pp-${action.slice(4).toLowerCase()}`, [policyDocument("Allow", action)]);
    await call(caller);
  });

  it("an explicit Deny wins over AdministratorAccess", async () => {
    const alice = await userCaller("alice");
    await updateAccountPasswordPolicy(alice, {});
    const admin = await prisma.user.findFirstOrThrow({ where: { nameKey: "alice" } });
    const policy = await prisma.inlinePolicy.create({
      data: { accountId: DEMO_ACCOUNT_ID, userId: admin.id, name: "no-policy-changes", document: JSON.stringify(policyDocument("Deny", "iam:*AccountPasswordPolicy")) },
    });
    try {
      expect((await iamError(deleteAccountPasswordPolicy(alice))).code).toBe("AccessDenied");
    } finally {
      await prisma.inlinePolicy.delete({ where: { id: policy.id } });
    }
  });
});

describe("the policy's rules where a password is set", () => {
  let n = 0;
  async function addUser() {
    const name = `pp-user-${++n}`;
    await prisma.user.create({
      data: { id: newId("user"), accountId: DEMO_ACCOUNT_ID, name, nameKey: name, path: "/", arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", name) },
    });
    return name;
  }

  const STRICT: UpdateAccountPasswordPolicyInput = {
    MinimumPasswordLength: 12,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    RequireNumbers: true,
    RequireSymbols: true,
  };
  const SYMBOL_RULE = `Must include at least one non-alphanumeric character (${PASSWORD_SYMBOLS})`;

  it.each([
    ["Abcdefgh12!x", STRICT, []],
    ["abcdefgh12!x", STRICT, ["Must include at least one uppercase letter (A-Z)"]],
    ["ABCDEFGH12!X", STRICT, ["Must include at least one lowercase letter (a-z)"]],
    ["Abcdefghij!x", STRICT, ["Must include at least one number (0-9)"]],
    ["Abcdefgh12xx", STRICT, [SYMBOL_RULE]],
    ["Ab1!", STRICT, ["Must be at least 12 characters long"]],
    ["abc", STRICT, ["Must be at least 12 characters long", "Must include at least one uppercase letter (A-Z)", "Must include at least one number (0-9)", SYMBOL_RULE]],
    // A custom policy has no three-character-types rule: six lower-case letters meet the defaults.
    ["aaaaaa", {}, []],
    ["aaaaa", {}, ["Must be at least 6 characters long"]],
  ] as const)("%s under %j fails %j", async (password, policy, failedRules) => {
    await updateAccountPasswordPolicy(rootCaller(), policy);
    const userName = await addUser();
    const attempt = createLoginProfile(rootCaller(), { UserName: userName, Password: password });
    if (failedRules.length === 0) {
      await attempt;
      return;
    }
    const err = await iamError(attempt);
    expect(err).toBeInstanceOf(PasswordPolicyViolationError);
    expect(err.code).toBe("PasswordPolicyViolation");
    expect(err.message).toBe(PASSWORD_POLICY_VIOLATION);
    expect((err as PasswordPolicyViolationError).failedRules).toEqual(failedRules);
  });
});
