import {
  CLIENT_ID_MAX,
  OIDC_URL_MAX,
  readOidcUrl,
  SAML_METADATA_MAX,
  SAML_METADATA_MIN,
  SAML_PROVIDER_NAME_MAX,
  SAML_PROVIDER_NAME_PATTERN,
  THUMBPRINT_LENGTH,
  THUMBPRINTS_PER_PROVIDER,
} from "@/lib/iam/identity-provider-rules";
import { readSamlMetadata } from "@/lib/iam/saml-metadata";

// The provider forms' checks as the user types or picks a file, with the domain's own limits
// and readers: what the forms flag here is what the IAM operations would refuse.

export const SAML_NAME_CONSTRAINT = `Maximum ${SAML_PROVIDER_NAME_MAX} characters. Use alphanumeric or '._-' characters.`;
export const PROVIDER_URL_CONSTRAINT = `Maximum ${OIDC_URL_MAX} characters. URL must begin with "https://".`;
export const AUDIENCE_CONSTRAINT = `Maximum ${CLIENT_ID_MAX} characters.`;

/**
 * The largest metadata file the console uploads. IAM takes up to 10,000,000 characters, but a
 * server action's request is limited to 1 MB; identity providers' metadata is far smaller.
 */
export const METADATA_FILE_MAX_BYTES = 512 * 1024;

export function samlNameError(name: string): string | undefined {
  if (name === "") return "Enter a provider name.";
  if (name.length > SAML_PROVIDER_NAME_MAX) return `The provider name must have no more than ${SAML_PROVIDER_NAME_MAX} characters.`;
  if (!SAML_PROVIDER_NAME_PATTERN.test(name)) return "The provider name can only contain alphanumeric characters and the following: ._-";
  return undefined;
}

export function providerUrlError(url: string): string | undefined {
  if (url === "") return "Enter the provider URL.";
  if (url.length > OIDC_URL_MAX) return `The provider URL must have no more than ${OIDC_URL_MAX} characters.`;
  const read = readOidcUrl(url);
  if (read.ok) return undefined;
  switch (read.problem) {
    case "not-a-url":
      return "Enter a URL, such as https://server.example.com.";
    case "not-https":
      return 'The URL must begin with "https://".';
    case "not-allowed":
      return "The URL can have a host name and a path, but no port, user name, query or fragment.";
  }
}

export function audienceError(audience: string): string | undefined {
  if (audience === "") return "Enter the audience.";
  if (audience.length > CLIENT_ID_MAX) return `The audience must have no more than ${CLIENT_ID_MAX} characters.`;
  return undefined;
}

/** What is wrong with a metadata document, as IAM would read it. */
export function metadataError(document: string): string | undefined {
  if (document.length < SAML_METADATA_MIN) return `The metadata document must have at least ${SAML_METADATA_MIN.toLocaleString("en-US")} characters.`;
  if (document.length > SAML_METADATA_MAX) return `The metadata document must have no more than ${SAML_METADATA_MAX.toLocaleString("en-US")} characters.`;
  const read = readSamlMetadata(document);
  return read.ok ? undefined : `Could not parse metadata. ${read.reason}`;
}

/** A metadata file the console can upload, before its text is read. */
export function metadataFileError(file: { size: number }): string | undefined {
  if (file.size > METADATA_FILE_MAX_BYTES) return `The file is larger than ${METADATA_FILE_MAX_BYTES / 1024} KB, the most this console uploads.`;
  return undefined;
}

export function thumbprintError(thumbprint: string): string | undefined {
  if (thumbprint.length !== THUMBPRINT_LENGTH) return `A thumbprint has exactly ${THUMBPRINT_LENGTH} characters.`;
  if (!/^[0-9A-Fa-f]+$/.test(thumbprint)) return "A thumbprint has only hexadecimal characters (0-9, A-F).";
  return undefined;
}

export function thumbprintsError(thumbprints: readonly string[]): string | undefined {
  if (thumbprints.length > THUMBPRINTS_PER_PROVIDER) return `A provider can have at most ${THUMBPRINTS_PER_PROVIDER} thumbprints.`;
  const lower = thumbprints.map((t) => t.toLowerCase());
  if (new Set(lower).size !== lower.length) return "Each thumbprint can be listed once.";
  return undefined;
}
