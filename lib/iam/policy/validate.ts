// validatePolicy: Access Analyzer-style validation. parsePolicy's findings, then the rules of
// the place the document goes (iam-facts §3), the checks that need the action catalog, and the
// best-practice checks; every problem is reported, in document order.
//
// Each rule emits one finding that carries both views of it: Access Analyzer's (issue code and
// finding type) and, when IAM's own API refuses such a document, IAM's MalformedPolicyDocument
// text. malformedPolicyMessage picks the one IAM answers with; `valid` means IAM accepts it.
//
// Policy types are Access Analyzer's. The IAM distinctions ride in the options, as Access
// Analyzer's own API does it:
//  - a role trust policy is RESOURCE_POLICY with resourceType AWS::IAM::AssumeRolePolicyDocument
//    (options.iamDocument "trust" implies that resource type);
//  - a permissions boundary is an ordinary managed policy: IDENTITY_POLICY, iamDocument "managed";
//  - options.iamDocument names the IAM document kind, which decides IAM's own acceptance rules
//    (a managed policy needs Version 2012-10-17) and the size quota.

import type { PolicyCatalog } from "./catalog";
import { member, memberName, FindingList } from "./findings";
import { parsePolicy, statementPath, valuePath } from "./parse";
import type { Finding, ParsedPolicy, ParsedStatement } from "./types";
import { adviseStatements } from "./validate-advice";
import { checkAgainstCatalog } from "./validate-catalog";

/** Access Analyzer's policyType values. */
export type PolicyType = "IDENTITY_POLICY" | "RESOURCE_POLICY" | "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";

/** Access Analyzer's validatePolicyResourceType values (for RESOURCE_POLICY). */
export type ValidatePolicyResourceType =
  | "AWS::IAM::AssumeRolePolicyDocument"
  | "AWS::S3::Bucket"
  | "AWS::S3::AccessPoint"
  | "AWS::S3::MultiRegionAccessPoint"
  | "AWS::S3ObjectLambda::AccessPoint"
  | "AWS::DynamoDB::Table"
  | "AWS::DynamoDB::Stream";

/** The IAM documents a policy is stored as (a permissions boundary is a managed policy). */
export type IamDocumentKind = "managed" | "inline-user" | "inline-group" | "inline-role" | "trust" | "session";

/** Non-whitespace characters (iam-facts §2). The inline quotas are per principal, for all its inline policies together. */
export const POLICY_SIZE_QUOTAS: Record<IamDocumentKind, number> = {
  managed: 6144,
  "inline-user": 2048,
  "inline-group": 5120,
  "inline-role": 10240,
  trust: 2048,
  session: 2048,
};

/** Organizations' quota for service and resource control policies. */
const ORGANIZATIONS_POLICY_QUOTA = 5120;

export interface ValidatePolicyOptions {
  resourceType?: ValidatePolicyResourceType;
  iamDocument?: IamDocumentKind;
  /** The size quota in non-whitespace characters; by default the iamDocument's, or the policy type's. */
  sizeLimit?: number;
  /** Action, resource type and condition key knowledge; the checks that need it are skipped without. */
  catalog?: PolicyCatalog;
}

export interface ValidationResult {
  /** Absent only when the text is not JSON or not a JSON object. */
  policy?: ParsedPolicy;
  /** In document order. */
  findings: Finding[];
  /** IAM accepts the document: no finding carries a MalformedPolicyDocument message. */
  valid: boolean;
}

/** The rules a policy type brings (trust policies are resource policies with rules of their own). */
export type Grammar = "identity" | "resource" | "trust" | "scp" | "rcp";

const TRUST_ACTIONS = ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"];
const NEEDS_VERSION = "Policy document must be version 2012-10-17 or greater.";

export function validatePolicy(document: string, policyType: PolicyType, options: ValidatePolicyOptions = {}): ValidationResult {
  const { policy, findings: parsed } = parsePolicy(document);
  const findings = new FindingList(document);
  const grammar = grammarOf(policyType, options);
  if (policy) {
    checkVersion(policy, options, findings);
    for (const statement of policy.statements) checkStatement(statement, grammar, findings);
    if (options.catalog) checkAgainstCatalog(policy, options.catalog, findings);
    adviseStatements(policy, grammar, findings, options.catalog);
    checkSize(document, policy, grammar, options, findings);
  }
  const all = [...parsed, ...findings.items];
  all.sort(byPosition);
  return { policy, findings: all, valid: !all.some((f) => f.malformedPolicyDocument !== undefined) };
}

function grammarOf(policyType: PolicyType, options: ValidatePolicyOptions): Grammar {
  if (options.iamDocument === "trust" || options.resourceType === "AWS::IAM::AssumeRolePolicyDocument") return "trust";
  switch (policyType) {
    case "IDENTITY_POLICY":
      return "identity";
    case "RESOURCE_POLICY":
      return "resource";
    case "SERVICE_CONTROL_POLICY":
      return "scp";
    case "RESOURCE_CONTROL_POLICY":
      return "rcp";
  }
}

function checkVersion(policy: ParsedPolicy, options: ValidatePolicyOptions, findings: FindingList): void {
  const managed = options.iamDocument === "managed";
  if (!policy.version) {
    findings.add("MISSING_VERSION", 'Add "Version": "2012-10-17"; without it, policy variables such as ${aws:username} are read as plain text.', [], policy.range, {
      malformed: managed ? NEEDS_VERSION : undefined,
    });
  } else if (managed && policy.version.value !== "2012-10-17") {
    findings.add("INVALID_VERSION", "The version 2008-10-17 is not valid for a managed policy. Use 2012-10-17.", member([], "Version"), policy.version.range, {
      malformed: NEEDS_VERSION,
    });
  }
}

