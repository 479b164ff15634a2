import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { getPolicy } from "./policies";
import { awsPolicy, awsPolicyArn, documentOfSize, lastEvent, makePolicy, S3_READ } from "./policy-fixtures";
import { createPolicyVersion, deletePolicyVersion, getPolicyVersion, listPolicyVersions, setDefaultPolicyVersion } from "./policy-versions";
import { iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";

// Versions of managed policies: at most five, numbered v1, v2… and never reused; AWS managed
// policies can be read but not changed.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const root = () => rootCaller();
const doc = (action: string) => JSON.stringify(policyDocument("Allow", action));
const later = new Date(TEST_NOW.getTime() + 60_000);

describe("CreatePolicyVersion", () => {
  it("adds v2 without making it the default, and moves UpdateDate", async () => {
    const p = await makePolicy("Versioned");
    const out = await createPolicyVersion(rootCaller(undefined, { now: later }), { PolicyArn: p.arn, PolicyDocument: doc("s3:PutObject") });
    expect(out).toEqual({ PolicyVersion: { VersionId: "v2", IsDefaultVersion: false, CreateDate: later } });
    const policy = (await getPolicy(root(), { PolicyArn: p.arn })).Policy;
    expect(policy).toMatchObject({ DefaultVersionId: "v1", UpdateDate: later });
    const event = await lastEvent(root(), "CreatePolicyVersion");
    expect(event).toMatchObject({ errorCode: null, readOnly: false, requestParameters: { PolicyArn: p.arn } });
  });

  it("SetAsDefault makes the new version the default", async () => {
    const p = await makePolicy("DefaultOnCreate");
    const out = await createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: doc("s3:PutObject"), SetAsDefault: true });
    expect(out.PolicyVersion).toMatchObject({ VersionId: "v2", IsDefaultVersion: true });
    expect((await getPolicy(root(), { PolicyArn: p.arn })).Policy.DefaultVersionId).toBe("v2");
  });

  it("a sixth version fails with LimitExceeded; version IDs are not reused after a delete", async () => {
    const p = await makePolicy("FiveVersions");
    for (let i = 0; i < 4; i++) await createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: doc(`s3:Get${i}`) });
    const err = await iamError(createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: doc("s3:Get9") }));
    expect(err).toMatchObject({
      code: "LimitExceeded",
      message: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
    });
    await deletePolicyVersion(root(), { PolicyArn: p.arn, VersionId: "v5" });
    const next = await createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: doc("s3:Get9") });
    expect(next.PolicyVersion.VersionId).toBe("v6");
    expect((await listPolicyVersions(root(), { PolicyArn: p.arn })).Versions.map((v) => v.VersionId)).toEqual(["v6", "v4", "v3", "v2", "v1"]);
  });

  it("two versions at once on a policy with four: exactly one is created", async () => {
    const p = await makePolicy("RaceForTheFifth", { versions: [S3_READ, S3_READ, S3_READ, S3_READ] });
    const results = await Promise.allSettled([
      createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: doc("s3:A") }),
      createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: doc("s3:B") }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "LimitExceeded" });
    expect(await prisma.policyVersion.count({ where: { policyId: p.id } })).toBe(5);
  });

  it("the document is checked as a managed policy: Version required, 6,144 characters at most", async () => {
    const p = await makePolicy("CheckedVersions");
    const noVersion = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] });
    expect(await iamError(createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: noVersion }))).toMatchObject({
      code: "MalformedPolicyDocument",
      message: "Policy document must be version 2012-10-17 or greater.",
    });
    expect(await iamError(createPolicyVersion(root(), { PolicyArn: p.arn, PolicyDocument: documentOfSize(6145) }))).toMatchObject({
      code: "LimitExceeded",
      message: "Cannot exceed quota for PolicySize: 6144",
    });
    expect(await prisma.policyVersion.count({ where: { policyId: p.id } })).toBe(1);
  });

  it("on a policy that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(createPolicyVersion(root(), { PolicyArn: "arn:aws:iam::123456789012:policy/Nope", PolicyDocument: doc("s3:*") }));
    expect(err).toMatchObject({ code: "NoSuchEntity", message: "Policy arn:aws:iam::123456789012:policy/Nope was not found." });
  });
});

