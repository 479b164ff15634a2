import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { rootArn } from "./arns";
import { authorize } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { lockRow } from "./db-facts";
import { IamError, invalidMarker, noSuchUser } from "./errors";
import { cutPage, decodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";
import { authorizeOnUser, findUser, type UserDetailRow } from "./users";
import { checkEnum, checkName, missingMember, validationError } from "./validation";

// What the credential operations share (access keys, SSH public keys, service-specific
// credentials, signing certificates): whose credentials a request is about — a named user,
// the calling user when UserName is absent, or the root user — authorized on that principal's
// ARN; the Active/Inactive status; credential IDs; and list pages in upload order.

export const CREDENTIAL_STATUSES = ["Active", "Inactive"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/** A required Status member (UpdateAccessKey, UpdateSSHPublicKey…). */
export function checkStatus(value: string | undefined): CredentialStatus {
  if (value === undefined) throw missingMember("status");
  return checkEnum(value, "status", CREDENTIAL_STATUSES, "Active");
}

/** An ID member of the model's `[\w]+` ID types (accessKeyIdType, publicKeyIdType…). */
export function checkCredentialId(value: string | undefined, member: string, min: number): string {
  if (value === undefined) throw missingMember(member);
  if (value.length < min) throw validationError(value, member, `Member must have length greater than or equal to ${min}`);
  if (value.length > 128) throw validationError(value, member, "Member must have length less than or equal to 128");
  if (!/^\w+$/.test(value)) throw validationError(value, member, "Member must satisfy regular expression pattern: [\\w]+");
  return value;
}

/** The model's certificateBodyType and publicKeyMaterialType: the same limits for both uploads. */
const BODY_MAX = 16_384;
const BODY_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;

/** An uploaded body (CertificateBody, SSHPublicKeyBody). A long or unprintable body is not echoed back: "…". */
export function checkCredentialBody(value: string | undefined, member: string): string {
  if (value === undefined) throw missingMember(member);
  if (value.length < 1) throw validationError(value, member, "Member must have length greater than or equal to 1");
  if (value.length > BODY_MAX) throw validationError("…", member, `Member must have length less than or equal to ${BODY_MAX}`);
  if (!BODY_PATTERN.test(value)) {
    throw validationError("…", member, "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  }
  return value;
}

/** Whose credentials: an IAM user, or the root user (root access keys and signing certificates). */
export type CredentialOwner = { kind: "user"; user: UserDetailRow; arn: string } | { kind: "root"; arn: string };

export const NON_USER_CREDENTIALS = () => new IamError("ValidationError", "Must specify userName when calling with non-User credentials");

/**
 * The principal a request names (UserName) or, without it, the caller itself: an IAM user, or
 * the root user where the operation allows it. Authorizes `action` on that principal's ARN
 * first, so a caller who may not act learns nothing about the user.
 */
export async function credentialOwner(
  prisma: Db | Tx,
  caller: Caller,
  action: string,
  userName: string | undefined,
  options: { maxNameLength: number; rootAllowed: boolean },
): Promise<CredentialOwner> {
  if (userName !== undefined) {
    const name = checkName(userName, "userName", options.maxNameLength);
    const user = await authorizeOnUser(caller, action, name, await findUser(prisma, caller.accountId, name));
    return { kind: "user", user, arn: user.arn };
  }
  if (isRoot(caller) && options.rootAllowed) {
    const arn = rootArn(caller.accountId);
    await authorize(caller, action, arn);
    return { kind: "root", arn };
  }
  if (caller.principalType !== "User" || !caller.userId) throw NON_USER_CREDENTIALS();
  const self = await prisma.user.findUnique({ where: { id: caller.userId }, select: { name: true } });
  const name = self?.name ?? caller.userName ?? "";
  const user = await authorizeOnUser(caller, action, name, self ? await findUser(prisma, caller.accountId, name) : null);
  return { kind: "user", user, arn: user.arn };
}

/**
 * The IAM user a request is about, for credentials the root user cannot have (SSH public keys,
 * service-specific credentials): UserName, or the calling user without it.
 */
export async function credentialUser(
  prisma: Db | Tx,
  caller: Caller,
  action: string,
  userName: string | undefined,
  maxNameLength: number,
): Promise<UserDetailRow> {
  const owner = await credentialOwner(prisma, caller, action, userName, { maxNameLength, rootAllowed: false });
  // credentialOwner answers the root user only where rootAllowed says so.
  if (owner.kind !== "user") throw new Error("Only IAM users have these credentials.");
  return owner.user;
}

/** The owner's rows: a user's, or the root user's (no user) in the caller's account. */
export function ownedBy(caller: Caller, owner: CredentialOwner): { accountId: string; userId: string | null } {
  return { accountId: caller.accountId, userId: owner.kind === "user" ? owner.user.id : null };
}

/**
 * Locks the owner for a quota count in this transaction: the user's row, or the account's for
 * the root user. A user deleted in the meantime fails with NoSuchEntity.
 */
export async function lockOwner(tx: Tx, caller: Caller, owner: CredentialOwner): Promise<void> {
  if (owner.kind === "root") {
    await lockRow(tx, "Account", caller.accountId);
    return;
  }
  if (!(await lockRow(tx, "User", owner.user.id))) throw noSuchUser(owner.user.name);
}

/** UserName in outputs: the user's name; the root user's credentials have none. */
export function ownerName(owner: CredentialOwner): { UserName?: string } {
  return owner.kind === "user" ? { UserName: owner.user.name } : {};
}

// ---- Update and delete by ID ----------------------------------------------------------------

/** The owner part of a credential row's `where`: the root user's rows have no user. */
export type OwnerWhere = { accountId: string; userId: string | null };
/** The same for credentials only IAM users have. */
export type UserOwnerWhere = { accountId: string; userId: string };

/** The calls of a credential model's Prisma delegate that UpdateX and DeleteX make. */
interface OwnedRows<W extends OwnerWhere> {
  updateMany(args: { where: W & { id: string }; data: { status: CredentialStatus } }): Promise<{ count: number }>;
  deleteMany(args: { where: W & { id: string } }): Promise<{ count: number }>;
}

/** Authorizes `action` on the owner UserName names (or the caller) and gives that owner's rows. */
type FindOwner<W extends OwnerWhere> = (prisma: Db, caller: Caller, action: string, userName: string | undefined) => Promise<W>;

/** For credentials of IAM users and of the root user (access keys, signing certificates). */
export const userOrRootOwner =
  (options: { maxNameLength: number; rootAllowed: boolean }): FindOwner<OwnerWhere> =>
  async (prisma, caller, action, userName) =>
    ownedBy(caller, await credentialOwner(prisma, caller, action, userName, options));

/** For credentials of IAM users only (SSH public keys, service-specific credentials), whose rows always have a user. */
export const userOwner =
  (maxNameLength: number): FindOwner<UserOwnerWhere> =>
  async (prisma, caller, action, userName) => ({
    accountId: caller.accountId,
    userId: (await credentialUser(prisma, caller, action, userName, maxNameLength)).id,
  });

/** What the by-ID operations need to know of one kind of credential. */
export interface CredentialKind<W extends OwnerWhere> {
  /** The model's ID member (accessKeyId, certificateId…) and its minimum length. */
  idMember: string;
  idMin: number;
  owner: FindOwner<W>;
  rows: (prisma: Db) => OwnedRows<W>;
  /** NoSuchEntity with the kind's own text. */
  noSuch: (id: string) => IamError;
}

/**
 * UpdateAccessKey, UpdateSigningCertificate, UpdateSSHPublicKey, UpdateServiceSpecificCredential:
 * the members are checked before authorization, and a credential of another owner is as absent
 * as one that does not exist.
 */
export async function updateCredentialStatus<W extends OwnerWhere>(
  caller: Caller,
  kind: CredentialKind<W>,
  action: string,
  input: { UserName?: string; id: string | undefined; Status: string | undefined },
): Promise<void> {
  const id = checkCredentialId(input.id, kind.idMember, kind.idMin);
  const status = checkStatus(input.Status);
  const prisma = await db();
  const owner = await kind.owner(prisma, caller, action, input.UserName);
  const { count } = await kind.rows(prisma).updateMany({ where: { id, ...owner }, data: { status } });
  if (count === 0) throw kind.noSuch(id);
}

/** DeleteAccessKey, DeleteSigningCertificate, DeleteSSHPublicKey, DeleteServiceSpecificCredential. */
export async function deleteCredential<W extends OwnerWhere>(
  caller: Caller,
  kind: CredentialKind<W>,
  action: string,
  input: { UserName?: string; id: string | undefined },
): Promise<void> {
  const id = checkCredentialId(input.id, kind.idMember, kind.idMin);
  const prisma = await db();
  const owner = await kind.owner(prisma, caller, action, input.UserName);
  const { count } = await kind.rows(prisma).deleteMany({ where: { id, ...owner } });
  if (count === 0) throw kind.noSuch(id);
}

// ---- Pages in upload order ------------------------------------------------------------------

const SEPARATOR = "\u0000";

/**
 * A list page ordered by (date, id), oldest first, after the marker's position: `args` for
 * findMany (one row more than the page, to tell whether it is truncated), `page` to cut it.
 * The marker is checked here, before the caller's authorization.
 */
export function datedPageQuery<D extends string>(input: PageInput, dateField: D) {
  const limit = maxItems(input);
  const after = datedPosition(decodeMarker(input.Marker));
  const orderBy = [{ [dateField]: "asc" } as Record<D, "asc">, { id: "asc" as const }];
  return {
    args: { where: afterPosition(dateField, after), orderBy, take: limit + 1 },
    page: <T extends { id: string } & Record<D, Date>>(rows: T[]): { items: T[] } & PageOutput =>
      cutPage(rows, limit, (r) => r[dateField].toISOString() + SEPARATOR + r.id),
  };
}

function datedPosition(marker: string | undefined): { date: Date; id: string } | undefined {
  if (marker === undefined) return undefined;
  const [iso, id = ""] = marker.split(SEPARATOR);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw invalidMarker();
  return { date, id };
}

/** The Prisma `where` for rows after a (date, id) position. */
function afterPosition<D extends string>(dateField: D, after: { date: Date; id: string } | undefined) {
  if (!after) return {};
  return { OR: [{ [dateField]: { gt: after.date } }, { [dateField]: after.date, id: { gt: after.id } }] };
}
