import { describe, expect, it } from "vitest";
import { evaluate, type EvaluationPolicies, type PolicyInput } from "./evaluate";
import type { EvaluationRequest, RequestPrincipal } from "./types";

const ACCT = "123456789012";
const BOB = `arn:aws:iam::${ACCT}:user/bob`;

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[] = "*", extra: object = {}) => ({ Effect: "Allow", Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[] = "*", extra: object = {}) => ({ Effect: "Deny", Action: action, Resource: resource, ...extra });
const policy = (id: string, ...statements: object[]): PolicyInput => ({ id, type: "user-managed", document: doc(...statements) });
const req = (action: string, resource = "*", context = {}, principal?: RequestPrincipal): EvaluationRequest => ({ action, resource, context, principal });
const decide = (r: EvaluationRequest, p: EvaluationPolicies) => evaluate(r, p);

describe("evaluate: identity-based policies", () => {
  it("denies implicitly when nothing allows, listing no statements", () => {
    const result = decide(req("iam:ListUsers", `arn:aws:iam::${ACCT}:user/`), { identityPolicies: [] });
    expect(result).toMatchObject({ decision: "implicitDeny", denyReason: "no identity-based policy allows", matchedStatements: [] });
  });

  it("allows with a matching Allow and lists it", () => {
    const result = decide(req("iam:ListUsers"), { identityPolicies: [policy("p1", allow("iam:List*"))] });
    expect(result.decision).toBe("allowed");
    expect(result.denyReason).toBeUndefined();
    expect(result.matchedStatements).toMatchObject([{ sourcePolicyId: "p1", sourcePolicyType: "user-managed", statementIndex: 0, effect: "Allow", policySet: "identity" }]);
  });

  it("matches the action case-insensitively", () => {
    expect(decide(req("IAM:listusers"), { identityPolicies: [policy("p", allow("iam:ListUsers"))] }).decision).toBe("allowed");
  });

  it("an explicit Deny anywhere wins, and only Deny statements are listed", () => {
    const result = decide(req("iam:DeleteUser", BOB), {
      identityPolicies: [policy("admin", allow("*")), { id: "inline", type: "user", document: doc(allow("iam:*"), { Sid: "NoDelete", ...deny("iam:Delete*") }) }],
    });
    expect(result.decision).toBe("explicitDeny");
    expect(result.denyReason).toBe("explicit deny in an identity-based policy");
    expect(result.matchedStatements).toMatchObject([{ sourcePolicyId: "inline", sourcePolicyType: "user", statementIndex: 1, sid: "NoDelete", effect: "Deny" }]);
  });

  it("Allow with NotAction grants everything else (IAM User Guide: all services except IAM)", () => {
    const p = { identityPolicies: [policy("p", { Effect: "Allow", NotAction: "iam:*", Resource: "*" })] };
    expect(decide(req("s3:ListBucket"), p).decision).toBe("allowed");
    expect(decide(req("iam:CreateUser"), p).decision).toBe("implicitDeny");
  });

  it("Deny with NotAction and BoolIfExists denies everything but IAM without MFA (IAM User Guide)", () => {
    const p = {
      identityPolicies: [
        policy("p", allow("*"), {
          Sid: "DenyAllExceptListedIfNoMFA",
          Effect: "Deny",
          NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "sts:GetSessionToken"],
          Resource: "*",
          Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        }),
      ],
    };
    expect(decide(req("s3:ListBucket"), p).decision).toBe("explicitDeny");
    expect(decide(req("iam:EnableMFADevice"), p).decision).toBe("allowed");
    expect(decide(req("s3:ListBucket", "*", { "aws:MultiFactorAuthPresent": "false" }), p).decision).toBe("explicitDeny");
    expect(decide(req("s3:ListBucket", "*", { "aws:MultiFactorAuthPresent": "true" }), p).decision).toBe("allowed");
  });

  it("NotResource allows everything but the listed resources", () => {
    const p = { identityPolicies: [policy("p", { Effect: "Allow", Action: "s3:*", NotResource: ["arn:aws:s3:::secret", "arn:aws:s3:::secret/*"] })] };
    expect(decide(req("s3:GetObject", "arn:aws:s3:::public/a"), p).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", "arn:aws:s3:::secret/a"), p).decision).toBe("implicitDeny");
  });

  it("unscoped actions need Resource *", () => {
    const p = { identityPolicies: [policy("p", allow("iam:GetAccountSummary", `arn:aws:iam::${ACCT}:*`))] };
    expect(decide(req("iam:GetAccountSummary", "*"), p).decision).toBe("implicitDeny");
  });

  it("statements that could not be read never match", () => {
    const broken: PolicyInput = { id: "b", type: "user", document: JSON.stringify({ Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] }) };
    expect(decide(req("s3:GetObject"), { identityPolicies: [broken] }).decision).toBe("implicitDeny");
    const bad: PolicyInput = { id: "c", type: "user", document: "{not json" };
    expect(decide(req("s3:GetObject"), { identityPolicies: [bad] }).decision).toBe("implicitDeny");
  });
});

