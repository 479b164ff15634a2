import type { ActionError } from "@/lib/action-result";
import type { SignInProgress } from "@/lib/iam/sign-in";

// What the sign-in steps' server actions return. A refused step is either a sign-in failure,
// shown as its message alone (the same words whatever was wrong), or an IAM error of the
// password change (AccessDenied, or PasswordPolicyViolation with the rules the password failed).

export type SignInStepResult<T = SignInProgress> =
  | { ok: true; data: T }
  | { ok: false; signInError: string; startOver?: boolean }
  | { ok: false; error: ActionError };
