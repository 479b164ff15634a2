import "server-only";
import type { Db, Tx } from "@/lib/db";
import { iamArn } from "./arns";
import type { ExtraContext } from "./authorize";
import { IamError, noSuchGroup, noSuchRole, noSuchUser, unmodifiableRole } from "./errors";
import { lockRow } from "./db-facts";
import { isProtectedRolePath } from "./role-validation";
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

export interface Target {
  kind: TargetKind;
  /** Absent when no such principal exists. */
  id?: string;
  name: string;
  arn: string;
  /** Service-linked and other AWS-owned roles (/aws-service-role/, /aws-reserved/). */
  protected: boolean;
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

/** Finds the principal by name (case-insensitively, as IAM names are), in the caller's account. */
export async function findTarget(prisma: Db | Tx, accountId: string, kind: TargetKind, name: string): Promise<Target> {
  const where = { accountId_nameKey: { accountId, nameKey: name.toLowerCase() } };
  const missing: Target = { kind, name, arn: iamArn(accountId, kind, "/", name), protected: false, tags: [] };
  if (kind === "group") {
    const row = await prisma.group.findUnique({ where, select: withFacts });
    return row ? { kind, id: row.id, name: row.name, arn: row.arn, protected: false, tags: [] } : missing;
  }
  const facts = { ...withFacts, permissionsBoundary: { select: { arn: true } }, tags: { select: { key: true, value: true } } };
  const row = kind === "user" ? await prisma.user.findUnique({ where, select: facts }) : await prisma.role.findUnique({ where, select: facts });
  if (!row) return missing;
  return {
    kind,
    id: row.id,
    name: row.name,
    arn: row.arn,
    protected: kind === "role" && isProtectedRolePath(row.path),
    boundaryArn: row.permissionsBoundary?.arn,
    tags: toTags(row.tags),
  };
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
  if (target.protected) throw unmodifiableRole(target.name);
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
