import { PARTITION } from "./arns";
import { IamError, invalidArn } from "./errors";
import { missingMember, validationError } from "./validation";

// Input rules of the SAML and OpenID Connect provider operations, in AWS's words (iam-facts §1,
// §2; IAM API reference). No 'server-only': the console's forms check with the same limits.

export const SAML_PROVIDER_NAME_MAX = 128;
export const SAML_PROVIDER_NAME_PATTERN = /^[\w._-]+$/;
/** SAMLMetadataDocument: 1,000–10,000,000 characters. */
export const SAML_METADATA_MIN = 1000;
export const SAML_METADATA_MAX = 10_000_000;
export const OIDC_URL_MAX = 255;
export const CLIENT_ID_MAX = 255;
export const CLIENT_IDS_PER_PROVIDER = 100;
export const THUMBPRINTS_PER_PROVIDER = 5;
export const THUMBPRINT_LENGTH = 40;
/** Providers of each type per account (iam-facts §2). */
export const PROVIDERS_PER_ACCOUNT = 100;
/** Without a validUntil in its metadata, a SAML provider is valid this long after the upload (obs.). */
export const SAML_DEFAULT_VALIDITY_YEARS = 100;
export const ARN_MIN = 20;
export const ARN_MAX = 2048;

export type ProviderType = "SAML" | "OIDC";

export function samlProviderArn(accountId: string, name: string): string {
  return `arn:${PARTITION}:iam::${accountId}:saml-provider/${name}`;
}

/** NAME is the provider's URL without https://: host, and path if any. */
export function oidcProviderArn(accountId: string, name: string): string {
  return `arn:${PARTITION}:iam::${accountId}:oidc-provider/${name}`;
}

export interface ProviderArn {
  type: ProviderType;
  accountId: string;
  name: string;
}

const PROVIDER_ARN = /^arn:aws:iam::(\d{12}):(saml-provider|oidc-provider)\/(.+)$/;

/** The type, account and name an identity provider's ARN names, or undefined for any other ARN. */
export function parseProviderArn(arn: string): ProviderArn | undefined {
  const m = PROVIDER_ARN.exec(arn);
  if (!m) return undefined;
  return { type: m[2] === "saml-provider" ? "SAML" : "OIDC", accountId: m[1], name: m[3] };
}

/** An ARN parameter: present, 20–2,048 characters, and of the provider type the operation takes. */
export function checkProviderArn(value: string | undefined, member: string, type: ProviderType): ProviderArn & { arn: string } {
  if (value === undefined) throw missingMember(member);
  if (value.length < ARN_MIN) throw validationError(value, member, `Member must have length greater than or equal to ${ARN_MIN}`);
  if (value.length > ARN_MAX) throw validationError(value, member, `Member must have length less than or equal to ${ARN_MAX}`);
  const parsed = parseProviderArn(value);
  if (!parsed || parsed.type !== type) throw invalidArn(value);
  return { ...parsed, arn: value };
}

export function checkSamlProviderName(value: string | undefined): string {
  if (value === undefined) throw missingMember("name");
  if (value === "") throw validationError(value, "name", "Member must have length greater than or equal to 1");
  if (value.length > SAML_PROVIDER_NAME_MAX) throw validationError(value, "name", `Member must have length less than or equal to ${SAML_PROVIDER_NAME_MAX}`);
  if (!SAML_PROVIDER_NAME_PATTERN.test(value)) throw validationError(value, "name", "Member must satisfy regular expression pattern: [\\w._-]+");
  return value;
}

/** The document's length only; what it says is read by readSamlMetadata. The document is not echoed back. */
export function checkSamlMetadataLength(value: string | undefined): string {
  const member = "sAMLMetadataDocument";
  if (value === undefined) throw missingMember(member);
  if (value.length < SAML_METADATA_MIN) throw validationError("[…]", member, `Member must have length greater than or equal to ${SAML_METADATA_MIN}`);
  if (value.length > SAML_METADATA_MAX) throw validationError("[…]", member, `Member must have length less than or equal to ${SAML_METADATA_MAX}`);
  return value;
}

export const COULD_NOT_PARSE_METADATA = "Could not parse metadata";

