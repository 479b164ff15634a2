// The trust policies the create-role wizard writes for each kind of trusted entity, as the
// IAM console generates them (tab-indented JSON, one statement). Pure: no 'server-only', so
// the wizard can preview the document as the user fills in the form.

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** sts:ExternalId values: 2–1,224 characters (iam-facts §2). */
export const EXTERNAL_ID_MIN = 2;
export const EXTERNAL_ID_MAX = 1224;
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/;
/** The audience of a SAML assertion for sign-in to the AWS Management Console. */
export const SAML_CONSOLE_AUDIENCE = "https://signin.aws.amazon.com/saml";

/** The wizard's common AWS service use cases, with the description the console gives the role. */
export const AWS_SERVICE_USE_CASES = [
  { id: "ec2", label: "EC2", servicePrincipal: "ec2.amazonaws.com", description: "Allows EC2 instances to call AWS services on your behalf." },
  { id: "lambda", label: "Lambda", servicePrincipal: "lambda.amazonaws.com", description: "Allows Lambda functions to call AWS services on your behalf." },
] as const;

/** Web identity providers the wizard offers, and the condition key each one's audience goes in. */
export const WEB_IDENTITY_PROVIDERS = [
  { id: "cognito", label: "Amazon Cognito", provider: "cognito-identity.amazonaws.com", audienceKey: "cognito-identity.amazonaws.com:aud" },
  { id: "amazon", label: "Login with Amazon", provider: "www.amazon.com", audienceKey: "www.amazon.com:app_id" },
  { id: "facebook", label: "Facebook", provider: "graph.facebook.com", audienceKey: "graph.facebook.com:app_id" },
  { id: "google", label: "Google", provider: "accounts.google.com", audienceKey: "accounts.google.com:aud" },
] as const;

type Statement = {
  Effect: "Allow";
  Principal?: Record<string, string | string[]>;
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

function document(statement: Statement): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] }, null, "\t");
}

/** "ec2" → "ec2.amazonaws.com"; a full service principal stays as it is. */
export function servicePrincipal(service: string): string {
  const s = service.trim();
  return s.includes(".") ? s : `${s}.amazonaws.com`;
}

/** AWS service: the service may assume the role (EC2, Lambda, or any service principal). */
export function serviceTrustPolicy(services: string | string[]): string {
  const list = (Array.isArray(services) ? services : [services]).map(servicePrincipal);
  return document({ Effect: "Allow", Action: ["sts:AssumeRole"], Principal: { Service: list } });
}

export interface AccountTrustInput {
  /** This account's ID, or another account's. */
  accountId: string;
  /** Require this sts:ExternalId (third parties assuming the role). */
  externalId?: string;
  /** Require MFA (aws:MultiFactorAuthPresent). */
  requireMfa?: boolean;
}

/** AWS account: the account's principals whose own policies allow it may assume the role. */
export function accountTrustPolicy(input: AccountTrustInput): string {
  const condition: NonNullable<Statement["Condition"]> = {};
  if (input.externalId) condition.StringEquals = { "sts:ExternalId": input.externalId };
  if (input.requireMfa) condition.Bool = { "aws:MultiFactorAuthPresent": "true" };
  return document({
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${input.accountId.trim()}:root` },
    Action: "sts:AssumeRole",
    Condition: condition,
  });
}

export interface WebIdentityTrustInput {
  /** accounts.google.com, graph.facebook.com, www.amazon.com, cognito-identity.amazonaws.com, or an OIDC provider ARN. */
  provider: string;
  /** The client ID (audience) the tokens must be issued for. */
  audience: string;
}

/** The condition key holding a provider's audience: `HOST:aud` (`:app_id` for Amazon and Facebook). */
export function webIdentityAudienceKey(provider: string): string {
  const known = WEB_IDENTITY_PROVIDERS.find((p) => p.provider === provider);
  if (known) return known.audienceKey;
  // arn:aws:iam::ACCT:oidc-provider/HOST[/PATH] → HOST[/PATH]:aud
  const oidc = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/.exec(provider);
  return `${oidc ? oidc[1] : provider}:aud`;
}

/** Web identity: users signed in with the provider, for the given audience. */
export function webIdentityTrustPolicy(input: WebIdentityTrustInput): string {
  return document({
    Effect: "Allow",
    Principal: { Federated: input.provider },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { [webIdentityAudienceKey(input.provider)]: input.audience } },
  });
}

export interface SamlTrustInput {
  /** arn:aws:iam::ACCT:saml-provider/NAME */
  providerArn: string;
  /** Allow sign-in to the AWS Management Console too (SAML:aud is the console's sign-in URL); default true. */
  consoleAccess?: boolean;
}

/** SAML 2.0 federation: users of the identity provider. */
export function samlTrustPolicy(input: SamlTrustInput): string {
  const consoleAccess = input.consoleAccess ?? true;
  return document({
    Effect: "Allow",
    Principal: { Federated: input.providerArn },
    Action: "sts:AssumeRoleWithSAML",
    ...(consoleAccess ? { Condition: { StringEquals: { "SAML:aud": SAML_CONSOLE_AUDIENCE } } } : {}),
  });
}
