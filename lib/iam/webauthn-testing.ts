import "server-only";
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoCBOR } from "@simplewebauthn/server/helpers";
import { relyingParty } from "./webauthn";

// Test support: a FIDO2 security key in software, for the registration and sign-in tests. An
// ES256 key pair from node:crypto, "none" attestation in CBOR, assertions signed over
// authenticatorData and the client data's hash, as a browser and a key would produce them.

const RP = () => relyingParty();
const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest();
export const b64url = (data: Uint8Array | string) => Buffer.from(data).toString("base64url");
const uint32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

interface HeldCredential {
  id: string;
  privateKey: KeyObject;
  rpId: string;
  counter: number;
}

/** A FIDO2 authenticator in software: what a browser returns from navigator.credentials. */
export class SoftwareAuthenticator {
  readonly credentials: HeldCredential[] = [];

  /** `counterStep` 0: a key that keeps no signature counter. */
  constructor(private readonly counterStep = 1) {}

  /**
   * A new ES256 credential for `rpId`, held by this authenticator: its ID (base64url) and COSE
   * public key, as a registration stores them. Tests that need a device without the
   * registration ceremony store these themselves.
   */
  newCredential(rpId: string): { id: string; cose: Uint8Array } {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    // COSE_Key: kty EC2, alg ES256, crv P-256, x, y.
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, "base64url")],
        [-3, Buffer.from(jwk.y!, "base64url")],
      ]),
    );
    const id = b64url(randomBytes(32));
    this.credentials.push({ id, privateKey, rpId, counter: 0 });
    return { id, cose };
  }

  create(
    options: PublicKeyCredentialCreationOptionsJSON,
    tamper: { challenge?: string; origin?: string; rpId?: string } = {},
  ): RegistrationResponseJSON {
    const rpId = tamper.rpId ?? options.rp.id!;
    const { id, cose } = this.newCredential(rpId);
    const credentialId = Buffer.from(id, "base64url");
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([0x41]), // user present, attested credential data
      uint32(0),
      Buffer.alloc(16), // AAGUID: zeros, as "none" attestation reports it
      idLength,
      credentialId,
      cose,
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ["fmt", "none"],
        ["attStmt", new Map<string, string>()],
        ["authData", authData],
      ]),
    );
    const clientDataJSON = JSON.stringify({
      type: "webauthn.create",
      challenge: tamper.challenge ?? options.challenge,
      origin: tamper.origin ?? RP().origin,
      crossOrigin: false,
    });
    return {
      id,
      rawId: id,
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["usb"] },
      clientExtensionResults: {},
    };
  }

  get(options: PublicKeyCredentialRequestOptionsJSON, tamper: { challenge?: string; counter?: number } = {}): AuthenticationResponseJSON {
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const credential = this.credentials.find((c) => allowed.has(c.id));
    if (!credential) throw new Error("No credential of this authenticator is allowed.");
    credential.counter = tamper.counter ?? credential.counter + this.counterStep;
    const authData = Buffer.concat([sha256(credential.rpId), Buffer.from([0x01]), uint32(credential.counter)]);
    const clientDataJSON = JSON.stringify({ type: "webauthn.get", challenge: tamper.challenge ?? options.challenge, origin: RP().origin, crossOrigin: false });
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: "public-key",
      response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authData), signature: b64url(signature) },
      clientExtensionResults: {},
    };
  }
}
