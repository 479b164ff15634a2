import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { SIGNING_CERTIFICATE_PEMS } from "./credentials-testing";
import {
  certificateFingerprint,
  deleteSigningCertificate,
  listSigningCertificates,
  updateSigningCertificate,
  uploadSigningCertificate,
} from "./signing-certificates";
import { addUser, callerWithPolicies, expectError, iamError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, testUserArn, userCaller } from "./testing";

// X.509 signing certificates: PEM certificates of users or of the root user, two each, one
// owner per certificate in the account, AWS's errors.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;

const clearRootCertificates = () => prisma.signingCertificate.deleteMany({ where: { accountId: ACCT, userId: null } });

describe("UploadSigningCertificate", () => {
  it("uploads a certificate for the named user and answers AWS's shape", async () => {
    const user = await addUser("sc-up");
    const out = await uploadSigningCertificate(rootCaller(), { UserName: "sc-up", CertificateBody: SIGNING_CERTIFICATE_PEMS[0] });
    expect(out).toEqual({
      Certificate: { UserName: "sc-up", CertificateId: expect.stringMatching(/^[A-Z0-9]{32}$/), CertificateBody: SIGNING_CERTIFICATE_PEMS[0], Status: "Active", UploadDate: TEST_NOW },
    });
    const row = await prisma.signingCertificate.findUniqueOrThrow({ where: { id: out.Certificate.CertificateId } });
    expect(row).toMatchObject({ userId: user.id, fingerprint: certificateFingerprint(SIGNING_CERTIFICATE_PEMS[0]) });
    expect(row.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    await prisma.signingCertificate.delete({ where: { id: row.id } });
  });

  it("a body that is no certificate fails with MalformedCertificate, in AWS's words", async () => {
    await addUser("sc-bad");
    const err = await expectError(
      uploadSigningCertificate(rootCaller(), { UserName: "sc-bad", CertificateBody: "invalid-certificate-body" }),
      "MalformedCertificate",
      "Certificate invalid-certificate-body is malformed.",
    );
    expect(err.status).toBe(400);
    const truncated = SIGNING_CERTIFICATE_PEMS[0].slice(0, 200) + "\n-----END CERTIFICATE-----\n";
    expect((await iamError(uploadSigningCertificate(rootCaller(), { UserName: "sc-bad", CertificateBody: truncated }))).code).toBe("MalformedCertificate");
  });

  it("a certificate another principal of the account has fails with DuplicateCertificate", async () => {
    await addUser("sc-dup-a");
    await addUser("sc-dup-b");
    await uploadSigningCertificate(rootCaller(), { UserName: "sc-dup-a", CertificateBody: SIGNING_CERTIFICATE_PEMS[1] });
    const err = await expectError(
      uploadSigningCertificate(rootCaller(), { UserName: "sc-dup-b", CertificateBody: SIGNING_CERTIFICATE_PEMS[1] }),
      "DuplicateCertificate",
      "The request was rejected because the same certificate is associated with an IAM user in the account.",
    );
    expect(err.status).toBe(409);
    await prisma.signingCertificate.deleteMany({ where: { user: { nameKey: "sc-dup-a" } } });
  });

  it("a third certificate fails with LimitExceeded", async () => {
    await addUser("sc-quota");
    await uploadSigningCertificate(rootCaller(), { UserName: "sc-quota", CertificateBody: SIGNING_CERTIFICATE_PEMS[0] });
    await uploadSigningCertificate(rootCaller(), { UserName: "sc-quota", CertificateBody: SIGNING_CERTIFICATE_PEMS[1] });
    await expectError(
      uploadSigningCertificate(rootCaller(), { UserName: "sc-quota", CertificateBody: SIGNING_CERTIFICATE_PEMS[2] }),
      "LimitExceeded",
      "Cannot exceed quota for CertificatesPerUser: 2",
    );
    await prisma.signingCertificate.deleteMany({ where: { user: { nameKey: "sc-quota" } } });
  });

  it("without UserName the root user uploads its own certificate: no user, no UserName, and the same quota", async () => {
    const a = await uploadSigningCertificate(rootCaller(), { CertificateBody: SIGNING_CERTIFICATE_PEMS[0] });
    expect(a.Certificate.UserName).toBeUndefined();
    expect((await prisma.signingCertificate.findUniqueOrThrow({ where: { id: a.Certificate.CertificateId } })).userId).toBeNull();
    await uploadSigningCertificate(rootCaller(), { CertificateBody: SIGNING_CERTIFICATE_PEMS[1] });
    await expectError(uploadSigningCertificate(rootCaller(), { CertificateBody: SIGNING_CERTIFICATE_PEMS[2] }), "LimitExceeded", "Cannot exceed quota for CertificatesPerUser: 2");
    await clearRootCertificates();
  });

  it("without UserName an IAM user uploads its own", async () => {
    const caller = await callerWithPolicies("sc-self", [policyDocument("Allow", ["iam:UploadSigningCertificate", "iam:ListSigningCertificates"], testUserArn("sc-self"))]);
    const out = await uploadSigningCertificate(caller, { CertificateBody: SIGNING_CERTIFICATE_PEMS[2] });
    expect(out.Certificate.UserName).toBe("sc-self");
    expect((await listSigningCertificates(caller)).Certificates).toHaveLength(1);
    await prisma.signingCertificate.delete({ where: { id: out.Certificate.CertificateId } });
  });

  it("for a user that does not exist fails with NoSuchEntity, after authorization", async () => {
    await expectError(uploadSigningCertificate(rootCaller(), { UserName: "nobody", CertificateBody: SIGNING_CERTIFICATE_PEMS[0] }), "NoSuchEntity", "The user with name nobody cannot be found.");
    const dave = await userCaller("dave");
    await expectError(
      uploadSigningCertificate(dave, { UserName: "nobody", CertificateBody: SIGNING_CERTIFICATE_PEMS[0] }),
      "AccessDenied",
      implicitDeny(dave, "iam:UploadSigningCertificate", testUserArn("nobody")),
    );
  });
});

describe("ListSigningCertificates, UpdateSigningCertificate, DeleteSigningCertificate", () => {
  it("lists with bodies, deactivates, reactivates and deletes", async () => {
    await addUser("sc-life");
    const { Certificate } = await uploadSigningCertificate(rootCaller(), { UserName: "sc-life", CertificateBody: SIGNING_CERTIFICATE_PEMS[0] });
    const id = Certificate.CertificateId;
    expect(await listSigningCertificates(rootCaller(), { UserName: "sc-life" })).toEqual({ Certificates: [Certificate], IsTruncated: false });
    await updateSigningCertificate(rootCaller(), { UserName: "sc-life", CertificateId: id, Status: "Inactive" });
    expect((await listSigningCertificates(rootCaller(), { UserName: "sc-life" })).Certificates[0].Status).toBe("Inactive");
    await updateSigningCertificate(rootCaller(), { UserName: "sc-life", CertificateId: id, Status: "Active" });
    await deleteSigningCertificate(rootCaller(), { UserName: "sc-life", CertificateId: id });
    expect((await listSigningCertificates(rootCaller(), { UserName: "sc-life" })).Certificates).toEqual([]);
  });

  it("an unknown certificate fails with NoSuchEntity, in AWS's words", async () => {
    for (const attempt of [
      () => updateSigningCertificate(rootCaller(), { UserName: "alice", CertificateId: "NONEXISTENTCERTID12345678901", Status: "Inactive" }),
      () => deleteSigningCertificate(rootCaller(), { UserName: "alice", CertificateId: "NONEXISTENTCERTID12345678901" }),
    ]) {
      await expectError(attempt(), "NoSuchEntity", "The Certificate with id NONEXISTENTCERTID12345678901 cannot be found.");
    }
  });

  it("an unknown user fails with NoSuchEntity before the certificate is looked for", async () => {
    await expectError(
      deleteSigningCertificate(rootCaller(), { UserName: "nonexistent-user", CertificateId: "NONEXISTENTCERTID12345678901" }),
      "NoSuchEntity",
      "The user with name nonexistent-user cannot be found.",
    );
    await expectError(listSigningCertificates(rootCaller(), { UserName: "nonexistent-user" }), "NoSuchEntity", "The user with name nonexistent-user cannot be found.");
  });

  it("a certificate ID shorter than 24 characters fails with ValidationError", async () => {
    await expectError(
      deleteSigningCertificate(rootCaller(), { UserName: "alice", CertificateId: "SHORT" }),
      "ValidationError",
      "1 validation error detected: Value 'SHORT' at 'certificateId' failed to satisfy constraint: Member must have length greater than or equal to 24",
    );
  });

  it("the root user's certificates and a user's are kept apart", async () => {
    await addUser("sc-apart");
    const mine = await uploadSigningCertificate(rootCaller(), { CertificateBody: SIGNING_CERTIFICATE_PEMS[0] });
    await uploadSigningCertificate(rootCaller(), { UserName: "sc-apart", CertificateBody: SIGNING_CERTIFICATE_PEMS[1] });
    expect((await listSigningCertificates(rootCaller())).Certificates.map((c) => c.CertificateId)).toEqual([mine.Certificate.CertificateId]);
    await expectError(
      deleteSigningCertificate(rootCaller(), { UserName: "sc-apart", CertificateId: mine.Certificate.CertificateId }),
      "NoSuchEntity",
      `The Certificate with id ${mine.Certificate.CertificateId} cannot be found.`,
    );
    await clearRootCertificates();
    await prisma.signingCertificate.deleteMany({ where: { user: { nameKey: "sc-apart" } } });
  });
});
