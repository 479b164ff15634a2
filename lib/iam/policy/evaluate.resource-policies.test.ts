// Resource-based policies, role trust policies and cross-account requests (iam-facts §6, steps 6–7).
import { describe, expect, it } from "vitest";
import { evaluate, type EvaluationPolicies, type PolicyInput } from "./evaluate";
import type { EvaluationRequest, RequestPrincipal } from "./types";

const ACCT = "123456789012";
const BOB = `arn:aws:iam::${ACCT}:user/bob`;
const ROLE = `arn:aws:iam::${ACCT}:role/app`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/app/s1`;

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[] = "*", extra: object = {}) => ({ Effect: "Allow", Action: action, Resource: resource, ...extra });
const policy = (id: string, ...statements: object[]): PolicyInput => ({ id, type: "user-managed", document: doc(...statements) });
const req = (action: string, resource = "*", context = {}, principal?: RequestPrincipal): EvaluationRequest => ({ action, resource, context, principal });
const decide = (r: EvaluationRequest, p: EvaluationPolicies) => evaluate(r, p);

describe("evaluate: resource-based policies in one account", () => {
  const bucket = "arn:aws:s3:::shared/report.csv";
  const resourcePolicy = (principal: unknown): PolicyInput => ({
    id: "bucket-policy",
    type: "resource",
    document: doc({ Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::shared/*" }),
  });
  const user: RequestPrincipal = { arn: BOB, uniqueId: "AIDAEXAMPLEBOB0000001" };
  const session: RequestPrincipal = { arn: SESSION, issuerArn: ROLE };
  const boundary = [policy("b", allow("iam:*"))];

  it("naming the user grants without an identity policy, even past a boundary", () => {
    const result = decide(req("s3:GetObject", bucket, {}, user), { identityPolicies: [], resourcePolicies: [resourcePolicy({ AWS: BOB })], permissionsBoundaries: boundary });
    expect(result.decision).toBe("allowed");
    expect(result.matchedStatements).toMatchObject([{ sourcePolicyType: "resource", policySet: "resource" }]);
  });

  it("the unique ID names the user too", () => {
    expect(decide(req("s3:GetObject", bucket, {}, user), { identityPolicies: [], resourcePolicies: [resourcePolicy({ AWS: "AIDAEXAMPLEBOB0000001" })] }).decision).toBe("allowed");
  });

  it("naming the session grants on its own", () => {
    expect(decide(req("s3:GetObject", bucket, {}, session), { identityPolicies: [], resourcePolicies: [resourcePolicy({ AWS: SESSION })], permissionsBoundaries: boundary }).decision).toBe("allowed");
  });

  it("naming the role still needs the boundary and session policies", () => {
    const p = { identityPolicies: [], resourcePolicies: [resourcePolicy({ AWS: ROLE })] };
    expect(decide(req("s3:GetObject", bucket, {}, session), p).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", bucket, {}, session), { ...p, permissionsBoundaries: boundary }).denyReason).toBe("no permissions boundary allows");
    expect(decide(req("s3:GetObject", bucket, {}, session), { ...p, sessionPolicies: [policy("s", allow("iam:*"))] }).denyReason).toBe("no session policy allows");
  });

  it("naming the account needs an identity-based Allow too", () => {
    for (const principal of [{ AWS: ACCT }, { AWS: `arn:aws:iam::${ACCT}:root` }]) {
      const p = { identityPolicies: [] as PolicyInput[], resourcePolicies: [resourcePolicy(principal)] };
      expect(decide(req("s3:GetObject", bucket, {}, user), p).denyReason).toBe("no identity-based policy allows");
      expect(decide(req("s3:GetObject", bucket, {}, user), { ...p, identityPolicies: [policy("p", allow("s3:GetObject"))] }).decision).toBe("allowed");
    }
  });

  it('Principal "*" covers everyone, even without a known principal', () => {
    expect(decide(req("s3:GetObject", bucket), { identityPolicies: [], resourcePolicies: [resourcePolicy("*")] }).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", bucket), { identityPolicies: [], resourcePolicies: [resourcePolicy({ AWS: "*" })] }).decision).toBe("allowed");
  });

  it("another principal is not covered", () => {
    const result = decide(req("s3:GetObject", bucket, {}, user), { identityPolicies: [], resourcePolicies: [resourcePolicy({ AWS: `arn:aws:iam::${ACCT}:user/alice` })] });
    expect(result.decision).toBe("implicitDeny");
    expect(result.nearMisses).toMatchObject([{ failed: "principal" }]);
  });

  it("a resource-based Deny wins over an identity Allow", () => {
    const denyAll: PolicyInput = { id: "bp", type: "resource", document: doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }) };
    const result = decide(req("s3:GetObject", bucket, {}, user), { identityPolicies: [policy("p", allow("*"))], resourcePolicies: [denyAll] });
    expect(result).toMatchObject({ decision: "explicitDeny", denyReason: "explicit deny in a resource-based policy" });
  });

  it("NotPrincipal with Deny denies everyone else", () => {
    const bp: PolicyInput = { id: "bp", type: "resource", document: doc({ Effect: "Deny", NotPrincipal: { AWS: BOB }, Action: "s3:*", Resource: "*" }) };
    const identityPolicies = [policy("p", allow("*"))];
    expect(decide(req("s3:GetObject", bucket, {}, user), { identityPolicies, resourcePolicies: [bp] }).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", bucket, {}, { arn: `arn:aws:iam::${ACCT}:user/eve` }), { identityPolicies, resourcePolicies: [bp] }).decision).toBe("explicitDeny");
  });

  it("services and federated principals", () => {
    const svc: PolicyInput = { id: "t", type: "resource", document: doc({ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] }, Action: "sts:AssumeRole" }) };
    expect(decide(req("sts:AssumeRole", ROLE, {}, { arn: "ec2.amazonaws.com", service: "ec2.amazonaws.com" }), { identityPolicies: [], trustPolicy: svc }).decision).toBe("allowed");
    expect(decide(req("sts:AssumeRole", ROLE, {}, { arn: "x", service: "s3.amazonaws.com" }), { identityPolicies: [], trustPolicy: svc }).decision).toBe("implicitDeny");
  });
});

describe("evaluate: role trust policies (sts:AssumeRole)", () => {
  const trust = (principal: unknown, extra: object = {}): PolicyInput => ({
    id: "trust",
    type: "resource",
    document: doc({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra }),
  });
  const caller: RequestPrincipal = { arn: BOB };

  it("a trust policy naming the user suffices", () => {
    expect(decide(req("sts:AssumeRole", ROLE, {}, caller), { identityPolicies: [], trustPolicy: trust({ AWS: BOB }) }).decision).toBe("allowed");
  });

  it("a trust policy naming the account needs the caller's identity policy", () => {
    const p = { identityPolicies: [] as PolicyInput[], trustPolicy: trust({ AWS: `arn:aws:iam::${ACCT}:root` }) };
    expect(decide(req("sts:AssumeRole", ROLE, {}, caller), p).denyReason).toBe("no identity-based policy allows");
    expect(decide(req("sts:AssumeRole", ROLE, {}, caller), { ...p, identityPolicies: [policy("p", allow("sts:AssumeRole", ROLE))] }).decision).toBe("allowed");
  });

  it("without trust, an identity Allow is not enough", () => {
    const result = decide(req("sts:AssumeRole", ROLE, {}, caller), { identityPolicies: [policy("p", allow("sts:AssumeRole"))], trustPolicy: trust({ AWS: `arn:aws:iam::${ACCT}:user/alice` }) });
    expect(result).toMatchObject({ decision: "implicitDeny", denyReason: "no role trust policy allows" });
  });

  it("trust conditions are evaluated against the caller's context (ExternalId, MFA)", () => {
    const t = trust({ AWS: BOB }, { Condition: { StringEquals: { "sts:ExternalId": "abc" }, Bool: { "aws:MultiFactorAuthPresent": "true" } } });
    expect(decide(req("sts:AssumeRole", ROLE, { "sts:ExternalId": "abc", "aws:MultiFactorAuthPresent": "true" }, caller), { identityPolicies: [], trustPolicy: t }).decision).toBe("allowed");
    expect(decide(req("sts:AssumeRole", ROLE, { "sts:ExternalId": "abc" }, caller), { identityPolicies: [], trustPolicy: t }).decision).toBe("implicitDeny");
  });

  it("a Deny in the trust policy is named", () => {
    const t: PolicyInput = { id: "trust", type: "resource", document: doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }, { Effect: "Deny", Principal: { AWS: BOB }, Action: "sts:AssumeRole" }) };
    expect(decide(req("sts:AssumeRole", ROLE, {}, caller), { identityPolicies: [], trustPolicy: t }).denyReason).toBe("explicit deny in the role trust policy");
  });
});

describe("evaluate: cross-account", () => {
  const other = "arn:aws:s3:::other-account-bucket/x";
  const bp: PolicyInput = { id: "bp", type: "resource", document: doc({ Effect: "Allow", Principal: { AWS: BOB }, Action: "s3:GetObject", Resource: "*" }) };
  it("both sides must allow", () => {
    expect(decide(req("s3:GetObject", other, {}, { arn: BOB }), { identityPolicies: [], resourcePolicies: [bp], crossAccount: true }).denyReason).toBe("no identity-based policy allows");
    expect(decide(req("s3:GetObject", other, {}, { arn: BOB }), { identityPolicies: [policy("p", allow("s3:*"))], crossAccount: true }).denyReason).toBe("no resource-based policy allows");
    expect(decide(req("s3:GetObject", other, {}, { arn: BOB }), { identityPolicies: [policy("p", allow("s3:*"))], resourcePolicies: [bp], crossAccount: true }).decision).toBe("allowed");
  });
});