describe("evaluate: matched statement positions (AWS simulator convention)", () => {
  // aws iam simulate-custom-policy example (AWS CLI reference): StartPosition 1:38, EndPosition 1:167.
  const text =
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
  const inputs = { identityPolicies: [{ id: "PolicyInputList.1", type: "none" as const, document: text }] };

  it("reports the positions AWS reports", () => {
    const result = decide(req("dynamodb:CreateBackup", "*", { "aws:CurrentTime": "2019-04-25T11:00:00Z" }), inputs);
    expect(result.decision).toBe("allowed");
    expect(result.matchedStatements).toEqual([
      expect.objectContaining({
        sourcePolicyId: "PolicyInputList.1",
        startPosition: { line: 1, column: 38 },
        endPosition: { line: 1, column: 167 },
        range: { start: { line: 1, column: 37 }, end: { line: 1, column: 167 } },
      }),
    ]);
    expect(result.missingContextValues).toEqual([]);
  });

  it("denies implicitly before the date, with a condition near miss", () => {
    const result = decide(req("dynamodb:CreateBackup", "*", { "aws:CurrentTime": "2014-04-25T11:00:00Z" }), inputs);
    expect(result.decision).toBe("implicitDeny");
    expect(result.matchedStatements).toEqual([]);
    expect(result.nearMisses).toMatchObject([
      { failed: "condition", reason: { element: "condition", conditions: [{ operator: "DateGreaterThan", key: "aws:CurrentTime", missing: false, requestValues: ["2014-04-25T11:00:00Z"] }] } },
    ]);
  });

  it("lists the missing context key", () => {
    expect(decide(req("dynamodb:CreateBackup"), inputs).missingContextValues).toEqual(["aws:CurrentTime"]);
  });
});

describe("evaluate: near misses", () => {
  const p = {
    identityPolicies: [
      policy("p", allow("iam:GetUser", `arn:aws:iam::${ACCT}:user/alice`), allow("iam:ListGroups"), allow("ec2:*"), allow(["iam:GetUser"], "*", { Condition: { Bool: { "aws:SecureTransport": "true" } } })),
    ],
  };
  const result = decide(req("iam:GetUser", BOB, { "aws:SecureTransport": "false" }), p);

  it("names the one element that failed", () => {
    expect(result.decision).toBe("implicitDeny");
    expect(result.nearMisses.map((m) => [m.statementIndex, m.failed])).toEqual([
      [0, "resource"],
      [1, "action"],
      [3, "condition"],
    ]);
    expect(result.nearMisses[0].reason).toEqual({
      element: "resource",
      statementElement: "Resource",
      patterns: [`arn:aws:iam::${ACCT}:user/alice`],
      unresolvedVariables: [],
    });
  });

  it("leaves out statements about other services and statements failing twice", () => {
    const two = decide(req("iam:GetUser", BOB), { identityPolicies: [policy("p", allow("iam:ListGroups", "arn:aws:iam::1:user/x"), allow("ec2:*"))] });
    expect(two.nearMisses).toEqual([]);
  });
});

describe("evaluate: permissions boundary", () => {
  const identityPolicies = [policy("admin", allow("iam:*"))];
  const permissionsBoundaries = [policy("boundary", allow("iam:Get*"))];

  it("allows what both allow", () => {
    const result = decide(req("iam:GetUser", BOB), { identityPolicies, permissionsBoundaries });
    expect(result.decision).toBe("allowed");
    expect(result.permissionsBoundaryDecisionDetail).toEqual({ allowedByPermissionsBoundary: true });
    expect(result.matchedStatements.map((s) => s.policySet)).toEqual(["identity", "permissionsBoundary"]);
  });

  it("denies what only the identity policy allows", () => {
    const result = decide(req("iam:ListUsers"), { identityPolicies, permissionsBoundaries });
    expect(result).toMatchObject({ decision: "implicitDeny", denyReason: "no permissions boundary allows", permissionsBoundaryDecisionDetail: { allowedByPermissionsBoundary: false } });
  });

  it("grants nothing by itself", () => {
    const result = decide(req("iam:GetUser"), { identityPolicies: [], permissionsBoundaries });
    expect(result.denyReason).toBe("no identity-based policy allows");
  });

  it("an explicit Deny in the boundary is named", () => {
    const result = decide(req("iam:GetUser"), { identityPolicies, permissionsBoundaries: [policy("b", allow("*"), deny("iam:GetUser"))] });
    expect(result).toMatchObject({ decision: "explicitDeny", denyReason: "explicit deny in a permissions boundary", matchedStatements: [{ policySet: "permissionsBoundary", effect: "Deny" }] });
  });

  it("an empty boundary list means no boundary", () => {
    expect(decide(req("iam:ListUsers"), { identityPolicies, permissionsBoundaries: [] }).decision).toBe("allowed");
  });
});

