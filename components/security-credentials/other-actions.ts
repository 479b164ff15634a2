"use server";

import { revalidatePath } from "next/cache";
import { readString } from "@/lib/action-input";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { userHref } from "@/lib/console-paths";
import type { Caller } from "@/lib/iam/caller";
import { SERVICE_SPECIFIC_CREDENTIAL_SERVICES, serviceLabel, type ServiceSpecificCredentialService } from "@/lib/iam/service-credential-services";
import {
  createServiceSpecificCredential,
  deleteServiceSpecificCredential,
  resetServiceSpecificCredential,
  updateServiceSpecificCredential,
} from "@/lib/iam/service-specific-credentials";
import { deleteSigningCertificate, updateSigningCertificate, uploadSigningCertificate } from "@/lib/iam/signing-certificates";
import { deleteSSHPublicKey, getSSHPublicKey, updateSSHPublicKey, uploadSSHPublicKey } from "@/lib/iam/ssh-public-keys";
import { MY_SECURITY_CREDENTIALS_HREF } from "./credential-target";

// The actions of a user's other credentials: SSH public keys for CodeCommit, HTTPS Git
// credentials and Amazon Keyspaces credentials, X.509 signing certificates. Each reads its
// arguments for shape only, makes the one IAM call the console's button makes, and revalidates
// the user's page and "My security credentials". A generated password travels only in the
// response of the action that made it. Signing certificates are also the root user's: their
// actions take no user name for the caller's own, as the API does.

function changed(caller: Caller, UserName: string | undefined): void {
  const userName = UserName ?? caller.userName;
  if (userName) revalidatePath(userHref(userName), "layout");
  revalidatePath(MY_SECURITY_CREDENTIALS_HREF, "layout");
}

const unreadable = <T>() => invalidFields<T>({ form: "The form could not be read." });

type Status = "Active" | "Inactive";
const readStatus = (value: unknown): Status | undefined => (value === "Active" || value === "Inactive" ? value : undefined);
const statusMessage = (what: string, status: Status) => `${what} ${status === "Active" ? "activated" : "deactivated"}.`;

/** A user named by the browser, or undefined when the name is not one. */
function readUser(value: unknown): { UserName: string } | undefined {
  const name = readString(value);
  return name ? { UserName: name } : undefined;
}

/** A user named by the browser, or (absent) the caller itself. */
const readUserOrSelf = (value: unknown): { UserName?: string } | undefined => (value === undefined ? {} : readUser(value));

/** Runs the call for the user read (undefined: unreadable), then revalidates its pages. */
async function run<W extends { UserName?: string }, T>(
  who: W | undefined,
  call: (who: W, caller: Caller) => Promise<T>,
  message: (out: T) => string,
): Promise<ActionResult<T>> {
  if (!who) return unreadable();
  const caller = await requireCaller();
  let out: T;
  try {
    out = await call(who, caller);
  } catch (err) {
    return failed(err);
  }
  changed(caller, who.UserName);
  return succeeded(out, message(out));
}

/** run, for a call that answers nothing (an update, a delete): the result's data is null. */
function runDone<W extends { UserName?: string }>(
  who: W | undefined,
  call: (who: W, caller: Caller) => Promise<void>,
  message: string,
): Promise<ActionResult<null>> {
  return run(
    who,
    async (w, caller) => {
      await call(w, caller);
      return null;
    },
    () => message,
  );
}

// ---- SSH public keys for AWS CodeCommit ---------------------------------------------------

/** "Upload SSH public key": the ssh-rsa or PEM body pasted in the dialog. */
export async function uploadSshKey(userName: unknown, body: unknown): Promise<ActionResult<{ SSHPublicKeyId: string }>> {
  const text = readString(body);
  if (text === undefined) return unreadable();
  return run(
    readUser(userName),
    async ({ UserName }, caller) => ({ SSHPublicKeyId: (await uploadSSHPublicKey(caller, { UserName, SSHPublicKeyBody: text })).SSHPublicKey.SSHPublicKeyId }),
    (out) => `SSH public key ${out.SSHPublicKeyId} uploaded.`,
  );
}

/** "Show SSH key": the key in ssh-rsa form, with its fingerprint. */
export async function showSshKey(userName: unknown, keyId: unknown): Promise<ActionResult<{ body: string; fingerprint: string }>> {
  const id = readString(keyId);
  const name = readString(userName);
  if (!id || !name) return unreadable();
  const caller = await requireCaller();
  try {
    const { SSHPublicKey } = await getSSHPublicKey(caller, { UserName: name, SSHPublicKeyId: id, Encoding: "SSH" });
    return succeeded({ body: SSHPublicKey.SSHPublicKeyBody, fingerprint: SSHPublicKey.Fingerprint });
  } catch (err) {
    return failed(err);
  }
}

