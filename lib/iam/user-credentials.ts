import "server-only";
import type { Db, Tx } from "@/lib/db";
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

// ---- Pages in upload order ------------------------------------------------------------------

const SEPARATOR = "\u0000";

/** A list page ordered by (date, id), oldest first, after the marker's position. */
export function datedPageQuery(input: PageInput) {
  const limit = maxItems(input);
  const after = decodeMarker(input.Marker);
  if (after === undefined) return { limit, after: undefined };
  const [iso, id = ""] = after.split(SEPARATOR);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw invalidMarker();
  return { limit, after: { date, id } };
}

export function datedPage<T>(rows: T[], limit: number, key: (row: T) => { date: Date; id: string }): { items: T[] } & PageOutput {
  return cutPage(rows, limit, (r) => {
    const k = key(r);
    return k.date.toISOString() + SEPARATOR + k.id;
  });
}

/** The Prisma `where` for rows after a (date, id) position. */
export function afterPosition<D extends string>(dateField: D, after: { date: Date; id: string } | undefined) {
  if (!after) return {};
  return { OR: [{ [dateField]: { gt: after.date } }, { [dateField]: after.date, id: { gt: after.id } }] };
}
