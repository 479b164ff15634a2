"use server";

import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { revalidatePath } from "next/cache";
import { readString } from "@/lib/action-input";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { userHref } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import { removeMfaDevice } from "@/lib/iam/console-mfa-remove";
import {
  beginSecurityKeyRegistration,
  completeSecurityKeyRegistration,
  createVirtualMFADevice,
  deleteVirtualMFADevice,
  enableMFADevice,
  resyncMFADevice,
} from "@/lib/iam/mfa";
import { readTarget, securityCredentialsHref, targetUserName, type CredentialTarget } from "./credential-target";

// The MFA section's and the Assign MFA device wizard's actions. Each reads its arguments for
// shape only, checks the caller, makes the one IAM call of its button, and revalidates the
// pages that list MFA devices. The virtual device's seed leaves the server only in
// createAuthenticatorDevice's response, never in a URL, cookie or event.

export interface CreatedAuthenticator {
  SerialNumber: string;
  /** base64 PNG of the otpauth:// URI. */
  QRCodePNG: string;
  Base32StringSeed: string;
}

export interface SecurityKeyChallenge {
  registrationId: string;
  options: PublicKeyCredentialCreationOptionsJSON;
}

const DONE = "MFA device assigned.";

function changed(target: CredentialTarget): void {
  if (target.kind === "user") revalidatePath(userHref(target.userName), "layout");
  revalidatePath("/security-credentials", "layout");
  revalidatePath("/users");
  // The dashboard's root MFA and "users without MFA" recommendations.
  revalidatePath("/");
}

const unreadable = <T>() => invalidFields<T>({ form: "The form could not be read." });

const readCode = (value: unknown) => {
  const code = readString(value);
  return code !== undefined && code.length <= 16 ? code : undefined;
};

/** A device and two consecutive codes, as EnableMFADevice and ResyncMFADevice take them. */
type CodesForm = { SerialNumber?: unknown; AuthenticationCode1?: unknown; AuthenticationCode2?: unknown };

function readCodes(form: CodesForm): { SerialNumber: string; AuthenticationCode1: string; AuthenticationCode2: string } | undefined {
  const SerialNumber = readString(form.SerialNumber);
  const AuthenticationCode1 = readCode(form.AuthenticationCode1);
  const AuthenticationCode2 = readCode(form.AuthenticationCode2);
  if (SerialNumber === undefined || AuthenticationCode1 === undefined || AuthenticationCode2 === undefined) return undefined;
  return { SerialNumber, AuthenticationCode1, AuthenticationCode2 };
}

/** Step 2 of the wizard for "Authenticator app": CreateVirtualMFADevice, named as the device. */
export async function createAuthenticatorDevice(deviceName: unknown): Promise<ActionResult<CreatedAuthenticator>> {
  const name = readString(deviceName);
  if (name === undefined) return unreadable();
  const caller = await requireCaller();
  try {
    const { VirtualMFADevice: device } = await createVirtualMFADevice(caller, { VirtualMFADeviceName: name });
    return succeeded({ SerialNumber: device.SerialNumber, QRCodePNG: device.QRCodePNG, Base32StringSeed: device.Base32StringSeed });
  } catch (err) {
    return failed(err);
  }
}

/** Cancel (or a changed choice) after step 2: the device created for it is deleted again. */
export async function discardAuthenticatorDevice(serialNumber: unknown): Promise<ActionResult<null>> {
  const SerialNumber = readString(serialNumber);
  if (SerialNumber === undefined) return unreadable();
  const caller = await requireCaller();
  try {
    await deleteVirtualMFADevice(caller, { SerialNumber });
  } catch (err) {
    return failed(err);
  }
  return succeeded(null);
}

/** "Add MFA": EnableMFADevice with the two consecutive codes; then the security credentials. */
export async function addAuthenticatorDevice(target: unknown, form: CodesForm): Promise<ActionResult<never>> {
  const who = readTarget(target);
  const codes = readCodes(form);
  if (!who || !codes) return unreadable();
  const caller = await requireCaller();
  try {
    await enableMFADevice(caller, { ...targetUserName(who), ...codes });
  } catch (err) {
    return failed(err);
  }
  changed(who);
  return redirectWithFlash(securityCredentialsHref(who), { type: "success", content: DONE });
}

/** "Passkey or security key": the registration options for the browser's WebAuthn call. */
export async function beginSecurityKey(target: unknown, deviceName: unknown): Promise<ActionResult<SecurityKeyChallenge>> {
  const who = readTarget(target);
  const DeviceName = readString(deviceName);
  if (!who || DeviceName === undefined) return unreadable();
  const caller = await requireCaller();
  try {
    return succeeded(await beginSecurityKeyRegistration(caller, { ...targetUserName(who), DeviceName }));
  } catch (err) {
    return failed(err);
  }
}

/** The authenticator's answer: the key is verified and assigned; then the security credentials. */
export async function addSecurityKey(target: unknown, registrationId: unknown, response: unknown): Promise<ActionResult<never>> {
  const who = readTarget(target);
  const id = readString(registrationId);
  const credential = readRegistrationResponse(response);
  if (!who || id === undefined || !credential) return unreadable();
  const caller = await requireCaller();
  try {
    await completeSecurityKeyRegistration(caller, { registrationId: id, response: credential });
  } catch (err) {
    return failed(err);
  }
  changed(who);
  return redirectWithFlash(securityCredentialsHref(who), { type: "success", content: DONE });
}

/** "Remove": deactivates the device and deletes a virtual one. */
export async function removeMfa(target: unknown, serialNumber: unknown): Promise<ActionResult<null>> {
  const who = readTarget(target);
  const SerialNumber = readString(serialNumber);
  if (!who || SerialNumber === undefined) return unreadable();
  const caller = await requireCaller();
  try {
    await removeMfaDevice(caller, { ...targetUserName(who), SerialNumber });
  } catch (err) {
    changed(who);
    return failed(err);
  }
  changed(who);
  return succeeded(null, "MFA device removed.");
}

/** "Resync": ResyncMFADevice with two consecutive codes. */
export async function resyncMfa(target: unknown, form: CodesForm): Promise<ActionResult<null>> {
  const who = readTarget(target);
  const codes = readCodes(form);
  if (!who || !codes) return unreadable();
  const caller = await requireCaller();
  try {
    await resyncMFADevice(caller, { ...targetUserName(who), ...codes });
  } catch (err) {
    return failed(err);
  }
  changed(who);
  return succeeded(null, "MFA device resynchronized.");
}

/** The browser's RegistrationResponseJSON, for shape only: the WebAuthn verification reads the rest. */
function readRegistrationResponse(value: unknown): RegistrationResponseJSON | undefined {
  if (!value || typeof value !== "object" || JSON.stringify(value).length > 64 * 1024) return undefined;
  const { id, rawId, type, response, clientExtensionResults } = value as Record<string, unknown>;
  if (typeof id !== "string" || typeof rawId !== "string" || type !== "public-key") return undefined;
  if (!response || typeof response !== "object") return undefined;
  const { clientDataJSON, attestationObject } = response as Record<string, unknown>;
  if (typeof clientDataJSON !== "string" || typeof attestationObject !== "string") return undefined;
  if (clientExtensionResults !== undefined && (clientExtensionResults === null || typeof clientExtensionResults !== "object")) return undefined;
  return { ...(value as RegistrationResponseJSON), clientExtensionResults: (clientExtensionResults ?? {}) as RegistrationResponseJSON["clientExtensionResults"] };
}
