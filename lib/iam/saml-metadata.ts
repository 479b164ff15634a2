import { attributeValue, childElements, readXml } from "./xml";

// What IAM reads from a SAML provider's metadata document: an md:EntityDescriptor (SAML 2.0
// metadata) that describes an identity provider (an md:IDPSSODescriptor), its entity ID, and
// how long the metadata is valid. A document that is not that is refused as a whole, with
// AWS's one message for it. Plain code: no 'server-only'.

export const SAML_METADATA_NAMESPACE = "urn:oasis:names:tc:SAML:2.0:metadata";

export interface SamlMetadata {
  entityId: string;
  /** The metadata's validUntil (on the EntityDescriptor, or else on its IDPSSODescriptor). */
  validUntil?: Date;
}

export type SamlMetadataResult = { ok: true; metadata: SamlMetadata } | { ok: false; reason: string };

// xs:dateTime: a year of at least four digits, optional fractions and time zone (UTC when absent).
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** An xs:dateTime, or undefined when the text is not one. */
export function parseXsDateTime(text: string): Date | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const endOfDay = hour === 24 && minute === 0 && second === 0 && fraction === 0;
  if (month < 1 || month > 12 || day < 1 || (hour > 23 && !endOfDay) || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, fraction);
  let offsetMinutes = 0;
  if (m[8] && m[8] !== "Z") {
    const sign = m[8].startsWith("-") ? -1 : 1;
    const [h, min] = m[8].slice(1).split(":").map(Number);
    if (h > 14 || min > 59) return undefined;
    offsetMinutes = sign * (h * 60 + min);
  }
  const time = date.getTime() - offsetMinutes * 60_000;
  return Number.isFinite(time) ? new Date(time) : undefined;
}

/** Reads a SAML metadata document; the reason says what is wrong, for the console's hint. */
export function readSamlMetadata(document: string): SamlMetadataResult {
  const xml = readXml(document);
  if (!xml.ok) return { ok: false, reason: `The document is not well-formed XML: ${xml.error}` };
  const root = xml.root;
  if (root.localName !== "EntityDescriptor" || root.namespace !== SAML_METADATA_NAMESPACE) {
    return { ok: false, reason: `The document must be a SAML 2.0 EntityDescriptor (namespace ${SAML_METADATA_NAMESPACE}).` };
  }
  const entityId = attributeValue(root, "entityID")?.trim();
  if (!entityId) return { ok: false, reason: "The EntityDescriptor has no entityID." };
  const [idp] = childElements(root, SAML_METADATA_NAMESPACE, "IDPSSODescriptor");
  if (!idp) return { ok: false, reason: "The EntityDescriptor describes no identity provider (IDPSSODescriptor)." };

  const validUntilText = attributeValue(root, "validUntil") ?? attributeValue(idp, "validUntil");
  const validUntil = validUntilText === undefined ? undefined : parseXsDateTime(validUntilText);
  if (validUntilText !== undefined && !validUntil) return { ok: false, reason: `validUntil "${validUntilText}" is not a date and time.` };
  return { ok: true, metadata: { entityId, ...(validUntil ? { validUntil } : {}) } };
}
