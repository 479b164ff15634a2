import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { iamArn } from "./arns";
import type { Caller } from "./caller";
import type { ExtraContext } from "./authorize";
import { IamError, noSuchGroup, noSuchRole, noSuchUser } from "./errors";
import { lockRow } from "./db-facts";
import { assertRoleModifiable } from "./role-validation";
import { resourceTagContext, toTags } from "./tags";
import { checkName } from "./validation";

// The user, group or role that a managed policy is attached to or an inline policy is
// embedded in. Operations read it before authorizing, because the resource they are
// authorized on is its ARN (with its path), and the request context carries its tags and
// permissions boundary.

export type TargetKind = "user" | "group" | "role";

/** The API's name for each kind, as in UserName, AttachUserPolicy, PoliciesPerUser. */
export const TARGET_NOUN = { user: "User", group: "Group", role: "Role" } as const;

/** Operations on existing principals accept user names up to 128 characters; roles stay at 64. */
const TARGET_NAME_MAX = { user: 128, group: 128, role: 64 } as const;

type NameOf<K extends TargetKind> = K extends "user" ? "UserName" : K extends "group" ? "GroupName" : "RoleName";
/** The request member naming the principal: UserName, GroupName or RoleName. */
export type TargetInput<K extends TargetKind> = { [P in NameOf<K>]: string };

export interface Target {
  kind: TargetKind;
  /** Absent when no such principal exists. */
  id?: string;
  name: string;
  arn: string;
  path: string;
  boundaryArn?: string;
  tags: { Key: string; Value: string }[];
}

export function checkTargetName(kind: TargetKind, value: string | undefined): string {
  return checkName(value, `${kind}Name`, TARGET_NAME_MAX[kind]);
}

const withFacts = {
  id: true,
  name: true,
  arn: true,
  path: true,
} as const;

/** The facts of a principal row as it is read (with tags and boundary for users and roles). */
export function toTarget(
  kind: TargetKind,
  row: { id: string; name: string; arn: string; path: string; permissionsBoundary?: { arn: string } | null; tags?: { key: string; value: string }[] },
): Target {
  return { kind, id: row.id, name: row.name, arn: row.arn, path: row.path, boundaryArn: row.permissionsBoundary?.arn, tags: toTags(row.tags ?? []) };
}

/** What a principal row holds for `toTarget`: groups have no tags and no boundary. */
export const TARGET_FACTS = {
  user: { ...withFacts, permissionsBoundary: { select: { arn: true } }, tags: { select: { key: true, value: true } } },
  group: withFacts,
  role: { ...withFacts, permissionsBoundary: { select: { arn: true } }, tags: { select: { key: true, value: true } } },
} as const;

/** Finds the principal by name (case-insensitively, as IAM names are), in the caller's account. */
export async function findTarget(prisma: Db | Tx, accountId: string, kind: TargetKind, name: string): Promise<Target> {
  const where = { accountId_nameKey: { accountId, nameKey: name.toLowerCase() } };
  const row =
    kind === "group"
      ? await prisma.group.findUnique({ where, select: TARGET_FACTS.group })
      : kind === "user"
        ? await prisma.user.findUnique({ where, select: TARGET_FACTS.user })
        : await prisma.role.findUnique({ where, select: TARGET_FACTS.role });
  return row ? toTarget(kind, row) : { kind, name, arn: iamArn(accountId, kind, "/", name), path: "/", tags: [] };
}

/** The principal a request names (its UserName, GroupName or RoleName), checked and looked up. */
export async function resolveTarget<K extends TargetKind>(caller: Caller, kind: K, input: TargetInput<K>): Promise<Target> {
  const name = (input as Record<string, string | undefined>)[`${TARGET_NOUN[kind]}Name`];
  return findTarget(await db(), caller.accountId, kind, checkTargetName(kind, name));
}

/**
 * The context of a change to the principal's policies (Attach, Detach, Put, Delete):
 * aws:ResourceTag/… of the principal and iam:PermissionsBoundary (users and roles only).
 */
export function targetContext(target: Target): ExtraContext {
  return { ...resourceTagContext(target.tags), "iam:PermissionsBoundary": target.boundaryArn };
}

export function noSuchTarget(target: Pick<Target, "kind" | "name">): IamError {
  switch (target.kind) {
    case "user":
      return noSuchUser(target.name);
    case "group":
      return noSuchGroup(target.name);
    case "role":
      return noSuchRole(target.name);
  }
}

/** The target exists; returns its ID. */
export function existing(target: Target): string {
  if (!target.id) throw noSuchTarget(target);
  return target.id;
}

/** AWS-owned roles cannot be changed by the account (UnmodifiableEntity). */
export function refuseProtected(target: Target): void {
  if (target.kind === "role") assertRoleModifiable(target);
}

/** Locks the principal's row for a quota check; a concurrent delete makes it disappear. */
export async function lockTarget(tx: Tx, target: Target): Promise<string> {
  const id = existing(target);
  if (!(await lockRow(tx, TARGET_NOUN[target.kind], id))) throw noSuchTarget(target);
  return id;
}

/** The foreign key column of PolicyAttachment and InlinePolicy for this kind. */
export function ownerColumn(kind: TargetKind): "userId" | "groupId" | "roleId" {
  return `${kind}Id`;
}
