import "server-only";
import { readOrDenied, type Readout } from "@/components/permission-alert";
import type { Caller } from "@/lib/iam/caller";
import { getAccountSummary, listAccountAliases } from "@/lib/iam/accounts";
import { isIamError } from "@/lib/iam/errors";
import { getAccountPasswordPolicy, type PasswordPolicy } from "@/lib/iam/password-policy";

// The reads of the Account settings page, one per container, each with the call the IAM console
// makes for it, so that a denied read shows the permission alert in its own container only.

/** The account's password policy; null when it has none (GetAccountPasswordPolicy's NoSuchEntity). */
export function readPasswordPolicy(caller: Caller): Promise<Readout<PasswordPolicy | null>> {
  return readOrDenied(
    getAccountPasswordPolicy(caller).then(
      (out) => out.PasswordPolicy,
      (err: unknown) => {
        if (isIamError(err) && err.code === "NoSuchEntity") return null;
        throw err;
      },
    ),
  );
}

/** The account alias, or null. */
export async function readAccountAlias(caller: Caller): Promise<Readout<string | null>> {
  const read = await readOrDenied(listAccountAliases(caller));
  return read.ok ? { ok: true, data: read.data.AccountAliases[0] ?? null } : read;
}

/** Which STS tokens the global endpoint issues: GetAccountSummary's GlobalEndpointTokenVersion. */
export async function readGlobalEndpointTokenVersion(caller: Caller): Promise<Readout<number>> {
  const read = await readOrDenied(getAccountSummary(caller));
  return read.ok ? { ok: true, data: read.data.SummaryMap.GlobalEndpointTokenVersion ?? 1 } : read;
}
