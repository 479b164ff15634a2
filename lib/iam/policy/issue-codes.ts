// Every issue code the validator reports, with its finding type. Codes marked AWS are IAM Access
// Analyzer's own (IAM User Guide, "IAM policy validation check reference"); their learnMoreLink
// is the check's anchor on that page. The few marked PROJECT have no Access Analyzer equivalent;
// they get no link.

import type { FindingType } from "./types";

const AWS = true;
const PROJECT = false;

export const ISSUE_CODES = {
  // ---- Errors: a part of the policy does not work (IAM may still store it; see Finding.malformedPolicyDocument)
  JSON_SYNTAX_ERROR: ["ERROR", AWS],
  DATA_TYPE_MISMATCH: ["ERROR", AWS],
  INVALID_POLICY_ELEMENT: ["ERROR", AWS],
  INVALID_VERSION: ["ERROR", AWS],
  MISSING_STATEMENT: ["ERROR", AWS],
  MISSING_EFFECT: ["ERROR", AWS],
  INVALID_EFFECT: ["ERROR", AWS],
  MISSING_ACTION: ["ERROR", AWS],
  MISSING_RESOURCE: ["ERROR", AWS],
  MISSING_PRINCIPAL: ["ERROR", AWS],
  UNSUPPORTED_PRINCIPAL: ["ERROR", AWS],
  UNSUPPORTED_ELEMENT_COMBINATION: ["ERROR", AWS],
  UNIQUE_SIDS_REQUIRED: ["ERROR", AWS],
  UNSUPPORTED_SID: ["ERROR", AWS],
  INVALID_ACTION: ["ERROR", AWS],
  INVALID_SERVICE_IN_ACTION: ["ERROR", AWS],
  INVALID_SERVICE: ["ERROR", AWS],
  INVALID_ARN_PREFIX: ["ERROR", AWS],
  MISSING_ARN_FIELD: ["ERROR", AWS],
  INVALID_ARN_ACCOUNT: ["ERROR", AWS],
  INVALID_PARTITION: ["ERROR", AWS],
  INVALID_ARN_SERVICE_CASE: ["ERROR", AWS],
  INVALID_ARN_RESOURCE: ["ERROR", AWS],
  ARN_REGION_NOT_ALLOWED: ["ERROR", AWS],
  ARN_ACCOUNT_NOT_ALLOWED: ["ERROR", AWS],
  MISSING_ARN_REGION: ["ERROR", AWS],
  INVALID_PRINCIPAL_FORMAT: ["ERROR", AWS],
  INVALID_PRINCIPAL_KEY: ["ERROR", AWS],
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: ["ERROR", AWS],
  INVALID_CONDITION_OPERATOR: ["ERROR", AWS],
  INVALID_CONDITION_KEY_FORMAT: ["ERROR", AWS],
  NULL_WITH_IF_EXISTS: ["ERROR", AWS],
  INVALID_GLOBAL_CONDITION_KEY: ["ERROR", AWS],
  INVALID_SERVICE_CONDITION_KEY: ["ERROR", AWS],
  INVALID_CONDITION_MULTIPLE_BOOLEAN: ["ERROR", AWS],
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: ["ERROR", AWS],
  MISSING_QUALIFIER: ["ERROR", AWS],
  MISSING_TAG_KEY_IN_CONDITION: ["ERROR", AWS],
  VARIABLE_UNSUPPORTED_IN_VERSION: ["ERROR", AWS],
  VARIABLE_UNSUPPORTED_IN_ELEMENT: ["ERROR", AWS],
  SCP_SYNTAX_ERROR_PRINCIPAL: ["ERROR", AWS],
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: ["ERROR", AWS],
  RCP_SYNTAX_ERROR_NOTACTION: ["ERROR", AWS],
  ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: ["ERROR", AWS],
  ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: ["ERROR", AWS],
  ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: ["ERROR", AWS],
  /** IAM: "AssumeRole policy may only specify STS AssumeRole actions." */
  ROLE_TRUST_POLICY_UNSUPPORTED_ACTION: ["ERROR", PROJECT],

  // ---- Security warnings: access that is more open than it looks
  ALLOW_WITH_NOT_PRINCIPAL: ["SECURITY_WARNING", AWS],
  /** Allow with NotAction grants every action not listed, including those of future services. */
  ALLOW_WITH_NOT_ACTION: ["SECURITY_WARNING", PROJECT],
  FORALLVALUES_WITH_SINGLE_VALUED_KEY: ["SECURITY_WARNING", AWS],
  PASS_ROLE_WITH_STAR_IN_RESOURCE: ["SECURITY_WARNING", AWS],
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: ["SECURITY_WARNING", AWS],
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: ["SECURITY_WARNING", AWS],
  PASS_ROLE_WITH_NOT_RESOURCE: ["SECURITY_WARNING", AWS],
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: ["SECURITY_WARNING", AWS],
  PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE: ["SECURITY_WARNING", AWS],

  // ---- General warnings: works, but against the policy-writing best practices
  MISSING_VERSION: ["WARNING", AWS],
  TYPE_MISMATCH: ["WARNING", AWS],
  TYPE_MISMATCH_BOOLEAN: ["WARNING", AWS],
  TYPE_MISMATCH_DATE: ["WARNING", AWS],
  TYPE_MISMATCH_IP_RANGE: ["WARNING", AWS],
  TYPE_MISMATCH_NUMBER: ["WARNING", AWS],
  TYPE_MISMATCH_STRING: ["WARNING", AWS],
  WILDCARD_WITHOUT_LIKE_OPERATOR: ["WARNING", AWS],
  INVALID_ROLE_REFERENCE: ["WARNING", AWS],
  INVALID_USER_REFERENCE: ["WARNING", AWS],
  POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: ["WARNING", AWS],
  /** The trust, resource or resource control policy counterpart of the identity policy quota check. */
  POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: ["WARNING", PROJECT],
  CREATE_SLR_WITH_STAR_IN_RESOURCE: ["WARNING", AWS],
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: ["WARNING", AWS],
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: ["WARNING", AWS],
  CREATE_SLR_WITH_NOT_RESOURCE: ["WARNING", AWS],
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: ["WARNING", AWS],
  CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE: ["WARNING", AWS],
  /** A JSON object names a member twice; the last one is used. */
  DUPLICATE_JSON_KEY: ["WARNING", PROJECT],
  /** A resource that none of the statement's actions can apply to, or an action none of its resources fit. */
  RESOURCE_MISMATCH: ["WARNING", PROJECT],

  // ---- Suggestions: style that does not change access
  EMPTY_ARRAY_ACTION: ["SUGGESTION", AWS],
  EMPTY_ARRAY_RESOURCE: ["SUGGESTION", AWS],
  EMPTY_ARRAY_PRINCIPAL: ["SUGGESTION", AWS],
  EMPTY_ARRAY_CONDITION: ["SUGGESTION", AWS],
  EMPTY_ARRAY_CONDITION_FORALLVALUES: ["SUGGESTION", AWS],
  EMPTY_ARRAY_CONDITION_FORANYVALUE: ["SUGGESTION", AWS],
  EMPTY_ARRAY_CONDITION_IFEXISTS: ["SUGGESTION", AWS],
  EMPTY_OBJECT_CONDITION: ["SUGGESTION", AWS],
  EMPTY_OBJECT_PRINCIPAL: ["SUGGESTION", AWS],
  EMPTY_SID_VALUE: ["SUGGESTION", AWS],
  IMPROVE_IP_RANGE: ["SUGGESTION", AWS],
  NULL_WITH_QUALIFIER: ["SUGGESTION", AWS],
  REDUNDANT_ACTION: ["SUGGESTION", AWS],
  REDUNDANT_RESOURCE: ["SUGGESTION", AWS],
  REDUNDANT_STATEMENT: ["SUGGESTION", AWS],
  WILDCARD_IN_SERVICE_NAME: ["SUGGESTION", AWS],
} as const satisfies Record<string, readonly [FindingType, boolean]>;

export type IssueCode = keyof typeof ISSUE_CODES;

const REFERENCE = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html";
const ANCHOR_PREFIX: Record<FindingType, string> = {
  ERROR: "error",
  SECURITY_WARNING: "security-warning",
  WARNING: "general-warning",
  SUGGESTION: "suggestion",
};

export function findingTypeOf(code: IssueCode): FindingType {
  return ISSUE_CODES[code][0];
}

const LINKS = new Map<IssueCode, string | undefined>();

/** The check's anchor on AWS's reference page (`#…-error-invalid-action`), or undefined for project codes. */
export function learnMoreLink(code: IssueCode): string | undefined {
  if (LINKS.has(code)) return LINKS.get(code);
  const [type, aws] = ISSUE_CODES[code];
  const link = aws ? `${REFERENCE}#access-analyzer-reference-policy-checks-${ANCHOR_PREFIX[type]}-${code.toLowerCase().replaceAll("_", "-")}` : undefined;
  LINKS.set(code, link);
  return link;
}
