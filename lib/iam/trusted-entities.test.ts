import { describe, expect, it } from "vitest";
import { describeTrustedEntities, trustPolicyPrincipals } from "./trusted-entities";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal, Action: "sts:AssumeRole", ...extra });

describe("describeTrustedEntities", () => {
  it.each([
    ["an AWS service", doc(allow({ Service: "ec2.amazonaws.com" })), ["AWS Service: ec2"]],
    ["several services, in order", doc(allow({ Service: ["lambda.amazonaws.com", "edgelambda.amazonaws.com"] })), ["AWS Service: lambda", "AWS Service: edgelambda"]],
    ["a China-partition service", doc(allow({ Service: "ec2.amazonaws.com.cn" })), ["AWS Service: ec2"]],
    ["a service principal of another form", doc(allow({ Service: "states.example.internal" })), ["AWS Service: states.example.internal"]],
    ["an account root ARN", doc(allow({ AWS: "arn:aws:iam::123456789012:root" })), ["Account: 123456789012"]],
    ["a bare account ID", doc(allow({ AWS: "111122223333" })), ["Account: 111122223333"]],
    ["a user and a role of one account, once", doc(allow({ AWS: ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:role/x/R"] })), ["Account: 123456789012"]],
    ["a role session", doc(allow({ AWS: "arn:aws:sts::444455556666:assumed-role/R/s" })), ["Account: 444455556666"]],
    ["a deleted principal's unique ID", doc(allow({ AWS: "AROAEXAMPLEEXAMPLE123" })), ["AWS: AROAEXAMPLEEXAMPLE123"]],
    ["everyone", doc(allow("*")), ["AWS: *"]],
    ["a web identity provider", doc(allow({ Federated: "accounts.google.com" }, { Action: "sts:AssumeRoleWithWebIdentity" })), ["Identity Provider: accounts.google.com"]],
    [
      "a SAML provider",
      doc(allow({ Federated: "arn:aws:iam::123456789012:saml-provider/Okta" }, { Action: "sts:AssumeRoleWithSAML" })),
      ["Identity Provider: arn:aws:iam::123456789012:saml-provider/Okta"],
    ],
    ["services before accounts before providers", doc(allow({ Federated: "f" }), allow({ AWS: "123456789012", Service: "ec2.amazonaws.com" })), ["AWS Service: ec2", "Account: 123456789012", "Identity Provider: f"]],
    ["a single statement object", JSON.stringify({ Version: "2012-10-17", Statement: allow({ Service: "ecs-tasks.amazonaws.com" }) }), ["AWS Service: ecs-tasks"]],
  ])("%s", (_what, text, expected) => {
    expect(describeTrustedEntities(text)).toEqual(expected);
  });

  it("ignores Deny statements and NotPrincipal: they trust nobody", () => {
    expect(describeTrustedEntities(doc({ Effect: "Deny", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }))).toEqual([]);
    expect(describeTrustedEntities(doc({ Effect: "Allow", NotPrincipal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }))).toEqual([]);
  });

  it.each(["", "not json", "[]", "null", '{"Statement": 5}', '{"Statement": [1, null, {"Effect": "Allow", "Principal": {"AWS": 7}}]}'])(
    "trusts nobody in a document it cannot read: %j",
    (text) => {
      expect(describeTrustedEntities(text)).toEqual([]);
    },
  );
});

describe("trustPolicyPrincipals", () => {
  it("lists the principals of Allow statements, or of every statement with effect any", () => {
    const text = doc(allow({ AWS: "a", CanonicalUser: "c" }), { Effect: "Deny", Principal: { AWS: "d" }, Action: "sts:AssumeRole" });
    expect(trustPolicyPrincipals(text)).toEqual({ aws: ["a"], service: [], federated: [], canonicalUser: ["c"] });
    expect(trustPolicyPrincipals(text, { effect: "any" }).aws).toEqual(["a", "d"]);
  });
});
