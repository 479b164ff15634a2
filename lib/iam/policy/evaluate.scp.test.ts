import { describe, expect, it } from "vitest";
import { evaluate, type EvaluationPolicies, type PolicyInput } from "./evaluate";
import { accessDeniedMessage, explainEvaluation } from "./explain";
import type { DenyReason, EvalDecision, EvaluationRequest } from "./types";

const ACCT = "123456789012";
const BOB = `arn:aws:iam::${ACCT}:user/bob`;
const BUCKET = "arn:aws:s3:::photos/cat.jpg";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[] = "*", extra: object = {}) => ({ Effect: "Allow", Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[] = "*", extra: object = {}) => ({ Effect: "Deny", Action: action, Resource: resource, ...extra });
const managed = (id: string, ...statements: object[]): PolicyInput => ({ id, type: "aws-managed", document: doc(...statements) });
const custom = (id: string, ...statements: object[]): PolicyInput => ({ id, type: "user-managed", document: doc(...statements) });
const scp = (id: string, ...statements: object[]): PolicyInput => ({ id, type: "none", document: doc(...statements) });
const req = (action: string, resource = "*", context = {}): EvaluationRequest => ({ action, resource, context, principal: { arn: BOB } });

const ADMIN = managed("arn:aws:iam::aws:policy/AdministratorAccess", allow("*"));
const FULL_AWS_ACCESS = scp("p-FullAWSAccess", allow("*"));
const ONLY_EC2 = scp("p-only-ec2", allow("ec2:*"));
const ONLY_S3 = scp("p-only-s3", allow("s3:*"));
const DENY_S3 = scp("p-deny-s3", deny("s3:*"));

interface Case {
  name: string;
  request: EvaluationRequest;
  policies: EvaluationPolicies;
  decision: EvalDecision;
  denyReason?: DenyReason;
}

const cases: Case[] = [
  {
    name: "FullAWSAccess SCP + identity allow → allowed",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [custom("p1", allow("s3:GetObject"))], serviceControlPolicies: [[FULL_AWS_ACCESS]] },
    decision: "allowed",
  },
  {
    name: "FullAWSAccess at root, OU and account + AdministratorAccess → allowed",
    request: req("iam:ListUsers", `arn:aws:iam::${ACCT}:user/`),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS], [FULL_AWS_ACCESS], [FULL_AWS_ACCESS]] },
    decision: "allowed",
  },
  {
    name: "SCP deny of s3:* beats AdministratorAccess",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS, DENY_S3]] },
    decision: "explicitDeny",
    denyReason: "explicit deny in a service control policy",
  },
  {
    name: "an SCP deny at the root beats allows everywhere else",
    request: req("s3:PutObject", BUCKET),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS, DENY_S3], [FULL_AWS_ACCESS], [FULL_AWS_ACCESS]] },
    decision: "explicitDeny",
    denyReason: "explicit deny in a service control policy",
  },
  {
    name: "an SCP deny of s3:* leaves other services alone",
    request: req("ec2:DescribeInstances"),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS, DENY_S3]] },
    decision: "allowed",
  },
  {
    name: "account-level SCP allowing only ec2:* leaves s3 implicitly denied despite AdministratorAccess",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS], [ONLY_EC2]] },
    decision: "implicitDeny",
    denyReason: "no service control policy allows",
  },
  {
    name: "account-level SCP allowing only ec2:* still allows ec2",
    request: req("ec2:RunInstances"),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS], [ONLY_EC2]] },
    decision: "allowed",
  },
  {
    name: "OU allows s3:* but root allows only ec2:* → implicit deny",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[ONLY_EC2], [ONLY_S3], [FULL_AWS_ACCESS]] },
    decision: "implicitDeny",
    denyReason: "no service control policy allows",
  },
  {
    name: "a level with no SCP at all allows nothing",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS], []] },
    decision: "implicitDeny",
    denyReason: "no service control policy allows",
  },
  {
    name: "SCPs never grant by themselves",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [], serviceControlPolicies: [[FULL_AWS_ACCESS]] },
    decision: "implicitDeny",
    denyReason: "no identity-based policy allows",
  },
  {
    name: "an identity deny is named before an SCP deny",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN, custom("deny", deny("s3:*"))], serviceControlPolicies: [[FULL_AWS_ACCESS, DENY_S3]] },
    decision: "explicitDeny",
    denyReason: "explicit deny in an identity-based policy",
  },
  {
    name: "an SCP deny is explicit even when another level merely does not allow",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [[DENY_S3], [ONLY_EC2]] },
    decision: "explicitDeny",
    denyReason: "explicit deny in a service control policy",
  },
  {
    name: "SCP conditions are evaluated (region deny)",
    request: req("ec2:RunInstances", "*", { "aws:RequestedRegion": "eu-west-1" }),
    policies: {
      identityPolicies: [ADMIN],
      serviceControlPolicies: [[FULL_AWS_ACCESS, scp("p-regions", deny("*", "*", { Condition: { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } } }))]],
    },
    decision: "explicitDeny",
    denyReason: "explicit deny in a service control policy",
  },
  {
    name: "SCPs limit a resource-based policy grant too",
    request: req("s3:GetObject", BUCKET),
    policies: {
      identityPolicies: [],
      resourcePolicies: [{ id: "bucket", type: "resource", document: doc(allow("s3:GetObject", BUCKET, { Principal: { AWS: BOB } })) }],
      serviceControlPolicies: [[ONLY_EC2]],
    },
    decision: "implicitDeny",
    denyReason: "no service control policy allows",
  },
  {
    name: "no SCPs given: unchanged (AdministratorAccess allows)",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN] },
    decision: "allowed",
  },
  {
    name: "no SCP levels given: unchanged",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [ADMIN], serviceControlPolicies: [] },
    decision: "allowed",
  },
  {
    name: "no SCPs given: unchanged (nothing allows)",
    request: req("s3:GetObject", BUCKET),
    policies: { identityPolicies: [] },
    decision: "implicitDeny",
    denyReason: "no identity-based policy allows",
  },
];

