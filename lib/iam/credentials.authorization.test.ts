import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createAccessKey, deleteAccessKey, getAccessKeyLastUsed, listAccessKeys, updateAccessKey } from "./access-keys";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { createAccessKeyWithDescription, deleteAccessKeyWithDescription, listAccessKeysWithDetails } from "./console-access-keys";
import { readOtherCredentials } from "./console-other-credentials";
import { KNOWN_SSH_PUBLIC_KEY, SIGNING_CERTIFICATE_PEMS } from "./credentials-testing";
import { newId } from "./ids";
import {
  createServiceSpecificCredential,
  deleteServiceSpecificCredential,
  listServiceSpecificCredentials,
  resetServiceSpecificCredential,
  updateServiceSpecificCredential,
} from "./service-specific-credentials";
import { deleteSigningCertificate, listSigningCertificates, updateSigningCertificate, uploadSigningCertificate } from "./signing-certificates";
import { deleteSSHPublicKey, getSSHPublicKey, listSSHPublicKeys, updateSSHPublicKey, uploadSSHPublicKey } from "./ssh-public-keys";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, testUserArn } from "./testing";

// The authorization matrix of every credential function: a caller with no policy is denied
// with AWS's message, a caller allowed exactly the function's actions on the user succeeds,
// and an explicit deny of the same wins over that allow.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;

/** A fresh user per test, tagged, with one of each credential (as the case needs). */
interface Target {
  user: string;
  accessKeyId: string;
  sshKeyId: string;
  certificateId: string;
  credentialId: string;
}

let certificate = 0;

async function fresh(tag: string): Promise<Target> {
  const user = `cred-${tag}`;
  await prisma.user.create({
    data: { id: newId("user"), accountId: ACCT, name: user, nameKey: user, arn: testUserArn(user), tags: { create: { key: "team", keyKey: "team", value: "matrix" } } },
  });
  const root = rootCaller();
  const accessKeyId = (await createAccessKey(root, { UserName: user })).AccessKey.AccessKeyId;
  const sshKeyId = (await uploadSSHPublicKey(root, { UserName: user, SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY })).SSHPublicKey.SSHPublicKeyId;
  // Each certificate belongs to one user of the account: take turns, and free them after each test.
  const certificateId = (await uploadSigningCertificate(root, { UserName: user, CertificateBody: SIGNING_CERTIFICATE_PEMS[certificate++ % 2] })).Certificate.CertificateId;
  const credentialId = (await createServiceSpecificCredential(root, { UserName: user, ServiceName: "codecommit.amazonaws.com" })).ServiceSpecificCredential
    .ServiceSpecificCredentialId;
  return { user, accessKeyId, sshKeyId, certificateId, credentialId };
}

interface Case {
  name: string;
  actions: string[];
  /** What a caller with no policy is first denied. */
  denied: string;
  run: (caller: Caller, t: Target) => Promise<unknown>;
  event: string;
  deniedEvent?: string;
}

