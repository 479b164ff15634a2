import { createHash, randomBytes } from "node:crypto";

// AWS unique IDs: a four-letter prefix for the kind of entity, then uppercase base32.

export const ID_PREFIX = {
  user: "AIDA",
  group: "AGPA",
  role: "AROA",
  policy: "ANPA",
  instanceProfile: "AIPA",
  accessKey: "AKIA",
  temporaryAccessKey: "ASIA",
  serverCertificate: "ASCA",
  sshPublicKey: "APKA",
  serviceSpecificCredential: "ACCA",
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32[bytes[i] % 32];
  return out;
}

/** A 21-character unique ID (20 for access keys), as AWS issues them. */
export function newId(kind: IdKind): string {
  const length = kind === "accessKey" || kind === "temporaryAccessKey" ? 16 : 17;
  return ID_PREFIX[kind] + base32(randomBytes(length), length);
}

/** The same ID every time for the same seed: AWS managed policies keep one ID everywhere. */
export function stableId(kind: IdKind, seed: string): string {
  return ID_PREFIX[kind] + base32(createHash("sha256").update(seed).digest(), 17);
}

/** A 40-character secret access key. */
export function newSecretAccessKey(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const bytes = randomBytes(40);
  let out = "";
  for (const b of bytes) out += alphabet[b % 64];
  return out;
}
