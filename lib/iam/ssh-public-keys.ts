import "server-only";
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { db } from "@/lib/db";
import { operation } from "./activity";
import type { Caller } from "./caller";
import { isUniqueViolation, write } from "./db-facts";
import { IamError, quotaExceeded } from "./errors";
import { newId } from "./ids";
import { SSH_PUBLIC_KEYS_PER_USER } from "./limits";
import type { PageInput, PageOutput } from "./paging";
import {
  checkCredentialBody,
  checkCredentialId,
  credentialUser,
  datedPageQuery,
  deleteCredential,
  lockOwner,
  updateCredentialStatus,
  userOwner,
  type CredentialKind,
  type UserOwnerWhere,
  type CredentialStatus,
} from "./user-credentials";
import { checkEnum, missingMember, NAME_LIMITS } from "./validation";

// SSH public keys of IAM users, for AWS CodeCommit over SSH. A key is uploaded in ssh-rsa
// (OpenSSH) or PEM form, RSA of at least 2048 bits; AWS identifies it by the MD5 fingerprint
// of its SSH wire encoding (aa:bb:…), so one key cannot be uploaded twice for a user in either
// form. GetSSHPublicKey returns it in either encoding. At most five per user.

export interface SSHPublicKeyMetadata {
  UserName: string;
  SSHPublicKeyId: string;
  Status: CredentialStatus;
  UploadDate: Date;
}

export interface SSHPublicKey extends SSHPublicKeyMetadata {
  Fingerprint: string;
  SSHPublicKeyBody: string;
}

export const SSH_PUBLIC_KEY_ENCODINGS = ["SSH", "PEM"] as const;
export type SSHPublicKeyEncoding = (typeof SSH_PUBLIC_KEY_ENCODINGS)[number];

/** CodeCommit's minimum RSA modulus. */
export const SSH_PUBLIC_KEY_MIN_BITS = 2048;
/** The model's publicKeyIdType: 20–128 characters of [\w]. */
const KEY_ID_MIN = 20;

// Texts of the model's error descriptions: AWS's own messages for these are not documented.
const INVALID_PUBLIC_KEY = "The request was rejected because the public key is malformed or otherwise invalid.";
export const invalidPublicKey = (detail?: string) => new IamError("InvalidPublicKey", detail ? `${INVALID_PUBLIC_KEY} ${detail}` : INVALID_PUBLIC_KEY);
export const unrecognizedPublicKeyEncoding = () =>
  new IamError("UnrecognizedPublicKeyEncoding", "The request was rejected because the public key encoding format is unsupported or unrecognized.");
export const duplicateSshPublicKey = () =>
  new IamError("DuplicateSSHPublicKey", "The request was rejected because the SSH public key is already associated with the specified IAM user.");
/** Observed text (GetSSHPublicKey, UpdateSSHPublicKey, DeleteSSHPublicKey). */
export const noSuchSshPublicKey = (id: string) => new IamError("NoSuchEntity", `The Public Key with id ${id} cannot be found.`);

// ---- Parsing --------------------------------------------------------------------------------

export interface ParsedSshPublicKey {
  key: KeyObject;
  /** The uploaded form. */
  format: SSHPublicKeyEncoding;
  /** The key's SSH wire encoding (string "ssh-rsa", mpint e, mpint n). */
  wire: Buffer;
  /** MD5 of the wire encoding, as colon-separated hex pairs. */
  fingerprint: string;
  bits: number;
}

/** Reads an ssh-rsa or PEM public key as CodeCommit accepts it, or fails with AWS's error. */
export function parseSshPublicKey(body: string): ParsedSshPublicKey {
  const text = body.trim();
  let key: KeyObject;
  let format: SSHPublicKeyEncoding;
  if (/^ssh-rsa\s/.test(text)) {
    format = "SSH";
    key = rsaKeyFromWire(text.split(/\s+/)[1]);
  } else if (text.startsWith("-----BEGIN ")) {
    format = "PEM";
    // A private key would be read as its public half: refuse it rather than keep it.
    if (!/^-----BEGIN (RSA )?PUBLIC KEY-----/.test(text)) throw invalidPublicKey();
    try {
      key = createPublicKey(text);
    } catch {
      throw invalidPublicKey();
    }
    if (key.asymmetricKeyType !== "rsa") throw invalidPublicKey("The key must be an RSA key.");
  } else {
    throw unrecognizedPublicKeyEncoding();
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < SSH_PUBLIC_KEY_MIN_BITS) throw invalidPublicKey(`The minimum bit-length of the public key is ${SSH_PUBLIC_KEY_MIN_BITS} bits.`);
  const wire = sshWire(key);
  return { key, format, wire, fingerprint: md5Fingerprint(wire), bits };
}

