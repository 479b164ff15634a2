import { parseProviderArn, type ProviderType } from "@/lib/iam/identity-provider-rules";

// Where the console's identity provider pages are. A provider's page is keyed by its type and
// its ARN (encoded into one path segment), as the IAM console keys it:
// …/identity-providers/details/OPENID/arn%3Aaws%3Aiam%3A%3A123456789012%3Aoidc-provider%2F…
// Plain module: server actions, server pages and client components share it.

export const IDENTITY_PROVIDERS_HREF = "/identity-providers";
export const ADD_IDENTITY_PROVIDER_HREF = "/identity-providers/create";

/** The console's words for the two types. */
export const PROVIDER_TYPE_LABELS: Readonly<Record<ProviderType, string>> = { SAML: "SAML", OIDC: "OpenID Connect" };

const SEGMENTS: Readonly<Record<ProviderType, string>> = { SAML: "SAML", OIDC: "OPENID" };

export function identityProviderHref(arn: string): string {
  const type = parseProviderArn(arn)?.type ?? "OIDC";
  return `${IDENTITY_PROVIDERS_HREF}/details/${SEGMENTS[type]}/${encodeURIComponent(arn)}`;
}

/** The provider a page's route names, when its type segment fits its ARN. */
export function providerFromSegments(typeSegment: string, arnSegment: string): { arn: string; type: ProviderType; name: string } | undefined {
  let arn = arnSegment;
  try {
    // Next decodes route params; a segment that still holds escapes (a proxy kept %2F) is decoded once more.
    if (arn.includes("%")) arn = decodeURIComponent(arn);
  } catch {
    return undefined;
  }
  const parsed = parseProviderArn(arn);
  if (!parsed || SEGMENTS[parsed.type] !== typeSegment) return undefined;
  return { arn, type: parsed.type, name: parsed.name };
}

/** A SAML provider's name, or an OIDC provider's URL without https://, from its ARN. */
export function providerName(arn: string): string {
  return parseProviderArn(arn)?.name ?? arn;
}
