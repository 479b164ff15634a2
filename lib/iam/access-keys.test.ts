import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createAccessKey, deleteAccessKey, getAccessKeyLastUsed, listAccessKeys, updateAccessKey } from "./access-keys";
import { iamArn, rootArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { decryptSecret } from "./crypto";
import { newId } from "./ids";
import { addUser, callerWithPolicies, expectError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, testUserArn, userCaller } from "./testing";

// Access keys (iam-facts §9): the secret shown once and kept only encrypted, two keys per
// principal even under concurrent requests, root keys, and AWS's errors.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const OTHER_ACCT = "210987654321";

const lastEvent = (caller: Caller) => prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn }, orderBy: { id: "desc" } });

describe("CreateAccessKey", () => {
  it("creates an active key for the named user and returns the secret this once, in AWS's shape", async () => {
    const user = await addUser("ak-create");
    const out = await createAccessKey(rootCaller(), { UserName: "AK-CREATE" });
    expect(out).toEqual({
      AccessKey: { UserName: "ak-create", AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/), Status: "Active", SecretAccessKey: expect.any(String), CreateDate: TEST_NOW },
    });
    expect(out.AccessKey.SecretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    const row = await prisma.accessKey.findUniqueOrThrow({ where: { id: out.AccessKey.AccessKeyId } });
    expect(row).toMatchObject({ accountId: ACCT, userId: user.id, status: "Active" });
    // Encrypted at rest, yet readable for SigV4.
    expect(row.secretEncrypted).not.toContain(out.AccessKey.SecretAccessKey);
    expect(decryptSecret(row.secretEncrypted)).toBe(out.AccessKey.SecretAccessKey);
  });

  it("never records the secret: the event holds the request only", async () => {
    await addUser("ak-event");
    const root = rootCaller();
    const { AccessKey } = await createAccessKey(root, { UserName: "ak-event" });
    expect(await lastEvent(root)).toMatchObject({ eventName: "CreateAccessKey", errorCode: null, requestParameters: { UserName: "ak-event" } });
    const events = await prisma.activityEvent.findMany({ select: { requestParameters: true } });
    expect(JSON.stringify(events)).not.toContain(AccessKey.SecretAccessKey);
  });

  it("without UserName creates the calling user's own key", async () => {
    const caller = await callerWithPolicies("ak-self", [policyDocument("Allow", "iam:CreateAccessKey", testUserArn("ak-self"))]);
    const out = await createAccessKey(caller);
    expect(out.AccessKey.UserName).toBe("ak-self");
    expect((await prisma.accessKey.findUniqueOrThrow({ where: { id: out.AccessKey.AccessKeyId } })).userId).toBe(caller.userId);
  });

  it("without UserName from the root user creates a root key: no user, no UserName", async () => {
    const out = await createAccessKey(rootCaller());
    expect(out.AccessKey.UserName).toBeUndefined();
    expect((await prisma.accessKey.findUniqueOrThrow({ where: { id: out.AccessKey.AccessKeyId } })).userId).toBeNull();
    await deleteAccessKey(rootCaller(), { AccessKeyId: out.AccessKey.AccessKeyId });
  });

  it("without UserName from a role session fails with ValidationError", async () => {
    const session = rootCaller(ACCT, { principalType: "AssumedRole", principalArn: `arn:aws:sts::${ACCT}:assumed-role/R/s`, principalId: "AROAEXAMPLE:s" });
    await expectError(createAccessKey(session), "ValidationError", "Must specify userName when calling with non-User credentials");
  });

  it("a third key fails with LimitExceeded, for a user and for the root user", async () => {
    await addUser("ak-quota");
    await createAccessKey(rootCaller(), { UserName: "ak-quota" });
    await createAccessKey(rootCaller(), { UserName: "ak-quota" });
    const err = await expectError(createAccessKey(rootCaller(), { UserName: "ak-quota" }), "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
    expect(err.status).toBe(409);

    const keys = [await createAccessKey(rootCaller()), await createAccessKey(rootCaller())];
    await expectError(createAccessKey(rootCaller()), "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2");
    for (const k of keys) await deleteAccessKey(rootCaller(), { AccessKeyId: k.AccessKey.AccessKeyId });
  });

  it("two concurrent creates for the last slot: exactly one succeeds", async () => {
    await addUser("ak-race");
    await createAccessKey(rootCaller(), { UserName: "ak-race" });
    const results = await Promise.allSettled([
      createAccessKey(rootCaller(), { UserName: "ak-race" }),
      createAccessKey(rootCaller(), { UserName: "ak-race" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: "LimitExceeded" });
    expect(await prisma.accessKey.count({ where: { user: { nameKey: "ak-race" } } })).toBe(2);
  });

  it("for a user that does not exist fails with NoSuchEntity, after authorization", async () => {
    await expectError(createAccessKey(rootCaller(), { UserName: "nobody" }), "NoSuchEntity", "The user with name nobody cannot be found.");
    const dave = await userCaller("dave");
    await expectError(createAccessKey(dave, { UserName: "nobody" }), "AccessDenied", implicitDeny(dave, "iam:CreateAccessKey", testUserArn("nobody")));
  });
});

describe("ListAccessKeys", () => {
  it("lists a user's keys oldest first, without secrets, in pages", async () => {
    const user = await addUser("ak-list");
    const older = await prisma.accessKey.create({
      data: { id: newId("accessKey"), accountId: ACCT, userId: user.id, secretEncrypted: "x", status: "Inactive", createdAt: new Date("2026-01-01T00:00:00Z") },
    });
    const { AccessKey: newer } = await createAccessKey(rootCaller(), { UserName: "ak-list" });
    const all = await listAccessKeys(rootCaller(), { UserName: "ak-list" });
    expect(all).toEqual({
      AccessKeyMetadata: [
        { UserName: "ak-list", AccessKeyId: older.id, Status: "Inactive", CreateDate: older.createdAt },
        { UserName: "ak-list", AccessKeyId: newer.AccessKeyId, Status: "Active", CreateDate: TEST_NOW },
      ],
      IsTruncated: false,
    });
    const first = await listAccessKeys(rootCaller(), { UserName: "ak-list", MaxItems: 1 });
    expect(first.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([older.id]);
    expect(first.IsTruncated).toBe(true);
    const second = await listAccessKeys(rootCaller(), { UserName: "ak-list", MaxItems: 1, Marker: first.Marker });
    expect(second).toMatchObject({ AccessKeyMetadata: [{ AccessKeyId: newer.AccessKeyId }], IsTruncated: false });
  });

  it("without UserName lists the root user's own keys to the root user", async () => {
    const { AccessKey } = await createAccessKey(rootCaller());
    const out = await listAccessKeys(rootCaller());
    expect(out.AccessKeyMetadata).toEqual([{ AccessKeyId: AccessKey.AccessKeyId, Status: "Active", CreateDate: TEST_NOW }]);
    await deleteAccessKey(rootCaller(), { AccessKeyId: AccessKey.AccessKeyId });
  });

  it("a bad marker fails with InvalidInput", async () => {
    await expectError(listAccessKeys(rootCaller(), { UserName: "alice", Marker: "nonsense" }), "InvalidInput", "Invalid Marker.");
  });
});

describe("UpdateAccessKey", () => {
  it("deactivates and reactivates a key", async () => {
    await addUser("ak-update");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "ak-update" });
    await updateAccessKey(rootCaller(), { UserName: "ak-update", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" });
    expect((await prisma.accessKey.findUniqueOrThrow({ where: { id: AccessKey.AccessKeyId } })).status).toBe("Inactive");
    await updateAccessKey(rootCaller(), { UserName: "ak-update", AccessKeyId: AccessKey.AccessKeyId, Status: "Active" });
    expect((await prisma.accessKey.findUniqueOrThrow({ where: { id: AccessKey.AccessKeyId } })).status).toBe("Active");
  });

  it("a status other than Active or Inactive fails with ValidationError", async () => {
    await expectError(
      updateAccessKey(rootCaller(), { UserName: "alice", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Disabled" }),
      "ValidationError",
      "1 validation error detected: Value 'Disabled' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
    );
  });

  it("an unknown key, or another user's key, fails with NoSuchEntity", async () => {
    await addUser("ak-other");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "ak-other" });
    await expectError(
      updateAccessKey(rootCaller(), { UserName: "alice", AccessKeyId: AccessKey.AccessKeyId, Status: "Inactive" }),
      "NoSuchEntity",
      `The Access Key with id ${AccessKey.AccessKeyId} cannot be found.`,
    );
    await expectError(
      updateAccessKey(rootCaller(), { UserName: "alice", AccessKeyId: "AKIAIOSFODNN7EXAMPLE", Status: "Inactive" }),
      "NoSuchEntity",
      "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.",
    );
    expect((await prisma.accessKey.findUniqueOrThrow({ where: { id: AccessKey.AccessKeyId } })).status).toBe("Active");
  });

  it("an access key ID shorter than 16 characters fails with ValidationError", async () => {
    await expectError(
      updateAccessKey(rootCaller(), { UserName: "alice", AccessKeyId: "AKIA", Status: "Active" }),
      "ValidationError",
      "1 validation error detected: Value 'AKIA' at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
    );
  });
});

describe("DeleteAccessKey", () => {
  it("deletes the key; a second time fails with NoSuchEntity", async () => {
    await addUser("ak-delete");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "ak-delete" });
    await deleteAccessKey(rootCaller(), { UserName: "ak-delete", AccessKeyId: AccessKey.AccessKeyId });
    expect(await prisma.accessKey.count({ where: { id: AccessKey.AccessKeyId } })).toBe(0);
    await expectError(
      deleteAccessKey(rootCaller(), { UserName: "ak-delete", AccessKeyId: AccessKey.AccessKeyId }),
      "NoSuchEntity",
      `The Access Key with id ${AccessKey.AccessKeyId} cannot be found.`,
    );
  });

  it("the root user cannot delete a user's key without naming the user", async () => {
    await addUser("ak-root-miss");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "ak-root-miss" });
    await expectError(deleteAccessKey(rootCaller(), { AccessKeyId: AccessKey.AccessKeyId }), "NoSuchEntity", `The Access Key with id ${AccessKey.AccessKeyId} cannot be found.`);
  });
});

