import { describe, expect, it } from "vitest";
import type { PasswordPolicy } from "@/lib/iam/password-policy";
import {
  customPolicyRules,
  defaultPolicyRules,
  formFromPolicy,
  passwordPolicyFormErrors,
  policyInputFromForm,
  readWholeNumber,
  type PasswordPolicyForm,
} from "./password-policy-form";

// The Edit password policy form: what it opens with, what it refuses (UpdateAccountPasswordPolicy's
// ranges), and the whole policy it sends; and the rules the Password policy container lists.

const STRICT: PasswordPolicy = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  ExpirePasswords: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 3,
  HardExpiry: false,
};

const custom = (changes: Partial<PasswordPolicyForm> = {}): PasswordPolicyForm => ({ ...formFromPolicy(null), kind: "custom", ...changes });

describe("Edit password policy: the form as it opens", () => {
  it("without a policy: IAM default, with the console's pre-filled values for Custom", () => {
    expect(formFromPolicy(null)).toEqual({
      kind: "default",
      minimumLength: "8",
      requireUppercase: false,
      requireLowercase: false,
      requireNumbers: false,
      requireSymbols: false,
      expirePasswords: false,
      maxPasswordAge: "90",
      hardExpiry: false,
      allowUsersToChangePassword: false,
      preventReuse: false,
      reusePrevention: "5",
    });
  });

  it("with a policy: Custom, with its values", () => {
    expect(formFromPolicy(STRICT)).toMatchObject({
      kind: "custom",
      minimumLength: "14",
      requireUppercase: true,
      requireSymbols: true,
      expirePasswords: true,
      maxPasswordAge: "90",
      allowUsersToChangePassword: true,
      preventReuse: true,
      reusePrevention: "3",
    });
    const noExpiry: PasswordPolicy = { ...STRICT, ExpirePasswords: false };
    delete noExpiry.MaxPasswordAge;
    delete noExpiry.PasswordReusePrevention;
    expect(formFromPolicy(noExpiry)).toMatchObject({ expirePasswords: false, maxPasswordAge: "90", preventReuse: false });
  });
});

describe("Edit password policy: checks", () => {
  it("IAM default has nothing to check", () => {
    expect(passwordPolicyFormErrors({ ...formFromPolicy(null), minimumLength: "x" })).toEqual({});
  });

  it.each([
    ["6", undefined],
    ["128", undefined],
    [" 12 ", undefined],
    ["5", "Password minimum length must be a whole number between 6 and 128."],
    ["129", "Password minimum length must be a whole number between 6 and 128."],
    ["", "Password minimum length must be a whole number between 6 and 128."],
    ["8.5", "Password minimum length must be a whole number between 6 and 128."],
    ["-8", "Password minimum length must be a whole number between 6 and 128."],
  ])("password minimum length %j", (value, error) => {
    expect(passwordPolicyFormErrors(custom({ minimumLength: value })).minimumLength).toBe(error);
  });

  it.each([
    ["1", undefined],
    ["1095", undefined],
    ["0", "The password expiration period must be a whole number between 1 and 1095."],
    ["1096", "The password expiration period must be a whole number between 1 and 1095."],
  ])("expire passwords in %j day(s)", (value, error) => {
    expect(passwordPolicyFormErrors(custom({ expirePasswords: true, maxPasswordAge: value })).maxPasswordAge).toBe(error);
  });

  it.each([
    ["1", undefined],
    ["24", undefined],
    ["0", "The number of passwords to remember must be a whole number between 1 and 24."],
    ["25", "The number of passwords to remember must be a whole number between 1 and 24."],
  ])("remember %j password(s)", (value, error) => {
    expect(passwordPolicyFormErrors(custom({ preventReuse: true, reusePrevention: value })).reusePrevention).toBe(error);
  });

  it("ignores the numbers of options that are turned off", () => {
    expect(passwordPolicyFormErrors(custom({ maxPasswordAge: "0", reusePrevention: "99" }))).toEqual({});
  });

  it("reads only whole numbers", () => {
    expect(readWholeNumber("014")).toBe(14);
    expect(readWholeNumber("1e2")).toBeUndefined();
    expect(readWholeNumber("")).toBeUndefined();
  });
});

describe("Edit password policy: what Save changes sends", () => {
  it("IAM default deletes the policy", () => {
    expect(policyInputFromForm({ ...formFromPolicy(STRICT), kind: "default" })).toBeNull();
  });

  it("Custom sends the whole policy, leaving out the numbers of options turned off", () => {
    expect(
      policyInputFromForm(custom({ minimumLength: "14", requireSymbols: true, requireNumbers: true, requireUppercase: true, requireLowercase: true, preventReuse: true, reusePrevention: "3" })),
    ).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: false,
      HardExpiry: false,
      PasswordReusePrevention: 3,
    });
    expect(policyInputFromForm(custom({ expirePasswords: true, maxPasswordAge: "30", hardExpiry: true }))).toMatchObject({ MaxPasswordAge: 30, HardExpiry: true });
  });

  it("a policy opened and saved unchanged is the same policy", () => {
    const input: Partial<PasswordPolicy> = { ...STRICT };
    delete input.ExpirePasswords;
    expect(policyInputFromForm(formFromPolicy(STRICT))).toEqual(input);
  });
});

describe("Password policy container", () => {
  it("lists a custom policy's rules", () => {
    expect(customPolicyRules(STRICT)).toEqual([
      "Password minimum length: 14 characters",
      "Require at least one uppercase letter from the Latin alphabet (A-Z)",
      "Require at least one lowercase letter from the Latin alphabet (a-z)",
      "Require at least one number",
      "Require at least one non-alphanumeric character ( ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' )",
      "Password expires in 90 day(s)",
      "Allow users to change their own password",
      "Remember 3 password(s) and prevent reuse",
    ]);
    expect(
      customPolicyRules({
        MinimumPasswordLength: 6,
        RequireSymbols: false,
        RequireNumbers: false,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
        ExpirePasswords: false,
        HardExpiry: true,
      }),
    ).toEqual(["Password minimum length: 6 characters", "Never expire password", "Password expiration requires administrator reset"]);
  });

  it("lists AWS's default rules when the account has no policy", () => {
    const rules = defaultPolicyRules();
    expect(rules[0]).toBe("Must be at least 8 characters long");
    expect(rules).toContain("Must not be identical to your AWS account name or email address");
    expect(rules.at(-1)).toBe("Never expire password");
  });
});