describe("GetPolicyVersion and ListPolicyVersions", () => {
  it("GetPolicyVersion returns the document as stored", async () => {
    const p = await makePolicy("Readable", { versions: [S3_READ, doc("s3:PutObject")] });
    const v2 = await getPolicyVersion(root(), { PolicyArn: p.arn, VersionId: "v2" });
    expect(v2).toEqual({ PolicyVersion: { Document: doc("s3:PutObject"), VersionId: "v2", IsDefaultVersion: false, CreateDate: expect.any(Date) } });
    expect((await getPolicyVersion(root(), { PolicyArn: p.arn, VersionId: "v1" })).PolicyVersion).toMatchObject({ Document: S3_READ, IsDefaultVersion: true });
    expect((await lastEvent(root(), "GetPolicyVersion")).readOnly).toBe(true);
  });

  it("GetPolicyVersion of a version that does not exist fails with NoSuchEntity", async () => {
    const p = await makePolicy("OneVersion");
    const err = await iamError(getPolicyVersion(root(), { PolicyArn: p.arn, VersionId: "v9" }));
    expect(err).toMatchObject({ code: "NoSuchEntity", message: `Policy ${p.arn} version v9 does not exist or is not attachable.` });
  });

  it("an AWS managed policy's default version can be read and listed", async () => {
    const admin = await awsPolicy("AdministratorAccess");
    const out = await getPolicyVersion(root(), { PolicyArn: admin.arn, VersionId: admin.defaultVersionId });
    expect(JSON.parse(out.PolicyVersion.Document!)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    expect(out.PolicyVersion.IsDefaultVersion).toBe(true);
    const list = await listPolicyVersions(root(), { PolicyArn: admin.arn });
    expect(list).toEqual({ Versions: [{ VersionId: admin.defaultVersionId, IsDefaultVersion: true, CreateDate: expect.any(Date) }], IsTruncated: false });
  });

  it("ListPolicyVersions lists newest first and pages with Marker", async () => {
    const p = await makePolicy("Paged", { versions: [S3_READ, S3_READ, S3_READ] });
    const first = await listPolicyVersions(root(), { PolicyArn: p.arn, MaxItems: 2 });
    expect(first.Versions.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ["v3", false],
      ["v2", false],
    ]);
    expect(first.IsTruncated).toBe(true);
    const second = await listPolicyVersions(root(), { PolicyArn: p.arn, MaxItems: 2, Marker: first.Marker });
    expect(second).toEqual({ Versions: [{ VersionId: "v1", IsDefaultVersion: true, CreateDate: expect.any(Date) }], IsTruncated: false });
  });

  it("ListPolicyVersions of a policy that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(listPolicyVersions(root(), { PolicyArn: "arn:aws:iam::123456789012:policy/Nope" }));
    expect(err).toMatchObject({ code: "NoSuchEntity", message: "Policy arn:aws:iam::123456789012:policy/Nope was not found." });
  });

  it.each(["1", "V1", "v0", "version1"])("VersionId %s fails with ValidationError", async (VersionId) => {
    const err = await iamError(getPolicyVersion(root(), { PolicyArn: "arn:aws:iam::123456789012:policy/DeveloperAccess", VersionId }));
    expect(err).toMatchObject({
      code: "ValidationError",
      message: `1 validation error detected: Value '${VersionId}' at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?`,
    });
  });
});

describe("DeletePolicyVersion and SetDefaultPolicyVersion", () => {
  it("SetDefaultPolicyVersion switches the default; the old default can then be deleted", async () => {
    const p = await makePolicy("Switching", { versions: [S3_READ, doc("s3:PutObject")] });
    await setDefaultPolicyVersion(root(), { PolicyArn: p.arn, VersionId: "v2" });
    expect((await getPolicy(root(), { PolicyArn: p.arn })).Policy.DefaultVersionId).toBe("v2");
    await deletePolicyVersion(root(), { PolicyArn: p.arn, VersionId: "v1" });
    expect((await listPolicyVersions(root(), { PolicyArn: p.arn })).Versions.map((v) => v.VersionId)).toEqual(["v2"]);
    expect((await lastEvent(root(), "SetDefaultPolicyVersion")).requestParameters).toEqual({ PolicyArn: p.arn, VersionId: "v2" });
  });

  it("DeletePolicyVersion of the default version fails with DeleteConflict", async () => {
    const p = await makePolicy("KeepDefault", { versions: [S3_READ, S3_READ] });
    const err = await iamError(deletePolicyVersion(root(), { PolicyArn: p.arn, VersionId: "v1" }));
    expect(err).toMatchObject({ code: "DeleteConflict", message: "Cannot delete the default version of a policy." });
  });

  it.each(["delete", "set default"])("%s of a version that does not exist fails with NoSuchEntity", async (what) => {
    const p = await makePolicy(`Missing${what.replace(" ", "")}`);
    const input = { PolicyArn: p.arn, VersionId: "v7" };
    const err = await iamError(what === "delete" ? deletePolicyVersion(root(), input) : setDefaultPolicyVersion(root(), input));
    expect(err).toMatchObject({ code: "NoSuchEntity", message: `Policy ${p.arn} version v7 does not exist or is not attachable.` });
  });

  it("AWS managed policies cannot be changed, even by root", async () => {
    const arn = awsPolicyArn("ReadOnlyAccess");
    const ro = await awsPolicy("ReadOnlyAccess");
    const attempts: [string, () => Promise<unknown>][] = [
      ["iam:CreatePolicyVersion", () => createPolicyVersion(root(), { PolicyArn: arn, PolicyDocument: doc("s3:*") })],
      ["iam:DeletePolicyVersion", () => deletePolicyVersion(root(), { PolicyArn: arn, VersionId: "v1" })],
      ["iam:SetDefaultPolicyVersion", () => setDefaultPolicyVersion(root(), { PolicyArn: arn, VersionId: ro.defaultVersionId })],
    ];
    for (const [action, attempt] of attempts) {
      expect(await iamError(attempt())).toMatchObject({
        code: "AccessDenied",
        message: `User: arn:aws:iam::123456789012:root is not authorized to perform: ${action} on resource: ${arn} because no resource-based policy allows the ${action} action`,
      });
    }
    expect(await prisma.policyVersion.count({ where: { policyId: ro.id } })).toBe(1);
  });
});
