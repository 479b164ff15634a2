import { describe, expect, it } from "vitest";
import { EXAMPLE_CORP_IDP_METADATA } from "./bootstrap/demo-account";
import { parseXsDateTime, readSamlMetadata } from "./saml-metadata";

// What IAM reads from a SAML provider's metadata: an identity provider's EntityDescriptor, its
// entity ID and validUntil; anything else is refused.

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const idp = (attributes = "", inner = "") =>
  `<EntityDescriptor xmlns="${MD}" entityID="https://idp.example.org"${attributes}><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"${inner}/></EntityDescriptor>`;

describe("readSamlMetadata", () => {
  it("reads the demo account's ExampleCorp metadata", () => {
    expect(readSamlMetadata(EXAMPLE_CORP_IDP_METADATA)).toEqual({ ok: true, metadata: { entityId: "https://idp.example.com/saml2/idp" } });
  });

  it("takes validUntil from the EntityDescriptor, or else from the IDPSSODescriptor", () => {
    expect(readSamlMetadata(idp(' validUntil="2030-01-02T03:04:05Z"', ' validUntil="2031-01-01T00:00:00Z"'))).toEqual({
      ok: true,
      metadata: { entityId: "https://idp.example.org", validUntil: new Date("2030-01-02T03:04:05Z") },
    });
    expect(readSamlMetadata(idp("", ' validUntil="2031-01-01T00:00:00.5+02:00"'))).toMatchObject({
      metadata: { validUntil: new Date("2030-12-31T22:00:00.500Z") },
    });
  });

  it.each([
    ["not XML", "Could you parse this? It is plain text.", /not well-formed XML/],
    ["another kind of XML", `<html><body>${"metadata ".repeat(20)}</body></html>`, /SAML 2.0 EntityDescriptor/],
    ["an EntityDescriptor outside the metadata namespace", `<EntityDescriptor entityID="x"><IDPSSODescriptor/></EntityDescriptor>`, /namespace/],
    ["a service provider's metadata", `<md:EntityDescriptor xmlns:md="${MD}" entityID="sp"><md:SPSSODescriptor/></md:EntityDescriptor>`, /IDPSSODescriptor/],
    ["no entityID", `<EntityDescriptor xmlns="${MD}"><IDPSSODescriptor/></EntityDescriptor>`, /entityID/],
    ["a validUntil that is not a date", idp(' validUntil="next year"'), /not a date/],
  ])("refuses %s", (_, document, reason) => {
    const read = readSamlMetadata(document);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason).toMatch(reason);
  });
});

describe("parseXsDateTime", () => {
  it.each([
    ["2026-06-01T12:00:00Z", "2026-06-01T12:00:00.000Z"],
    ["2026-06-01T12:00:00", "2026-06-01T12:00:00.000Z"],
    ["2026-06-01T12:00:00.123456-05:30", "2026-06-01T17:30:00.123Z"],
    ["2026-06-01T24:00:00Z", "2026-06-02T00:00:00.000Z"],
    ["0099-01-01T00:00:00Z", "0099-01-01T00:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(parseXsDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each(["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-06-01T25:00:00Z", "2026-06-01T24:00:01Z", "2026-06-01", "2026-06-01T12:00:00+15:00", "soon"])(
    "%s is not one",
    (text) => {
      expect(parseXsDateTime(text)).toBeUndefined();
    },
  );
});
