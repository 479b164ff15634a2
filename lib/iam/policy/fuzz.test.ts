// Fuzzing: random and mutated documents through parsePolicy, validatePolicy (with the real
// action catalog), compilePolicy and evaluate. None may throw; every invalid document gets
// findings; every finding points inside the document; a document IAM must refuse is never called
// valid. A seeded generator makes any failure reproducible: the message names the case.

import { beforeAll, describe, expect, it } from "vitest";
import { policyCatalog } from "@/lib/iam/policy-catalog";
import type { PolicyCatalog } from "./catalog";
import { clearPolicyCache, compilePolicy } from "./compile";
import { evaluate } from "./evaluate";
import { explainEvaluation } from "./explain";
import { ISSUE_CODES } from "./issue-codes";
import { parsePolicy } from "./parse";
import type { Finding, RequestContext } from "./types";
import { malformedPolicyMessage, validatePolicy, type IamDocumentKind, type PolicyType, type ValidatePolicyOptions } from "./validate";
import { seededRandom } from "@/lib/seeded-random";

const SEED = 20261126;
const CASES = 100_000;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function generator(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Random = ReturnType<typeof generator>;

// ---- Vocabulary ---------------------------------------------------------------------------

const ACTIONS = [
  "*",
  "iam:*",
  "iam:PassRole",
  "iam:Get*",
  "iam:ListUsers",
  "iam:CreateUser",
  "iam:*CredentialReport",
  "IAM:listaccesskeys",
  "s3:GetObject",
  "s3:Get*",
  "s3:ListBucket",
  "s3:PutObject",
  "s3:Frob*",
  "s3:GetObjekt",
  "s?:GetObject",
  "ec2:Describe*",
  "ec2:RunInstances",
  "sts:AssumeRole",
  "sts:TagSession",
  "sts:AssumeRoleWithWebIdentity",
  "lambda:InvokeFunction",
  "dynamodb:Query",
  "kms:Decrypt",
  "nosuch:Thing",
  "ListUsers",
  "iam:a:b",
  ":x",
  "",
  "s3:${aws:username}",
];
const RESOURCES = [
  "*",
  "arn:aws:s3:::bucket",
  "arn:aws:s3:::bucket/*",
  "arn:aws:s3:::bucket/${aws:username}/*",
  "arn:aws:s3:us-east-1::bucket",
  "arn:aws:iam::123456789012:user/${aws:username}",
  "arn:aws:iam::123456789012:role/*",
  "arn:aws:iam::123456789012:user/",
  "arn:aws:iam::*:role/app-*",
  "arn:aws:iam::12345:user/x",
  "arn:aws:ec2:*:123456789012:instance/*",
  "arn:aws:ec2::123456789012:instance/i-1",
  "arn:aws:lambda:us-east-1:123456789012:function:fn",
  "arn:aws:dynamodb:us-east-1:123456789012:table/T",
  "arn:aws:*code*:us-east-1:123456789012:*",
  "arn:aws-foo:s3:::b",
  "arn:aws:S3:::b",
  "arn:aws:iam::*",
  "arn:aws:s3",
  "bucket",
  "",
  "arn:aws:iam::123456789012:${",
];
const OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringLike",
  "StringNotLike",
  "StringEqualsIgnoreCase",
  "StringEqualsIfExists",
  "ForAnyValue:StringEquals",
  "ForAllValues:StringLike",
  "NumericLessThan",
  "NumericEquals",
  "DateGreaterThan",
  "DateLessThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnLike",
  "ArnNotEquals",
  "Null",
  "NullIfExists",
  "ForAnyValue:Null",
  "StringEqualz",
  "stringequals",
];
const KEYS = [
  "aws:username",
  "aws:userid",
  "aws:PrincipalArn",
  "aws:PrincipalTag/team",
  "aws:RequestTag/env",
  "aws:ResourceTag",
  "aws:SourceIp",
  "aws:SecureTransport",
  "aws:MultiFactorAuthPresent",
  "aws:MultiFactorAuthAge",
  "aws:CurrentTime",
  "aws:EpochTime",
  "aws:TagKeys",
  "aws:CalledVia",
  "aws:usernam",
  "s3:prefix",
  "s3:max-keys",
  "s3:ExistingObjectTag/owner",
  "iam:PassedToService",
  "sts:ExternalId",
  "accounts.google.com:aud",
  "foo:bar",
  "username",
];
const VALUES = ["bob", "*", "home/*", "${aws:username}", "10.0.0.0/8", "203.0.113.5/24", "10.0.0.0/33", "::1", "true", "false", "yes", "3600", "-1.5e3", "2020-01-01T00:00:00Z", "tomorrow", "1700000000", "QUJD", "@@", "", "arn:aws:iam::123456789012:user/*"];
const PRINCIPALS: unknown[] = [
  "*",
  "bob",
  { AWS: "123456789012" },
  { AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/bob"] },
  { AWS: "arn:aws:iam::*:root" },
  { AWS: "AROAJQABLZS4A3QDU576Q" },
  { Service: "ec2.amazonaws.com" },
  { Federated: "accounts.google.com" },
  { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" },
  { Bogus: "x" },
  {},
  { AWS: [] },
];
const ELEMENT_NAMES = ["Version", "Id", "Statement", "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition", "effect", "Actions", "Foo"];
const UNICODE = ["é", "漢", "😀", "\u2028", "\u0000", "\uD800", "\u00A0", "\t", "\n", "\r", "\\", '"', "\u202E"];
const CHARS = '{}[]",:\\ \n\t\r0123456789.eE-+truefalsnulAaSsZz*?$'.split("").concat(UNICODE);

// ---- Generators ---------------------------------------------------------------------------

function randomScalar(r: Random): unknown {
  switch (r.int(7)) {
    case 0:
      return r.pick(VALUES);
    case 1:
      return r.int(100000) - 50000;
    case 2:
      return r.chance(0.5);
    case 3:
      return null;
    case 4:
      return r.pick(UNICODE).repeat(1 + r.int(4));
    case 5:
      return r.pick(ACTIONS);
    default:
      return r.pick(RESOURCES);
  }
}

function randomJson(r: Random, depth: number): unknown {
  if (depth <= 0 || r.chance(0.5)) return randomScalar(r);
  if (r.chance(0.5)) return Array.from({ length: r.int(4) }, () => randomJson(r, depth - 1));
  const out: Record<string, unknown> = {};
  for (let i = r.int(4); i > 0; i--) out[r.chance(0.5) ? r.pick(ELEMENT_NAMES) : r.pick(KEYS)] = randomJson(r, depth - 1);
  return out;
}

function listOf(r: Random, vocabulary: readonly string[]): unknown {
  if (r.chance(0.4)) return r.pick(vocabulary);
  return Array.from({ length: r.int(4) }, () => (r.chance(0.95) ? r.pick(vocabulary) : randomScalar(r)));
}

function randomCondition(r: Random): unknown {
  if (r.chance(0.05)) return randomJson(r, 3);
  const condition: Record<string, unknown> = {};
  for (let i = 1 + r.int(3); i > 0; i--) {
    const block: Record<string, unknown> = {};
    for (let j = 1 + r.int(2); j > 0; j--) block[r.pick(KEYS)] = r.chance(0.5) ? r.pick(VALUES) : Array.from({ length: r.int(3) }, () => r.pick(VALUES));
    condition[r.pick(OPERATORS)] = r.chance(0.97) ? block : randomScalar(r);
  }
  return condition;
}

function randomStatement(r: Random): Record<string, unknown> {
  const s: Record<string, unknown> = {};
  if (r.chance(0.4)) s.Sid = r.pick(["S1", "S2", "", "not ok", "Allow"]);
  if (r.chance(0.95)) s.Effect = r.chance(0.9) ? r.pick(["Allow", "Deny"]) : r.pick(["allow", "Permit", ""]);
  if (r.chance(0.3)) s[r.chance(0.85) ? "Principal" : "NotPrincipal"] = r.pick(PRINCIPALS);
  if (r.chance(0.95)) s[r.chance(0.85) ? "Action" : "NotAction"] = listOf(r, ACTIONS);
  if (r.chance(0.03)) s.NotAction = listOf(r, ACTIONS);
  if (r.chance(0.8)) s[r.chance(0.85) ? "Resource" : "NotResource"] = listOf(r, RESOURCES);
  if (r.chance(0.5)) s.Condition = randomCondition(r);
  if (r.chance(0.03)) s[r.pick(ELEMENT_NAMES)] = randomJson(r, 2);
  return s;
}

function randomPolicy(r: Random): Record<string, unknown> {
  const policy: Record<string, unknown> = {};
  if (r.chance(0.85)) policy.Version = r.chance(0.9) ? r.pick(["2012-10-17", "2008-10-17"]) : r.pick(["2012-10-18", "", 5]);
  if (r.chance(0.1)) policy.Id = r.chance(0.8) ? "policy-id" : 7;
  if (r.chance(0.97)) {
    const statements = Array.from({ length: 1 + r.int(4) }, () => randomStatement(r));
    policy.Statement = r.chance(0.2) ? statements[0] : r.chance(0.03) ? randomJson(r, 2) : statements;
  }
  if (r.chance(0.02)) policy[r.pick(ELEMENT_NAMES)] = randomJson(r, 2);
  return policy;
}

function render(r: Random, value: unknown): string {
  return JSON.stringify(value, null, r.pick([0, 2, 4, "\t"]));
}

/** Text-level damage: flips, insertions, deletions, duplications, truncation. */
function mutate(r: Random, text: string): string {
  let out = text;
  for (let n = 1 + r.int(4); n > 0; n--) {
    const at = r.int(out.length + 1);
    switch (r.int(6)) {
      case 0:
        out = out.slice(0, at) + r.pick(CHARS) + out.slice(at + 1);
        break;
      case 1:
        out = out.slice(0, at) + r.pick(CHARS).repeat(1 + r.int(3)) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + 1 + r.int(8));
        break;
      case 3: {
        const from = r.int(out.length + 1);
        out = out.slice(0, at) + out.slice(from, from + r.int(40)) + out.slice(at);
        break;
      }
      case 4:
        out = out.slice(0, at);
        break;
      default:
        out = out.replace(r.chance(0.5) ? '"' : ":", r.pick(["'", "", "::", '""']));
    }
  }
  return out;
}

/** Rare, extreme shapes: deep nesting, huge strings, many statements. */
function extreme(r: Random): string {
  switch (r.int(6)) {
    case 0:
      return "[".repeat(1 + r.int(3000)) + "]".repeat(r.int(3000));
    case 1: {
      let nested: unknown = "x";
      for (let i = r.int(80); i > 0; i--) nested = r.chance(0.5) ? [nested] : { Condition: nested };
      return JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:username": nested } } } });
    }
    case 2: {
      const huge = r.pick(["a", "*", "?", ":", "${", "é"]).repeat(20_000 + r.int(20_000));
      return JSON.stringify({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: r.chance(0.5) ? `s3:${huge}` : "s3:GetObject", Resource: `arn:aws:s3:::${huge}` } });
    }
    case 3:
      return JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 300 }, (_, i) => ({ Sid: `S${i % 50}`, Effect: "Allow", Action: r.pick(ACTIONS), Resource: r.pick(RESOURCES) })) });
    case 4:
      return Array.from({ length: 200 + r.int(2000) }, () => r.pick(CHARS)).join("");
    default:
      return `\uFEFF${render(r, randomPolicy(r))}`;
  }
}