describe("evaluate: service control policies", () => {
  it.each(cases)("$name", ({ request, policies, decision, denyReason }) => {
    const result = evaluate(request, policies);
    expect(result.decision).toBe(decision);
    expect(result.denyReason).toBe(denyReason);
  });

  it.each(cases)("never lists SCP statements: $name", ({ request, policies }) => {
    const result = evaluate(request, policies);
    const scpIds = new Set((policies.serviceControlPolicies ?? []).flat().map((p) => p.id));
    expect(result.matchedStatements.filter((s) => scpIds.has(s.sourcePolicyId))).toEqual([]);
    expect(result.nearMisses.filter((s) => scpIds.has(s.sourcePolicyId))).toEqual([]);
  });

  it("lists the identity Allow statements when SCPs allow", () => {
    const result = evaluate(req("s3:GetObject", BUCKET), { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS]] });
    expect(result.matchedStatements).toMatchObject([{ sourcePolicyId: ADMIN.id, policySet: "identity", effect: "Allow" }]);
  });

  it("lists no statements when only an SCP denies", () => {
    const result = evaluate(req("s3:GetObject", BUCKET), { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS, DENY_S3]] });
    expect(result.matchedStatements).toEqual([]);
  });

  it("gives the same result as without SCPs when FullAWSAccess is attached at every level", () => {
    const policies: EvaluationPolicies = { identityPolicies: [custom("p", allow("iam:Get*"), deny("iam:GetUser"))] };
    for (const action of ["iam:GetRole", "iam:GetUser", "iam:ListUsers"]) {
      const plain = evaluate(req(action), policies);
      const limited = evaluate(req(action), { ...policies, serviceControlPolicies: [[FULL_AWS_ACCESS], [FULL_AWS_ACCESS]] });
      expect({ decision: limited.decision, denyReason: limited.denyReason, matched: limited.matchedStatements }).toEqual({
        decision: plain.decision,
        denyReason: plain.denyReason,
        matched: plain.matchedStatements,
      });
    }
  });

  it("reports context keys an SCP condition needed", () => {
    const regions = scp("p-regions", allow("*", "*", { Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } } }));
    const result = evaluate(req("ec2:RunInstances"), { identityPolicies: [ADMIN], serviceControlPolicies: [[regions]] });
    expect(result).toMatchObject({ decision: "implicitDeny", denyReason: "no service control policy allows" });
    expect(result.missingContextValues).toEqual(["aws:RequestedRegion"]);
  });
});

describe("AccessDenied messages for SCP denials (iam-facts §13)", () => {
  it.each([
    [
      "explicit",
      [[FULL_AWS_ACCESS, DENY_S3]],
      `User: ${BOB} is not authorized to perform: s3:GetObject on resource: ${BUCKET} with an explicit deny in a service control policy`,
    ],
    [
      "implicit",
      [[FULL_AWS_ACCESS], [ONLY_EC2]],
      `User: ${BOB} is not authorized to perform: s3:GetObject on resource: ${BUCKET} because no service control policy allows the s3:GetObject action`,
    ],
  ] as const)("%s", (_kind, levels, message) => {
    const result = evaluate(req("s3:GetObject", BUCKET), { identityPolicies: [ADMIN], serviceControlPolicies: levels });
    expect(accessDeniedMessage({ principalArn: BOB, action: "s3:GetObject", resource: BUCKET, result })).toBe(message);
  });

  it("names iam actions the same way", () => {
    const result = evaluate(req("iam:CreateUser", `arn:aws:iam::${ACCT}:user/alice`), { identityPolicies: [ADMIN], serviceControlPolicies: [[ONLY_EC2]] });
    expect(accessDeniedMessage({ principalArn: BOB, action: "iam:CreateUser", resource: `arn:aws:iam::${ACCT}:user/alice`, result })).toBe(
      `User: ${BOB} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCT}:user/alice because no service control policy allows the iam:CreateUser action`,
    );
  });

  it("explains SCP denials", () => {
    const implicit = evaluate(req("s3:GetObject", BUCKET), { identityPolicies: [ADMIN], serviceControlPolicies: [[ONLY_EC2]] });
    expect(explainEvaluation(implicit, { action: "s3:GetObject", resource: BUCKET })[0]).toBe(
      `Implicitly denied: no service control policy allows s3:GetObject on ${BUCKET}.`,
    );
    const explicit = evaluate(req("s3:GetObject", BUCKET), { identityPolicies: [ADMIN], serviceControlPolicies: [[FULL_AWS_ACCESS, DENY_S3]] });
    expect(explainEvaluation(explicit, { action: "s3:GetObject", resource: BUCKET })).toContain("A service control policy of the organization denies it.");
  });
});
