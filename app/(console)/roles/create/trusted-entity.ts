import {
  ACCOUNT_ID_PATTERN,
  accountTrustPolicy,
  AWS_SERVICE_USE_CASES,
  EXTERNAL_ID_MAX,
  EXTERNAL_ID_MIN,
  EXTERNAL_ID_PATTERN,
  samlTrustPolicy,
  serviceTrustPolicy,
  WEB_IDENTITY_PROVIDERS,
  webIdentityTrustPolicy,
} from "@/lib/iam/trust-policy-builders";

// Step 1 of "Create role", "Select trusted entity", as plain data: what the user chose, the
// trust policy it makes (the domain's builders write it, as the console generates it), what
// is still missing, and the description the console suggests. No React: tested on its own.

export type TrustedEntityType = "aws-service" | "aws-account" | "web-identity" | "saml" | "custom";

export interface TrustedEntityInput {
  type: TrustedEntityType;
  /** AWS service: a service prefix ("ec2", "lambda", or any catalog service). */
  service: string;
  /** AWS account. */
  account: "this" | "another";
  otherAccountId: string;
  requireExternalId: boolean;
  externalId: string;
  requireMfa: boolean;
  /** Web identity: a WEB_IDENTITY_PROVIDERS id. */
  webProvider: string;
  audience: string;
  /** SAML 2.0 federation. */
  samlProviderArn: string;
  samlConsoleAccess: boolean;
  /** Custom trust policy. */
  customPolicy: string;
}

export const CUSTOM_TRUST_POLICY_TEMPLATE = JSON.stringify(
  {
    Version: "2012-10-17",
    Statement: [{ Sid: "Statement1", Effect: "Allow", Principal: {}, Action: "sts:AssumeRole" }],
  },
  null,
  "\t",
);

export function initialTrustedEntity(): TrustedEntityInput {
  return {
    type: "aws-service",
    service: "",
    account: "this",
    otherAccountId: "",
    requireExternalId: false,
    externalId: "",
    requireMfa: false,
    webProvider: "",
    audience: "",
    samlProviderArn: "",
    samlConsoleAccess: true,
    customPolicy: CUSTOM_TRUST_POLICY_TEMPLATE,
  };
}

export const SAML_PROVIDER_ARN_PATTERN = /^arn:aws:iam::\d{12}:saml-provider\/[\w+=,.@-]{1,128}$/;

/** The fields of step 1 that are missing or wrong, by field. */
export function trustedEntityErrors(input: TrustedEntityInput): Record<string, string> {
  const errors: Record<string, string> = {};
  switch (input.type) {
    case "aws-service":
      if (!input.service) errors.service = "Choose a service or use case.";
      break;
    case "aws-account":
      if (input.account === "another" && !ACCOUNT_ID_PATTERN.test(input.otherAccountId.trim())) {
        errors.otherAccountId = "Enter a 12-digit AWS account ID.";
      }
      if (input.requireExternalId) {
        const id = input.externalId;
        if (id.length < EXTERNAL_ID_MIN || id.length > EXTERNAL_ID_MAX) {
          errors.externalId = `The external ID must have ${EXTERNAL_ID_MIN} to ${EXTERNAL_ID_MAX} characters.`;
        } else if (!EXTERNAL_ID_PATTERN.test(id)) {
          errors.externalId = "The external ID can contain alphanumeric characters and the following: =,.@:/-_+";
        }
      }
      break;
    case "web-identity":
      if (!input.webProvider) errors.webProvider = "Choose an identity provider.";
      if (!input.audience.trim()) errors.audience = "Enter the audience.";
      break;
    case "saml":
      if (!SAML_PROVIDER_ARN_PATTERN.test(input.samlProviderArn.trim())) {
        errors.samlProviderArn = "Enter the ARN of a SAML provider: arn:aws:iam::ACCOUNT-ID:saml-provider/NAME";
      }
      break;
    case "custom":
      if (!input.customPolicy.trim()) errors.customPolicy = "Enter a trust policy.";
      break;
  }
  return errors;
}

/** The trust policy step 1 makes. */
export function trustPolicyOf(input: TrustedEntityInput, thisAccountId: string): string {
  switch (input.type) {
    case "aws-service":
      return serviceTrustPolicy(input.service || "SERVICE");
    case "aws-account":
      return accountTrustPolicy({
        accountId: input.account === "this" ? thisAccountId : input.otherAccountId.trim(),
        ...(input.requireExternalId ? { externalId: input.externalId } : {}),
        requireMfa: input.requireMfa,
      });
    case "web-identity": {
      const provider = WEB_IDENTITY_PROVIDERS.find((p) => p.id === input.webProvider);
      return webIdentityTrustPolicy({ provider: provider?.provider ?? input.webProvider, audience: input.audience.trim() });
    }
    case "saml":
      return samlTrustPolicy({ providerArn: input.samlProviderArn.trim(), consoleAccess: input.samlConsoleAccess });
    case "custom":
      return input.customPolicy;
  }
}

/** The description the console fills in for a service role, e.g. "Allows EC2 instances to call AWS services on your behalf." */
export function suggestedDescription(input: TrustedEntityInput, serviceName?: string): string {
  if (input.type !== "aws-service" || !input.service) return "";
  const common = AWS_SERVICE_USE_CASES.find((u) => u.id === input.service);
  if (common) return common.description;
  return `Allows ${serviceName ?? input.service} to call AWS services on your behalf.`;
}

/** EC2 roles get an instance profile of the same name, as the console creates one. */
export function needsInstanceProfile(input: TrustedEntityInput): boolean {
  return input.type === "aws-service" && input.service === "ec2";
}
