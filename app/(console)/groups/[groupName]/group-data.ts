import "server-only";
import { notFound } from "next/navigation";
import type { Readout } from "@/components/permission-alert";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";
import { getGroup, type GetGroupOutput } from "@/lib/iam/groups";

// The group a route names, with its members: GetGroup, a missing group as Next's not-found page,
// AccessDenied as data for the permission alert.

export async function readGroup(caller: Caller, groupName: string): Promise<Readout<GetGroupOutput>> {
  try {
    return { ok: true, data: await getGroup(caller, { GroupName: groupName, MaxItems: 1000 }) };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    if (isIamError(err) && (err.code === "NoSuchEntity" || err.code === "ValidationError")) notFound();
    throw err;
  }
}
