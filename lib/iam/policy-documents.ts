import { malformedPolicyMessage, policySize, validatePolicy } from "@/lib/iam/policy";
import { IamError } from "./errors";
import { missingMember, validationError } from "./validation";

// Identity policy documents as managed and inline policies receive them: the wire checks of
// the PolicyDocument parameter, the policy grammar, and the size AWS counts against quotas.

/** Any PolicyDocument parameter (iam-facts §2). */
export const POLICY_DOCUMENT_MAX = 131_072;
const POLICY_DOCUMENT_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;


export function checkPolicyDocumentParam(value: string | undefined, member = "policyDocument"): string {
  if (value === undefined) throw missingMember(member);
  if (value.length < 1) throw validationError(value, member, "Member must have length greater than or equal to 1");
  if (value.length > POLICY_DOCUMENT_MAX) {
    throw validationError("…", member, `Member must have length less than or equal to ${POLICY_DOCUMENT_MAX}`);
  }
  if (!POLICY_DOCUMENT_PATTERN.test(value)) {
    throw validationError(value, member, "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  }
  return value;
}

// IAM does not count white space toward policy size quotas; the engine counts it one way for all.
export { policySize };

/** Where an identity policy document is stored. */
export type IdentityDocumentUse = "managed" | "inline-user" | "inline-group" | "inline-role";

/**
 * The one place lib/iam asks the policy engine whether a document is a valid identity policy
 * for its use (a managed policy needs Version 2012-10-17). Throws MalformedPolicyDocument with
 * AWS's message. Size quotas are checked by the callers, which answer LimitExceeded.
 */
export function checkIdentityPolicy(document: string, use: IdentityDocumentUse): void {
  const { valid, findings } = validatePolicy(document, "IDENTITY_POLICY", { iamDocument: use });
  if (!valid) throw new IamError("MalformedPolicyDocument", malformedPolicyMessage(findings) ?? "Syntax errors in policy.");
}
