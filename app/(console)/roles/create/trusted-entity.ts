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
//
// Web identity and SAML 2.0 federation choose among the account's identity providers (read by
// the page with ListOpenIDConnectProviders / GetOpenIDConnectProvider and ListSAMLProviders);
// web identity also offers the public providers IAM knows without one (Cognito, Amazon,
// Facebook, Google). A provider's page links here with the provider chosen.

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
  /** Web identity: a WEB_IDENTITY_PROVIDERS id, or the ARN of one of the account's OIDC providers. */
  webProvider: string;
  /** Typed for a public provider; one of the client IDs of an account's OIDC provider. */
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

/** The account's identity providers, as the wizard offers them. */
export interface AccountIdentityProviders {
  /** OpenID Connect providers: name is the URL without https://; clientIds are the audiences. */
  oidc: { arn: string; name: string; clientIds: string[] }[];
  saml: { arn: string; name: string }[];
  /** Why the providers could not be read (AccessDenied), if they could not. */
  denied?: string;
}

export const NO_IDENTITY_PROVIDERS: AccountIdentityProviders = { oidc: [], saml: [] };

/** The wizard's query parameters that choose a provider, from its "Assign role" button. */
export const PRESELECT_PARAMS = { type: "trustedEntityType", provider: "identityProvider" } as const;

/** The Create role wizard with a provider of the account chosen in step 1. */
export function createRoleForProviderHref(providerArn: string): string {
  const type = /:saml-provider\//.test(providerArn) ? "saml" : "web-identity";
  const params = new URLSearchParams({ [PRESELECT_PARAMS.type]: type, [PRESELECT_PARAMS.provider]: providerArn });
  return `/roles/create?${params.toString()}`;
}

export interface Preselection {
  type: "web-identity" | "saml";
  providerArn: string;
}

/** The provider the wizard's URL chooses, if it names one of the account's providers. */
export function readPreselection(
  params: URLSearchParams | Readonly<Record<string, string | string[] | undefined>>,
  providers: AccountIdentityProviders,
): Preselection | undefined {
  const get = (name: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
    const value = params[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const type = get(PRESELECT_PARAMS.type);
  const arn = get(PRESELECT_PARAMS.provider);
  if (!arn) return undefined;
  if (type === "saml" && providers.saml.some((p) => p.arn === arn)) return { type, providerArn: arn };
  if (type === "web-identity" && providers.oidc.some((p) => p.arn === arn)) return { type, providerArn: arn };
  return undefined;
}

export function initialTrustedEntity(preselection?: Preselection, providers: AccountIdentityProviders = NO_IDENTITY_PROVIDERS): TrustedEntityInput {
  const start = blankTrustedEntity();
  if (preselection?.type === "saml") return { ...start, type: "saml", samlProviderArn: preselection.providerArn };
  if (preselection?.type === "web-identity") {
    return { ...start, type: "web-identity", webProvider: preselection.providerArn, audience: audienceFor(preselection.providerArn, providers) };
  }
  return start;
}

/** The audience a newly chosen web identity provider starts with: its first client ID, or nothing to type yet. */
export function audienceFor(webProvider: string, providers: AccountIdentityProviders): string {
  return providers.oidc.find((p) => p.arn === webProvider)?.clientIds[0] ?? "";
}

export interface ProviderChoice {
  value: string;
  label: string;
  description?: string;
}

/** Web identity's "Identity provider" choices: the public providers, then the account's OIDC providers by URL. */
export function webIdentityChoices(providers: AccountIdentityProviders): ProviderChoice[] {
  return [
    ...WEB_IDENTITY_PROVIDERS.map((p) => ({ value: p.id, label: p.label, description: p.provider })),
    ...providers.oidc.map((p) => ({ value: p.arn, label: p.name, description: "OpenID Connect provider in this account" })),
  ];
}

/** The audiences to choose from for an account's OIDC provider; undefined for a public provider, whose audience is typed. */
export function audienceChoices(webProvider: string, providers: AccountIdentityProviders): string[] | undefined {
  return providers.oidc.find((p) => p.arn === webProvider)?.clientIds;
}

/** The label of the audience field, as the console words it for each provider. */
export function audienceLabel(webProvider: string): string {
  if (webProvider === "cognito") return "Identity pool ID";
  if (webProvider === "amazon" || webProvider === "facebook") return "Application ID";
  return "Audience";
}

function blankTrustedEntity(): TrustedEntityInput {
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

/** The fields of step 1 that are missing or wrong, by field. */
export function trustedEntityErrors(input: TrustedEntityInput, providers: AccountIdentityProviders = NO_IDENTITY_PROVIDERS): Record<string, string> {
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
    case "web-identity": {
      const account = providers.oidc.find((p) => p.arn === input.webProvider);
      if (!account && !WEB_IDENTITY_PROVIDERS.some((p) => p.id === input.webProvider)) errors.webProvider = "Choose an identity provider.";
      else if (account && !account.clientIds.includes(input.audience)) errors.audience = "Choose an audience.";
      else if (!input.audience.trim()) errors.audience = "Enter the audience.";
      break;
    }
    case "saml":
      if (!providers.saml.some((p) => p.arn === input.samlProviderArn)) errors.samlProviderArn = "Choose a SAML provider.";
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
      // A public provider by its id; an account's OIDC provider by its ARN, as its trust policies name it.
      const provider = WEB_IDENTITY_PROVIDERS.find((p) => p.id === input.webProvider);
      return webIdentityTrustPolicy({ provider: provider?.provider ?? input.webProvider, audience: input.audience.trim() });
    }
    case "saml":
      return samlTrustPolicy({ providerArn: input.samlProviderArn, consoleAccess: input.samlConsoleAccess });
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
