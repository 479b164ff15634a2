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
  afterPosition,
  checkCredentialId,
  checkStatus,
  credentialOwner,
  datedPage,
  datedPageQuery,
  lockOwner,
  ownedBy,
  ownerName,
  type CredentialStatus,
} from "./user-credentials";
import { EXISTING_USER_NAME_MAX } from "./users";
import { missingMember, validationError } from "./validation";

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

/** The model's certificateBodyType. */
const BODY_MAX = 16_384;
const BODY_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
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

function checkBody(value: string | undefined): string {
  const member = "certificateBody";
  if (value === undefined) throw missingMember(member);
  if (value.length < 1) throw validationError(value, member, "Member must have length greater than or equal to 1");
  if (value.length > BODY_MAX) throw validationError("…", member, `Member must have length less than or equal to ${BODY_MAX}`);
  if (!BODY_PATTERN.test(value)) {
    throw validationError("…", member, "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
  }
  return value;
}

const checkCertificateId = (value: string | undefined) => checkCredentialId(value, "certificateId", CERTIFICATE_ID_MIN);

/** UserName names an existing user (up to 128 characters); absent, the caller, root included. */
const OWNER = { maxNameLength: EXISTING_USER_NAME_MAX, rootAllowed: true };

// ---- UploadSigningCertificate ---------------------------------------------------------------

export interface UploadSigningCertificateInput {
  /** Absent: the caller's own certificate (the root user's when the caller is root). */
  UserName?: string;
  CertificateBody: string;
}

export function uploadSigningCertificate(caller: Caller, input: UploadSigningCertificateInput): Promise<{ Certificate: SigningCertificate }> {
  return operation(caller, { eventName: "UploadSigningCertificate", readOnly: false, params: { ...input } }, async () => {
    const body = checkBody(input.CertificateBody);
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
    const q = datedPageQuery(input);
    const prisma = await db();
    const owner = await credentialOwner(prisma, caller, "iam:ListSigningCertificates", input.UserName, OWNER);
    const rows = await prisma.signingCertificate.findMany({
      where: { ...ownedBy(caller, owner), ...afterPosition("uploadDate", q.after) },
      orderBy: [{ uploadDate: "asc" }, { id: "asc" }],
      take: q.limit + 1,
      select: { id: true, body: true, status: true, uploadDate: true },
    });
    const { items, ...rest } = datedPage(rows, q.limit, (r) => ({ date: r.uploadDate, id: r.id }));
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
  return operation(caller, { eventName: "UpdateSigningCertificate", readOnly: false, params: { ...input } }, async () => {
    const id = checkCertificateId(input.CertificateId);
    const status = checkStatus(input.Status);
    const prisma = await db();
    const owner = await credentialOwner(prisma, caller, "iam:UpdateSigningCertificate", input.UserName, OWNER);
    const { count } = await prisma.signingCertificate.updateMany({ where: { id, ...ownedBy(caller, owner) }, data: { status } });
    if (count === 0) throw noSuchCertificate(id);
  });
}

// ---- DeleteSigningCertificate ---------------------------------------------------------------

export interface DeleteSigningCertificateInput {
  UserName?: string;
  CertificateId: string;
}

export function deleteSigningCertificate(caller: Caller, input: DeleteSigningCertificateInput): Promise<void> {
  return operation(caller, { eventName: "DeleteSigningCertificate", readOnly: false, params: { ...input } }, async () => {
    const id = checkCertificateId(input.CertificateId);
    const prisma = await db();
    const owner = await credentialOwner(prisma, caller, "iam:DeleteSigningCertificate", input.UserName, OWNER);
    const { count } = await prisma.signingCertificate.deleteMany({ where: { id, ...ownedBy(caller, owner) } });
    if (count === 0) throw noSuchCertificate(id);
  });
}