/** What is wrong with a provider URL, in the terms of AWS's three answers. */
export type OidcUrlProblem = "not-a-url" | "not-https" | "not-allowed";

export type OidcUrlReading = { ok: true; name: string } | { ok: false; problem: OidcUrlProblem };

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)([\s\S]*)$/;
const HOST = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
const PATH = /^(\/[\u0021-\u007E]*)?$/;

/**
 * Reads a provider URL as IAM does: https, a host, and an optional path; no port, user info,
 * query or fragment. The name (the ARN's last part, and GetOpenIDConnectProvider's Url) is the
 * URL without "https://", kept as written: issuers are compared exactly, trailing slash included.
 */
export function readOidcUrl(value: string): OidcUrlReading {
  const m = URL_PARTS.exec(value);
  if (!m || m[2] === "") return { ok: false, problem: "not-a-url" };
  if (m[1] !== "https") return { ok: false, problem: "not-https" };
  if (!HOST.test(m[2]) || !PATH.test(m[3]) || m[4] !== "") return { ok: false, problem: "not-allowed" };
  return { ok: true, name: `${m[2]}${m[3]}` };
}

export function checkOidcUrl(value: string | undefined): { url: string; name: string } {
  if (value === undefined) throw missingMember("url");
  if (value === "") throw validationError(value, "url", "Member must have length greater than or equal to 1");
  if (value.length > OIDC_URL_MAX) throw validationError(value, "url", `Member must have length less than or equal to ${OIDC_URL_MAX}`);
  const read = readOidcUrl(value);
  if (!read.ok) {
    switch (read.problem) {
      case "not-a-url":
        throw new IamError("ValidationError", "Invalid Open ID Connect Provider URL");
      case "not-https":
        throw new IamError("InvalidInput", "Invalid Open ID Connect Provider URL. The URL must begin with https://.");
      case "not-allowed":
        throw new IamError("InvalidInput", "Invalid Open ID Connect Provider URL.");
    }
  }
  return { url: value, name: read.name };
}

export function checkClientId(value: string | undefined, member: string): string {
  if (value === undefined) throw missingMember(member);
  if (value === "") throw validationError(value, member, "Member must have length greater than or equal to 1");
  if (value.length > CLIENT_ID_MAX) throw validationError(value, member, `Member must have length less than or equal to ${CLIENT_ID_MAX}`);
  return value;
}

export const clientIdQuotaExceeded = () =>
  new IamError("LimitExceeded", `Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${CLIENT_IDS_PER_PROVIDER}`);

/** Client IDs (audiences), each once, in the order given. */
export function checkClientIds(values: string[] | undefined): string[] {
  const ids = (values ?? []).map((v, i) => checkClientId(v, `clientIDList.${i + 1}.member`));
  const unique = [...new Set(ids)];
  if (unique.length > CLIENT_IDS_PER_PROVIDER) throw clientIdQuotaExceeded();
  return unique;
}

const HEX = /^[0-9A-Fa-f]*$/;

/** Thumbprints, each once, lower-cased (IAM stores them so), in the order given. */
export function checkThumbprints(values: string[] | undefined): string[] {
  const list = (values ?? []).map((v) => {
    if (v.length !== THUMBPRINT_LENGTH) throw new IamError("InvalidInput", `Thumbprint must be exactly ${THUMBPRINT_LENGTH} characters.`);
    if (!HEX.test(v)) throw new IamError("InvalidInput", "Thumbprint must be a hexadecimal string.");
    return v.toLowerCase();
  });
  const unique = [...new Set(list)];
  // AWS's own words for "at most five".
  if (unique.length > THUMBPRINTS_PER_PROVIDER) throw new IamError("InvalidInput", "Thumbprint list must contain fewer than 5 entries.");
  return unique;
}

/** When a SAML provider's metadata expires: its own validUntil, or a hundred years after the upload. */
export function samlValidUntil(metadataValidUntil: Date | undefined, uploadedAt: Date): Date {
  if (metadataValidUntil) return metadataValidUntil;
  const until = new Date(uploadedAt.getTime());
  until.setUTCFullYear(until.getUTCFullYear() + SAML_DEFAULT_VALIDITY_YEARS);
  return until;
}
