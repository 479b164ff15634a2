import "server-only";
import { notFound } from "next/navigation";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";
import { getPolicy, type Policy } from "@/lib/iam/policies";
import { consolePolicyType, type ConsolePolicyType } from "@/lib/iam/policies-console";
import { getPolicyVersion } from "@/lib/iam/policy-versions";

// The managed policy a route names: GetPolicy and its default version. A policy that does
// not exist is Next's not-found page; AccessDenied comes back as data for the permission alert.

export type PolicyRead =
  | { ok: true; policy: Policy; type: ConsolePolicyType; document: string | undefined; documentDenied?: string }
  | { ok: false; accessDenied: string };

function notFoundOr(err: unknown): never {
  if (isIamError(err) && (err.code === "NoSuchEntity" || err.code === "InvalidInput" || err.code === "ValidationError")) notFound();
  throw err;
}

export async function readPolicy(caller: Caller, arn: string): Promise<PolicyRead> {
  let policy: Policy;
  try {
    policy = (await getPolicy(caller, { PolicyArn: arn })).Policy;
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    notFoundOr(err);
  }
  const type = consolePolicyType({ accountId: arn.startsWith("arn:aws:iam::aws:") ? null : caller.accountId, path: policy.Path });
  try {
    const { PolicyVersion } = await getPolicyVersion(caller, { PolicyArn: arn, VersionId: policy.DefaultVersionId });
    return { ok: true, policy, type, document: PolicyVersion.Document };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: true, policy, type, document: undefined, documentDenied: err.message };
    throw err;
  }
}
