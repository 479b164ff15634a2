import { revealRangeParams } from "@/components/policy-editor/reveal-range";
import { entityHref, policyHref, type EntityKind } from "@/lib/console-paths";
import type { PolicyValidationResult } from "@/lib/iam/access-analyzer/policy-validation";
import { pathText, type FindingType } from "@/lib/iam/policy";
import { editorRangeOf } from "./editor-location";

// The Policy validation page's rows: plain data for the browser, each finding with the link
// that opens the policy's editor on its place.

export const FINDING_TYPE_ORDER: readonly FindingType[] = ["SECURITY_WARNING", "ERROR", "WARNING", "SUGGESTION"];

/** The console's words for each finding type: singular for a finding, plural for a count. */
export const FINDING_TYPE_TEXT: Record<FindingType, { one: string; many: string }> = {
  SECURITY_WARNING: { one: "Security warning", many: "Security warnings" },
  ERROR: { one: "Error", many: "Errors" },
  WARNING: { one: "Warning", many: "Warnings" },
  SUGGESTION: { one: "Suggestion", many: "Suggestions" },
};

export interface FindingRow {
  id: string;
  findingType: FindingType;
  issueCode: string;
  findingDetails: string;
  learnMoreLink?: string;
  /** "Ln 6, Col 25", where the editor shows it; undefined for a finding about the whole document. */
  position?: string;
  /** "Statement[0].Resource" */
  path: string;
  /** The policy's editor, opened at the finding. */
  editHref: string;
}

export interface ValidatedPolicyRow {
  id: string;
  policyName: string;
  /** The policy's page (customer managed) or its editor (inline). */
  href: string;
  type: "Customer managed" | "Inline";
  /** The user, group or role an inline policy is embedded in. */
  owner?: { kind: EntityKind; name: string; href: string };
  counts: Record<FindingType, number>;
  findings: FindingRow[];
}

function editorHref(result: PolicyValidationResult, reveal?: Record<string, string>): string {
  if (result.owner) {
    const query = new URLSearchParams({ policyName: result.policyName, ...reveal });
    return `${entityHref(result.owner.entityType, result.owner.name, "inline-policy")}?${query.toString()}`;
  }
  const query = new URLSearchParams(reveal);
  const base = policyHref(result.policyArn ?? "", "edit");
  return reveal ? `${base}?${query.toString()}` : base;
}

export function validatedPolicyRow(result: PolicyValidationResult): ValidatedPolicyRow {
  const id = result.policyArn ?? `${result.owner?.arn ?? ""}#${result.policyName}`;
  return {
    id,
    policyName: result.policyName,
    href: result.owner ? editorHref(result) : policyHref(result.policyArn ?? ""),
    type: result.policyType === "CUSTOMER_MANAGED" ? "Customer managed" : "Inline",
    ...(result.owner
      ? { owner: { kind: result.owner.entityType, name: result.owner.name, href: entityHref(result.owner.entityType, result.owner.name) } }
      : {}),
    counts: result.findingCounts,
    findings: result.findings.map((f, i) => {
      const location = f.locations[0];
      const range = location && editorRangeOf(result.policyDocument, location);
      return {
        id: `${id}#${i}`,
        findingType: f.findingType,
        issueCode: f.issueCode,
        findingDetails: f.findingDetails,
        ...(f.learnMoreLink ? { learnMoreLink: f.learnMoreLink } : {}),
        ...(range ? { position: `Ln ${range.start.line}, Col ${range.start.column}` } : {}),
        path: location ? pathText(location.path) : "",
        editHref: editorHref(result, range ? revealRangeParams(range) : undefined),
      };
    }),
  };
}
