import "server-only";
import { notFound } from "next/navigation";
import type { Readout } from "@/components/permission-alert";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";
import { getUser, type User } from "@/lib/iam/users";

// The user a route names: GetUser, with a missing user as Next's not-found page. AccessDenied
// comes back as data, for the permission alert.

export async function readUser(caller: Caller, userName: string): Promise<Readout<User>> {
  try {
    return { ok: true, data: (await getUser(caller, { UserName: userName })).User as User };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    if (isIamError(err) && (err.code === "NoSuchEntity" || err.code === "ValidationError")) notFound();
    throw err;
  }
}

/** A read that may find nothing (NoSuchEntity → undefined), or be denied. */
export async function readOptional<T>(read: Promise<T>): Promise<Readout<T | undefined>> {
  try {
    return { ok: true, data: await read };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    if (isIamError(err) && err.code === "NoSuchEntity") return { ok: true, data: undefined };
    throw err;
  }
}
