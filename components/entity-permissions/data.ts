import "server-only";
import { notFound } from "next/navigation";
import { readOrDenied, type Readout } from "@/components/permission-alert";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";
import { getGroup } from "@/lib/iam/groups";
import { getRole, type Role } from "@/lib/iam/roles";
import { getUser, type User } from "@/lib/iam/users";
import { ENTITY_OPS } from "./entity-ops";
import { managedPolicyType, type EntityKind } from "./kinds";
import type { PermissionRow } from "./permission-rows";

// The reads of the user, user group and role pages: the entity a route names (a missing one
// is Next's not-found page, AccessDenied is data for the permission alert) and the rows of its
// Permissions tab.

/** A Get… of the entity a route names. */
export async function readOrNotFound<T>(read: Promise<T>): Promise<Readout<T>> {
  try {
    return { ok: true, data: await read };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    if (isIamError(err) && (err.code === "NoSuchEntity" || err.code === "ValidationError")) notFound();
    throw err;
  }
}

/** What the pages under an entity's page need of it. */
export interface EntitySummary {
  /** As IAM stores it (the route may differ in case). */
  name: string;
  permissionsBoundaryArn?: string;
  serviceLinked: boolean;
  /** A role's own fields (its edit pages show them). */
  role?: Role;
  /** A group's members. */
  members?: string[];
}

export async function readEntity(caller: Caller, kind: EntityKind, name: string): Promise<Readout<EntitySummary>> {
  if (kind === "Group") {
    const read = await readOrNotFound(getGroup(caller, { GroupName: name, MaxItems: 1000 }));
    if (!read.ok) return read;
    return { ok: true, data: { name: read.data.Group.GroupName, serviceLinked: false, members: read.data.Users.map((u) => u.UserName) } };
  }
  if (kind === "User") {
    const read = await readOrNotFound(getUser(caller, { UserName: name }));
    if (!read.ok) return read;
    const user = read.data.User as User;
    return { ok: true, data: { name: user.UserName, permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn, serviceLinked: false } };
  }
  const read = await readOrNotFound(getRole(caller, { RoleName: name }));
  if (!read.ok) return read;
  const role = read.data.Role;
  return {
    ok: true,
    data: { name: role.RoleName, permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn, serviceLinked: isServiceLinked(role), role },
  };
}

export function isServiceLinked(role: { Path: string }): boolean {
  return role.Path.startsWith("/aws-service-role/");
}

/**
 * The entity's own policies, managed then inline, with the inline documents (to view) unless
 * `documents` is false. `via` names the group they come through, on a user's page.
 */
export async function loadPermissionRows(
  caller: Caller,
  kind: EntityKind,
  name: string,
  { documents = true, via }: { documents?: boolean; via?: string } = {},
): Promise<{ rows: PermissionRow[]; denied: string[] }> {
  const ops = ENTITY_OPS[kind];
  const [attached, inline] = await Promise.all([readOrDenied(ops.listAttachedPolicies(caller, name)), readOrDenied(ops.listInlinePolicies(caller, name))]);
  const docs =
    inline.ok && documents
      ? await Promise.all(inline.data.PolicyNames.map((policyName) => readOrDenied(ops.getInlinePolicy(caller, name, policyName))))
      : [];
  const prefix = via ? `group:${via}:` : "";
  const rows: PermissionRow[] = [
    ...(attached.ok
      ? attached.data.AttachedPolicies.map((p): PermissionRow => ({
          id: `${prefix}${p.PolicyArn}`,
          name: p.PolicyName,
          arn: p.PolicyArn,
          type: managedPolicyType(p.PolicyArn),
          ...(via ? { groupName: via } : {}),
        }))
      : []),
    ...(inline.ok
      ? inline.data.PolicyNames.map((policyName, i): PermissionRow => {
          const doc = docs[i];
          return {
            id: `${prefix}inline:${policyName}`,
            name: policyName,
            type: "Customer inline",
            ...(via ? { groupName: via } : {}),
            ...(doc?.ok ? { document: doc.data.PolicyDocument } : {}),
          };
        })
      : []),
  ];
  return { rows, denied: [attached, inline].flatMap((r) => (r.ok ? [] : [r.accessDenied])) };
}
