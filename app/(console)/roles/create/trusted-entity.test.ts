import { describe, expect, it } from "vitest";
import { initialTrustedEntity, needsInstanceProfile, suggestedDescription, trustedEntityErrors, trustPolicyOf } from "./trusted-entity";

const ACCOUNT = "123456789012";

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

  it("trusts a SAML provider, with console access or not", () => {
    const input = { ...initialTrustedEntity(), type: "saml" as const, samlProviderArn: `arn:aws:iam::${ACCOUNT}:saml-provider/Okta` };
    expect(trustedEntityErrors(input)).toEqual({});
    expect(JSON.parse(trustPolicyOf(input, ACCOUNT)).Statement[0].Condition).toEqual({ StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } });
    expect(JSON.parse(trustPolicyOf({ ...input, samlConsoleAccess: false }, ACCOUNT)).Statement[0].Condition).toBeUndefined();
    expect(trustedEntityErrors({ ...input, samlProviderArn: "okta" }).samlProviderArn).toMatch(/saml-provider/);
  });
});
