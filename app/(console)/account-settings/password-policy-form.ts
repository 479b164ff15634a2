import type { PasswordPolicy, UpdateAccountPasswordPolicyInput } from "@/lib/iam/password-policy";
import { DEFAULT_PASSWORD_RULES, PASSWORD_POLICY_RANGES, PASSWORD_SYMBOLS, passwordRequirements } from "@/lib/iam/password-rules";

// The Account settings page's password policy: the rules as the page lists them, and the Edit
// form's fields, checks and the UpdateAccountPasswordPolicy input they make. Plain module: the
// form checks as the user types, and the tests read the same functions. The ranges are
// UpdateAccountPasswordPolicy's own constants, so the form flags what the server would refuse.

export const MIN_LENGTH_RANGE = PASSWORD_POLICY_RANGES.MinimumPasswordLength;
export const MAX_PASSWORD_AGE_RANGE = PASSWORD_POLICY_RANGES.MaxPasswordAge;
export const REUSE_PREVENTION_RANGE = PASSWORD_POLICY_RANGES.PasswordReusePrevention;

/** What the IAM console's form shows in a field that has no value yet. */
export const FORM_PREFILL = { minimumLength: 8, maxPasswordAge: 90, reusePrevention: 5 } as const;

/** The symbols RequireSymbols counts, spaced as the console prints them. */
export const SPACED_SYMBOLS = [...PASSWORD_SYMBOLS].join(" ");

export const RULE_TEXT = {
  uppercase: "Require at least one uppercase letter from the Latin alphabet (A-Z)",
  lowercase: "Require at least one lowercase letter from the Latin alphabet (a-z)",
  numbers: "Require at least one number",
  symbols: `Require at least one non-alphanumeric character ( ${SPACED_SYMBOLS} )`,
  allowChange: "Allow users to change their own password",
  hardExpiry: "Password expiration requires administrator reset",
  neverExpire: "Never expire password",
} as const;

export type PolicyKind = "default" | "custom";

/** The Edit form's state. Numbers stay text while the user types them. */
export interface PasswordPolicyForm {
  kind: PolicyKind;
  minimumLength: string;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
  expirePasswords: boolean;
  maxPasswordAge: string;
  hardExpiry: boolean;
  allowUsersToChangePassword: boolean;
  preventReuse: boolean;
  reusePrevention: string;
}

export type PasswordPolicyFormErrors = Partial<Record<"minimumLength" | "maxPasswordAge" | "reusePrevention", string>>;

/** The form as the Edit page opens: the account's policy, or "IAM default" with the console's pre-filled values. */
export function formFromPolicy(policy: PasswordPolicy | null): PasswordPolicyForm {
  return {
    kind: policy ? "custom" : "default",
    minimumLength: String(policy?.MinimumPasswordLength ?? FORM_PREFILL.minimumLength),
    requireUppercase: policy?.RequireUppercaseCharacters ?? false,
    requireLowercase: policy?.RequireLowercaseCharacters ?? false,
    requireNumbers: policy?.RequireNumbers ?? false,
    requireSymbols: policy?.RequireSymbols ?? false,
    expirePasswords: policy?.MaxPasswordAge !== undefined,
    maxPasswordAge: String(policy?.MaxPasswordAge ?? FORM_PREFILL.maxPasswordAge),
    hardExpiry: policy?.HardExpiry ?? false,
    allowUsersToChangePassword: policy?.AllowUsersToChangePassword ?? false,
    preventReuse: policy?.PasswordReusePrevention !== undefined,
    reusePrevention: String(policy?.PasswordReusePrevention ?? FORM_PREFILL.reusePrevention),
  };
}

/** A whole number typed into a field, or undefined when the text is not one. */
export function readWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : undefined;
}

function rangeError(text: string, range: { min: number; max: number }, what: string): string | undefined {
  const n = readWholeNumber(text);
  if (n === undefined || n < range.min || n > range.max) return `${what} must be a whole number between ${range.min} and ${range.max}.`;
  return undefined;
}

/** The fields the Custom policy uses that hold no valid value; none for "IAM default". */
export function passwordPolicyFormErrors(form: PasswordPolicyForm): PasswordPolicyFormErrors {
  if (form.kind === "default") return {};
  const errors: PasswordPolicyFormErrors = {};
  const minimumLength = rangeError(form.minimumLength, MIN_LENGTH_RANGE, "Password minimum length");
  if (minimumLength) errors.minimumLength = minimumLength;
  if (form.expirePasswords) {
    const age = rangeError(form.maxPasswordAge, MAX_PASSWORD_AGE_RANGE, "The password expiration period");
    if (age) errors.maxPasswordAge = age;
  }
  if (form.preventReuse) {
    const reuse = rangeError(form.reusePrevention, REUSE_PREVENTION_RANGE, "The number of passwords to remember");
    if (reuse) errors.reusePrevention = reuse;
  }
  return errors;
}

/**
 * What "Save changes" asks of IAM: null for "IAM default" (DeleteAccountPasswordPolicy), else
 * the whole policy for UpdateAccountPasswordPolicy, which replaces every member: an unchecked
 * option is sent as false or left out, never kept from the old policy. Call only on a form
 * without errors.
 */
export function policyInputFromForm(form: PasswordPolicyForm): UpdateAccountPasswordPolicyInput | null {
  if (form.kind === "default") return null;
  return {
    MinimumPasswordLength: readWholeNumber(form.minimumLength) ?? FORM_PREFILL.minimumLength,
    RequireUppercaseCharacters: form.requireUppercase,
    RequireLowercaseCharacters: form.requireLowercase,
    RequireNumbers: form.requireNumbers,
    RequireSymbols: form.requireSymbols,
    AllowUsersToChangePassword: form.allowUsersToChangePassword,
    HardExpiry: form.hardExpiry,
    ...(form.expirePasswords ? { MaxPasswordAge: readWholeNumber(form.maxPasswordAge) ?? FORM_PREFILL.maxPasswordAge } : {}),
    ...(form.preventReuse ? { PasswordReusePrevention: readWholeNumber(form.reusePrevention) ?? FORM_PREFILL.reusePrevention } : {}),
  };
}

/** The rules of a custom policy as the Password policy container lists them. */
export function customPolicyRules(policy: PasswordPolicy): string[] {
  const rules = [`Password minimum length: ${policy.MinimumPasswordLength} characters`];
  if (policy.RequireUppercaseCharacters) rules.push(RULE_TEXT.uppercase);
  if (policy.RequireLowercaseCharacters) rules.push(RULE_TEXT.lowercase);
  if (policy.RequireNumbers) rules.push(RULE_TEXT.numbers);
  if (policy.RequireSymbols) rules.push(RULE_TEXT.symbols);
  rules.push(policy.MaxPasswordAge !== undefined ? `Password expires in ${policy.MaxPasswordAge} day(s)` : RULE_TEXT.neverExpire);
  if (policy.HardExpiry) rules.push(RULE_TEXT.hardExpiry);
  if (policy.AllowUsersToChangePassword) rules.push(RULE_TEXT.allowChange);
  if (policy.PasswordReusePrevention !== undefined) rules.push(`Remember ${policy.PasswordReusePrevention} password(s) and prevent reuse`);
  return rules;
}

/** The rules that apply when the account has no policy: AWS's default. */
export function defaultPolicyRules(): string[] {
  return [...passwordRequirements(DEFAULT_PASSWORD_RULES), RULE_TEXT.neverExpire];
}