describe("GetAccessKeyLastUsed", () => {
  it("a key never used answers no date, and N/A for service and region", async () => {
    await addUser("ak-unused");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "ak-unused" });
    expect(await getAccessKeyLastUsed(rootCaller(), { AccessKeyId: AccessKey.AccessKeyId })).toEqual({
      UserName: "ak-unused",
      AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" },
    });
  });

  it("a used key answers when, with which service and where", async () => {
    await addUser("ak-used");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "ak-used" });
    const when = new Date("2026-05-30T08:15:00Z");
    await prisma.accessKey.update({ where: { id: AccessKey.AccessKeyId }, data: { lastUsedDate: when, lastUsedServiceName: "s3", lastUsedRegion: "eu-west-1" } });
    expect(await getAccessKeyLastUsed(rootCaller(), { AccessKeyId: AccessKey.AccessKeyId })).toEqual({
      UserName: "ak-used",
      AccessKeyLastUsed: { LastUsedDate: when, ServiceName: "s3", Region: "eu-west-1" },
    });
  });

  it("is authorized on the key owner's ARN", async () => {
    await addUser("ak-owner");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "ak-owner" });
    const other = await callerWithPolicies("ak-bob-reader", [policyDocument("Allow", "iam:GetAccessKeyLastUsed", testUserArn("bob"))]);
    await expectError(
      getAccessKeyLastUsed(other, { AccessKeyId: AccessKey.AccessKeyId }),
      "AccessDenied",
      implicitDeny(other, "iam:GetAccessKeyLastUsed", testUserArn("ak-owner")),
    );
    const owner = await callerWithPolicies("ak-owner-reader", [policyDocument("Allow", "iam:GetAccessKeyLastUsed", testUserArn("ak-owner"))]);
    expect((await getAccessKeyLastUsed(owner, { AccessKeyId: AccessKey.AccessKeyId })).UserName).toBe("ak-owner");
  });

  it("a root key answers without UserName", async () => {
    const { AccessKey } = await createAccessKey(rootCaller());
    expect(await getAccessKeyLastUsed(rootCaller(), { AccessKeyId: AccessKey.AccessKeyId })).toEqual({ AccessKeyLastUsed: { ServiceName: "N/A", Region: "N/A" } });
    await deleteAccessKey(rootCaller(), { AccessKeyId: AccessKey.AccessKeyId });
  });

  it("an unknown key fails with NoSuchEntity; another account's key with AccessDenied, even for the root user", async () => {
    await expectError(getAccessKeyLastUsed(rootCaller(), { AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }), "NoSuchEntity", "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.");
    await prisma.account.create({ data: { id: OTHER_ACCT, rootEmail: "other@test.example.com", rootPasswordHash: "x" } });
    const stranger = await addUser("stranger", OTHER_ACCT);
    const key = await prisma.accessKey.create({ data: { id: newId("accessKey"), accountId: OTHER_ACCT, userId: stranger.id, secretEncrypted: "x" } });
    const root = rootCaller();
    await expectError(
      getAccessKeyLastUsed(root, { AccessKeyId: key.id }),
      "AccessDenied",
      `User: ${rootArn(ACCT)} is not authorized to perform: iam:GetAccessKeyLastUsed on resource: ${iamArn(OTHER_ACCT, "user", "/", "stranger")} because no identity-based policy allows the iam:GetAccessKeyLastUsed action`,
    );
  });
});
