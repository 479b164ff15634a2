import { describe, expect, it } from "vitest";
import {
  accountTrustPolicy,
  AWS_SERVICE_USE_CASES,
  samlTrustPolicy,
  servicePrincipal,
  serviceTrustPolicy,
  webIdentityAudienceKey,
  webIdentityTrustPolicy,
  WEB_IDENTITY_PROVIDERS,
} from "./trust-policy-builders";
import { trustPolicyProblem } from "./roles";
import { describeTrustedEntities } from "./trusted-entities";

const statementOf = (text: string) => JSON.parse(text).Statement[0];

describe("trust policy builders", () => {
  it("AWS service (EC2): the console's tab-indented document", () => {
    expect(serviceTrustPolicy("ec2")).toBe(
      '{\n\t"Version": "2012-10-17",\n\t"Statement": [\n\t\t{\n\t\t\t"Effect": "Allow",\n\t\t\t"Action": [\n\t\t\t\t"sts:AssumeRole"\n\t\t\t],\n\t\t\t"Principal": {\n\t\t\t\t"Service": [\n\t\t\t\t\t"ec2.amazonaws.com"\n\t\t\t\t]\n\t\t\t}\n\t\t}\n\t]\n}',
    );
  });

  it("AWS service: the use cases and any service principal", () => {
    expect(AWS_SERVICE_USE_CASES.map((u) => u.servicePrincipal)).toEqual(["ec2.amazonaws.com", "lambda.amazonaws.com"]);
    expect(statementOf(serviceTrustPolicy("lambda")).Principal).toEqual({ Service: ["lambda.amazonaws.com"] });
    expect(statementOf(serviceTrustPolicy(["ecs-tasks.amazonaws.com", "events"])).Principal).toEqual({ Service: ["ecs-tasks.amazonaws.com", "events.amazonaws.com"] });
    expect(servicePrincipal(" states.amazonaws.com ")).toBe("states.amazonaws.com");
  });

  it("AWS account: this or another account, with optional external ID and MFA", () => {
    expect(statementOf(accountTrustPolicy({ accountId: "123456789012" }))).toEqual({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Action: "sts:AssumeRole",
      Condition: {},
    });
    expect(statementOf(accountTrustPolicy({ accountId: "111122223333", externalId: "Partner-42", requireMfa: true })).Condition).toEqual({
      StringEquals: { "sts:ExternalId": "Partner-42" },
      Bool: { "aws:MultiFactorAuthPresent": "true" },
    });
  });

  it("web identity: the provider, its audience key and sts:AssumeRoleWithWebIdentity", () => {
    expect(statementOf(webIdentityTrustPolicy({ provider: "accounts.google.com", audience: "client-1" }))).toEqual({
      Effect: "Allow",
      Principal: { Federated: "accounts.google.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "accounts.google.com:aud": "client-1" } },
    });
    expect(WEB_IDENTITY_PROVIDERS.map((p) => webIdentityAudienceKey(p.provider))).toEqual([
      "cognito-identity.amazonaws.com:aud",
      "www.amazon.com:app_id",
      "graph.facebook.com:app_id",
      "accounts.google.com:aud",
    ]);
    expect(webIdentityAudienceKey("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")).toBe("token.actions.githubusercontent.com:aud");
  });

  it("SAML 2.0: sts:AssumeRoleWithSAML, with the console's audience unless programmatic only", () => {
    const arn = "arn:aws:iam::123456789012:saml-provider/Okta";
    expect(statementOf(samlTrustPolicy({ providerArn: arn }))).toEqual({
      Effect: "Allow",
      Principal: { Federated: arn },
      Action: "sts:AssumeRoleWithSAML",
      Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
    });
    expect(statementOf(samlTrustPolicy({ providerArn: arn, consoleAccess: false }))).not.toHaveProperty("Condition");
  });

  it.each([
    ["service", serviceTrustPolicy("ec2"), ["AWS Service: ec2"]],
    ["account", accountTrustPolicy({ accountId: "123456789012", externalId: "x1", requireMfa: true }), ["Account: 123456789012"]],
    ["web identity", webIdentityTrustPolicy({ provider: "cognito-identity.amazonaws.com", audience: "us-east-1:pool" }), ["Identity Provider: cognito-identity.amazonaws.com"]],
    ["SAML", samlTrustPolicy({ providerArn: "arn:aws:iam::123456789012:saml-provider/Okta" }), ["Identity Provider: arn:aws:iam::123456789012:saml-provider/Okta"]],
  ])("the %s document is a valid trust policy, summarised as the console shows it", (_kind, text, entities) => {
    expect(trustPolicyProblem(text)).toBeUndefined();
    expect(describeTrustedEntities(text)).toEqual(entities);
  });
});