function rsaKeyFromWire(base64: string | undefined): KeyObject {
  if (!base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalidPublicKey();
  const wire = Buffer.from(base64, "base64");
  let offset = 0;
  const next = (): Buffer => {
    if (offset + 4 > wire.length) throw invalidPublicKey();
    const length = wire.readUInt32BE(offset);
    offset += 4;
    if (offset + length > wire.length) throw invalidPublicKey();
    const part = wire.subarray(offset, offset + length);
    offset += length;
    return part;
  };
  if (next().toString("latin1") !== "ssh-rsa") throw invalidPublicKey();
  const e = next();
  const n = next();
  if (offset !== wire.length || e.length === 0 || n.length === 0) throw invalidPublicKey();
  try {
    return createPublicKey({ key: { kty: "RSA", e: unsigned(e).toString("base64url"), n: unsigned(n).toString("base64url") }, format: "jwk" });
  } catch {
    throw invalidPublicKey();
  }
}

/** An mpint without its sign byte. */
function unsigned(mpint: Buffer): Buffer {
  let i = 0;
  while (i < mpint.length - 1 && mpint[i] === 0) i++;
  return mpint.subarray(i);
}

/** The SSH wire encoding of an RSA public key (RFC 4253 §6.6). */
function sshWire(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  const string = (value: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(value.length);
    return Buffer.concat([length, value]);
  };
  const mpint = (base64url: string | undefined) => {
    const bytes = unsigned(Buffer.from(base64url ?? "", "base64url"));
    return string(bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  return Buffer.concat([string(Buffer.from("ssh-rsa")), mpint(jwk.e), mpint(jwk.n)]);
}

function md5Fingerprint(wire: Buffer): string {
  return (createHash("md5").update(wire).digest("hex").match(/../g) ?? []).join(":");
}

/** The key in the encoding asked for: as uploaded when it was uploaded so, else converted. */
export function encodeSshPublicKey(body: string, encoding: SSHPublicKeyEncoding): string {
  const parsed = parseSshPublicKey(body);
  if (parsed.format === encoding) return body;
  if (encoding === "SSH") return `ssh-rsa ${parsed.wire.toString("base64")}`;
  return parsed.key.export({ type: "spki", format: "pem" }).toString();
}

// ---- Inputs ---------------------------------------------------------------------------------

const checkKeyId = (value: string | undefined) => checkCredentialId(value, "sSHPublicKeyId", KEY_ID_MIN);

/** SSH keys belong to IAM users only; UserName is required except for ListSSHPublicKeys. */
const SSH_PUBLIC_KEYS: CredentialKind<UserOwnerWhere> = {
  idMember: "sSHPublicKeyId",
  idMin: KEY_ID_MIN,
  owner: userOwner(NAME_LIMITS.userName),
  rows: (prisma) => prisma.sshPublicKey,
  noSuch: noSuchSshPublicKey,
};

type KeyRow = { id: string; body: string; fingerprint: string; status: string; uploadDate: Date };

const toKey = (userName: string, row: KeyRow): SSHPublicKey => ({
  UserName: userName,
  SSHPublicKeyId: row.id,
  Fingerprint: row.fingerprint,
  SSHPublicKeyBody: row.body,
  Status: row.status as CredentialStatus,
  UploadDate: row.uploadDate,
});

// ---- UploadSSHPublicKey ---------------------------------------------------------------------

export interface UploadSSHPublicKeyInput {
  UserName: string;
  SSHPublicKeyBody: string;
}

export function uploadSSHPublicKey(caller: Caller, input: UploadSSHPublicKeyInput): Promise<{ SSHPublicKey: SSHPublicKey }> {
  return operation(caller, { eventName: "UploadSSHPublicKey", readOnly: false, params: { ...input } }, async () => {
    if (input.UserName === undefined) throw missingMember("userName");
    const body = checkCredentialBody(input.SSHPublicKeyBody, "sSHPublicKeyBody");
    const user = await credentialUser(await db(), caller, "iam:UploadSSHPublicKey", input.UserName, NAME_LIMITS.userName);
    const parsed = parseSshPublicKey(body);
    const row = await write(async (tx) => {
      await lockOwner(tx, caller, { kind: "user", user, arn: user.arn });
      if (await tx.sshPublicKey.findUnique({ where: { userId_fingerprint: { userId: user.id, fingerprint: parsed.fingerprint } }, select: { id: true } })) {
        throw duplicateSshPublicKey();
      }
      if ((await tx.sshPublicKey.count({ where: { userId: user.id } })) >= SSH_PUBLIC_KEYS_PER_USER) {
        throw quotaExceeded("SSHPublicKeysPerUser", SSH_PUBLIC_KEYS_PER_USER);
      }
      try {
        return await tx.sshPublicKey.create({
          data: { id: newId("sshPublicKey"), accountId: caller.accountId, userId: user.id, body, fingerprint: parsed.fingerprint, uploadDate: caller.now },
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateSshPublicKey();
        throw err;
      }
    });
    return { SSHPublicKey: toKey(user.name, row) };
  });
}

// ---- GetSSHPublicKey ------------------------------------------------------------------------

export interface GetSSHPublicKeyInput {
  UserName: string;
  SSHPublicKeyId: string;
  Encoding: string;
}

export function getSSHPublicKey(caller: Caller, input: GetSSHPublicKeyInput): Promise<{ SSHPublicKey: SSHPublicKey }> {
  return operation(caller, { eventName: "GetSSHPublicKey", readOnly: true, params: { ...input } }, async () => {
    if (input.UserName === undefined) throw missingMember("userName");
    const id = checkKeyId(input.SSHPublicKeyId);
    if (input.Encoding === undefined) throw missingMember("encoding");
    const encoding = checkEnum(input.Encoding, "encoding", SSH_PUBLIC_KEY_ENCODINGS, "SSH");
    const prisma = await db();
    const user = await credentialUser(prisma, caller, "iam:GetSSHPublicKey", input.UserName, NAME_LIMITS.userName);
    const row = await prisma.sshPublicKey.findFirst({ where: { id, userId: user.id } });
    if (!row) throw noSuchSshPublicKey(id);
    let body: string;
    try {
      body = encodeSshPublicKey(row.body, encoding);
    } catch {
      throw unrecognizedPublicKeyEncoding();
    }
    return { SSHPublicKey: toKey(user.name, { ...row, body }) };
  });
}

// ---- ListSSHPublicKeys ----------------------------------------------------------------------

export interface ListSSHPublicKeysInput extends PageInput {
  /** Absent: the calling IAM user. */
  UserName?: string;
}

export function listSSHPublicKeys(caller: Caller, input: ListSSHPublicKeysInput = {}): Promise<{ SSHPublicKeys: SSHPublicKeyMetadata[] } & PageOutput> {
  return operation(caller, { eventName: "ListSSHPublicKeys", readOnly: true, params: { ...input } }, async () => {
    const q = datedPageQuery(input, "uploadDate");
    const prisma = await db();
    const user = await credentialUser(prisma, caller, "iam:ListSSHPublicKeys", input.UserName, NAME_LIMITS.userName);
    const rows = await prisma.sshPublicKey.findMany({
      ...q.args,
      where: { userId: user.id, ...q.args.where },
      select: { id: true, status: true, uploadDate: true },
    });
    const { items, ...rest } = q.page(rows);
    return {
      SSHPublicKeys: items.map((r) => ({ UserName: user.name, SSHPublicKeyId: r.id, Status: r.status as CredentialStatus, UploadDate: r.uploadDate })),
      ...rest,
    };
  });
}

// ---- UpdateSSHPublicKey ---------------------------------------------------------------------

export interface UpdateSSHPublicKeyInput {
  UserName: string;
  SSHPublicKeyId: string;
  Status: string;
}

/** Activates or deactivates a key: CodeCommit refuses an inactive one. */
export function updateSSHPublicKey(caller: Caller, input: UpdateSSHPublicKeyInput): Promise<void> {
  return operation(caller, { eventName: "UpdateSSHPublicKey", readOnly: false, params: { ...input } }, async () => {
    if (input.UserName === undefined) throw missingMember("userName");
    await updateCredentialStatus(caller, SSH_PUBLIC_KEYS, "iam:UpdateSSHPublicKey", { UserName: input.UserName, id: input.SSHPublicKeyId, Status: input.Status });
  });
}

// ---- DeleteSSHPublicKey ---------------------------------------------------------------------

export interface DeleteSSHPublicKeyInput {
  UserName: string;
  SSHPublicKeyId: string;
}

export function deleteSSHPublicKey(caller: Caller, input: DeleteSSHPublicKeyInput): Promise<void> {
  return operation(caller, { eventName: "DeleteSSHPublicKey", readOnly: false, params: { ...input } }, async () => {
    if (input.UserName === undefined) throw missingMember("userName");
    await deleteCredential(caller, SSH_PUBLIC_KEYS, "iam:DeleteSSHPublicKey", { UserName: input.UserName, id: input.SSHPublicKeyId });
  });
}
