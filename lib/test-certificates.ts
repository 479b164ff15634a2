import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { X509CertificateGenerator } from "@peculiar/x509";

// Self-signed X.509 certificates for the signing-certificate tests (Vitest and Playwright),
// made when a test needs one rather than kept as files: each is new, so tests never collide
// on AWS's duplicate-certificate rule.

const RSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

/** A PEM certificate for `CN=<commonName>`, valid from now for 100 years. */
export async function selfSignedCertificatePem(commonName: string): Promise<string> {
  const keys = await webcrypto.subtle.generateKey(RSA, false, ["sign", "verify"]);
  const notBefore = new Date();
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString("hex"),
      name: `CN=${commonName}`,
      notBefore,
      notAfter: new Date(notBefore.getTime() + 100 * 365 * 86_400_000),
      keys,
      signingAlgorithm: RSA,
    },
    webcrypto as unknown as Crypto,
  );
  return certificate.toString("pem");
}
