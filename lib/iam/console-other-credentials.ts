import "server-only";
import type { Caller } from "./caller";
import { isIamError } from "./errors";
import { MAX_ITEMS_MAX } from "./paging";
import type { ServiceSpecificCredentialService } from "./service-credential-services";
import { listServiceSpecificCredentials } from "./service-specific-credentials";
import { listSigningCertificates } from "./signing-certificates";
import { listSSHPublicKeys } from "./ssh-public-keys";
import type { CredentialStatus } from "./user-credentials";

// What a user's Security credentials tab shows besides the password, MFA and access keys:
// SSH public keys for CodeCommit, HTTPS Git credentials for CodeCommit, credentials for Amazon
// Keyspaces and X.509 signing certificates. Each section is read with the console's own list
// call; a section the caller may not list shows AWS's AccessDenied message instead of its rows,
// and the rest of the tab still renders. Rows are plain data (dates as ISO strings) for the
// client components.

export interface SshPublicKeyRow {
  SSHPublicKeyId: string;
  Status: CredentialStatus;
  /** ISO 8601. */
  UploadDate: string;
}

export interface ServiceCredentialRow {
  ServiceSpecificCredentialId: string;
  ServiceUserName: string;
  Status: CredentialStatus;
  /** ISO 8601. */
  CreateDate: string;
}

export interface SigningCertificateRow {
  CertificateId: string;
  Status: CredentialStatus;
  /** ISO 8601. */
  UploadDate: string;
}

export interface CredentialSection<T> {
  rows: T[];
  /** AWS's AccessDenied message when the caller may not list this section. */
  denied?: string;
}

export interface OtherCredentials {
  sshPublicKeys: CredentialSection<SshPublicKeyRow>;
  httpsGit: CredentialSection<ServiceCredentialRow>;
  keyspaces: CredentialSection<ServiceCredentialRow>;
  signingCertificates: CredentialSection<SigningCertificateRow>;
}

/** A section's rows, or AWS's AccessDenied message when the caller may not list them. */
export async function section<T>(read: () => Promise<T[]>): Promise<CredentialSection<T>> {
  try {
    return { rows: await read() };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { rows: [], denied: err.message };
    throw err;
  }
}

function serviceCredentials(caller: Caller, UserName: string, ServiceName: ServiceSpecificCredentialService) {
  return section(async () =>
    (await listServiceSpecificCredentials(caller, { UserName, ServiceName })).ServiceSpecificCredentials.map((c) => ({
      ServiceSpecificCredentialId: c.ServiceSpecificCredentialId,
      ServiceUserName: c.ServiceUserName,
      Status: c.Status,
      CreateDate: c.CreateDate.toISOString(),
    })),
  );
}

/** The four sections of a user's tab, one list call each (a user has at most a handful of each). */
export async function readOtherCredentials(caller: Caller, input: { UserName: string }): Promise<OtherCredentials> {
  const { UserName } = input;
  const sshPublicKeys = await section(async () =>
    (await listSSHPublicKeys(caller, { UserName, MaxItems: MAX_ITEMS_MAX })).SSHPublicKeys.map((k) => ({
      SSHPublicKeyId: k.SSHPublicKeyId,
      Status: k.Status,
      UploadDate: k.UploadDate.toISOString(),
    })),
  );
  const httpsGit = await serviceCredentials(caller, UserName, "codecommit.amazonaws.com");
  const keyspaces = await serviceCredentials(caller, UserName, "cassandra.amazonaws.com");
  const signingCertificates = await readSigningCertificates(caller, { UserName });
  return { sshPublicKeys, httpsGit, keyspaces, signingCertificates };
}

/** The X.509 signing certificates of the user named, or (UserName absent) the caller's own, root's included. */
export function readSigningCertificates(caller: Caller, input: { UserName?: string }): Promise<CredentialSection<SigningCertificateRow>> {
  return section(async () =>
    (await listSigningCertificates(caller, { ...input, MaxItems: MAX_ITEMS_MAX })).Certificates.map((c) => ({
      CertificateId: c.CertificateId,
      Status: c.Status,
      UploadDate: c.UploadDate.toISOString(),
    })),
  );
}