// ---- Oracles ------------------------------------------------------------------------------

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

function checkFindings(text: string, findings: readonly Finding[], label: string): void {
  let starts: number[] | undefined;
  let previous = -1;
  for (const f of findings) {
    if (!(f.issueCode in ISSUE_CODES)) throw new Error(`${label}: unknown issue code ${f.issueCode}`);
    if (typeof f.findingDetails !== "string" || f.findingDetails === "") throw new Error(`${label}: ${f.issueCode} without details`);
    if (f.locations.length === 0) throw new Error(`${label}: ${f.issueCode} without a location`);
    for (const { span } of f.locations) {
      for (const p of [span.start, span.end]) {
        if (!(p.offset >= 0 && p.offset <= text.length)) throw new Error(`${label}: ${f.issueCode} offset ${p.offset} outside 0..${text.length}`);
        starts ??= lineStarts(text);
        const lineStart = starts[p.line - 1];
        if (lineStart === undefined || lineStart + p.column !== p.offset) throw new Error(`${label}: ${f.issueCode} line ${p.line} column ${p.column} is not offset ${p.offset}`);
      }
      if (span.end.offset < span.start.offset) throw new Error(`${label}: ${f.issueCode} ends before it starts`);
    }
    const offset = f.locations[0].span.start.offset;
    if (offset < previous) throw new Error(`${label}: findings out of document order`);
    previous = offset;
  }
}

