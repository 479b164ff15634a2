import "server-only";
import { notFound } from "next/navigation";
import { isIamError } from "@/lib/iam/errors";
import type { Caller } from "@/lib/iam/caller";
import { getRole, type Role } from "@/lib/iam/roles";

// The role a route names: GetRole, with a missing role as Next's not-found page. AccessDenied
// comes back as data, for the permission alert.

export type RoleRead = { ok: true; role: Role } | { ok: false; accessDenied: string };

export async function readRole(caller: Caller, roleName: string): Promise<RoleRead> {
  try {
    return { ok: true, role: (await getRole(caller, { RoleName: roleName })).Role };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    if (isIamError(err) && (err.code === "NoSuchEntity" || err.code === "ValidationError")) notFound();
    throw err;
  }
}

export function isServiceLinked(role: Pick<Role, "Path">): boolean {
  return role.Path.startsWith("/aws-service-role/");
}
