import { DESCRIPTION_MAX, NAME_LIMITS, NAME_PATTERN } from "@/lib/iam/validation";

// The policy forms' checks as the user types, with the domain's own limits: what the forms
// flag is what CreatePolicy and PutRolePolicy would refuse.

export function policyNameError(name: string): string | undefined {
  if (name.length === 0) return "Enter a policy name.";
  if (name.length > NAME_LIMITS.policyName) return `The policy name must have no more than ${NAME_LIMITS.policyName} characters.`;
  if (!NAME_PATTERN.test(name)) return "The policy name can only contain alphanumeric characters and the following: +=,.@-_";
  return undefined;
}

export function policyDescriptionError(description: string): string | undefined {
  if (description.length > DESCRIPTION_MAX) return `The description must have no more than ${DESCRIPTION_MAX} characters.`;
  return undefined;
}

/** The editor's findings that stop a save: errors, or a document over the size limit. */
export function documentBlocked(summary: { errors: number; overLimit: boolean } | undefined): string | undefined {
  if (!summary) return undefined;
  if (summary.errors > 0) return `Resolve ${summary.errors === 1 ? "the error" : `the ${summary.errors} errors`} in the policy before you continue.`;
  if (summary.overLimit) return "The policy exceeds the size limit. Shorten it before you continue.";
  return undefined;
}

/** The validator accepts an empty Statement list; Create policy still asks for a statement to go on. */
export function emptyPolicyBlocked(text: string): string | undefined {
  return isEmptyPolicy(text) ? "Add at least one statement to the policy." : undefined;
}

function isEmptyPolicy(text: string): boolean {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return Array.isArray(doc.Statement) && doc.Statement.length === 0;
  } catch {
    return false;
  }
}