function checkStatement(s: ParsedStatement, grammar: Grammar, findings: FindingList): void {
  const path = statementPath(s);
  const principal = s.principal;
  const principalAt = principal && member(path, principal.element);
  switch (grammar) {
    case "identity":
      if (principal && principalAt) {
        findings.add("UNSUPPORTED_PRINCIPAL", `The policy type does not support the ${principal.element} element. Remove the ${principal.element} element.`, principalAt, principal.value.range, {
          malformed: "Policy document should not specify a principal.",
        });
      }
      if (!s.resource) missingResource(s, findings);
      return;
    case "scp":
      if (principal && principalAt) {
        findings.add("SCP_SYNTAX_ERROR_PRINCIPAL", "SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.", principalAt, principal.value.range);
      }
      if (!s.resource) missingResource(s, findings);
      return;
    case "rcp":
      if (!principal) missingPrincipal(s, findings);
      if (s.action?.element === "NotAction") {
        findings.add("RCP_SYNTAX_ERROR_NOTACTION", "RCPs do not support the NotAction element. Use Action instead.", memberName(path, "NotAction"), s.action.range);
      }
      if (!s.resource) missingResource(s, findings);
      return;
    case "resource":
      if (!principal) missingPrincipal(s, findings);
      return;
    case "trust":
      checkTrustStatement(s, findings);
      return;
  }
}

function missingResource(s: ParsedStatement, findings: FindingList): void {
  findings.add("MISSING_RESOURCE", "Add a Resource or NotResource element to the policy statement.", statementPath(s), s.range, {
    malformed: "Policy statement must contain resources.",
  });
}

function missingPrincipal(s: ParsedStatement, findings: FindingList): void {
  findings.add("MISSING_PRINCIPAL", "Add a Principal element to the policy statement.", statementPath(s), s.range, { malformed: "Missing required field Principal" });
}

function checkTrustStatement(s: ParsedStatement, findings: FindingList): void {
  const path = statementPath(s);
  if (!s.principal) missingPrincipal(s, findings);
  else if (s.principal.element === "NotPrincipal") {
    findings.add("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", "Role trust policies do not support the NotPrincipal element. Use Principal instead.", member(path, "NotPrincipal"), s.principal.value.range, {
      malformed: "Has prohibited field NotPrincipal",
    });
  } else if (s.principal.value.kind === "wildcard") {
    findings.add(
      "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
      '"Principal": "*" lets anyone assume the role. Name the accounts, roles or services that may assume it.',
      member(path, "Principal"),
      s.principal.value.range,
    );
  }
  if (s.resource) {
    findings.add("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", `Role trust policies do not support the ${s.resource.element} element. Remove it.`, member(path, s.resource.element), s.resource.range, {
      malformed: `Has prohibited field ${s.resource.element}`,
    });
  }
  const action = s.action;
  if (!action) return;
  const malformed = "AssumeRole policy may only specify STS AssumeRole actions.";
  const details = `A role trust policy may only allow ${["sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"].join(", ")}.`;
  if (action.element === "NotAction") {
    findings.add("ROLE_TRUST_POLICY_UNSUPPORTED_ACTION", details, member(path, "NotAction"), action.range, { malformed });
    return;
  }
  action.values.forEach((value, i) => {
    if (TRUST_ACTIONS.includes(value.value.toLowerCase())) return;
    const at = valuePath(s, "Action", action.range, value, i);
    findings.add("ROLE_TRUST_POLICY_UNSUPPORTED_ACTION", details, at, value.range, { malformed });
  });
}

/** Characters that count against IAM's size quotas: everything but whitespace (iam-facts §2). */
export function policySize(text: string): number {
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x20 && ch !== 0x0a && ch !== 0x0d && ch !== 0x09) size++;
  }
  return size;
}

function checkSize(text: string, policy: ParsedPolicy, grammar: Grammar, options: ValidatePolicyOptions, findings: FindingList): void {
  const limit =
    options.sizeLimit ??
    (options.iamDocument
      ? POLICY_SIZE_QUOTAS[options.iamDocument]
      : grammar === "identity"
        ? POLICY_SIZE_QUOTAS.managed
        : grammar === "trust"
          ? POLICY_SIZE_QUOTAS.trust
          : grammar === "scp" || grammar === "rcp"
            ? ORGANIZATIONS_POLICY_QUOTA
            : undefined);
  if (limit === undefined) return;
  const size = policySize(text);
  if (size <= limit) return;
  const code =
    grammar === "identity" ? "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA" : grammar === "scp" ? "POLICY_SIZE_EXCEEDS_SCP_QUOTA" : "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA";
  findings.add(code, `The policy has ${size} characters, excluding whitespace; the quota is ${limit}. Split it into several smaller policies.`, [], policy.range);
}

function byPosition(a: Finding, b: Finding): number {
  return (a.locations[0]?.span.start.offset ?? 0) - (b.locations[0]?.span.start.offset ?? 0);
}

/** The MalformedPolicyDocument message IAM answers with (the first refusal in the document), or undefined when IAM accepts it. */
export function malformedPolicyMessage(findings: readonly Finding[]): string | undefined {
  return findings.find((f) => f.malformedPolicyDocument !== undefined)?.malformedPolicyDocument;
}
