import { describe, expect, it } from "vitest";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { validatePolicy } from "@/lib/iam/policy";
import { editorRangeOf } from "./editor-location";

// A finding's place in the stored text, found again in the indented text the editor shows.

/** The text an editor range covers (1-based, end exclusive, on one line). */
function textAt(text: string, range: { start: { line: number; column: number }; end: { line: number; column: number } }): string {
  const line = text.split("\n")[range.start.line - 1];
  return line.slice(range.start.column - 1, range.end.column - 1);
}

const findingsOf = (document: string) => validatePolicy(document, "IDENTITY_POLICY", { iamDocument: "managed" }).findings;

describe("editorRangeOf", () => {
  it("keeps the span of a document stored as the editor shows it", () => {
    const document = prettyJson(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] }));
    const [finding] = findingsOf(document);
    expect(finding.issueCode).toBe("PASS_ROLE_WITH_STAR_IN_RESOURCE");
    const range = editorRangeOf(document, finding.locations[0]);
    expect(range.start.line).toBe(finding.locations[0].span.start.line);
    expect(textAt(document, range)).toBe('"*"');
  });

  it("finds the element again in the indented text of a compact document", () => {
    const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }, { Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] });
    const [finding] = findingsOf(document);
    const range = editorRangeOf(document, finding.locations[0]);
    const shown = prettyJson(document);
    expect(range.start.line).toBeGreaterThan(1);
    expect(textAt(shown, range)).toBe('"*"');
    // The second statement's Resource, not the first's.
    expect(shown.split("\n").slice(0, range.start.line).join("\n")).toContain("iam:PassRole");
  });

  it("points at a member's name when the finding is about the name", () => {
    const document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Resouce":"x"}]}';
    const finding = findingsOf(document).find((f) => f.issueCode === "INVALID_POLICY_ELEMENT");
    expect(finding).toBeDefined();
    const range = editorRangeOf(document, finding!.locations[0]);
    expect(textAt(prettyJson(document), range)).toBe('"Resouce"');
  });

  it("keeps the part of a value the finding names, when the value reads the same", () => {
    const document = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/key"}}';
    const location = { path: [{ value: "Statement" }, { value: "Resource" }], span: spanOf(document, "bucket") };
    const range = editorRangeOf(document, location);
    expect(textAt(prettyJson(document), range)).toBe("bucket");
  });

  it("gives the span as it is when the text is not JSON", () => {
    const location = { path: [], span: { start: { line: 1, column: 3, offset: 3 }, end: { line: 1, column: 4, offset: 4 } } };
    expect(editorRangeOf('{"Version" "x"}', location)).toEqual({ start: { line: 1, column: 4 }, end: { line: 1, column: 5 } });
  });
});

function spanOf(text: string, part: string) {
  const offset = text.indexOf(part);
  return { start: { line: 1, column: offset, offset }, end: { line: 1, column: offset + part.length, offset: offset + part.length } };
}
