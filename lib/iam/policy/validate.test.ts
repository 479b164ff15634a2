import { describe, expect, it } from "vitest";
import { malformedPolicyMessage, validatePolicy, type PolicyDocumentKind } from "./validate";

const doc = (statement: object, version: string | null = "2012-10-17") => JSON.stringify({ ...(version ? { Version: version } : {}), Statement: [statement] });
const message = (text: string, kind: PolicyDocumentKind) => malformedPolicyMessage(validatePolicy(text, kind).findings);

describe("validatePolicy by document kind", () => {
  const identity = { Effect: "Allow", Action: "iam:ListUsers", Resource: "*" };
  const trust = { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" };

  it("accepts well-formed documents", () => {
    expect(validatePolicy(doc(identity), "managed")).toMatchObject({ valid: true, findings: [] });
    expect(validatePolicy(doc(identity, null), "identity").valid).toBe(true);
    expect(validatePolicy(doc(trust), "trust").valid).toBe(true);
    expect(validatePolicy(doc({ ...trust, Action: ["sts:AssumeRole", "sts:TagSession"] }), "trust").valid).toBe(true);
  });

  it.each<[string, string, PolicyDocumentKind, string]>([
    ["bad JSON", "{", "identity", "Syntax errors in policy."],
    ["unknown element", doc({ ...identity, Foo: 1 }), "identity", "Syntax errors in policy."],
    ["Principal in an identity policy", doc({ ...identity, Principal: "*" }), "identity", "Policy document should not specify a principal."],
    ["Principal in a boundary/managed policy", doc({ ...identity, Principal: { AWS: "123456789012" } }), "managed", "Policy document should not specify a principal."],
    ["no Resource in an identity policy", doc({ Effect: "Allow", Action: "iam:ListUsers" }), "session", "Policy statement must contain resources."],
    ["no Action", doc({ Effect: "Allow", Resource: "*" }), "identity", "Policy statement must contain actions."],
    ["managed policy without Version", doc(identity, null), "managed", "Policy document must be version 2012-10-17 or greater."],
    ["managed policy with 2008-10-17", doc(identity, "2008-10-17"), "managed", "Policy document must be version 2012-10-17 or greater."],
    ["trust policy with a Resource", doc({ ...trust, Resource: "*" }), "trust", "Has prohibited field Resource"],
    ["trust policy with other actions", doc({ ...trust, Action: ["sts:AssumeRole", "s3:GetObject"] }), "trust", "AssumeRole policy may only specify STS AssumeRole actions."],
    ["trust policy without Principal", doc({ Effect: "Allow", Action: "sts:AssumeRole" }), "trust", "Missing required field Principal"],
    ["invalid principal", doc({ ...trust, Principal: { AWS: "arn:aws:iam::*:root" } }), "trust", 'Invalid principal in policy: "AWS":"arn:aws:iam::*:root"'],
    ["resource not an ARN", doc({ ...identity, Resource: "bucket" }), "identity", 'Resource bucket must be in ARN format or "*".'],
  ])("%s", (_name, text, kind, expected) => {
    expect(validatePolicy(text, kind).valid).toBe(false);
    expect(message(text, kind)).toBe(expected);
  });

  it("reports all problems sorted by position", () => {
    const text = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*" }, { Effect: "Allow", Action: "x", Resource: "*" }] }, null, 2);
    const { findings } = validatePolicy(text, "managed");
    expect(findings.map((f) => f.code)).toEqual(["policy.versionRequired", "statement.missingResource", "principal.prohibited", "action.noVendor"]);
  });

  it("warnings alone keep a document valid", () => {
    const text = doc({ Sid: "not ok", ...identity });
    const result = validatePolicy(text, "identity");
    expect(result.valid).toBe(true);
    expect(malformedPolicyMessage(result.findings)).toBeUndefined();
  });
});
