// validatePolicy: parsePolicy's findings plus the rules of the place a document goes
// (iam-facts §3): identity-style policies may not name a principal and need resources;
// managed policies need Version 2012-10-17; trust policies need a Principal, have no
// Resource and only STS assume-role actions. Every problem is reported, in document order.
// malformedPolicyMessage gives the one MalformedPolicyDocument text AWS would answer with.

import { FindingList } from "./findings";
import { parsePolicy } from "./parse";
import type { Finding, ParsedPolicy } from "./types";

/** Where the document is used. `managed` also covers permissions boundaries. */
export type PolicyDocumentKind = "identity" | "managed" | "session" | "trust" | "resource";

const TRUST_ACTIONS = ["sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"];

export interface ValidationResult {
  policy?: ParsedPolicy;
  findings: Finding[];
  /** No error-level findings. */
  valid: boolean;
}

export function validatePolicy(text: string, kind: PolicyDocumentKind): ValidationResult {
  const { policy, findings } = parsePolicy(text);
  const extra = new FindingList();
  if (policy) checkKind(policy, kind, extra);
  const all = [...findings, ...extra.items].sort(byPosition);
  return { policy, findings: all, valid: !all.some(isError) };
}

function checkKind(policy: ParsedPolicy, kind: PolicyDocumentKind, findings: FindingList): void {
  if (kind === "managed" && policy.version?.value !== "2012-10-17") {
    findings.error("policy.versionRequired", "Policy document must be version 2012-10-17 or greater.", "Version", policy.version?.range ?? policy.range);
  }
  for (const s of policy.statements) {
    const at = (element: string) => `${s.path}.${element}`;
    if (kind === "identity" || kind === "managed" || kind === "session") {
      if (s.principal) {
        findings.error("principal.prohibited", "Policy document should not specify a principal.", at(s.principal.element), s.principal.value.range);
      }
      if (!s.resource) findings.error("statement.missingResource", "Policy statement must contain resources.", s.path, s.range);
    }
    if (kind === "trust" || kind === "resource") {
      if (!s.principal) findings.error("principal.missing", "Missing required field Principal", s.path, s.range);
    }
    if (kind === "trust") {
      if (s.principal?.element === "NotPrincipal") {
        findings.error("principal.notPrincipalInTrust", "Has prohibited field NotPrincipal", at("NotPrincipal"), s.principal.value.range);
      }
      if (s.resource) findings.error("trust.resource", `Has prohibited field ${s.resource.element}`, at(s.resource.element), s.resource.range);
      const actions = s.action?.element === "NotAction" ? [] : (s.action?.values ?? []);
      const wrong = s.action?.element === "NotAction" ? [s.action] : actions.filter((a) => !TRUST_ACTIONS.includes(a.value.toLowerCase()));
      for (const a of wrong) {
        findings.error("trust.action", "AssumeRole policy may only specify STS AssumeRole actions.", at(s.action!.element), a.range);
      }
    }
  }
}

function isError(finding: Finding): boolean {
  return finding.severity !== "warning";
}

function byPosition(a: Finding, b: Finding): number {
  const pa = a.range?.start ?? { line: 0, column: 0 };
  const pb = b.range?.start ?? { line: 0, column: 0 };
  return pa.line - pb.line || pa.column - pb.column;
}

/** Codes whose message is AWS's own MalformedPolicyDocument text; the rest read "Syntax errors in policy." */
const AWS_TEXT = new Set([
  "action.noVendor",
  "action.tooManyColons",
  "condition.noVendor",
  "resource.notArn",
  "statement.missingAction",
  "statement.missingResource",
  "statement.duplicateSid",
  "principal.invalid",
  "principal.prohibited",
  "principal.missing",
  "principal.notPrincipalInTrust",
  "policy.versionRequired",
  "trust.resource",
  "trust.action",
]);

/** The MalformedPolicyDocument message for the first error, or undefined when there is none. */
export function malformedPolicyMessage(findings: readonly Finding[]): string | undefined {
  const first = findings.find(isError);
  if (!first) return undefined;
  return AWS_TEXT.has(first.code) ? first.message : "Syntax errors in policy.";
}
