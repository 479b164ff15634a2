// The account alias as the Create/Edit dialog checks it while the user types: CreateAccountAlias's
// rules (iam-facts §1/§2), in the console's words. Plain module, shared by the dialog and its
// tests; CreateAccountAlias refuses the same values on the server.

export const ACCOUNT_ALIAS_MIN = 3;
export const ACCOUNT_ALIAS_MAX = 63;
/** CreateAccountAlias's pattern: lowercase letters, digits and single hyphens, not at either end. */
export const ACCOUNT_ALIAS_PATTERN = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

/** The rules, as the dialog shows them under the field. */
export const ACCOUNT_ALIAS_RULES = [
  `Must be ${ACCOUNT_ALIAS_MIN} to ${ACCOUNT_ALIAS_MAX} characters long.`,
  "Can contain only lowercase letters (a-z), numbers (0-9) and hyphens (-).",
  "Must start and end with a lowercase letter or a number, and cannot contain two hyphens in a row.",
  "Cannot be a 12-digit number, which could be taken for an account ID.",
  "Must be unique across all AWS accounts. Aliases are not secret: the alias appears in the public sign-in URL.",
] as const;

export function accountAliasError(alias: string): string | undefined {
  if (alias === "") return "Enter an alias.";
  if (alias.length < ACCOUNT_ALIAS_MIN || alias.length > ACCOUNT_ALIAS_MAX) {
    return `The alias must be ${ACCOUNT_ALIAS_MIN} to ${ACCOUNT_ALIAS_MAX} characters long.`;
  }
  if (/[^a-z0-9-]/.test(alias)) return "The alias can contain only lowercase letters (a-z), numbers (0-9) and hyphens (-).";
  if (!ACCOUNT_ALIAS_PATTERN.test(alias)) {
    return "The alias must start and end with a lowercase letter or a number, and cannot contain two hyphens in a row.";
  }
  if (/^\d{12}$/.test(alias)) return "The alias cannot be a 12-digit number.";
  return undefined;
}
