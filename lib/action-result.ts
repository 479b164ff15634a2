import { isIamError } from "@/lib/iam/errors";

// What every server action returns (STYLE.md, "Server action shape"), in one place that both
// sides import: the action builds it, the form reads it (useActionState or an awaited call).
// An IAM error (AccessDenied, NoSuchEntity…) is data the page shows; anything else is a bug and
// is thrown, for error.tsx.

export interface ActionError {
  /** AWS's error code, e.g. AccessDenied. */
  code: string;
  /** AWS's message. */
  message: string;
  /** PasswordPolicyViolation: the password policy's rules the password did not meet. */
  failedRules?: string[];
}

export type ActionResult<T> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error?: ActionError; fieldErrors?: Record<string, string> };

export function succeeded<T>(data: T, message?: string): ActionResult<T> {
  return message === undefined ? { ok: true, data } : { ok: true, data, message };
}

/** Field errors found while reading the input, before any lib/iam call. */
export function invalidFields<T>(fieldErrors: Record<string, string>): ActionResult<T> {
  return { ok: false, fieldErrors };
}

/** An IamError as a result; anything else is rethrown. Use in the action's catch block. */
export function failed<T>(err: unknown): ActionResult<T> {
  if (isIamError(err)) return { ok: false, error: err.toJSON() };
  throw err;
}

/** True when the result is an AccessDenied, which pages show with the PermissionAlert. */
export function isAccessDenied<T>(result: ActionResult<T>): result is { ok: false; error: ActionError } {
  return !result.ok && result.error?.code === "AccessDenied";
}
