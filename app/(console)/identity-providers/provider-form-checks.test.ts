import { describe, expect, it } from "vitest";
import { EXAMPLE_CORP_IDP_METADATA } from "@/lib/iam/bootstrap/demo-account";
import {
  audienceError,
  metadataError,
  metadataFileError,
  providerUrlError,
  samlNameError,
  thumbprintError,
  thumbprintsError,
} from "./provider-form-checks";

// The Add provider form's checks: each one flags what the IAM operation would refuse.

describe("Add provider: SAML", () => {
  it("checks the provider name with CreateSAMLProvider's pattern and length", () => {
    expect(samlNameError("ExampleCorp_IdP-2.0")).toBeUndefined();
    expect(samlNameError("")).toBe("Enter a provider name.");
    expect(samlNameError("Example Corp")).toBe("The provider name can only contain alphanumeric characters and the following: ._-");
    expect(samlNameError("a@b")).toMatch(/alphanumeric/);
    expect(samlNameError("n".repeat(128))).toBeUndefined();
    expect(samlNameError("n".repeat(129))).toBe("The provider name must have no more than 128 characters.");
  });

  it("reads the metadata document as IAM does", () => {
    expect(metadataError(EXAMPLE_CORP_IDP_METADATA)).toBeUndefined();
    expect(metadataError("<a/>")).toBe("The metadata document must have at least 1,000 characters.");
    expect(metadataError("not xml ".repeat(200))).toMatch(/^Could not parse metadata\. The document is not well-formed XML/);
    expect(metadataError(EXAMPLE_CORP_IDP_METADATA.replaceAll("IDPSSODescriptor", "SPSSODescriptor"))).toMatch(/IDPSSODescriptor/);
    expect(metadataFileError({ size: 512 * 1024 })).toBeUndefined();
    expect(metadataFileError({ size: 512 * 1024 + 1 })).toMatch(/larger than 512 KB/);
  });
});

describe("Add provider: OpenID Connect", () => {
  it("checks the provider URL as CreateOpenIDConnectProvider reads it", () => {
    expect(providerUrlError("https://token.actions.githubusercontent.com")).toBeUndefined();
    expect(providerUrlError("https://oidc.eks.us-east-1.amazonaws.com/id/ABC")).toBeUndefined();
    expect(providerUrlError("")).toBe("Enter the provider URL.");
    expect(providerUrlError("token.actions.githubusercontent.com")).toBe("Enter a URL, such as https://server.example.com.");
    expect(providerUrlError("http://example.com")).toBe('The URL must begin with "https://".');
    expect(providerUrlError("https://example.com:8443")).toMatch(/no port/);
    expect(providerUrlError("https://example.com/?a=1")).toMatch(/query/);
    expect(providerUrlError(`https://${"a".repeat(251)}`)).toBe("The provider URL must have no more than 255 characters.");
  });

  it("checks the audience's length", () => {
    expect(audienceError("sts.amazonaws.com")).toBeUndefined();
    expect(audienceError("")).toBe("Enter the audience.");
    expect(audienceError("a".repeat(256))).toBe("The audience must have no more than 255 characters.");
  });

  it("checks thumbprints: 40 hexadecimal characters, at most five, each once", () => {
    expect(thumbprintError("6938fd4d98bab03faadb97b34396831e3780aea1")).toBeUndefined();
    expect(thumbprintError("6938fd4d98bab03faadb97b34396831e3780aea")).toBe("A thumbprint has exactly 40 characters.");
    expect(thumbprintError("z".repeat(40))).toMatch(/hexadecimal/);
    expect(thumbprintsError(["a".repeat(40), "b".repeat(40)])).toBeUndefined();
    expect(thumbprintsError(["a".repeat(40), "A".repeat(40)])).toBe("Each thumbprint can be listed once.");
    expect(thumbprintsError(["1", "2", "3", "4", "5", "6"].map((d) => d.repeat(40)))).toBe("A provider can have at most 5 thumbprints.");
  });
});
