import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createAccessKey } from "./access-keys";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { createAccessKeyWithDescription, deleteAccessKeyWithDescription, listAccessKeysWithDetails } from "./console-access-keys";
import { newId } from "./ids";
import { addUser, callerWithPolicies, eventsSince, expectError, iamError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, testUserArn } from "./testing";

// The console's access key calls: a key with its description tag in one transaction, the
// rotation table, and a delete that takes the description with it.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const DAY = 86_400_000;

describe("createAccessKeyWithDescription", () => {
  it("creates the key and tags the user with { AccessKeyId: description }, recording both calls", async () => {
    const user = await addUser("cak-create");
    const caller = await callerWithPolicies("cak-creator", [policyDocument("Allow", ["iam:CreateAccessKey", "iam:TagUser"], testUserArn("cak-create"))]);
    const out = await createAccessKeyWithDescription(caller, { UserName: "cak-create", Description: "CI deploys" });
    expect(out).toMatchObject({ AccessKey: { UserName: "cak-create", Status: "Active" }, Description: "CI deploys" });
    const id = out.AccessKey.AccessKeyId;
    expect(await prisma.tag.findMany({ where: { userId: user.id }, select: { key: true, value: true } })).toEqual([{ key: id, value: "CI deploys" }]);
    expect(await eventsSince(caller)).toEqual([
      ["CreateAccessKey", null, { UserName: "cak-create" }],
      ["TagUser", null, { UserName: "cak-create", Tags: [{ Key: id, Value: "CI deploys" }] }],
    ]);
    expect(JSON.stringify(await eventsSince(caller))).not.toContain(out.AccessKey.SecretAccessKey);
  });

  it("without a description creates the key alone", async () => {
    const user = await addUser("cak-plain");
    const out = await createAccessKeyWithDescription(rootCaller(), { UserName: "cak-plain", Description: "" });
    expect(out.Description).toBeUndefined();
    expect(await prisma.tag.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.accessKey.count({ where: { userId: user.id } })).toBe(1);
  });

  it("without iam:TagUser writes nothing, and the denial is recorded under TagUser", async () => {
    const user = await addUser("cak-denied");
    const caller = await callerWithPolicies("cak-half", [policyDocument("Allow", "iam:CreateAccessKey", testUserArn("cak-denied"))]);
    await expectError(
      createAccessKeyWithDescription(caller, { UserName: "cak-denied", Description: "nope" }),
      "AccessDenied",
      implicitDeny(caller, "iam:TagUser", testUserArn("cak-denied")),
    );
    expect(await prisma.accessKey.count({ where: { userId: user.id } })).toBe(0);
    expect((await eventsSince(caller)).at(-1)).toEqual(["TagUser", "AccessDenied", { UserName: "cak-denied", Tags: [{ Key: expect.any(String), Value: "nope" }] }]);
  });

  it("a description over 256 characters, or with characters a tag refuses, fails with ValidationError and creates no key", async () => {
    const user = await addUser("cak-long");
    const long = await iamError(createAccessKeyWithDescription(rootCaller(), { UserName: "cak-long", Description: "x".repeat(257) }));
    expect(long.code).toBe("ValidationError");
    expect(long.message).toContain("Member must have length less than or equal to 256");
    const odd = await iamError(createAccessKeyWithDescription(rootCaller(), { UserName: "cak-long", Description: "semi;colon" }));
    expect(odd.code).toBe("ValidationError");
    expect(await prisma.accessKey.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps the quota: a third key fails with LimitExceeded and leaves no tag", async () => {
    const user = await addUser("cak-quota");
    await createAccessKeyWithDescription(rootCaller(), { UserName: "cak-quota", Description: "one" });
    await createAccessKeyWithDescription(rootCaller(), { UserName: "cak-quota", Description: "two" });
    await expectError(
      createAccessKeyWithDescription(rootCaller(), { UserName: "cak-quota", Description: "three" }),
      "LimitExceeded",
      "Cannot exceed quota for AccessKeysPerUser: 2",
    );
    expect((await prisma.tag.findMany({ where: { userId: user.id } })).map((t) => t.value).sort()).toEqual(["one", "two"]);
  });

  it("the root user's own key takes no description", async () => {
    await expectError(
      createAccessKeyWithDescription(rootCaller(), { Description: "root" }),
      "InvalidInput",
      "The root user's access keys cannot have a description: it is stored as a tag of an IAM user.",
    );
    const out = await createAccessKeyWithDescription(rootCaller(), {});
    expect(out.AccessKey.UserName).toBeUndefined();
    await prisma.accessKey.delete({ where: { id: out.AccessKey.AccessKeyId } });
  });

  it("for a user that does not exist fails with NoSuchEntity", async () => {
    await expectError(createAccessKeyWithDescription(rootCaller(), { UserName: "nobody", Description: "x" }), "NoSuchEntity", "The user with name nobody cannot be found.");
  });
});

describe("listAccessKeysWithDetails", () => {
  it("shows each key's description, age, last use and whether it is due for rotation", async () => {
    const user = await addUser("cak-rows");
    const old = await prisma.accessKey.create({
      data: {
        id: newId("accessKey"),
        accountId: ACCT,
        userId: user.id,
        secretEncrypted: "x",
        createdAt: new Date(TEST_NOW.getTime() - 120 * DAY),
        lastUsedDate: new Date(TEST_NOW.getTime() - DAY),
        lastUsedServiceName: "s3",
        lastUsedRegion: "us-east-1",
      },
    });
    await prisma.tag.create({ data: { userId: user.id, key: old.id, keyKey: old.id.toLowerCase(), value: "legacy job" } });
    const fresh = await createAccessKey(rootCaller(), { UserName: "cak-rows" });
    await prisma.accessKey.update({ where: { id: fresh.AccessKey.AccessKeyId }, data: { status: "Inactive" } });
    expect(await listAccessKeysWithDetails(rootCaller(), { UserName: "cak-rows" })).toEqual({
      rows: [
        {
          AccessKeyId: old.id,
          Status: "Active",
          CreateDate: old.createdAt,
          description: "legacy job",
          ageDays: 120,
          lastUsed: { date: old.lastUsedDate, service: "s3", region: "us-east-1" },
          needsRotation: true,
        },
        {
          AccessKeyId: fresh.AccessKey.AccessKeyId,
          Status: "Inactive",
          CreateDate: TEST_NOW,
          ageDays: 0,
          lastUsed: { service: "N/A", region: "N/A" },
          needsRotation: false,
        },
      ],
    });
  });

  it("the rotation threshold is 90 days", async () => {
    const user = await addUser("cak-90");
    for (const days of [89, 90]) {
      await prisma.accessKey.create({ data: { id: newId("accessKey"), accountId: ACCT, userId: user.id, secretEncrypted: "x", createdAt: new Date(TEST_NOW.getTime() - days * DAY) } });
    }
    const { rows } = await listAccessKeysWithDetails(rootCaller(), { UserName: "cak-90" });
    expect(rows.map((r) => [r.ageDays, r.needsRotation])).toEqual([
      [90, true],
      [89, false],
    ]);
  });

  it("needs iam:ListAccessKeys and iam:GetAccessKeyLastUsed; without iam:ListUserTags the descriptions are left out", async () => {
    const user = await addUser("cak-reader");
    await prisma.tag.create({ data: { userId: user.id, key: "AKIAEXAMPLE", keyKey: "akiaexample", value: "hidden" } });
    await createAccessKeyWithDescription(rootCaller(), { UserName: "cak-reader", Description: "secret plan" });
    const listOnly = await callerWithPolicies("cak-list-only", [policyDocument("Allow", "iam:ListAccessKeys", testUserArn("cak-reader"))]);
    await expectError(
      listAccessKeysWithDetails(listOnly, { UserName: "cak-reader" }),
      "AccessDenied",
      implicitDeny(listOnly, "iam:GetAccessKeyLastUsed", testUserArn("cak-reader")),
    );
    const reader = await callerWithPolicies("cak-no-tags", [
      policyDocument("Allow", ["iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"], testUserArn("cak-reader")),
    ]);
    const { rows } = await listAccessKeysWithDetails(reader, { UserName: "cak-reader" });
    expect(rows).toHaveLength(1);
    expect(rows[0].description).toBeUndefined();
  });
});

describe("deleteAccessKeyWithDescription", () => {
  it("deletes the key and its description tag, recording both calls", async () => {
    const user = await addUser("cak-delete");
    await prisma.tag.create({ data: { userId: user.id, key: "team", keyKey: "team", value: "ops" } });
    const { AccessKey } = await createAccessKeyWithDescription(rootCaller(), { UserName: "cak-delete", Description: "to go" });
    const caller = await callerWithPolicies("cak-deleter", [policyDocument("Allow", ["iam:DeleteAccessKey", "iam:UntagUser"], testUserArn("cak-delete"))]);
    await deleteAccessKeyWithDescription(caller, { UserName: "cak-delete", AccessKeyId: AccessKey.AccessKeyId });
    expect(await prisma.accessKey.count({ where: { userId: user.id } })).toBe(0);
    expect((await prisma.tag.findMany({ where: { userId: user.id } })).map((t) => t.key)).toEqual(["team"]);
    expect(await eventsSince(caller)).toEqual([
      ["DeleteAccessKey", null, { UserName: "cak-delete", AccessKeyId: AccessKey.AccessKeyId }],
      ["UntagUser", null, { UserName: "cak-delete", TagKeys: [AccessKey.AccessKeyId] }],
    ]);
  });

  it("a key without a description needs only iam:DeleteAccessKey", async () => {
    await addUser("cak-bare");
    const { AccessKey } = await createAccessKey(rootCaller(), { UserName: "cak-bare" });
    const caller = await callerWithPolicies("cak-bare-deleter", [policyDocument("Allow", "iam:DeleteAccessKey", testUserArn("cak-bare"))]);
    await deleteAccessKeyWithDescription(caller, { UserName: "cak-bare", AccessKeyId: AccessKey.AccessKeyId });
    expect(await prisma.accessKey.count({ where: { id: AccessKey.AccessKeyId } })).toBe(0);
  });

  it("without iam:UntagUser changes nothing; an unknown key fails with NoSuchEntity", async () => {
    await addUser("cak-keep");
    const { AccessKey } = await createAccessKeyWithDescription(rootCaller(), { UserName: "cak-keep", Description: "stays" });
    const caller = await callerWithPolicies("cak-half-deleter", [policyDocument("Allow", "iam:DeleteAccessKey", testUserArn("cak-keep"))]);
    await expectError(
      deleteAccessKeyWithDescription(caller, { UserName: "cak-keep", AccessKeyId: AccessKey.AccessKeyId }),
      "AccessDenied",
      implicitDeny(caller, "iam:UntagUser", testUserArn("cak-keep")),
    );
    expect(await prisma.accessKey.count({ where: { id: AccessKey.AccessKeyId } })).toBe(1);
    await expectError(
      deleteAccessKeyWithDescription(rootCaller(), { UserName: "cak-keep", AccessKeyId: "AKIAIOSFODNN7EXAMPLE" }),
      "NoSuchEntity",
      "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.",
    );
  });
});
