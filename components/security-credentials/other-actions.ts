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
// response of the action that made it.

function changed(userName: string): void {
  revalidatePath(userHref(userName), "layout");
  revalidatePath(MY_SECURITY_CREDENTIALS_HREF, "layout");
}

const unreadable = <T>() => invalidFields<T>({ form: "The form could not be read." });

type Status = "Active" | "Inactive";
const readStatus = (value: unknown): Status | undefined => (value === "Active" || value === "Inactive" ? value : undefined);
const statusMessage = (what: string, status: Status) => `${what} ${status === "Active" ? "activated" : "deactivated"}.`;

/** Reads the arguments every action takes (a user name, an ID), then runs the call. */
async function run<T>(
  userName: unknown,
  call: (UserName: string, caller: Caller) => Promise<T>,
  message: (out: T) => string,
): Promise<ActionResult<T>> {
  const name = readString(userName);
  if (!name) return unreadable();
  const caller = await requireCaller();
  let out: T;
  try {
    out = await call(name, caller);
  } catch (err) {
    return failed(err);
  }
  changed(name);
  return succeeded(out, message(out));
}

// ---- SSH public keys for AWS CodeCommit ---------------------------------------------------

/** "Upload SSH public key": the ssh-rsa or PEM body pasted in the dialog. */
export async function uploadSshKey(userName: unknown, body: unknown): Promise<ActionResult<{ SSHPublicKeyId: string }>> {
  const text = readString(body);
  if (text === undefined) return unreadable();
  return run(
    userName,
    async (UserName, caller) => ({ SSHPublicKeyId: (await uploadSSHPublicKey(caller, { UserName, SSHPublicKeyBody: text })).SSHPublicKey.SSHPublicKeyId }),
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
  return run(
    userName,
    async (UserName, caller) => {
      await updateSSHPublicKey(caller, { UserName, SSHPublicKeyId: id, Status: next });
      return null;
    },
    () => statusMessage(`SSH public key ${id}`, next),
  );
}

export async function removeSshKey(userName: unknown, keyId: unknown): Promise<ActionResult<null>> {
  const id = readString(keyId);
  if (!id) return unreadable();
  return run(
    userName,
    async (UserName, caller) => {
      await deleteSSHPublicKey(caller, { UserName, SSHPublicKeyId: id });
      return null;
    },
    () => `SSH public key ${id} deleted.`,
  );
}

// ---- HTTPS Git credentials, Amazon Keyspaces credentials ----------------------------------

/** A generated credential, shown once. */
export interface GeneratedCredential {
  ServiceSpecificCredentialId: string;
  ServiceUserName: string;
  ServicePassword: string;
}

const readService = (value: unknown): ServiceSpecificCredentialService | undefined =>
  (SERVICE_SPECIFIC_CREDENTIAL_SERVICES as readonly unknown[]).includes(value) ? (value as ServiceSpecificCredentialService) : undefined;

/** "Generate credentials": the user name and password come back this once. */
export async function generateServiceCredential(userName: unknown, serviceName: unknown): Promise<ActionResult<GeneratedCredential>> {
  const service = readService(serviceName);
  if (!service) return unreadable();
  return run(
    userName,
    async (UserName, caller) => {
      const c = (await createServiceSpecificCredential(caller, { UserName, ServiceName: service })).ServiceSpecificCredential;
      return { ServiceSpecificCredentialId: c.ServiceSpecificCredentialId, ServiceUserName: c.ServiceUserName, ServicePassword: c.ServicePassword };
    },
    () => `Credentials for ${serviceLabel(service)} generated.`,
  );
}

/** "Reset password": a new generated password, shown once. */
export async function resetServicePassword(userName: unknown, credentialId: unknown): Promise<ActionResult<GeneratedCredential>> {
  const id = readString(credentialId);
  if (!id) return unreadable();
  return run(
    userName,
    async (UserName, caller) => {
      const c = (await resetServiceSpecificCredential(caller, { UserName, ServiceSpecificCredentialId: id })).ServiceSpecificCredential;
      return { ServiceSpecificCredentialId: c.ServiceSpecificCredentialId, ServiceUserName: c.ServiceUserName, ServicePassword: c.ServicePassword };
    },
    (c) => `Password for ${c.ServiceUserName} reset.`,
  );
}

export async function setServiceCredentialStatus(userName: unknown, credentialId: unknown, status: unknown): Promise<ActionResult<null>> {
  const id = readString(credentialId);
  const next = readStatus(status);
  if (!id || !next) return unreadable();
  return run(
    userName,
    async (UserName, caller) => {
      await updateServiceSpecificCredential(caller, { UserName, ServiceSpecificCredentialId: id, Status: next });
      return null;
    },
    () => statusMessage("Credentials", next),
  );
}

export async function removeServiceCredential(userName: unknown, credentialId: unknown): Promise<ActionResult<null>> {
  const id = readString(credentialId);
  if (!id) return unreadable();
  return run(
    userName,
    async (UserName, caller) => {
      await deleteServiceSpecificCredential(caller, { UserName, ServiceSpecificCredentialId: id });
      return null;
    },
    () => "Credentials deleted.",
  );
}

// ---- X.509 signing certificates -----------------------------------------------------------

/** "Upload X.509 certificate": the PEM body pasted in the dialog. */
export async function uploadCertificate(userName: unknown, body: unknown): Promise<ActionResult<{ CertificateId: string }>> {
  const text = readString(body);
  if (text === undefined) return unreadable();
  return run(
    userName,
    async (UserName, caller) => ({ CertificateId: (await uploadSigningCertificate(caller, { UserName, CertificateBody: text })).Certificate.CertificateId }),
    (out) => `Certificate ${out.CertificateId} uploaded.`,
  );
}

export async function setCertificateStatus(userName: unknown, certificateId: unknown, status: unknown): Promise<ActionResult<null>> {
  const id = readString(certificateId);
  const next = readStatus(status);
  if (!id || !next) return unreadable();
  return run(
    userName,
    async (UserName, caller) => {
      await updateSigningCertificate(caller, { UserName, CertificateId: id, Status: next });
      return null;
    },
    () => statusMessage(`Certificate ${id}`, next),
  );
}

export async function removeCertificate(userName: unknown, certificateId: unknown): Promise<ActionResult<null>> {
  const id = readString(certificateId);
  if (!id) return unreadable();
  return run(
    userName,
    async (UserName, caller) => {
      await deleteSigningCertificate(caller, { UserName, CertificateId: id });
      return null;
    },
    () => `Certificate ${id} deleted.`,
  );
}
