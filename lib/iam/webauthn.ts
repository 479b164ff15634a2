import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { env } from "@/lib/env";

// The WebAuthn relying party behind FIDO2 security keys and passkeys used as MFA. The console's
// own URL names it: its host is the RP ID and its origin the only origin accepted, so a key
// registered on one deployment is useless on another. As a second factor, user verification
// (PIN, biometrics) is not asked for: possession of the key is the factor, as with AWS.

export const RP_NAME = "Amazon Web Services";
/** How long a registration or sign-in ceremony may take; the stored challenge expires with it. */
export const WEBAUTHN_TIMEOUT_MS = 5 * 60_000;

export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

export function relyingParty(): RelyingParty {
  const url = new URL(env().baseUrl);
  return { id: url.hostname, origin: url.origin, name: RP_NAME };
}

/** A registered credential as stored on its MfaDevice row: base64url text and a counter. */
export interface StoredCredential {
  credentialId: string;
  publicKey: string;
  signCount: number;
  transports: string[];
}

export interface NewCredential extends StoredCredential {
  aaguid: string;
}

export interface RegistrationSubject {
  /** Stable and free of personal data: the user's ID (AIDA…), or the account ID for root. */
  handle: string;
  /** What the authenticator shows, e.g. "alice@my-alias". */
  name: string;
  displayName: string;
}

export function registrationOptions(
  subject: RegistrationSubject,
  existing: { credentialId: string; transports: string[] }[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingParty();
  return generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: subject.name,
    userDisplayName: subject.displayName,
    userID: new TextEncoder().encode(subject.handle),
    timeout: WEBAUTHN_TIMEOUT_MS,
    attestationType: "none",
    // The same key twice would count twice against the quota and add nothing.
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "discouraged" },
  });
}

/** The new credential when the response answers `expectedChallenge` on this site; null otherwise. */
export async function verifyRegistration(response: RegistrationResponseJSON, expectedChallenge: string): Promise<NewCredential | null> {
  const rp = relyingParty();
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
    if (!result.verified) return null;
    const { credential, aaguid } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      signCount: credential.counter,
      transports: credential.transports ?? response.response.transports ?? [],
      aaguid,
    };
  } catch {
    // The library throws for every malformed or mismatched response: all mean "not verified".
    return null;
  }
}

export function authenticationOptions(allowed: { credentialId: string; transports: string[] }[]): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: allowed.map((c) => ({ id: c.credentialId, transports: c.transports })),
    timeout: WEBAUTHN_TIMEOUT_MS,
    userVerification: "discouraged",
  });
}

/**
 * The authenticator's new signature counter when `response` is a valid assertion of `credential`
 * over `expectedChallenge`; null otherwise. A counter that does not move forward (other than an
 * authenticator that keeps none, always 0) means a cloned key and is refused.
 */
export async function verifyAuthentication(
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  credential: StoredCredential,
): Promise<{ newCounter: number } | null> {
  const rp = relyingParty();
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: credential.credentialId,
        publicKey: isoBase64URL.toBuffer(credential.publicKey),
        counter: credential.signCount,
        transports: credential.transports,
      },
      requireUserVerification: false,
    });
    return result.verified ? { newCounter: result.authenticationInfo.newCounter } : null;
  } catch {
    return null;
  }
}

/** The transports stored as JSON on a device row. */
export function storedTransports(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
}
