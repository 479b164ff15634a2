import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { KNOWN_SSH_PUBLIC_KEY } from "./credentials-testing";
import {
  deleteSSHPublicKey,
  getSSHPublicKey,
  listSSHPublicKeys,
  parseSshPublicKey,
  updateSSHPublicKey,
  uploadSSHPublicKey,
} from "./ssh-public-keys";
import { addUser, callerWithPolicies, expectError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, testUserArn, userCaller } from "./testing";

// SSH public keys for CodeCommit: ssh-rsa or PEM bodies of at least 2048 bits, AWS's MD5
// fingerprint, five per user, either encoding on the way out.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

// The fixed key's PEM form and fingerprint as ssh-keygen reports them (ssh-keygen -l -E md5, -e -m PKCS8).
const KNOWN_PEM = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqTnh/Wx9GkSFWztijxxy
3vzBsq7l8XYc4Gul+X7mXx+mgeuQ8O5WyXg6FKborH09RQV0MdaNzSEfG4btviZ1
9xgAuuqxs7AZ4aRrfW89yOnQXa2TEVuJopdlgfgiUusoPfzFeUrzSwMSNsGFcmp4
K8N/o8Z+8XpgDg7Zwbv+WAeQFTa99ldbbPoCcoZd3M7SZE1UOikDeqbJ82AfrjZe
ZA0cYCCi/k3BDnj5byny+xOX/3ERxCMAvarb75sGOq+RAMknD12YyJ4BsL9wtsmq
4way9qYhtbAcqEbiqU0uqI4QFlEWbflfFb+B1+F+1WNwk0k9fAxvr1J91gPhV16+
jQIDAQAB
-----END PUBLIC KEY-----`;
const KNOWN_FINGERPRINT = "56:5d:7c:b5:46:0f:84:3c:f9:45:69:ec:11:4c:72:5d";
const SHORT_KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC+9gR5HJ6eNbmSe3+U0v7FO8UIBm2ZBPcx+zctfqunc7RgoGZlKLYa6jKoSXSlQnUK6Ss/asSlWteIXWs6jpK5NZl4EFULwVg1A+jPX78ZhsRo4OvHgdoXkGYlx02cp93C+VOz8wnDlPoz3+SQWaBvmgietC34DGI4t65i8/E8zQ== short@example";
const ED25519_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG2icw6LhS7kfMX0xgtle89ThoWfuIU5QR/zOJDg4JWu ed@example";

/** A fresh 2048-bit RSA key in OpenSSH's one-line form. */
function newSshKey(comment = "test@example"): string {
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
  const string = (b: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(b.length);
    return Buffer.concat([length, b]);
  };
  const mpint = (v: string | undefined) => {
    const b = Buffer.from(v ?? "", "base64url");
    return string(b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  };
  return `ssh-rsa ${Buffer.concat([string(Buffer.from("ssh-rsa")), mpint(jwk.e), mpint(jwk.n)]).toString("base64")} ${comment}`;
}

const INVALID = "The request was rejected because the public key is malformed or otherwise invalid.";

describe("reading a public key", () => {
  it("gives the MD5 fingerprint ssh-keygen gives, in either form", () => {
    expect(parseSshPublicKey(KNOWN_SSH_PUBLIC_KEY)).toMatchObject({ format: "SSH", fingerprint: KNOWN_FINGERPRINT, bits: 2048 });
    expect(parseSshPublicKey(KNOWN_PEM)).toMatchObject({ format: "PEM", fingerprint: KNOWN_FINGERPRINT, bits: 2048 });
  });

  it.each([
    ["a 1024-bit key", SHORT_KEY, "InvalidPublicKey", `${INVALID} The minimum bit-length of the public key is 2048 bits.`],
    ["an ssh-rsa line with broken base64", "ssh-rsa AAAA!!!", "InvalidPublicKey", INVALID],
    ["an ssh-rsa line whose blob is cut short", `ssh-rsa ${KNOWN_SSH_PUBLIC_KEY.split(" ")[1].slice(0, 40)}`, "InvalidPublicKey", INVALID],
    ["a private key", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----", "InvalidPublicKey", INVALID],
    ["a PEM public key that is not one", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "InvalidPublicKey", INVALID],
    [
      "an ed25519 key",
      ED25519_KEY,
      "UnrecognizedPublicKeyEncoding",
      "The request was rejected because the public key encoding format is unsupported or unrecognized.",
    ],
    ["plain text", "hello", "UnrecognizedPublicKeyEncoding", "The request was rejected because the public key encoding format is unsupported or unrecognized."],
  ])("refuses %s", async (_what, body, code, message) => {
    await expectError(Promise.resolve().then(() => parseSshPublicKey(body)), code, message);
  });
});

describe("UploadSSHPublicKey", () => {
  it("uploads a key for the user and answers AWS's shape", async () => {
    await addUser("ssh-up");
    const out = await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-up", SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY });
    expect(out).toEqual({
      SSHPublicKey: {
        UserName: "ssh-up",
        SSHPublicKeyId: expect.stringMatching(/^APKA[A-Z2-7]{17}$/),
        Fingerprint: KNOWN_FINGERPRINT,
        SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY,
        Status: "Active",
        UploadDate: TEST_NOW,
      },
    });
  });

  it("the same key again, in either form, fails with DuplicateSSHPublicKey; another user may have it", async () => {
    await addUser("ssh-dup");
    await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-dup", SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY });
    const message = "The request was rejected because the SSH public key is already associated with the specified IAM user.";
    const err = await expectError(uploadSSHPublicKey(rootCaller(), { UserName: "ssh-dup", SSHPublicKeyBody: KNOWN_PEM }), "DuplicateSSHPublicKey", message);
    expect(err.status).toBe(400);
    await addUser("ssh-dup-2");
    await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-dup-2", SSHPublicKeyBody: KNOWN_PEM });
  });

  it("a sixth key fails with LimitExceeded", async () => {
    await addUser("ssh-quota");
    for (let i = 0; i < 5; i++) await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-quota", SSHPublicKeyBody: newSshKey() });
    await expectError(
      uploadSSHPublicKey(rootCaller(), { UserName: "ssh-quota", SSHPublicKeyBody: newSshKey() }),
      "LimitExceeded",
      "Cannot exceed quota for SSHPublicKeysPerUser: 5",
    );
  });

  it("refuses a weak key without storing anything", async () => {
    await addUser("ssh-weak");
    await expectError(
      uploadSSHPublicKey(rootCaller(), { UserName: "ssh-weak", SSHPublicKeyBody: SHORT_KEY }),
      "InvalidPublicKey",
      `${INVALID} The minimum bit-length of the public key is 2048 bits.`,
    );
    expect(await prisma.sshPublicKey.count({ where: { user: { nameKey: "ssh-weak" } } })).toBe(0);
  });

  it("for a user that does not exist fails with NoSuchEntity, after authorization", async () => {
    await expectError(uploadSSHPublicKey(rootCaller(), { UserName: "nobody", SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY }), "NoSuchEntity", "The user with name nobody cannot be found.");
    const dave = await userCaller("dave");
    await expectError(
      uploadSSHPublicKey(dave, { UserName: "nobody", SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY }),
      "AccessDenied",
      implicitDeny(dave, "iam:UploadSSHPublicKey", testUserArn("nobody")),
    );
  });

  it("an empty body fails with ValidationError", async () => {
    await expectError(
      uploadSSHPublicKey(rootCaller(), { UserName: "alice", SSHPublicKeyBody: "" }),
      "ValidationError",
      "1 validation error detected: Value '' at 'sSHPublicKeyBody' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});

describe("GetSSHPublicKey", () => {
  it("returns the key in the encoding asked for", async () => {
    await addUser("ssh-get");
    const { SSHPublicKey } = await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-get", SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY });
    const id = SSHPublicKey.SSHPublicKeyId;
    const ssh = await getSSHPublicKey(rootCaller(), { UserName: "ssh-get", SSHPublicKeyId: id, Encoding: "SSH" });
    expect(ssh.SSHPublicKey).toEqual(SSHPublicKey);
    const pem = await getSSHPublicKey(rootCaller(), { UserName: "ssh-get", SSHPublicKeyId: id, Encoding: "PEM" });
    expect(pem.SSHPublicKey.SSHPublicKeyBody.trim()).toBe(KNOWN_PEM);
    expect(pem.SSHPublicKey.Fingerprint).toBe(KNOWN_FINGERPRINT);
  });

  it("converts a key uploaded as PEM to ssh-rsa", async () => {
    await addUser("ssh-get-pem");
    const { SSHPublicKey } = await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-get-pem", SSHPublicKeyBody: KNOWN_PEM });
    const ssh = await getSSHPublicKey(rootCaller(), { UserName: "ssh-get-pem", SSHPublicKeyId: SSHPublicKey.SSHPublicKeyId, Encoding: "SSH" });
    expect(ssh.SSHPublicKey.SSHPublicKeyBody).toBe(KNOWN_SSH_PUBLIC_KEY.split(" ").slice(0, 2).join(" "));
  });

  it("an unknown key fails with NoSuchEntity; an unknown encoding with ValidationError", async () => {
    await expectError(
      getSSHPublicKey(rootCaller(), { UserName: "alice", SSHPublicKeyId: "APKAXXXXXXXXXXXXXXXXX", Encoding: "SSH" }),
      "NoSuchEntity",
      "The Public Key with id APKAXXXXXXXXXXXXXXXXX cannot be found.",
    );
    await expectError(
      getSSHPublicKey(rootCaller(), { UserName: "alice", SSHPublicKeyId: "APKAXXXXXXXXXXXXXXXXX", Encoding: "DER" }),
      "ValidationError",
      "1 validation error detected: Value 'DER' at 'encoding' failed to satisfy constraint: Member must satisfy enum value set: [SSH, PEM]",
    );
  });
});

describe("ListSSHPublicKeys, UpdateSSHPublicKey, DeleteSSHPublicKey", () => {
  it("lists, deactivates and deletes a user's keys", async () => {
    await addUser("ssh-life");
    const a = (await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-life", SSHPublicKeyBody: KNOWN_SSH_PUBLIC_KEY })).SSHPublicKey;
    const b = (await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-life", SSHPublicKeyBody: newSshKey() })).SSHPublicKey;
    const listed = await listSSHPublicKeys(rootCaller(), { UserName: "ssh-life" });
    expect(listed.SSHPublicKeys.map((k) => k.SSHPublicKeyId).sort()).toEqual([a.SSHPublicKeyId, b.SSHPublicKeyId].sort());
    expect(listed.SSHPublicKeys[0]).toEqual({ UserName: "ssh-life", SSHPublicKeyId: expect.any(String), Status: "Active", UploadDate: TEST_NOW });
    expect((await listSSHPublicKeys(rootCaller(), { UserName: "ssh-life", MaxItems: 1 })).IsTruncated).toBe(true);

    await updateSSHPublicKey(rootCaller(), { UserName: "ssh-life", SSHPublicKeyId: a.SSHPublicKeyId, Status: "Inactive" });
    expect((await getSSHPublicKey(rootCaller(), { UserName: "ssh-life", SSHPublicKeyId: a.SSHPublicKeyId, Encoding: "SSH" })).SSHPublicKey.Status).toBe(
      "Inactive",
    );
    await deleteSSHPublicKey(rootCaller(), { UserName: "ssh-life", SSHPublicKeyId: a.SSHPublicKeyId });
    expect((await listSSHPublicKeys(rootCaller(), { UserName: "ssh-life" })).SSHPublicKeys.map((k) => k.SSHPublicKeyId)).toEqual([b.SSHPublicKeyId]);
    for (const attempt of [
      () => updateSSHPublicKey(rootCaller(), { UserName: "ssh-life", SSHPublicKeyId: a.SSHPublicKeyId, Status: "Active" }),
      () => deleteSSHPublicKey(rootCaller(), { UserName: "ssh-life", SSHPublicKeyId: a.SSHPublicKeyId }),
    ]) {
      await expectError(attempt(), "NoSuchEntity", `The Public Key with id ${a.SSHPublicKeyId} cannot be found.`);
    }
  });

  it("without UserName lists the calling user's keys; the root user has none to list", async () => {
    const caller = await callerWithPolicies("ssh-self", [policyDocument("Allow", ["iam:ListSSHPublicKeys", "iam:UploadSSHPublicKey"], testUserArn("ssh-self"))]);
    await uploadSSHPublicKey(caller, { UserName: "ssh-self", SSHPublicKeyBody: newSshKey() });
    expect((await listSSHPublicKeys(caller)).SSHPublicKeys).toHaveLength(1);
    await expectError(listSSHPublicKeys(rootCaller()), "ValidationError", "Must specify userName when calling with non-User credentials");
  });

  it("another user's key is not found through this user", async () => {
    await addUser("ssh-mine");
    await addUser("ssh-theirs");
    const { SSHPublicKey } = await uploadSSHPublicKey(rootCaller(), { UserName: "ssh-theirs", SSHPublicKeyBody: newSshKey() });
    await expectError(
      deleteSSHPublicKey(rootCaller(), { UserName: "ssh-mine", SSHPublicKeyId: SSHPublicKey.SSHPublicKeyId }),
      "NoSuchEntity",
      `The Public Key with id ${SSHPublicKey.SSHPublicKeyId} cannot be found.`,
    );
  });
});