const CASES: Case[] = [
  { name: "createAccessKey", event: "CreateAccessKey", actions: ["iam:CreateAccessKey"], denied: "iam:CreateAccessKey", run: (c, t) => deleteAccessKey(rootCaller(), { UserName: t.user, AccessKeyId: t.accessKeyId }).then(() => createAccessKey(c, { UserName: t.user })) },
  { name: "listAccessKeys", event: "ListAccessKeys", actions: ["iam:ListAccessKeys"], denied: "iam:ListAccessKeys", run: (c, t) => listAccessKeys(c, { UserName: t.user }) },
  {
    name: "updateAccessKey",
    event: "UpdateAccessKey",
    actions: ["iam:UpdateAccessKey"],
    denied: "iam:UpdateAccessKey",
    run: (c, t) => updateAccessKey(c, { UserName: t.user, AccessKeyId: t.accessKeyId, Status: "Inactive" }),
  },
  { name: "deleteAccessKey", event: "DeleteAccessKey", actions: ["iam:DeleteAccessKey"], denied: "iam:DeleteAccessKey", run: (c, t) => deleteAccessKey(c, { UserName: t.user, AccessKeyId: t.accessKeyId }) },
  {
    name: "getAccessKeyLastUsed",
    event: "GetAccessKeyLastUsed",
    actions: ["iam:GetAccessKeyLastUsed"],
    denied: "iam:GetAccessKeyLastUsed",
    run: (c, t) => getAccessKeyLastUsed(c, { AccessKeyId: t.accessKeyId }),
  },
  {
    name: "createAccessKeyWithDescription",
    event: "TagUser",
    deniedEvent: "CreateAccessKey",
    actions: ["iam:CreateAccessKey", "iam:TagUser"],
    denied: "iam:CreateAccessKey",
    run: (c, t) => createAccessKeyWithDescription(c, { UserName: t.user, Description: "matrix" }),
  },
  {
    name: "listAccessKeysWithDetails",
    event: "ListAccessKeys",
    actions: ["iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"],
    denied: "iam:ListAccessKeys",
    run: (c, t) => listAccessKeysWithDetails(c, { UserName: t.user }),
  },
  {
    name: "deleteAccessKeyWithDescription",
    event: "DeleteAccessKey",
    actions: ["iam:DeleteAccessKey"],
    denied: "iam:DeleteAccessKey",
    run: (c, t) => deleteAccessKeyWithDescription(c, { UserName: t.user, AccessKeyId: t.accessKeyId }),
  },
  {
    name: "uploadSSHPublicKey",
    event: "UploadSSHPublicKey",
    actions: ["iam:UploadSSHPublicKey"],
    denied: "iam:UploadSSHPublicKey",
    run: (c, t) => deleteSSHPublicKey(rootCaller(), { UserName: t.user, SSHPublicKeyId: t.sshKeyId }).then(() => uploadSSHPublicKey(c, { UserName: t.user, SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY })),
  },
  {
    name: "getSSHPublicKey",
    event: "GetSSHPublicKey",
    actions: ["iam:GetSSHPublicKey"],
    denied: "iam:GetSSHPublicKey",
    run: (c, t) => getSSHPublicKey(c, { UserName: t.user, SSHPublicKeyId: t.sshKeyId, Encoding: "PEM" }),
  },
  { name: "listSSHPublicKeys", event: "ListSSHPublicKeys", actions: ["iam:ListSSHPublicKeys"], denied: "iam:ListSSHPublicKeys", run: (c, t) => listSSHPublicKeys(c, { UserName: t.user }) },
  {
    name: "updateSSHPublicKey",
    event: "UpdateSSHPublicKey",
    actions: ["iam:UpdateSSHPublicKey"],
    denied: "iam:UpdateSSHPublicKey",
    run: (c, t) => updateSSHPublicKey(c, { UserName: t.user, SSHPublicKeyId: t.sshKeyId, Status: "Inactive" }),
  },
  {
    name: "deleteSSHPublicKey",
    event: "DeleteSSHPublicKey",
    actions: ["iam:DeleteSSHPublicKey"],
    denied: "iam:DeleteSSHPublicKey",
    run: (c, t) => deleteSSHPublicKey(c, { UserName: t.user, SSHPublicKeyId: t.sshKeyId }),
  },
  {
    name: "uploadSigningCertificate",
    event: "UploadSigningCertificate",
    actions: ["iam:UploadSigningCertificate"],
    denied: "iam:UploadSigningCertificate",
    run: (c, t) => uploadSigningCertificate(c, { UserName: t.user, CertificateBody: SIGNING_CERTIFICATE_PEMS[2] }),
  },
  {
    name: "listSigningCertificates",
    event: "ListSigningCertificates",
    actions: ["iam:ListSigningCertificates"],
    denied: "iam:ListSigningCertificates",
    run: (c, t) => listSigningCertificates(c, { UserName: t.user }),
  },
  {
    name: "updateSigningCertificate",
    event: "UpdateSigningCertificate",
    actions: ["iam:UpdateSigningCertificate"],
    denied: "iam:UpdateSigningCertificate",
    run: (c, t) => updateSigningCertificate(c, { UserName: t.user, CertificateId: t.certificateId, Status: "Inactive" }),
  },
  {
    name: "deleteSigningCertificate",
    event: "DeleteSigningCertificate",
    actions: ["iam:DeleteSigningCertificate"],
    denied: "iam:DeleteSigningCertificate",
    run: (c, t) => deleteSigningCertificate(c, { UserName: t.user, CertificateId: t.certificateId }),
  },
  {
    name: "createServiceSpecificCredential",
    event: "CreateServiceSpecificCredential",
    actions: ["iam:CreateServiceSpecificCredential"],
    denied: "iam:CreateServiceSpecificCredential",
    run: (c, t) => createServiceSpecificCredential(c, { UserName: t.user, ServiceName: "cassandra.amazonaws.com" }),
  },
  {
    name: "listServiceSpecificCredentials",
    event: "ListServiceSpecificCredentials",
    actions: ["iam:ListServiceSpecificCredentials"],
    denied: "iam:ListServiceSpecificCredentials",
    run: (c, t) => listServiceSpecificCredentials(c, { UserName: t.user }),
  },
  {
    name: "resetServiceSpecificCredential",
    event: "ResetServiceSpecificCredential",
    actions: ["iam:ResetServiceSpecificCredential"],
    denied: "iam:ResetServiceSpecificCredential",
    run: (c, t) => resetServiceSpecificCredential(c, { UserName: t.user, ServiceSpecificCredentialId: t.credentialId }),
  },
  {
    name: "updateServiceSpecificCredential",
    event: "UpdateServiceSpecificCredential",
    actions: ["iam:UpdateServiceSpecificCredential"],
    denied: "iam:UpdateServiceSpecificCredential",
    run: (c, t) => updateServiceSpecificCredential(c, { UserName: t.user, ServiceSpecificCredentialId: t.credentialId, Status: "Inactive" }),
  },
  {
    name: "deleteServiceSpecificCredential",
    event: "DeleteServiceSpecificCredential",
    actions: ["iam:DeleteServiceSpecificCredential"],
    denied: "iam:DeleteServiceSpecificCredential",
    run: (c, t) => deleteServiceSpecificCredential(c, { UserName: t.user, ServiceSpecificCredentialId: t.credentialId }),
  },
];

