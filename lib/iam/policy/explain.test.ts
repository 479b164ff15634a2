import { describe, expect, it } from "vitest";
import { evaluate, type PolicyInput } from "./evaluate";
import { accessDeniedMessage, explainEvaluation } from "./explain";
import type { DenyReason, EvaluationResult } from "./types";

const BOB = "arn:aws:iam::123456789012:user/bob";
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const input = (id: string, ...statements: object[]): PolicyInput => ({ id, type: "user-managed", document: doc(...statements) });
const denied = (decision: "implicitDeny" | "explicitDeny", denyReason: DenyReason): EvaluationResult => ({
  decision,
  denyReason,
  matchedStatements: [],
  nearMisses: [],
  missingContextValues: [],
});

describe("accessDeniedMessage: AWS's exact text", () => {
  it.each([
    [
      denied("implicitDeny", "no identity-based policy allows"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no identity-based policy allows the iam:ListUsers action",
    ],
    [
      denied("explicitDeny", "explicit deny in an identity-based policy"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ with an explicit deny in an identity-based policy",
    ],
    [
      denied("implicitDeny", "no permissions boundary allows"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no permissions boundary allows the iam:ListUsers action",
    ],
    [
      denied("explicitDeny", "explicit deny in a permissions boundary"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ with an explicit deny in a permissions boundary",
    ],
    [
      denied("implicitDeny", "no session policy allows"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no session policy allows the iam:ListUsers action",
    ],
    [
      denied("explicitDeny", "explicit deny in a session policy"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ with an explicit deny in a session policy",
    ],
    [
      denied("implicitDeny", "no resource-based policy allows"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no resource-based policy allows the iam:ListUsers action",
    ],
    [
      denied("explicitDeny", "explicit deny in a resource-based policy"),
      "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::123456789012:user/ with an explicit deny in a resource-based policy",
    ],
  ])("%#", (result, expected) => {
    expect(accessDeniedMessage({ principalArn: BOB, action: "iam:ListUsers", resource: "arn:aws:iam::123456789012:user/", result })).toBe(expected);
  });

  it("names the role trust policy for AssumeRole", () => {
    const role = "arn:aws:iam::123456789012:role/app";
    expect(accessDeniedMessage({ principalArn: BOB, action: "sts:AssumeRole", resource: role, result: denied("implicitDeny", "no role trust policy allows") })).toBe(
      `User: ${BOB} is not authorized to perform: sts:AssumeRole on resource: ${role} because no role trust policy allows the sts:AssumeRole action`,
    );
    expect(accessDeniedMessage({ principalArn: BOB, action: "sts:AssumeRole", resource: role, result: denied("explicitDeny", "explicit deny in the role trust policy") })).toBe(
      `User: ${BOB} is not authorized to perform: sts:AssumeRole on resource: ${role} with an explicit deny in the role trust policy`,
    );
  });

  it("uses the session ARN for role sessions, and can leave out the resource", () => {
    const session = "arn:aws:sts::123456789012:assumed-role/app/s1";
    expect(accessDeniedMessage({ principalArn: session, action: "iam:GetAccountSummary", result: denied("implicitDeny", "no identity-based policy allows") })).toBe(
      `User: ${session} is not authorized to perform: iam:GetAccountSummary because no identity-based policy allows the iam:GetAccountSummary action`,
    );
  });

  it("renders a real evaluation", () => {
    const result = evaluate({ action: "iam:DeleteUser", resource: BOB, context: {} }, { identityPolicies: [input("p", { Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:Delete*", Resource: "*" })] });
    expect(accessDeniedMessage({ principalArn: BOB, action: "iam:DeleteUser", resource: BOB, result })).toBe(
      `User: ${BOB} is not authorized to perform: iam:DeleteUser on resource: ${BOB} with an explicit deny in an identity-based policy`,
    );
  });

  it("refuses an allowed result", () => {
    expect(() => accessDeniedMessage({ principalArn: BOB, action: "x:Y", result: { ...denied("implicitDeny", "no identity-based policy allows"), decision: "allowed" } })).toThrow();
  });
});

describe("explainEvaluation", () => {
  const request = { action: "iam:GetUser", resource: "arn:aws:iam::123456789012:user/bob" };

  it("explains an implicit deny with the near misses and missing keys", () => {
    const policies = {
      identityPolicies: [
        input(
          "arn:aws:iam::123456789012:policy/ReadAlice",
          { Sid: "Alice", Effect: "Allow", Action: "iam:GetUser", Resource: "arn:aws:iam::123456789012:user/alice" },
          { Sid: "Mfa", Effect: "Allow", Action: "iam:GetUser", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
          { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
        ),
      ],
    };
    const result = evaluate({ ...request, context: {} }, policies);
    expect(explainEvaluation(result, request)).toEqual([
      "Implicitly denied: no identity-based policy allows iam:GetUser on arn:aws:iam::123456789012:user/bob.",
      'Statement 1 ("Alice") of customer managed policy arn:aws:iam::123456789012:policy/ReadAlice (line 1, column 38) would allow it, but its Resource covers "arn:aws:iam::123456789012:user/alice", not arn:aws:iam::123456789012:user/bob.',
      'Statement 2 ("Mfa") of customer managed policy arn:aws:iam::123456789012:policy/ReadAlice (line 1, column 144) would allow it, but its condition did not hold: Bool on aws:MultiFactorAuthPresent: the request has no aws:MultiFactorAuthPresent.',
      'Statement 3 of customer managed policy arn:aws:iam::123456789012:policy/ReadAlice (line 1, column 272) would allow it, but its NotAction "iam:*" excludes iam:GetUser.',
      "The request context has no value for: aws:MultiFactorAuthPresent.",
    ]);
  });

  it("explains an allow and an explicit deny by their statements", () => {
    const allowAll = input("p", { Sid: "All", Effect: "Allow", Action: "iam:*", Resource: "*" });
    expect(explainEvaluation(evaluate({ ...request, context: {} }, { identityPolicies: [allowAll] }), request)).toEqual([
      "Allowed: iam:GetUser on arn:aws:iam::123456789012:user/bob.",
      'Statement 1 ("All") of customer managed policy p (line 1, column 38) allows it.',
    ]);
    const boundary = [{ id: "b", type: "aws-managed" as const, document: doc({ Effect: "Deny", Action: "iam:Get*", Resource: "*" }) }];
    const lines = explainEvaluation(evaluate({ ...request, context: {} }, { identityPolicies: [allowAll], permissionsBoundaries: boundary }), request);
    expect(lines).toEqual(["Explicitly denied: iam:GetUser on arn:aws:iam::123456789012:user/bob matches a Deny statement.", "Statement 1 of permissions boundary b (line 1, column 38) denies it."]);
  });

  it("says when the boundary is what denies", () => {
    const result = evaluate({ ...request, context: {} }, { identityPolicies: [input("p", { Effect: "Allow", Action: "*", Resource: "*" })], permissionsBoundaries: [input("b", { Effect: "Allow", Action: "s3:*", Resource: "*" })] });
    expect(explainEvaluation(result, request).slice(0, 2)).toEqual([
      "Implicitly denied: no permissions boundary allows iam:GetUser on arn:aws:iam::123456789012:user/bob.",
      "The identity-based policies allow it, but the permissions boundary does not.",
    ]);
  });
});
