import "server-only";
import { db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { rootArn } from "./arns";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { encryptSecret } from "./crypto";
import { write } from "./db-facts";
import { IamError, quotaExceeded } from "./errors";
import { newId, newSecretAccessKey } from "./ids";
import { ACCESS_KEYS_PER_USER } from "./limits";
import type { PageInput, PageOutput } from "./paging";
import { resourceTagContext, toTags } from "./tags";
import {
  checkCredentialId,
  credentialOwner,
  datedPageQuery,
  deleteCredential,
  lockOwner,
  ownedBy,
  ownerName,
  updateCredentialStatus,
  userOrRootOwner,
  type CredentialKind,
  type OwnerWhere,
  type CredentialOwner,
  type CredentialStatus,
} from "./user-credentials";
import { EXISTING_USER_NAME_MAX } from "./users";

// Access keys (iam-facts §9): long-term credentials of an IAM user, or of the root user when
// the root user calls without UserName. The secret is returned once, by CreateAccessKey, and
// kept only encrypted (AES-256-GCM) so that SigV4 can verify signatures with it; it never
// reaches a log or an activity event. Each principal has at most two keys, counted under a
// lock on the owner (the user's row, or the account's for the root user).

export interface AccessKey {
  /** Absent for the root user's keys. */
  UserName?: string;
  AccessKeyId: string;
  Status: CredentialStatus;
  SecretAccessKey: string;
  CreateDate: Date;
}

export interface AccessKeyMetadata {
  UserName?: string;
  AccessKeyId: string;
  Status: CredentialStatus;
  CreateDate: Date;
}

export interface AccessKeyLastUsed {
  /** Absent while the key has never been used. */
  LastUsedDate?: Date;
  /** The service's namespace (`s3`, `iam`), or "N/A". */
  ServiceName: string;
  /** "N/A" for a key never used, and for global services. */
  Region: string;
}

/** The model's accessKeyIdType: 16–128 characters of [\w]. */
const ACCESS_KEY_ID_MIN = 16;

export const noSuchAccessKey = (id: string) => new IamError("NoSuchEntity", `The Access Key with id ${id} cannot be found.`);

/** UserName names an existing user (up to 128 characters); absent, the caller, root included. */
const OWNER = { maxNameLength: EXISTING_USER_NAME_MAX, rootAllowed: true };

const status = (value: string) => value as CredentialStatus;

const ACCESS_KEYS: CredentialKind<OwnerWhere> = {
  idMember: "accessKeyId",
  idMin: ACCESS_KEY_ID_MIN,
  owner: userOrRootOwner(OWNER),
  rows: (prisma) => prisma.accessKey,
  noSuch: noSuchAccessKey,
};

// ---- CreateAccessKey ------------------------------------------------------------------------

export interface CreateAccessKeyInput {
  /** Absent: the caller's own key (the root user's when the caller is root). */
  UserName?: string;
}

export function createAccessKey(caller: Caller, input: CreateAccessKeyInput = {}): Promise<{ AccessKey: AccessKey }> {
  return operation(caller, { eventName: "CreateAccessKey", readOnly: false, params: { ...input } }, async () => {
    const owner = await credentialOwner(await db(), caller, "iam:CreateAccessKey", input.UserName, OWNER);
    return { AccessKey: await write((tx) => insertAccessKey(tx, caller, owner)) };
  });
}

/**
 * CreateAccessKey's write inside the caller's transaction, within the owner's quota. The ID
 * may be chosen beforehand (the console authorizes the key's description tag by it).
 */
export async function insertAccessKey(tx: Tx, caller: Caller, owner: CredentialOwner, id = newId("accessKey")): Promise<AccessKey> {
  await lockOwner(tx, caller, owner);
  const where = ownedBy(caller, owner);
  if ((await tx.accessKey.count({ where })) >= ACCESS_KEYS_PER_USER) throw quotaExceeded("AccessKeysPerUser", ACCESS_KEYS_PER_USER);
  const secret = newSecretAccessKey();
  const row = await tx.accessKey.create({
    data: { id, ...where, status: "Active", secretEncrypted: encryptSecret(secret), createdAt: caller.now },
    select: { id: true, createdAt: true },
  });
  return { ...ownerName(owner), AccessKeyId: row.id, Status: "Active", SecretAccessKey: secret, CreateDate: row.createdAt };
}

// ---- ListAccessKeys -------------------------------------------------------------------------

export interface ListAccessKeysInput extends PageInput {
  UserName?: string;
}

export function listAccessKeys(caller: Caller, input: ListAccessKeysInput = {}): Promise<{ AccessKeyMetadata: AccessKeyMetadata[] } & PageOutput> {
  return operation(caller, { eventName: "ListAccessKeys", readOnly: true, params: { ...input } }, async () => {
    const q = datedPageQuery(input, "createdAt");
    const prisma = await db();
    const owner = await credentialOwner(prisma, caller, "iam:ListAccessKeys", input.UserName, OWNER);
    const rows = await prisma.accessKey.findMany({
      ...q.args,
      where: { ...ownedBy(caller, owner), ...q.args.where },
      select: { id: true, status: true, createdAt: true },
    });
    const { items, ...rest } = q.page(rows);
    return {
      AccessKeyMetadata: items.map((r) => ({ ...ownerName(owner), AccessKeyId: r.id, Status: status(r.status), CreateDate: r.createdAt })),
      ...rest,
    };
  });
}

// ---- UpdateAccessKey ------------------------------------------------------------------------

export interface UpdateAccessKeyInput {
  UserName?: string;
  AccessKeyId: string;
  Status: string;
}

/** Activates or deactivates a key: an inactive key signs nothing (InvalidClientTokenId). */
export function updateAccessKey(caller: Caller, input: UpdateAccessKeyInput): Promise<void> {
  return operation(caller, { eventName: "UpdateAccessKey", readOnly: false, params: { ...input } }, () =>
    updateCredentialStatus(caller, ACCESS_KEYS, "iam:UpdateAccessKey", { UserName: input.UserName, id: input.AccessKeyId, Status: input.Status }),
  );
}

// ---- DeleteAccessKey ------------------------------------------------------------------------

export interface DeleteAccessKeyInput {
  UserName?: string;
  AccessKeyId: string;
}

export function deleteAccessKey(caller: Caller, input: DeleteAccessKeyInput): Promise<void> {
  return operation(caller, { eventName: "DeleteAccessKey", readOnly: false, params: { ...input } }, () =>
    deleteCredential(caller, ACCESS_KEYS, "iam:DeleteAccessKey", { UserName: input.UserName, id: input.AccessKeyId }),
  );
}

// ---- GetAccessKeyLastUsed -------------------------------------------------------------------

export interface GetAccessKeyLastUsedOutput {
  /** The key's user; absent for the root user's keys. */
  UserName?: string;
  AccessKeyLastUsed: AccessKeyLastUsed;
}

/**
 * When, where and with which service a key was last used. Authorized on the key owner's ARN,
 * whoever asks: a key of another account is that account's resource, which no identity policy
 * here can grant (AccessDenied); a key that does not exist is NoSuchEntity.
 */
export function getAccessKeyLastUsed(caller: Caller, input: { AccessKeyId: string }): Promise<GetAccessKeyLastUsedOutput> {
  return operation(caller, { eventName: "GetAccessKeyLastUsed", readOnly: true, params: { ...input } }, async () => {
    const id = checkCredentialId(input.AccessKeyId, "accessKeyId", ACCESS_KEY_ID_MIN);
    const prisma = await db();
    const key = await prisma.accessKey.findUnique({
      where: { id },
      select: {
        accountId: true,
        lastUsedDate: true,
        lastUsedServiceName: true,
        lastUsedRegion: true,
        user: { select: { name: true, arn: true, tags: { select: { key: true, value: true } } } },
      },
    });
    if (!key) throw noSuchAccessKey(id);
    await authorize(caller, "iam:GetAccessKeyLastUsed", key.user?.arn ?? rootArn(key.accountId), {
      context: key.user ? resourceTagContext(toTags(key.user.tags)) : {},
    });
    return { ...(key.user ? { UserName: key.user.name } : {}), AccessKeyLastUsed: lastUsed(key) };
  });
}

/** AWS's answer for a key: "N/A" until the key has been used. */
export function lastUsed(key: { lastUsedDate: Date | null; lastUsedServiceName: string | null; lastUsedRegion: string | null }): AccessKeyLastUsed {
  if (!key.lastUsedDate) return { ServiceName: "N/A", Region: "N/A" };
  return { LastUsedDate: key.lastUsedDate, ServiceName: key.lastUsedServiceName ?? "N/A", Region: key.lastUsedRegion ?? "N/A" };
}