const lastEvent = (caller: Caller) => prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn }, orderBy: { id: "desc" } });
const freeCertificates = () => prisma.signingCertificate.deleteMany({ where: { accountId: ACCT } });

describe.each(CASES.map((c, i) => [c.name, c, i] as const))("%s", (_name, c, i) => {
  it("a caller with no policy is denied, in AWS's words", async () => {
    const t = await fresh(`${i}-none`);
    const caller = await callerWithPolicies(`cred-matrix-${i}-none`, []);
    const err = await iamError(c.run(caller, t));
    expect({ code: err.code, message: err.message }).toEqual({
      code: "AccessDenied",
      message: `User: ${caller.principalArn} is not authorized to perform: ${c.denied} on resource: ${testUserArn(t.user)} because no identity-based policy allows the ${c.denied} action`,
    });
    expect(await lastEvent(caller)).toMatchObject({ eventName: c.deniedEvent ?? c.event, errorCode: "AccessDenied" });
    await freeCertificates();
  });

  it("a caller allowed exactly its actions on the user succeeds", async () => {
    const t = await fresh(`${i}-allow`);
    const caller = await callerWithPolicies(`cred-matrix-${i}-allow`, [policyDocument("Allow", c.actions, testUserArn(t.user))]);
    await c.run(caller, t);
    expect(await lastEvent(caller)).toMatchObject({ eventName: c.event, errorCode: null });
    await freeCertificates();
  });

  it("an explicit deny wins over that allow", async () => {
    const t = await fresh(`${i}-deny`);
    const caller = await callerWithPolicies(`cred-matrix-${i}-deny`, [
      policyDocument("Allow", c.actions, testUserArn(t.user)),
      policyDocument("Deny", c.actions, testUserArn(t.user)),
    ]);
    const err = await iamError(c.run(caller, t));
    expect({ code: err.code, message: err.message }).toEqual({
      code: "AccessDenied",
      message: `User: ${caller.principalArn} is not authorized to perform: ${c.denied} on resource: ${testUserArn(t.user)} with an explicit deny in an identity-based policy`,
    });
    await freeCertificates();
  });
});

describe("readOtherCredentials", () => {
  it("turns each denied list into that section's message, and reads the others", async () => {
    const t = await fresh("read-some");
    const caller = await callerWithPolicies("other-credentials-reader", [policyDocument("Allow", ["iam:ListSSHPublicKeys", "iam:ListSigningCertificates"], testUserArn(t.user))]);
    const out = await readOtherCredentials(caller, { UserName: t.user });
    expect(out.sshPublicKeys.rows).toHaveLength(1);
    expect(out.signingCertificates.rows).toHaveLength(1);
    const denied = `User: ${caller.principalArn} is not authorized to perform: iam:ListServiceSpecificCredentials on resource: ${testUserArn(t.user)} because no identity-based policy allows the iam:ListServiceSpecificCredentials action`;
    expect(out.httpsGit).toEqual({ rows: [], denied });
    expect(out.keyspaces).toEqual({ rows: [], denied });
    await freeCertificates();
  });
});
