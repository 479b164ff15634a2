import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { newId } from "./ids";
import { createServiceSpecificCredential } from "./service-specific-credentials";
import { uploadSigningCertificate } from "./signing-certificates";
import { uploadSSHPublicKey } from "./ssh-public-keys";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount } from "./testing";
import { deleteUser } from "./users";
import { deleteUserWithDependencies, listUserDependencies } from "./users-console";

// A user's signing certificates, SSH public keys and service-specific credentials stand in the
// way of DeleteUser, as AWS's documentation lists them; the console's delete removes them too.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const userArn = (name: string) => iamArn(ACCT, "user", "/", name);
const CERT = readFileSync(path.join(import.meta.dirname, "fixtures", "signing-certificate-1.pem"), "utf8");
const SSH_KEY =
  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCpOeH9bH0aRIVbO2KPHHLe/MGyruXxdhzga6X5fuZfH6aB65Dw7lbJeDoUpuisfT1FBXQx1o3NIR8bhu2+JnX3GAC66rGzsBnhpGt9bz3I6dBdrZMRW4mil2WB+CJS6yg9/MV5SvNLAxI2wYVyangrw3+jxn7xemAODtnBu/5YB5AVNr32V1ts+gJyhl3cztJkTVQ6KQN6psnzYB+uNl5kDRxgIKL+TcEOePlvKfL7E5f/cRHEIwC9qtvvmwY6r5EAyScPXZjIngGwv3C2yarjBrL2piG1sByoRuKpTS6ojhAWURZt+V8Vv4HX4X7VY3CTST18DG+vUn3WA+FXXr6N test@example";

async function userWithCredentials(name: string) {
  const user = await prisma.user.create({ data: { id: newId("user"), accountId: ACCT, name, nameKey: name.toLowerCase(), path: "/", arn: userArn(name) } });
  const root = rootCaller();
  const cert = (await uploadSigningCertificate(root, { UserName: name, CertificateBody: CERT })).Certificate;
  const key = (await uploadSSHPublicKey(root, { UserName: name, SSHPublicKeyBody: SSH_KEY })).SSHPublicKey;
  const git = (await createServiceSpecificCredential(root, { UserName: name, ServiceName: "codecommit.amazonaws.com" })).ServiceSpecificCredential;
  return { user, cert, key, git };
}

async function expectError(attempt: Promise<unknown>, code: string, message: string) {
  const err = await iamError(attempt);
  expect({ code: err.code, message: err.message }).toEqual({ code, message });
  return err;
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
  const eventsSince = async (caller: Caller, id: bigint) =>
    (await prisma.activityEvent.findMany({ where: { principalArn: caller.principalArn, id: { gt: id } }, orderBy: { id: "asc" } })).map((e) => [
      e.eventName,
      e.errorCode,
      e.requestParameters,
    ]);
  const lastEventId = async () => (await prisma.activityEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? BigInt(0);

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
      policyDocument("Allow", ["iam:DeleteSigningCertificate", "iam:DeleteServiceSpecificCredential", "iam:DeleteUser"], userArn("uc-denied")),
    ]);
    await expectError(
      deleteUserWithDependencies(caller, { UserName: "uc-denied" }),
      "AccessDenied",
      `User: ${caller.principalArn} is not authorized to perform: iam:DeleteSSHPublicKey on resource: ${userArn("uc-denied")} because no identity-based policy allows the iam:DeleteSSHPublicKey action`,
    );
    expect(await prisma.signingCertificate.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
  });
});
