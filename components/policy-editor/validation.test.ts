import { describe, expect, it } from "vitest";
import { defaultSizeLimit, policyCharacterCount, policyFindings } from "./validation";

describe("policyFindings", () => {
  it("gives the validator's findings with 1-based editor ranges", () => {
    const text = '{\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"}]\n}';
    const findings = policyFindings(text, "managed");
    const principal = findings.find((f) => f.code === "UNSUPPORTED_PRINCIPAL");
    expect(principal).toMatchObject({ type: "ERROR", range: { start: { line: 2 } } });
    // Column 1 is the first character: the range starts where `"*"` (the principal's value) does.
    const line = text.split("\n")[1];
    expect(line.slice(principal!.range!.start.column - 1)).toMatch(/^"\*"/);
    expect(findings.map((f) => f.code)).toContain("MISSING_VERSION");
  });

  it("applies the rules of the document kind", () => {
    const trust = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}';
    expect(policyFindings(trust, "trust").filter((f) => f.type === "ERROR")).toEqual([]);
    expect(policyFindings(trust, "identity").map((f) => f.code)).toContain("UNSUPPORTED_PRINCIPAL");
  });
});

describe("size", () => {
  it("counts characters without whitespace", () => {
    expect(policyCharacterCount('{ "a" :\n\t"b c" }')).toBe(10);
  });

  it("uses IAM's quotas", () => {
    expect(defaultSizeLimit("managed")).toBe(6144);
    expect(defaultSizeLimit("identity")).toBe(6144);
    expect(defaultSizeLimit("inline-role")).toBe(10240);
    expect(defaultSizeLimit("trust")).toBe(2048);
  });
});