describe("evaluate: session policies", () => {
  const identityPolicies = [policy("role-policy", allow(["s3:*", "iam:*"]))];
  it("the effective permissions are the intersection", () => {
    const sessionPolicies = [policy("session", allow("s3:GetObject"))];
    expect(decide(req("s3:GetObject"), { identityPolicies, sessionPolicies }).decision).toBe("allowed");
    expect(decide(req("s3:PutObject"), { identityPolicies, sessionPolicies })).toMatchObject({ decision: "implicitDeny", denyReason: "no session policy allows" });
  });
  it("a Deny in a session policy is named", () => {
    const sessionPolicies = [policy("session", allow("*"), deny("s3:PutObject"))];
    expect(decide(req("s3:PutObject"), { identityPolicies, sessionPolicies }).denyReason).toBe("explicit deny in a session policy");
  });
  it("the boundary is checked before session policies", () => {
    const result = decide(req("iam:ListUsers"), { identityPolicies, permissionsBoundaries: [policy("b", allow("s3:*"))], sessionPolicies: [policy("s", allow("s3:*"))] });
    expect(result.denyReason).toBe("no permissions boundary allows");
  });
});

describe("evaluate: policy variables in Resource", () => {
  const home = (version?: string): PolicyInput => ({
    id: "home",
    type: "user-managed",
    document: JSON.stringify({ ...(version ? { Version: version } : {}), Statement: [allow("s3:*", "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/*")] }),
  });
  it("substitutes aws:username (IAM User Guide home-folder example)", () => {
    const p = { identityPolicies: [home("2012-10-17")] };
    expect(decide(req("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/a.txt", { "aws:username": "bob" }), p).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/alice/a.txt", { "aws:username": "bob" }), p).decision).toBe("implicitDeny");
  });
  it("matches nothing when the variable has no value, and reports it missing", () => {
    const result = decide(req("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/a.txt"), { identityPolicies: [home("2012-10-17")] });
    expect(result.decision).toBe("implicitDeny");
    expect(result.missingContextValues).toEqual(["aws:username"]);
    expect(result.nearMisses[0].reason).toMatchObject({ element: "resource", unresolvedVariables: ["aws:username"] });
  });
  it("is literal text with Version 2008-10-17 or none", () => {
    for (const version of ["2008-10-17", undefined]) {
      const p = { identityPolicies: [home(version)] };
      expect(decide(req("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/bob/a", { "aws:username": "bob" }), p).decision).toBe("implicitDeny");
      expect(decide(req("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/home/${aws:username}/a", { "aws:username": "bob" }), p).decision).toBe("allowed");
    }
  });
  it("a substituted value is literal, and ${*} is a literal *", () => {
    const p = { identityPolicies: [policy("p", allow("iam:GetUser", `arn:aws:iam::${ACCT}:user/\${aws:username}`), allow("s3:GetObject", "arn:aws:s3:::b/${*}"))] };
    expect(decide(req("iam:GetUser", BOB, { "aws:username": "*" }), p).decision).toBe("implicitDeny");
    expect(decide(req("s3:GetObject", "arn:aws:s3:::b/*"), p).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", "arn:aws:s3:::b/x"), p).decision).toBe("implicitDeny");
  });
  it("uses the default when the key is absent", () => {
    const p = { identityPolicies: [policy("p", allow("s3:*", "arn:aws:s3:::b/${aws:PrincipalTag/team, 'company-wide'}/*"))] };
    expect(decide(req("s3:GetObject", "arn:aws:s3:::b/company-wide/x"), p).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", "arn:aws:s3:::b/red/x", { "aws:PrincipalTag/team": "red" }), p).decision).toBe("allowed");
    expect(decide(req("s3:GetObject", "arn:aws:s3:::b/company-wide/x", { "aws:PrincipalTag/team": "red" }), p).decision).toBe("implicitDeny");
  });
});
