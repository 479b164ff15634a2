import { describe, expect, it } from "vitest";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { revealRangeFromQuery } from "@/components/policy-editor/reveal-range";
import type { PolicyValidationResult } from "@/lib/iam/access-analyzer/policy-validation";
import { validatePolicy } from "@/lib/iam/policy";
import { validatedPolicyRow } from "./policy-validation-rows";

// The rows of the Policy validation page: each finding links into its policy's editor at its place.

const DOCUMENT = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] });
const { findings } = validatePolicy(DOCUMENT, "IDENTITY_POLICY", { iamDocument: "managed" });
const counts = { ERROR: 0, SECURITY_WARNING: 1, WARNING: 0, SUGGESTION: 0 };

// Where the editor, showing the document indented, has the "*" of Resource (1-based).
const SHOWN_LINES = prettyJson(DOCUMENT).split("\n");
const STAR_LINE = SHOWN_LINES.findIndex((l) => l.includes('"Resource": "*"')) + 1;
const STAR_COLUMN = SHOWN_LINES[STAR_LINE - 1].indexOf('"*"') + 1;

function queryOf(href: string) {
  return Object.fromEntries(new URL(href, "http://console").searchParams);
}

describe("validatedPolicyRow", () => {
  it("links a customer managed policy's finding to Edit policy at the place the editor shows it", () => {
    const arn = "arn:aws:iam::123456789012:policy/ops/PassAnyRole";
    const result: PolicyValidationResult = { policyName: "PassAnyRole", policyType: "CUSTOMER_MANAGED", policyArn: arn, versionId: "v1", policyDocument: DOCUMENT, findingCounts: counts, findings };
    const row = validatedPolicyRow(result);
    expect(row).toMatchObject({ id: arn, policyName: "PassAnyRole", type: "Customer managed", href: `/policies/${encodeURIComponent(arn)}`, counts });
    expect(row.owner).toBeUndefined();
    const [finding] = row.findings;
    expect(finding).toMatchObject({ findingType: "SECURITY_WARNING", issueCode: "PASS_ROLE_WITH_STAR_IN_RESOURCE", path: "Statement[0].Resource" });
    expect(finding.editHref.startsWith(`/policies/${encodeURIComponent(arn)}/edit?`)).toBe(true);
    // The document is stored on one line; the editor shows it indented.
    expect(STAR_LINE).toBeGreaterThan(1);
    const range = revealRangeFromQuery(queryOf(finding.editHref));
    expect(range).toEqual({ start: { line: STAR_LINE, column: STAR_COLUMN }, end: { line: STAR_LINE, column: STAR_COLUMN + 3 } });
    expect(finding.position).toBe(`Ln ${STAR_LINE}, Col ${STAR_COLUMN}`);
  });

  it("links an inline policy's finding to the inline policy's editor of its user, group or role", () => {
    const result: PolicyValidationResult = {
      policyName: "pass it",
      policyType: "INLINE",
      owner: { entityType: "Role", name: "EC2AppRole", arn: "arn:aws:iam::123456789012:role/EC2AppRole" },
      policyDocument: DOCUMENT,
      findingCounts: counts,
      findings,
    };
    const row = validatedPolicyRow(result);
    expect(row).toMatchObject({ type: "Inline", owner: { kind: "Role", name: "EC2AppRole", href: "/roles/details/EC2AppRole" } });
    expect(row.href).toBe("/roles/details/EC2AppRole/inline-policy?policyName=pass+it");
    const href = row.findings[0].editHref;
    expect(href.startsWith("/roles/details/EC2AppRole/inline-policy?")).toBe(true);
    expect(queryOf(href)).toEqual({
      policyName: "pass it",
      line: String(STAR_LINE),
      column: String(STAR_COLUMN),
      endLine: String(STAR_LINE),
      endColumn: String(STAR_COLUMN + 3),
    });
  });
});
