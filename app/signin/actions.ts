"use server";

import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { headers } from "next/headers";
import { readString } from "@/lib/action-input";
import { requestFacts } from "@/lib/auth/request";
import { isIamError } from "@/lib/iam/errors";
import {
  beginSecurityKeySignIn,
  changePasswordAtSignIn,
  SignInError,
  signInIamUser,
  signInRoot,
  submitMfaCode,
  submitSecurityKey,
  type SignInRequest,
} from "@/lib/iam/sign-in";
import type { SignInStepResult } from "./sign-in-result";

// The sign-in steps before the session: each reads its fields for shape only and moves the
// sign-in challenge along through lib/iam/sign-in. The session itself is opened by next-auth's
// "challenge" provider once every step is done.

const UNREADABLE = "The form could not be read. Reload the page and try again.";

async function signInRequest(): Promise<SignInRequest> {
  return { ...requestFacts(await headers()), now: new Date() };
}

/** A step's outcome: sign-in failures and IAM errors are data for the form; anything else is a bug. */
async function step<T>(run: () => Promise<T>): Promise<SignInStepResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (err) {
    if (err instanceof SignInError) return { ok: false, signInError: err.message, ...(err.startOver ? { startOver: true } : {}) };
    if (isIamError(err)) return { ok: false, error: err.toJSON() };
    throw err;
  }
}

/** The root user's e-mail address and password. */
export async function rootPasswordStep(form: { email?: unknown; password?: unknown }): Promise<SignInStepResult> {
  const email = readString(form.email);
  const password = readString(form.password);
  if (email === undefined || password === undefined) return { ok: false, signInError: UNREADABLE };
  const req = await signInRequest();
  return step(() => signInRoot({ email, password }, req));
}

/** An IAM user's account, user name and password. */
export async function iamUserPasswordStep(form: { account?: unknown; userName?: unknown; password?: unknown }): Promise<SignInStepResult> {
  const account = readString(form.account);
  const userName = readString(form.userName);
  const password = readString(form.password);
  if (account === undefined || userName === undefined || password === undefined) return { ok: false, signInError: UNREADABLE };
  const req = await signInRequest();
  return step(() => signInIamUser({ account, userName, password }, req));
}

/** "MFA code": a code from an authenticator app. */
export async function mfaCodeStep(form: { challenge?: unknown; code?: unknown }): Promise<SignInStepResult> {
  const challenge = readString(form.challenge);
  const code = readString(form.code);
  if (challenge === undefined || code === undefined) return { ok: false, signInError: UNREADABLE };
  const req = await signInRequest();
  return step(() => submitMfaCode(challenge, code, req));
}

/** "Use security key", first half: what the browser asks the key to sign. */
export async function securityKeyOptionsStep(form: { challenge?: unknown }): Promise<SignInStepResult<PublicKeyCredentialRequestOptionsJSON>> {
  const challenge = readString(form.challenge);
  if (challenge === undefined) return { ok: false, signInError: UNREADABLE };
  const req = await signInRequest();
  return step(() => beginSecurityKeySignIn(challenge, req));
}

/** "Use security key", second half: the key's answer. */
export async function securityKeyStep(form: { challenge?: unknown; response?: unknown }): Promise<SignInStepResult> {
  const challenge = readString(form.challenge);
  const response = readAuthenticationResponse(form.response);
  if (challenge === undefined || !response) return { ok: false, signInError: UNREADABLE };
  const req = await signInRequest();
  return step(() => submitSecurityKey(challenge, response, req));
}

/** "Change password": ChangePassword as the user signing in. */
export async function changePasswordStep(form: {
  challenge?: unknown;
  oldPassword?: unknown;
  newPassword?: unknown;
}): Promise<SignInStepResult> {
  const challenge = readString(form.challenge);
  const oldPassword = readString(form.oldPassword);
  const newPassword = readString(form.newPassword);
  if (challenge === undefined || oldPassword === undefined || newPassword === undefined) return { ok: false, signInError: UNREADABLE };
  const req = await signInRequest();
  return step(() => changePasswordAtSignIn(challenge, { OldPassword: oldPassword, NewPassword: newPassword }, req));
}

/** An AuthenticationResponseJSON in shape (its contents are the WebAuthn verifier's to judge). */
function readAuthenticationResponse(value: unknown): AuthenticationResponseJSON | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  const r = v.response as Record<string, unknown> | undefined;
  const strings = (o: Record<string, unknown>, keys: string[]) => keys.every((k) => typeof o[k] === "string");
  if (!strings(v, ["id", "rawId"]) || v.type !== "public-key" || !r || typeof r !== "object") return undefined;
  if (!strings(r, ["clientDataJSON", "authenticatorData", "signature"])) return undefined;
  if (r.userHandle !== undefined && typeof r.userHandle !== "string") return undefined;
  const attachment = v.authenticatorAttachment;
  if (attachment !== undefined && attachment !== "platform" && attachment !== "cross-platform") return undefined;
  return {
    id: v.id as string,
    rawId: v.rawId as string,
    type: "public-key",
    response: {
      clientDataJSON: r.clientDataJSON as string,
      authenticatorData: r.authenticatorData as string,
      signature: r.signature as string,
      ...(typeof r.userHandle === "string" ? { userHandle: r.userHandle } : {}),
    },
    ...(attachment ? { authenticatorAttachment: attachment } : {}),
    clientExtensionResults: {},
  };
}