export async function setSshKeyStatus(userName: unknown, keyId: unknown, status: unknown): Promise<ActionResult<null>> {
  const id = readString(keyId);
  const next = readStatus(status);
  if (!id || !next) return unreadable();
  return runDone(
    readUser(userName),
    ({ UserName }, caller) => updateSSHPublicKey(caller, { UserName, SSHPublicKeyId: id, Status: next }),
    statusMessage(`SSH public key ${id}`, next),
  );
}

export async function removeSshKey(userName: unknown, keyId: unknown): Promise<ActionResult<null>> {
  const id = readString(keyId);
  if (!id) return unreadable();
  return runDone(
    readUser(userName),
    ({ UserName }, caller) => deleteSSHPublicKey(caller, { UserName, SSHPublicKeyId: id }),
    `SSH public key ${id} deleted.`,
  );
}

// ---- HTTPS Git credentials, Amazon Keyspaces credentials ----------------------------------

/** A generated credential, shown once. */
export interface GeneratedCredential {
  ServiceSpecificCredentialId: string;
  ServiceUserName: string;
  ServicePassword: string;
}

/** The credential a create or reset answered with, down to what the dialog shows. */
function generated({ ServiceSpecificCredential: c }: { ServiceSpecificCredential: GeneratedCredential }): GeneratedCredential {
  return { ServiceSpecificCredentialId: c.ServiceSpecificCredentialId, ServiceUserName: c.ServiceUserName, ServicePassword: c.ServicePassword };
}

const readService = (value: unknown): ServiceSpecificCredentialService | undefined =>
  (SERVICE_SPECIFIC_CREDENTIAL_SERVICES as readonly unknown[]).includes(value) ? (value as ServiceSpecificCredentialService) : undefined;

/** "Generate credentials": the user name and password come back this once. */
export async function generateServiceCredential(userName: unknown, serviceName: unknown): Promise<ActionResult<GeneratedCredential>> {
  const service = readService(serviceName);
  if (!service) return unreadable();
  return run(
    readUser(userName),
    async ({ UserName }, caller) => generated(await createServiceSpecificCredential(caller, { UserName, ServiceName: service })),
    () => `Credentials for ${serviceLabel(service)} generated.`,
  );
}

/** "Reset password": a new generated password, shown once. */
export async function resetServicePassword(userName: unknown, credentialId: unknown): Promise<ActionResult<GeneratedCredential>> {
  const id = readString(credentialId);
  if (!id) return unreadable();
  return run(
    readUser(userName),
    async ({ UserName }, caller) => generated(await resetServiceSpecificCredential(caller, { UserName, ServiceSpecificCredentialId: id })),
    (c) => `Password for ${c.ServiceUserName} reset.`,
  );
}

export async function setServiceCredentialStatus(userName: unknown, credentialId: unknown, status: unknown): Promise<ActionResult<null>> {
  const id = readString(credentialId);
  const next = readStatus(status);
  if (!id || !next) return unreadable();
  return runDone(
    readUser(userName),
    ({ UserName }, caller) => updateServiceSpecificCredential(caller, { UserName, ServiceSpecificCredentialId: id, Status: next }),
    statusMessage("Credentials", next),
  );
}

export async function removeServiceCredential(userName: unknown, credentialId: unknown): Promise<ActionResult<null>> {
  const id = readString(credentialId);
  if (!id) return unreadable();
  return runDone(
    readUser(userName),
    ({ UserName }, caller) => deleteServiceSpecificCredential(caller, { UserName, ServiceSpecificCredentialId: id }),
    "Credentials deleted.",
  );
}

// ---- X.509 signing certificates -----------------------------------------------------------

/** "Upload X.509 certificate": the PEM body pasted in the dialog; userName absent, the caller's own. */
export async function uploadCertificate(userName: unknown, body: unknown): Promise<ActionResult<{ CertificateId: string }>> {
  const text = readString(body);
  if (text === undefined) return unreadable();
  return run(
    readUserOrSelf(userName),
    async (who, caller) => ({ CertificateId: (await uploadSigningCertificate(caller, { ...who, CertificateBody: text })).Certificate.CertificateId }),
    (out) => `Certificate ${out.CertificateId} uploaded.`,
  );
}

export async function setCertificateStatus(userName: unknown, certificateId: unknown, status: unknown): Promise<ActionResult<null>> {
  const id = readString(certificateId);
  const next = readStatus(status);
  if (!id || !next) return unreadable();
  return runDone(
    readUserOrSelf(userName),
    (who, caller) => updateSigningCertificate(caller, { ...who, CertificateId: id, Status: next }),
    statusMessage(`Certificate ${id}`, next),
  );
}

export async function removeCertificate(userName: unknown, certificateId: unknown): Promise<ActionResult<null>> {
  const id = readString(certificateId);
  if (!id) return unreadable();
  return runDone(
    readUserOrSelf(userName),
    (who, caller) => deleteSigningCertificate(caller, { ...who, CertificateId: id }),
    `Certificate ${id} deleted.`,
  );
}
