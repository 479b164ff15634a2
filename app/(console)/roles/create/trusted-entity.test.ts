import { describe, expect, it } from "vitest";
import {
  audienceChoices,
  audienceFor,
  audienceLabel,
  createRoleForProviderHref,
  initialTrustedEntity,
  needsInstanceProfile,
  readPreselection,
  suggestedDescription,
  trustedEntityErrors,
  trustPolicyOf,
  webIdentityChoices,
  type AccountIdentityProviders,
} from "./trusted-entity";

const ACCOUNT = "123456789012";
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const EKS = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123`;
const OKTA = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;
const PROVIDERS: AccountIdentityProviders = {
  oidc: [
    { arn: GITHUB, name: "token.actions.githubusercontent.com", clientIds: ["sts.amazonaws.com", "other"] },
    { arn: EKS, name: "oidc.eks.us-east-1.amazonaws.com/id/ABC123", clientIds: [] },
  ],
  saml: [{ arn: OKTA, name: "Okta" }],
};

describe("Create role, step 1: Select trusted entity", () => {
  it("makes EC2's trust policy, description and instance profile", () => {
    const input = { ...initialTrustedEntity(), service: "ec2" };
    expect(trustedEntityErrors(input)).toEqual({});
    expect(JSON.parse(trustPolicyOf(input, ACCOUNT)).Statement[0]).toEqual({
      Effect: "Allow",
      Action: ["sts:AssumeRole"],
      Principal: { Service: ["ec2.amazonaws.com"] },
    });
    expect(suggestedDescription(input)).toBe("Allows EC2 instances to call AWS services on your behalf.");
    expect(needsInstanceProfile(input)).toBe(true);
  });

  it("asks for a service first", () => {
    expect(trustedEntityErrors(initialTrustedEntity())).toEqual({ service: "Choose a service or use case." });
  });

  it("trusts this account, or another one with an external ID and MFA", () => {
    const mine = { ...initialTrustedEntity(), type: "aws-account" as const };
    expect(JSON.parse(trustPolicyOf(mine, ACCOUNT)).Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
    const other = { ...mine, account: "another" as const, otherAccountId: "111122223333", requireExternalId: true, externalId: "x1", requireMfa: true };
    expect(trustedEntityErrors(other)).toEqual({});
    expect(JSON.parse(trustPolicyOf(other, ACCOUNT)).Statement[0].Condition).toEqual({
      StringEquals: { "sts:ExternalId": "x1" },
      Bool: { "aws:MultiFactorAuthPresent": "true" },
    });
    expect(trustedEntityErrors({ ...other, otherAccountId: "12", externalId: "x" })).toEqual({
      otherAccountId: "Enter a 12-digit AWS account ID.",
      externalId: "The external ID must have 2 to 1224 characters.",
    });
  });

  it("trusts a web identity provider for an audience", () => {
    const input = { ...initialTrustedEntity(), type: "web-identity" as const, webProvider: "google", audience: "app-1" };
    expect(JSON.parse(trustPolicyOf(input, ACCOUNT)).Statement[0]).toMatchObject({
      Principal: { Federated: "accounts.google.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "accounts.google.com:aud": "app-1" } },
    });
  });

  it("asks for a public provider's audience", () => {
    const input = { ...initialTrustedEntity(), type: "web-identity" as const, webProvider: "facebook", audience: " " };
    expect(trustedEntityErrors(input)).toEqual({ audience: "Enter the audience." });
    expect(trustedEntityErrors({ ...input, webProvider: "" })).toEqual({ webProvider: "Choose an identity provider." });
    expect(audienceLabel("facebook")).toBe("Application ID");
    expect(audienceLabel("cognito")).toBe("Identity pool ID");
    expect(audienceLabel(GITHUB)).toBe("Audience");
  });

  it("trusts an OpenID Connect provider of the account for one of its audiences", () => {
    const input = { ...initialTrustedEntity(), type: "web-identity" as const, webProvider: GITHUB, audience: audienceFor(GITHUB, PROVIDERS) };
    expect(input.audience).toBe("sts.amazonaws.com");
    expect(trustedEntityErrors(input, PROVIDERS)).toEqual({});
    expect(JSON.parse(trustPolicyOf(input, ACCOUNT))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: GITHUB },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
        },
      ],
    });
    // Its audience is chosen among the provider's client IDs, not typed.
    expect(audienceChoices(GITHUB, PROVIDERS)).toEqual(["sts.amazonaws.com", "other"]);
    expect(audienceChoices("google", PROVIDERS)).toBeUndefined();
    expect(trustedEntityErrors({ ...input, audience: "typed" }, PROVIDERS)).toEqual({ audience: "Choose an audience." });
    // A provider without audiences has none to choose; a provider the account no longer has is no choice.
    expect(trustedEntityErrors({ ...input, webProvider: EKS, audience: audienceFor(EKS, PROVIDERS) }, PROVIDERS)).toEqual({ audience: "Choose an audience." });
    expect(trustedEntityErrors(input)).toEqual({ webProvider: "Choose an identity provider." });
  });

  it("a provider with a path keys its audience by URL and path", () => {
    const input = { ...initialTrustedEntity(), type: "web-identity" as const, webProvider: EKS, audience: "sts.amazonaws.com" };
    expect(JSON.parse(trustPolicyOf(input, ACCOUNT)).Statement[0].Condition).toEqual({
      StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC123:aud": "sts.amazonaws.com" },
    });
  });

  it("offers the public providers, then the account's OpenID Connect providers", () => {
    expect(webIdentityChoices(PROVIDERS).map((c) => [c.value, c.label])).toEqual([
      ["cognito", "Amazon Cognito"],
      ["amazon", "Login with Amazon"],
      ["facebook", "Facebook"],
      ["google", "Google"],
      [GITHUB, "token.actions.githubusercontent.com"],
      [EKS, "oidc.eks.us-east-1.amazonaws.com/id/ABC123"],
    ]);
    expect(webIdentityChoices({ oidc: [], saml: [] })).toHaveLength(4);
  });

  it("trusts a SAML provider of the account, with console access or not", () => {
    const input = { ...initialTrustedEntity(), type: "saml" as const, samlProviderArn: OKTA };
    expect(trustedEntityErrors(input, PROVIDERS)).toEqual({});
    expect(JSON.parse(trustPolicyOf(input, ACCOUNT)).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Federated: OKTA },
      Action: "sts:AssumeRoleWithSAML",
      Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
    });
    expect(JSON.parse(trustPolicyOf({ ...input, samlConsoleAccess: false }, ACCOUNT)).Statement[0].Condition).toBeUndefined();
    expect(trustedEntityErrors({ ...input, samlProviderArn: "" }, PROVIDERS)).toEqual({ samlProviderArn: "Choose a SAML provider." });
    // Without SAML providers in the account there is nothing to choose.
    expect(trustedEntityErrors(input)).toEqual({ samlProviderArn: "Choose a SAML provider." });
  });

  it("starts with the provider a provider's Assign role button chose", () => {
    const oidcHref = createRoleForProviderHref(GITHUB);
    expect(oidcHref).toBe(`/roles/create?trustedEntityType=web-identity&identityProvider=${encodeURIComponent(GITHUB)}`);
    const params = Object.fromEntries(new URL(oidcHref, "http://x").searchParams);
    const chosen = readPreselection(params, PROVIDERS);
    expect(chosen).toEqual({ type: "web-identity", providerArn: GITHUB });
    expect(initialTrustedEntity(chosen, PROVIDERS)).toMatchObject({ type: "web-identity", webProvider: GITHUB, audience: "sts.amazonaws.com" });

    const samlParams = Object.fromEntries(new URL(createRoleForProviderHref(OKTA), "http://x").searchParams);
    expect(initialTrustedEntity(readPreselection(samlParams, PROVIDERS), PROVIDERS)).toMatchObject({ type: "saml", samlProviderArn: OKTA });

    // A provider the account does not have (or a type that does not fit) chooses nothing.
    expect(readPreselection({ trustedEntityType: "saml", identityProvider: GITHUB }, PROVIDERS)).toBeUndefined();
    expect(readPreselection({ trustedEntityType: "web-identity", identityProvider: `${GITHUB}x` }, PROVIDERS)).toBeUndefined();
    expect(initialTrustedEntity(undefined, PROVIDERS).type).toBe("aws-service");
  });
});
