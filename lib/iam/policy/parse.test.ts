import { describe, expect, it } from "vitest";
import { pathText } from "./findings";
import { parsePolicy } from "./parse";
import type { Finding } from "./types";

/** The findings for which IAM's API refuses the document. */
const errors = (findings: Finding[]) => findings.filter((f) => f.malformedPolicyDocument !== undefined);
const codes = (text: string) => parsePolicy(text).findings.map((f) => `${f.issueCode} @ ${pathText(f.locations[0].path)}`);
const doc = (statement: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: "2012-10-17", ...extra, Statement: statement }, null, 2);

describe("parsePolicy: valid documents", () => {
  it("reads every element with its range", () => {
    const text = `{
  "Version": "2012-10-17",
  "Id": "example",
  "Statement": [
    {
      "Sid": "AllowList",
      "Effect": "Allow",
      "Action": ["iam:ListUsers", "iam:GetUser"],
      "Resource": "*",
      "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}, "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}
    },
    {"Effect": "Deny", "NotAction": "iam:*", "NotResource": ["arn:aws:iam::123456789012:user/*"], "Principal": {"AWS": ["123456789012"]}}
  ]
}`;
    const { policy, findings } = parsePolicy(text);
    expect(findings).toEqual([]);
    expect(policy?.version?.value).toBe("2012-10-17");
    expect(policy?.id?.value).toBe("example");
    const [first, second] = policy!.statements;
    expect(first.index).toBe(0);
    expect(first.path).toBe("Statement[0]");
    expect(first.range).toEqual({ start: { line: 5, column: 5 }, end: { line: 11, column: 6 } });
    expect(first.sid).toEqual({ value: "AllowList", range: { start: { line: 6, column: 14 }, end: { line: 6, column: 25 } } });
    expect(first.effect?.value).toBe("Allow");
    expect(first.action?.element).toBe("Action");
    expect(first.action?.values.map((v) => v.value)).toEqual(["iam:ListUsers", "iam:GetUser"]);
    expect(first.action?.values[1].range.start).toEqual({ line: 8, column: 35 });
    expect(first.condition?.entries.map((e) => [e.operator.value, e.key.value, e.values.map((v) => v.value)])).toEqual([
      ["Bool", "aws:MultiFactorAuthPresent", ["true"]],
      ["NumericLessThan", "aws:MultiFactorAuthAge", ["3600"]],
    ]);
    expect(second.range.start).toEqual({ line: 12, column: 5 });
    expect(second.action?.element).toBe("NotAction");
    expect(second.resource?.element).toBe("NotResource");
    expect(second.principal?.element).toBe("Principal");
    expect(second.principal?.value).toMatchObject({ kind: "map", entries: [{ type: "AWS", values: [{ value: "123456789012" }] }] });
  });

  it("accepts a single statement object, and Version 2008-10-17 or none", () => {
    const single = parsePolicy(JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } }));
    expect(single.findings).toEqual([]);
    expect(single.policy?.version).toBeUndefined();
    expect(single.policy?.statements[0].path).toBe("Statement");
    expect(parsePolicy(doc([{ Effect: "Allow", Action: "s3:*", Resource: "*" }], { Version: "2008-10-17" })).findings).toEqual([]);
  });

  it('accepts Principal "*" and each principal type', () => {
    const text = doc([
      { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" },
      {
        Effect: "Allow",
        Principal: {
          AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/bob", "arn:aws:sts::123456789012:assumed-role/r/s", "AIDAJQABLZS4A3QDU576Q", "*"],
          Service: "ec2.amazonaws.com",
          Federated: "cognito-identity.amazonaws.com",
          CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
        },
        Action: "sts:AssumeRole",
      },
    ]);
    expect(parsePolicy(text).findings).toEqual([]);
  });
});

