import "server-only";
import { createHash, randomBytes, X509Certificate } from "node:crypto";
import { db } from "@/lib/db";
import { operation } from "./activity";
import type { Caller } from "./caller";
import { isUniqueViolation, write } from "./db-facts";
import { IamError, quotaExceeded } from "./errors";
import { SIGNING_CERTIFICATES_PER_USER } from "./limits";
import type { PageInput, PageOutput } from "./paging";
import {
  checkCredentialBody,
  credentialOwner,
  datedPageQuery,
  deleteCredential,
  lockOwner,
  ownedBy,
  ownerName,
  updateCredentialStatus,
  userOrRootOwner,
  type CredentialKind,
  type OwnerWhere,
  type CredentialStatus,
} from "./user-credentials";
import { EXISTING_USER_NAME_MAX } from "./users";

// X.509 signing certificates of IAM users, or of the root user when the root user calls
// without UserName. The certificate is kept as uploaded (PEM); its SHA-256 over the DER bytes
// identifies it, and one certificate can belong to only one principal of the account. At most
// two per principal, counted under a lock on the owner.

export interface SigningCertificate {
  /** Absent for the root user's certificates. */
  UserName?: string;
  CertificateId: string;
  CertificateBody: string;
  Status: CredentialStatus;
  UploadDate: Date;
}

/** The model's certificateIdType: 24–128 characters of [\w]. */
const CERTIFICATE_ID_MIN = 24;

/** Observed texts. */
export const malformedCertificate = (body: string) => new IamError("MalformedCertificate", `Certificate ${body} is malformed.`);
export const noSuchCertificate = (id: string) => new IamError("NoSuchEntity", `The Certificate with id ${id} cannot be found.`);
/** The model's description: AWS's message is not documented. */
export const duplicateCertificate = () =>
  new IamError("DuplicateCertificate", "The request was rejected because the same certificate is associated with an IAM user in the account.");

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A certificate ID as AWS issues them: 32 upper-case letters and digits. */
export function newCertificateId(): string {
  let id = "";
  for (const b of randomBytes(32)) id += ALPHANUMERIC[b % ALPHANUMERIC.length];
  return id;
}

/** The certificate's identity: SHA-256 of its DER bytes, in hex. */
export function certificateFingerprint(body: string): string {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(body);
  } catch {
    throw malformedCertificate(body);
  }
  return createHash("sha256").update(cert.raw).digest("hex");
}

/** UserName names an existing user (up to 128 characters); absent, the caller, root included. */
const OWNER = { maxNameLength: EXISTING_USER_NAME_MAX, rootAllowed: true };

const SIGNING_CERTIFICATES: CredentialKind<OwnerWhere> = {
  idMember: "certificateId",
  idMin: CERTIFICATE_ID_MIN,
  owner: userOrRootOwner(OWNER),
  rows: (prisma) => prisma.signingCertificate,
  noSuch: noSuchCertificate,
};

// ---- UploadSigningCertificate ---------------------------------------------------------------

export interface UploadSigningCertificateInput {
  /** Absent: the caller's own certificate (the root user's when the caller is root). */
  UserName?: string;
  CertificateBody: string;
}

export function uploadSigningCertificate(caller: Caller, input: UploadSigningCertificateInput): Promise<{ Certificate: SigningCertificate }> {
  return operation(caller, { eventName: "UploadSigningCertificate", readOnly: false, params: { ...input } }, async () => {
    const body = checkCredentialBody(input.CertificateBody, "certificateBody");
    const owner = await credentialOwner(await db(), caller, "iam:UploadSigningCertificate", input.UserName, OWNER);
    const fingerprint = certificateFingerprint(body);
    const row = await write(async (tx) => {
      await lockOwner(tx, caller, owner);
      const where = ownedBy(caller, owner);
      if (await tx.signingCertificate.findUnique({ where: { accountId_fingerprint: { accountId: caller.accountId, fingerprint } }, select: { id: true } })) {
        throw duplicateCertificate();
      }
      if ((await tx.signingCertificate.count({ where })) >= SIGNING_CERTIFICATES_PER_USER) {
        throw quotaExceeded("CertificatesPerUser", SIGNING_CERTIFICATES_PER_USER);
      }
      try {
        return await tx.signingCertificate.create({ data: { id: newCertificateId(), ...where, body, fingerprint, uploadDate: caller.now } });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateCertificate();
        throw err;
      }
    });
    return {
      Certificate: { ...ownerName(owner), CertificateId: row.id, CertificateBody: row.body, Status: row.status as CredentialStatus, UploadDate: row.uploadDate },
    };
  });
}

// ---- ListSigningCertificates ----------------------------------------------------------------

export interface ListSigningCertificatesInput extends PageInput {
  UserName?: string;
}

export function listSigningCertificates(
  caller: Caller,
  input: ListSigningCertificatesInput = {},
): Promise<{ Certificates: SigningCertificate[] } & PageOutput> {
  return operation(caller, { eventName: "ListSigningCertificates", readOnly: true, params: { ...input } }, async () => {
    const q = datedPageQuery(input, "uploadDate");
    const prisma = await db();
    const owner = await credentialOwner(prisma, caller, "iam:ListSigningCertificates", input.UserName, OWNER);
    const rows = await prisma.signingCertificate.findMany({
      ...q.args,
      where: { ...ownedBy(caller, owner), ...q.args.where },
      select: { id: true, body: true, status: true, uploadDate: true },
    });
    const { items, ...rest } = q.page(rows);
    return {
      Certificates: items.map((r) => ({
        ...ownerName(owner),
        CertificateId: r.id,
        CertificateBody: r.body,
        Status: r.status as CredentialStatus,
        UploadDate: r.uploadDate,
      })),
      ...rest,
    };
  });
}

// ---- UpdateSigningCertificate ---------------------------------------------------------------

export interface UpdateSigningCertificateInput {
  UserName?: string;
  CertificateId: string;
  Status: string;
}

export function updateSigningCertificate(caller: Caller, input: UpdateSigningCertificateInput): Promise<void> {
  return operation(caller, { eventName: "UpdateSigningCertificate", readOnly: false, params: { ...input } }, () =>
    updateCredentialStatus(caller, SIGNING_CERTIFICATES, "iam:UpdateSigningCertificate", { UserName: input.UserName, id: input.CertificateId, Status: input.Status }),
  );
}

// ---- DeleteSigningCertificate ---------------------------------------------------------------

export interface DeleteSigningCertificateInput {
  UserName?: string;
  CertificateId: string;
}

export function deleteSigningCertificate(caller: Caller, input: DeleteSigningCertificateInput): Promise<void> {
  return operation(caller, { eventName: "DeleteSigningCertificate", readOnly: false, params: { ...input } }, () =>
    deleteCredential(caller, SIGNING_CERTIFICATES, "iam:DeleteSigningCertificate", { UserName: input.UserName, id: input.CertificateId }),
  );
}
