import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { KNOWN_SSH_PUBLIC_KEY, SIGNING_CERTIFICATE_PEMS } from "./credentials-testing";
import { newId } from "./ids";
import { createServiceSpecificCredential } from "./service-specific-credentials";
import { uploadSigningCertificate } from "./signing-certificates";
import { uploadSSHPublicKey } from "./ssh-public-keys";
import { callerWithPolicies, eventsSince, expectError, lastEventId, policyDocument, rootCaller, setupDemoAccount, testUserArn } from "./testing";
import { deleteUser } from "./users";
import { deleteUserWithDependencies, listUserDependencies } from "./users-console";

// A user's signing certificates, SSH public keys and service-specific credentials stand in the
// way of DeleteUser, as AWS's documentation lists them; the console's delete removes them too.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;

async function userWithCredentials(name: string) {
  const user = await prisma.user.create({ data: { id: newId("user"), accountId: ACCT, name, nameKey: name.toLowerCase(), path: "/", arn: testUserArn(name) } });
  const root = rootCaller();
  const cert = (await uploadSigningCertificate(root, { UserName: name, CertificateBody: SIGNING_CERTIFICATE_PEMS[0] })).Certificate;
  const key = (await uploadSSHPublicKey(root, { UserName: name, SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY })).SSHPublicKey;
  const git = (await createServiceSpecificCredential(root, { UserName: name, ServiceName: "codecommit.amazonaws.com" })).ServiceSpecificCredential;
  return { user, cert, key, git };
}

describe("DeleteUser", () => {
  it("refuses while the user has signing certificates, SSH public keys or service-specific credentials, one at a time", async () => {
    const { user } = await userWithCredentials("uc-conflicts");
    const userId = user.id;
    const steps: [string, () => Promise<unknown>][] = [
      ["Cannot delete entity, must delete signing certificates first.", () => prisma.signingCertificate.deleteMany({ where: { userId } })],
      ["Cannot delete entity, must delete SSH public keys first.", () => prisma.sshPublicKey.deleteMany({ where: { userId } })],
      ["Cannot delete entity, must remove service specific credentials first.", () => prisma.serviceSpecificCredential.deleteMany({ where: { userId } })],
    ];
    for (const [message, clear] of steps) {
      const err = await expectError(deleteUser(rootCaller(), { UserName: "uc-conflicts" }), "DeleteConflict", message);
      expect(err.status).toBe(409);
      await clear();
    }
    await deleteUser(rootCaller(), { UserName: "uc-conflicts" });
    expect(await prisma.user.count({ where: { id: userId } })).toBe(0);
  });
});

describe("the console's delete of a user", () => {
  it("lists the other credentials among what goes", async () => {
    const { cert, key, git } = await userWithCredentials("uc-list");
    expect(await listUserDependencies(rootCaller(), { UserName: "uc-list" })).toMatchObject({
      SigningCertificates: [{ CertificateId: cert.CertificateId, Status: "Active" }],
      SSHPublicKeys: [{ SSHPublicKeyId: key.SSHPublicKeyId, Status: "Active" }],
      ServiceSpecificCredentials: [
        { ServiceSpecificCredentialId: git.ServiceSpecificCredentialId, ServiceName: "codecommit.amazonaws.com", ServiceUserName: `uc-list-at-${ACCT}` },
      ],
    });
    await prisma.signingCertificate.deleteMany({ where: { id: cert.CertificateId } });
  });

  it("removes them with the user, recording the console's calls", async () => {
    const { user, cert, key, git } = await userWithCredentials("uc-delete");
    const root = rootCaller();
    const since = await lastEventId();
    await deleteUserWithDependencies(root, { UserName: "uc-delete" });
    const userId = user.id;
    expect(await prisma.user.count({ where: { id: userId } })).toBe(0);
    expect(await prisma.signingCertificate.count({ where: { userId } })).toBe(0);
    expect(await prisma.sshPublicKey.count({ where: { userId } })).toBe(0);
    expect(await prisma.serviceSpecificCredential.count({ where: { userId } })).toBe(0);
    expect(await eventsSince(root, since)).toEqual([
      ["DeleteSigningCertificate", null, { UserName: "uc-delete", CertificateId: cert.CertificateId }],
      ["DeleteSSHPublicKey", null, { UserName: "uc-delete", SSHPublicKeyId: key.SSHPublicKeyId }],
      ["DeleteServiceSpecificCredential", null, { UserName: "uc-delete", ServiceSpecificCredentialId: git.ServiceSpecificCredentialId }],
      ["DeleteUser", null, { UserName: "uc-delete" }],
    ]);
  });

  it("needs each underlying action: without iam:DeleteSSHPublicKey nothing is removed", async () => {
    const { user } = await userWithCredentials("uc-denied");
    const caller = await callerWithPolicies("uc-deleter", [
      policyDocument("Allow", ["iam:DeleteSigningCertificate", "iam:DeleteServiceSpecificCredential", "iam:DeleteUser"], testUserArn("uc-denied")),
    ]);
    await expectError(
      deleteUserWithDependencies(caller, { UserName: "uc-denied" }),
      "AccessDenied",
      `User: ${caller.principalArn} is not authorized to perform: iam:DeleteSSHPublicKey on resource: ${testUserArn("uc-denied")} because no identity-based policy allows the iam:DeleteSSHPublicKey action`,
    );
    expect(await prisma.signingCertificate.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
  });
});
