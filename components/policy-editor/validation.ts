// The one place the editor meets lib/iam/policy's validator: it runs validatePolicy (pure,
// the same function the server uses) and turns its Access Analyzer-shaped findings into what
// the editor shows. A change of the validator's signature or finding shape touches this file.

import { createPolicyCatalog, type CatalogData, type PolicyCatalog } from "@/lib/iam/policy/catalog";
import type { Finding } from "@/lib/iam/policy/types";
import { policySize, POLICY_SIZE_QUOTAS, validatePolicy, type PolicyType, type ValidatePolicyOptions } from "@/lib/iam/policy/validate";
import type { EditorRange, PolicyEditorDocumentKind } from "./types";

export type EditorFindingType = Finding["findingType"];

export interface EditorFinding {
  type: EditorFindingType;
  /** Access Analyzer's issue code, e.g. MISSING_VERSION. */
  code: string;
  message: string;
  learnMoreLink?: string;
  /** 1-based, end exclusive; absent when the finding is about the whole document. */
  range?: EditorRange;
}

/** Access Analyzer's policy type and the IAM document kind, for each kind of editor. */
const VALIDATION: Record<PolicyEditorDocumentKind, { policyType: PolicyType; options: ValidatePolicyOptions }> = {
  identity: { policyType: "IDENTITY_POLICY", options: {} },
  managed: { policyType: "IDENTITY_POLICY", options: { iamDocument: "managed" } },
  "inline-user": { policyType: "IDENTITY_POLICY", options: { iamDocument: "inline-user" } },
  "inline-group": { policyType: "IDENTITY_POLICY", options: { iamDocument: "inline-group" } },
  "inline-role": { policyType: "IDENTITY_POLICY", options: { iamDocument: "inline-role" } },
  session: { policyType: "IDENTITY_POLICY", options: { iamDocument: "session" } },
  trust: { policyType: "RESOURCE_POLICY", options: { iamDocument: "trust" } },
};

export function policyFindings(text: string, kind: PolicyEditorDocumentKind, catalog?: PolicyCatalog, sizeLimit?: number): EditorFinding[] {
  const { policyType, options } = VALIDATION[kind];
  const { findings } = validatePolicy(text, policyType, {
    ...options,
    ...(catalog ? { catalog } : {}),
    ...(sizeLimit !== undefined ? { sizeLimit } : {}),
  });
  return findings.map(toEditorFinding);
}

function toEditorFinding(finding: Finding): EditorFinding {
  // Access Analyzer's spans: line from 1, column from 0.
  const span = finding.locations[0]?.span;
  return {
    type: finding.findingType,
    code: finding.issueCode,
    message: finding.findingDetails,
    ...(finding.learnMoreLink ? { learnMoreLink: finding.learnMoreLink } : {}),
    ...(span
      ? {
          range: {
            start: { line: span.start.line, column: span.start.column + 1 },
            end: { line: span.end.line, column: span.end.column + 1 },
          },
        }
      : {}),
  };
}

/** Characters that count against IAM's size quotas: all but whitespace. */
export const policyCharacterCount = policySize;

/** The size quota of a kind of document, for the character count when no limit is given. */
export function defaultSizeLimit(kind: PolicyEditorDocumentKind): number {
  // Any identity-based policy is held to the managed policy quota, as the validator does.
  return POLICY_SIZE_QUOTAS[VALIDATION[kind].options.iamDocument ?? "managed"];
}

/** The validator's catalog lookups, built from the downloaded catalog. */
export function validationCatalog(data: CatalogData): PolicyCatalog {
  return createPolicyCatalog(data);
}