const STATEMENT_ELEMENTS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);

/** A reason IAM must refuse the document, found without the engine; undefined when none is obvious. */
function mustRefuse(text: string, type: PolicyType, rendered?: unknown): string | undefined {
  let doc: unknown = rendered;
  if (doc === undefined) {
    try {
      doc = JSON.parse(text);
    } catch {
      return "not JSON";
    }
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "not an object";
  const root = doc as Record<string, unknown>;
  if (Object.keys(root).some((k) => !["Version", "Id", "Statement"].includes(k))) return "unknown top-level element";
  if (root.Statement === undefined) return "no Statement";
  const statements = Array.isArray(root.Statement) ? root.Statement : [root.Statement];
  for (const s of statements) {
    if (typeof s !== "object" || s === null || Array.isArray(s)) return "statement not an object";
    const st = s as Record<string, unknown>;
    if (Object.keys(st).some((k) => !STATEMENT_ELEMENTS.has(k))) return "unknown statement element";
    if (st.Effect !== "Allow" && st.Effect !== "Deny") return "bad Effect";
    if (st.Action === undefined && st.NotAction === undefined) return "no Action";
    if (st.Action !== undefined && st.NotAction !== undefined) return "Action and NotAction";
    if (type === "IDENTITY_POLICY" && (st.Principal !== undefined || st.NotPrincipal !== undefined)) return "Principal in an identity policy";
  }
  return undefined;
}

const TARGETS: [PolicyType, ValidatePolicyOptions][] = [
  ["IDENTITY_POLICY", {}],
  ["IDENTITY_POLICY", { iamDocument: "managed" }],
  ["IDENTITY_POLICY", { iamDocument: "inline-user" satisfies IamDocumentKind }],
  ["RESOURCE_POLICY", {}],
  ["RESOURCE_POLICY", { iamDocument: "trust" }],
  ["SERVICE_CONTROL_POLICY", {}],
  ["RESOURCE_CONTROL_POLICY", {}],
];

const CONTEXT: RequestContext = {
  "aws:username": "bob",
  "aws:userid": "AIDAJQABLZS4A3QDU576Q",
  "aws:PrincipalArn": "arn:aws:iam::123456789012:user/bob",
  "aws:SourceIp": "203.0.113.7",
  "aws:SecureTransport": "true",
  "aws:CurrentTime": "2026-11-26T12:00:00Z",
  "aws:MultiFactorAuthAge": "100",
  "aws:PrincipalTag/team": "red",
  "aws:TagKeys": ["team", "env"],
};
const REQUESTS = [
  { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/bob/file" },
  { action: "iam:PassRole", resource: "arn:aws:iam::123456789012:role/app" },
  { action: "iam:ListUsers", resource: "arn:aws:iam::123456789012:user/" },
  { action: "sts:AssumeRole", resource: "arn:aws:iam::123456789012:role/r" },
  { action: "ec2:DescribeInstances", resource: "*" },
];

// ---- The run ------------------------------------------------------------------------------

let catalog: PolicyCatalog;

beforeAll(async () => {
  catalog = await policyCatalog();
}, 60_000);

describe("fuzzing the policy engine", () => {
  it(`survives ${CASES.toLocaleString("en")} random and damaged documents (seed ${SEED})`, () => {
    const r = generator(SEED);
    const seen = { invalidJson: 0, refused: 0, accepted: 0 };
    for (let n = 0; n < CASES; n++) {
      const kind = r.int(100);
      const generated = kind < 95 ? randomPolicy(r) : kind < 99 ? randomJson(r, 4) : undefined;
      const base = generated === undefined ? extreme(r) : render(r, generated);
      const text = kind >= 40 && kind < 95 ? mutate(r, base) : base;
      const [type, options] = r.pick(TARGETS);
      const label = `case ${n} (seed ${SEED}, ${type} ${JSON.stringify(options)}): ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`;

      const parsed = parsePolicy(text);
      const result = validatePolicy(text, type, { ...options, catalog });
      checkFindings(text, result.findings, `${label} validate`);
      // validatePolicy reports everything parsePolicy does (and so checks its locations too).
      if (parsed.findings.some((f) => !result.findings.some((g) => g.issueCode === f.issueCode && g.findingDetails === f.findingDetails))) {
        throw new Error(`${label}: a parse finding is missing from validation`);
      }

      const refusal = mustRefuse(text, type, text === base ? generated : undefined);
      if (refusal === "not JSON") {
        seen.invalidJson++;
        if (!parsed.findings.some((f) => f.issueCode === "JSON_SYNTAX_ERROR") || parsed.policy) throw new Error(`${label}: invalid JSON without JSON_SYNTAX_ERROR`);
      }
      if (refusal !== undefined && result.valid) throw new Error(`${label}: called valid, but IAM must refuse it (${refusal})`);
      if (result.valid !== (malformedPolicyMessage(result.findings) === undefined)) throw new Error(`${label}: valid disagrees with malformedPolicyMessage`);
      if (result.valid) seen.accepted++;
      else seen.refused++;

      const compiled = compilePolicy(text);
      if (compiled.findings.length !== parsed.findings.length) throw new Error(`${label}: compile and parse disagree`);
      const request = REQUESTS[n % REQUESTS.length];
      const policies = n % 2 === 0 ? { identityPolicies: [{ id: "p", type: "user" as const, document: compiled }] } : { identityPolicies: [], resourcePolicies: [{ id: "r", type: "resource" as const, document: compiled }] };
      const evaluation = evaluate({ ...request, context: CONTEXT, principal: { arn: "arn:aws:iam::123456789012:user/bob" } }, policies);
      if (!["allowed", "explicitDeny", "implicitDeny"].includes(evaluation.decision)) throw new Error(`${label}: decision ${evaluation.decision}`);
      if (n % 10 === 0) explainEvaluation(evaluation, request);
      else void evaluation.nearMisses.length;
    }
    clearPolicyCache();
    // The mix is what it claims to be: plenty of each outcome.
    expect(seen.invalidJson).toBeGreaterThan(CASES / 10);
    expect(seen.refused).toBeGreaterThan(CASES / 4);
    expect(seen.accepted).toBeGreaterThan(CASES / 200);
  }, 120_000);
});