describe("parsePolicy: findings", () => {
  it("reports a JSON syntax error with its position and no policy", () => {
    const result = parsePolicy('{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow",}]\n}');
    expect(result.policy).toBeUndefined();
    expect(result.findings).toEqual([
      expect.objectContaining({
        findingType: "ERROR",
        issueCode: "JSON_SYNTAX_ERROR",
        locations: [{ path: [], span: { start: { line: 3, column: 35, offset: 64 }, end: { line: 3, column: 36, offset: 65 } } }],
        malformedPolicyDocument: "Syntax errors in policy.",
      }),
    ]);
    expect(result.findings[0].findingDetails).toMatch(/^Fix the JSON syntax error at index 64 line 3 column 35: Unexpected character "\}"/);
  });

  it("reports every problem in one pass, not just the first", () => {
    const text = JSON.stringify({
      Version: "2012-10-18",
      Foo: 1,
      Statement: [
        { Sid: "A", Effect: "allow", Actions: "s3:*", Resource: "*" },
        { Sid: "A", Effect: "Allow", Action: "s3:*", NotAction: "s3:Get*", Resource: "bucket" },
        { Effect: "Deny", Action: ["ListUsers", "iam:List:Users"], Resource: "*", NotResource: "*" },
        { Action: "s3:*", Resource: "*", Condition: { StringEqualz: { "aws:username": "x" }, NumericLessThan: { "aws:MultiFactorAuthAge": "soon" } } },
        { Effect: "Allow", Action: "s3:*", Resource: "*", Principal: { AWS: "arn:aws:iam::*:root", Bogus: "x" } },
        { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { username: ["a", { b: 1 }] } } },
        "not an object",
      ],
    });
    expect(codes(text)).toEqual([
      "INVALID_POLICY_ELEMENT @ Foo",
      "INVALID_VERSION @ Version",
      "INVALID_POLICY_ELEMENT @ Statement[0].Actions",
      "INVALID_EFFECT @ Statement[0].Effect",
      "MISSING_ACTION @ Statement[0]",
      "UNSUPPORTED_ELEMENT_COMBINATION @ Statement[1].NotAction",
      "INVALID_ARN_PREFIX @ Statement[1].Resource",
      "INVALID_ACTION @ Statement[2].Action[0]",
      "INVALID_ACTION @ Statement[2].Action[1]",
      "UNSUPPORTED_ELEMENT_COMBINATION @ Statement[2].NotResource",
      "MISSING_EFFECT @ Statement[3]",
      "INVALID_CONDITION_OPERATOR @ Statement[3].Condition.StringEqualz",
      "TYPE_MISMATCH_NUMBER @ Statement[3].Condition.NumericLessThan.aws:MultiFactorAuthAge",
      "INVALID_PRINCIPAL_KEY @ Statement[4].Principal.Bogus",
      "UNSUPPORTED_WILDCARD_IN_PRINCIPAL @ Statement[4].Principal.AWS",
      "INVALID_CONDITION_KEY_FORMAT @ Statement[5].Condition.StringEquals.username",
      "DATA_TYPE_MISMATCH @ Statement[5].Condition.StringEquals.username[1]",
      "DATA_TYPE_MISMATCH @ Statement[6]",
      "UNIQUE_SIDS_REQUIRED @ Statement[1].Sid",
    ]);
  });

  it("uses AWS's messages where AWS has one", () => {
    const text = doc([
      { Effect: "Allow", Action: "ListUsers", Resource: "user/bob" },
      { Effect: "Allow", Resource: "*" },
      { Sid: "X", Effect: "Allow", Action: "iam:a:b", Resource: "*" },
      { Sid: "X", Effect: "Allow", Action: "s3:*", Resource: "*" },
    ]);
    expect(errors(parsePolicy(text).findings).map((f) => f.malformedPolicyDocument)).toEqual([
      "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
      'Resource user/bob must be in ARN format or "*".',
      "Policy statement must contain actions.",
      "Actions/Condition can contain only one colon.",
      "Statement IDs (SID) in a single policy must be unique.",
    ]);
  });

  it("points at the offending text", () => {
    const text = '{"Version": "2012-10-17",\n "Statement": {"Effect": "Alow", "Action": "s3:*", "Resource": "*"}}';
    const [finding] = parsePolicy(text).findings;
    expect(finding).toMatchObject({
      issueCode: "INVALID_EFFECT",
      locations: [{ path: [{ value: "Statement" }, { value: "Effect" }], span: { start: { line: 2, column: 25, offset: 51 }, end: { line: 2, column: 31, offset: 57 } } }],
    });
    expect(text.slice(51, 57)).toBe('"Alow"');
    expect(finding.findingDetails).toBe('The effect "Alow" is not valid. Use Allow or Deny (case-sensitive).');
    expect(finding.learnMoreLink).toBe("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-effect");
  });

  it("suggests the right case for a misspelt element", () => {
    const [finding] = parsePolicy(doc({ effect: "Allow", Effect: "Allow", Action: "s3:*", Resource: "*" })).findings;
    expect(finding.findingDetails).toContain('Did you mean "Effect"?');
  });

  it.each([
    ["not an object", "[]", "DATA_TYPE_MISMATCH"],
    ["no Statement", '{"Version": "2012-10-17"}', "MISSING_STATEMENT"],
    ["Statement of the wrong type", '{"Statement": "x"}', "DATA_TYPE_MISMATCH"],
    ["empty Action list", doc({ Effect: "Allow", Action: [], Resource: "*" }), "EMPTY_ARRAY_ACTION"],
    ["empty Resource list", doc({ Effect: "Allow", Action: "s3:*", Resource: [] }), "EMPTY_ARRAY_RESOURCE"],
    ["Action of the wrong type", doc({ Effect: "Allow", Action: 5, Resource: "*" }), "DATA_TYPE_MISMATCH"],
    ["Principal string other than *", doc({ Effect: "Allow", Principal: "bob", Action: "s3:*" }), "INVALID_PRINCIPAL_FORMAT"],
    ["Principal and NotPrincipal", doc({ Effect: "Deny", Principal: "*", NotPrincipal: "*", Action: "s3:*" }), "UNSUPPORTED_ELEMENT_COMBINATION"],
    ["IfExists on Null", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { NullIfExists: { "aws:x": "true" } } }), "NULL_WITH_IF_EXISTS"],
    ["a set qualifier on Null", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { "ForAnyValue:Null": { "aws:x": "true" } } }), "NULL_WITH_QUALIFIER"],
    ["two set qualifiers", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { "ForAnyValue:ForAllValues:StringEquals": { "aws:x": "a" } } }), "INVALID_CONDITION_OPERATOR"],
    ["Null value not a boolean", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { Null: { "aws:x": "yes" } } }), "TYPE_MISMATCH_BOOLEAN"],
    ["bad CIDR", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/33" } } }), "TYPE_MISMATCH_IP_RANGE"],
    ["bad date", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { DateLessThan: { "aws:CurrentTime": "tomorrow" } } }), "TYPE_MISMATCH_DATE"],
    ["bad number", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { NumericLessThan: { "s3:max-keys": "ten" } } }), "TYPE_MISMATCH_NUMBER"],
    ["Bool value not a boolean", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "yes" } } }), "TYPE_MISMATCH_BOOLEAN"],
    ["bad base64", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { BinaryEquals: { "aws:x": "@@" } } }), "TYPE_MISMATCH_STRING"],
    ["operator not an object", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: "x" } }), "DATA_TYPE_MISMATCH"],
    ["empty value list", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:username": [] } } }), "EMPTY_ARRAY_CONDITION"],
    ["operator names are case-sensitive", doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { stringequals: { "aws:username": "a" } } }), "INVALID_CONDITION_OPERATOR"],
    ["Resource with too few fields", doc({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3" }), "MISSING_ARN_FIELD"],
  ])("%s", (_name, text, code) => {
    expect(errors(parsePolicy(text).findings).map((f) => f.issueCode)).toContain(code);
  });

  it("reports, without IAM refusing the document, duplicate keys and Sid characters", () => {
    const text = '{"Version": "2012-10-17", "Statement": {"Sid": "a b", "Effect": "Deny", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}}';
    const { policy, findings } = parsePolicy(text);
    expect(errors(findings)).toEqual([]);
    expect(findings.map((f) => f.issueCode)).toEqual(["DUPLICATE_JSON_KEY", "UNSUPPORTED_SID"]);
    expect(policy?.statements[0].effect?.value).toBe("Allow");
  });

  it("never throws", () => {
    for (const text of ["", "null", "[]", '""', "{", '{"Statement": [null, 1, [], {}]}', '{"Statement": {"Condition": []}}', "[".repeat(5000)]) {
      expect(() => parsePolicy(text)).not.toThrow();
      expect(parsePolicy(text).findings.length).toBeGreaterThan(0);
    }
  });
});
