import { breadcrumbs, entityTrail, IAM_TRAIL, type Trail } from "@/components/console-layout/breadcrumbs";
import { userHref } from "@/lib/console-paths";

// Whose credentials a Security credentials section shows: an IAM user's (its page's tab, for an
// administrator) or the signed-in principal's own ("My security credentials", root or IAM user).
// The domain calls then leave UserName out, as the console does, so root acts on its own keys.
// Plain module: server actions and client sections share it.

export type CredentialTarget = { kind: "user"; userName: string } | { kind: "self" };

/** The page of the signed-in principal's credentials. */
export const MY_SECURITY_CREDENTIALS_HREF = "/security-credentials";

/** "IAM" > "Security credentials": the page is reached from the account menu, not the navigation. */
export const MY_SECURITY_CREDENTIALS_TRAIL: Trail = breadcrumbs(IAM_TRAIL, "Security credentials", MY_SECURITY_CREDENTIALS_HREF);

/** The trail of a page under the target's credentials ("Create access key"). */
export function credentialPageTrail(target: CredentialTarget, text: string, page: string): Trail {
  return target.kind === "self"
    ? breadcrumbs(MY_SECURITY_CREDENTIALS_TRAIL, text, credentialPageHref(target, page))
    : entityTrail("User", target.userName, { text, page });
}

/** The user page's tab id, also its ?section= (or ?tab=) value. */
export const SECURITY_CREDENTIALS_TAB = "security-credentials";

/** Where the target's credentials are listed. */
export function securityCredentialsHref(target: CredentialTarget): string {
  return target.kind === "self" ? MY_SECURITY_CREDENTIALS_HREF : `${userHref(target.userName)}?section=${SECURITY_CREDENTIALS_TAB}`;
}

/** A page under the target's credentials: the access key wizard, the MFA wizard. */
export function credentialPageHref(target: CredentialTarget, page: string): string {
  return target.kind === "self" ? `${MY_SECURITY_CREDENTIALS_HREF}/${page}` : userHref(target.userName, page);
}

/** The UserName member of the domain calls: absent for the caller itself. */
export function targetUserName(target: CredentialTarget): { UserName?: string } {
  return target.kind === "user" ? { UserName: target.userName } : {};
}

/** A target sent back by the browser, or undefined when it is not one. */
export function readTarget(value: unknown): CredentialTarget | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (v.kind === "self") return { kind: "self" };
  if (v.kind === "user" && typeof v.userName === "string" && v.userName !== "") return { kind: "user", userName: v.userName };
  return undefined;
}
