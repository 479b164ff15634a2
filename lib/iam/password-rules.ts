// The rules an IAM user's console password must follow (iam-facts §7): the account's password
// policy when it has one, otherwise AWS's default. Pure, without 'server-only': the create-user
// form checks the password with these same functions as the user types, and CreateLoginProfile
// / UpdateLoginProfile enforce them.

/** Password members: 1–128 characters of `[\u0009\u000A\u000D\u0020-\u00FF]`. */
export const PASSWORD_MAX = 128;
export const PASSWORD_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
/** The symbols a password policy's RequireSymbols counts. */
export const PASSWORD_SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

export const PASSWORD_POLICY_VIOLATION = "Password does not conform to the account password policy.";

/** UpdateAccountPasswordPolicy's numeric members and their ranges (iam-facts §7). */
export const PASSWORD_POLICY_RANGES = {
  MinimumPasswordLength: { min: 6, max: 128 },
  MaxPasswordAge: { min: 1, max: 1095 },
  PasswordReusePrevention: { min: 1, max: 24 },
} as const;

/** What an absent MinimumPasswordLength means in UpdateAccountPasswordPolicy. */
export const DEFAULT_MINIMUM_PASSWORD_LENGTH = 6;

/**
 * The rule PasswordReusePrevention adds to a password change (a new login profile has no
 * earlier passwords, so the requirements for one leave it out).
 */
export function passwordReuseRule(count: number): string {
  return count === 1 ? "Must not be your previous password" : `Must not be one of your last ${count} passwords`;
}

/** What a password is checked against, in GetAccountPasswordPolicy's members. */
export interface PasswordRules {
  /** False: AWS's default rules (no policy set on the account). */
  Custom: boolean;
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  /** The default rules: at least three of the four character types. */
  RequireThreeCharacterTypes: boolean;
  PasswordReusePrevention?: number;
}

/** AWS's rules for an account without a password policy: 8–128 characters, three of four types. */
export const DEFAULT_PASSWORD_RULES: PasswordRules = {
  Custom: false,
  MinimumPasswordLength: 8,
  RequireSymbols: false,
  RequireNumbers: false,
  RequireUppercaseCharacters: false,
  RequireLowercaseCharacters: false,
  RequireThreeCharacterTypes: true,
};

const hasUpper = (p: string) => /[A-Z]/.test(p);
const hasLower = (p: string) => /[a-z]/.test(p);
const hasNumber = (p: string) => /[0-9]/.test(p);
const hasSymbol = (p: string) => [...p].some((c) => PASSWORD_SYMBOLS.includes(c));

/** The requirements, as the console lists them under the password field. */
export function passwordRequirements(rules: PasswordRules): string[] {
  const out = [`Must be at least ${rules.MinimumPasswordLength} characters long`];
  if (rules.RequireThreeCharacterTypes) {
    out.push(`Must include at least three of the following mix of character types: uppercase letters (A-Z), lowercase letters (a-z), numbers (0-9), and symbols ${PASSWORD_SYMBOLS}`);
    out.push("Must not be identical to your AWS account name or email address");
  }
  if (rules.RequireUppercaseCharacters) out.push("Must include at least one uppercase letter (A-Z)");
  if (rules.RequireLowercaseCharacters) out.push("Must include at least one lowercase letter (a-z)");
  if (rules.RequireNumbers) out.push("Must include at least one number (0-9)");
  if (rules.RequireSymbols) out.push(`Must include at least one non-alphanumeric character (${PASSWORD_SYMBOLS})`);
  return out;
}

/**
 * The requirements a password does not meet (empty when it conforms). `accountNames` are the
 * account ID, alias and root e-mail, which the default rules forbid as passwords.
 * Reuse of earlier passwords is checked by the server against the history, not here.
 */
export function passwordProblems(password: string, rules: PasswordRules, accountNames: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (password.length < rules.MinimumPasswordLength) problems.push(`Must be at least ${rules.MinimumPasswordLength} characters long`);
  if (password.length > PASSWORD_MAX) problems.push(`Must be at most ${PASSWORD_MAX} characters long`);
  if (password !== "" && !PASSWORD_PATTERN.test(password)) problems.push("Must use only printable Latin-1 characters");
  if (rules.RequireThreeCharacterTypes) {
    const types = [hasUpper, hasLower, hasNumber, hasSymbol].filter((has) => has(password)).length;
    if (types < 3) problems.push("Must include at least three of: uppercase letters, lowercase letters, numbers and symbols");
    const lower = password.toLowerCase();
    if (accountNames.some((name) => name !== "" && name.toLowerCase() === lower)) {
      problems.push("Must not be identical to your AWS account name or email address");
    }
  }
  if (rules.RequireUppercaseCharacters && !hasUpper(password)) problems.push("Must include at least one uppercase letter (A-Z)");
  if (rules.RequireLowercaseCharacters && !hasLower(password)) problems.push("Must include at least one lowercase letter (a-z)");
  if (rules.RequireNumbers && !hasNumber(password)) problems.push("Must include at least one number (0-9)");
  if (rules.RequireSymbols && !hasSymbol(password)) problems.push(`Must include at least one non-alphanumeric character (${PASSWORD_SYMBOLS})`);
  return problems;
}
