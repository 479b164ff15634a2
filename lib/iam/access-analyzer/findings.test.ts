import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createAccessKey, deleteAccessKey } from "../access-keys";
import { iamArn } from "../arns";
import { attachRolePolicy, detachRolePolicy } from "../attachments";
import type { Caller } from "../caller";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import { isIamError } from "../errors";
import { putRolePolicy } from "../inline-policies";
import { createPolicy } from "../policies";
import { createRole, deleteRole } from "../roles";
import { invokeServiceAction } from "../service-activity";
import { callerWithPolicies, expectError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller, roleSessionCaller } from "../testing";
import { createUser } from "../users";
import { analyzerArn, createAnalyzer, updateAnalyzer } from "./analyzers";
import {
  getFindingsStatistics,
  getFindingV2,
  listFindingsForConsole,
  listFindingsV2,
  rescanUnusedAccess,
  unusedAccessFindingSummary,
  updateFindings,
  type FindingSummaryV2,
} from "./findings";

// The analyzer's findings over time: created ACTIVE by a scan, kept (and kept archived) while
// the access stays unused, RESOLVED when it is removed or used, ACTIVE again when it comes
// back; ListFindingsV2's filters, sort and paging, GetFindingV2's details, UpdateFindings'
// archive and unarchive, the statistics, authorization, and the hourly rescan on reads.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const NOW = TEST_NOW;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
const later = (ms: number) => new Date(NOW.getTime() + ms);
const LONG_AGO = daysAgo(200);

let accounts = 0;
async function newAccount(): Promise<string> {
  const id = String(430000000000 + ++accounts);
  await prisma.account.create({ data: { id, rootEmail: `findings-${id}@test.example.com`, rootPasswordHash: "x" } });
  return id;
}

const root = (acct: string, at = NOW) => rootCaller(acct, { now: at });
const allow = (...actions: string[]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });

/** An account with an unused role, a user with a never-used key, and the analyzer made at NOW. */
async function scenario(unusedAccessAge = 90) {
  const acct = await newAccount();
  await createRole(root(acct, LONG_AGO), { RoleName: "Forgotten", AssumeRolePolicyDocument: TRUST });
  await createUser(root(acct, LONG_AGO), { UserName: "keeper" });
  const { AccessKeyId: keyId } = (await createAccessKey(root(acct, LONG_AGO), { UserName: "keeper" })).AccessKey;
  const { arn } = await createAnalyzer(root(acct), { analyzerName: "Unused", type: "ACCOUNT_UNUSED_ACCESS", configuration: { unusedAccess: { unusedAccessAge } } });
  return { acct, arn, keyId, roleArn: iamArn(acct, "role", "/", "Forgotten"), userArn: iamArn(acct, "user", "/", "keeper") };
}

const byType = (findings: FindingSummaryV2[], type: string) => findings.find((f) => f.findingType === type)!;

/** A session of the role, acting at `at`. */
const asRole = (acct: string, roleName: string, at: Date) => roleSessionCaller(roleName, "s", { accountId: acct, now: at });

async function call(caller: Caller, action: string): Promise<void> {
  try {
    await invokeServiceAction(caller, { Action: action });
  } catch (err) {
    if (!isIamError(err) || err.code !== "AccessDenied") throw err;
  }
}

describe("a scan's findings", () => {
  it("CreateAnalyzer's scan makes them ACTIVE, and ListFindingsV2 returns them in AWS's shape", async () => {
    const { acct, arn, roleArn, userArn } = await scenario();
    const { findings, nextToken } = await listFindingsV2(root(acct), { analyzerArn: arn, sort: { attributeName: "findingType", orderBy: "ASC" } });
    expect(nextToken).toBeUndefined();
    const at = { createdAt: NOW, updatedAt: NOW, analyzedAt: NOW, status: "ACTIVE", resourceOwnerAccount: acct };
    expect(findings).toEqual([
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), findingType: "UnusedIAMRole", resource: roleArn, resourceType: "AWS::IAM::Role", ...at },
      { id: expect.stringMatching(/^[0-9a-f-]{36}$/), findingType: "UnusedIAMUserAccessKey", resource: userArn, resourceType: "AWS::IAM::User", ...at },
    ]);
  });

  it("GetFindingV2 returns a finding with its details; an unknown ID is ResourceNotFoundException", async () => {
    const { acct, arn, keyId, userArn } = await scenario();
    const key = byType((await listFindingsV2(root(acct), { analyzerArn: arn })).findings, "UnusedIAMUserAccessKey");
    expect(await getFindingV2(root(acct), { analyzerArn: arn, id: key.id })).toEqual({
      ...key,
      resource: userArn,
      findingDetails: [{ unusedIamUserAccessKeyDetails: { accessKeyId: keyId } }],
    });
    const missing = "11111111-2222-4333-8444-555555555555";
    await expectError(getFindingV2(root(acct), { analyzerArn: arn, id: missing }), "ResourceNotFoundException", `Finding ${missing} not found.`);
    await expectError(getFindingV2(root(acct), { analyzerArn: arn, id: "not-an-id" }), "ResourceNotFoundException", "Finding not-an-id not found.");
  });

  it("deleting the key resolves its finding at the next scan; deleting the role resolves the role's", async () => {
    const { acct, arn, keyId } = await scenario();
    await deleteAccessKey(root(acct, later(HOUR)), { UserName: "keeper", AccessKeyId: keyId });
    await deleteRole(root(acct, later(HOUR)), { RoleName: "Forgotten" });
    // Within the hour nothing is scanned: the findings are as they were.
    expect((await listFindingsV2(root(acct, later(30 * 60 * 1000)), { analyzerArn: arn })).findings.map((f) => f.status)).toEqual(["ACTIVE", "ACTIVE"]);
    const after = later(2 * HOUR);
    const { findings } = await listFindingsV2(root(acct, after), { analyzerArn: arn });
    expect(findings.map((f) => [f.findingType, f.status, f.updatedAt, f.analyzedAt])).toEqual(
      expect.arrayContaining([
        ["UnusedIAMRole", "RESOLVED", after, after],
        ["UnusedIAMUserAccessKey", "RESOLVED", after, after],
      ]),
    );
  });

  it("a role used again is resolved; when it goes unused again the same finding is ACTIVE again", async () => {
    const { acct, arn } = await scenario();
    await call(await asRole(acct, "Forgotten", later(HOUR)), "s3:ListAllMyBuckets");
    await rescanUnusedAccess(root(acct, later(2 * HOUR)), { analyzerArn: arn });
    const resolved = byType((await listFindingsV2(root(acct, later(2 * HOUR)), { analyzerArn: arn })).findings, "UnusedIAMRole");
    expect(resolved.status).toBe("RESOLVED");
    const muchLater = new Date(later(HOUR).getTime() + 91 * DAY);
    const back = byType((await listFindingsV2(root(acct, muchLater), { analyzerArn: arn })).findings, "UnusedIAMRole");
    expect(back).toMatchObject({ id: resolved.id, status: "ACTIVE", createdAt: NOW, updatedAt: muchLater });
    expect((await getFindingV2(root(acct, muchLater), { analyzerArn: arn, id: back.id })).findingDetails).toEqual([{ unusedIamRoleDetails: { lastAccessed: later(HOUR) } }]);
  });

  it("detaching the policy that granted an unused service resolves the UnusedPermission finding; a partial change updates its details", async () => {
    const acct = await newAccount();
    await createRole(root(acct, LONG_AGO), { RoleName: "Worker", AssumeRolePolicyDocument: TRUST });
    await putRolePolicy(root(acct, LONG_AGO), { RoleName: "Worker", PolicyName: "storage", PolicyDocument: allow("s3:GetObject") });
    const { Policy } = await createPolicy(root(acct, LONG_AGO), { PolicyName: "Audit", PolicyDocument: allow("ec2:DescribeInstances", "cloudtrail:LookupEvents") });
    await attachRolePolicy(root(acct, LONG_AGO), { RoleName: "Worker", PolicyArn: Policy.Arn });
    await call(await asRole(acct, "Worker", daysAgo(3)), "sts:GetCallerIdentity");
    const { arn } = await createAnalyzer(root(acct), { analyzerName: "Unused", type: "ACCOUNT_UNUSED_ACCESS" });
    const permission = byType((await listFindingsV2(root(acct), { analyzerArn: arn })).findings, "UnusedPermission");
    const services = async (at: Date) =>
      (await getFindingV2(root(acct, at), { analyzerArn: arn, id: permission.id, maxResults: 1000 })).findingDetails.map(
        (d) => "unusedPermissionDetails" in d && d.unusedPermissionDetails.serviceNamespace,
      );
    expect(await services(NOW)).toEqual(["ec2", "s3", "cloudtrail"]);

    // The role calls S3: only S3 leaves the finding, which is updated, not resolved.
    await call(await asRole(acct, "Worker", later(HOUR)), "s3:GetObject");
    await rescanUnusedAccess(root(acct, later(2 * HOUR)), { analyzerArn: arn });
    const updated = (await getFindingV2(root(acct, later(2 * HOUR)), { analyzerArn: arn, id: permission.id })).status;
    expect(updated).toBe("ACTIVE");
    expect(await services(later(2 * HOUR))).toEqual(["ec2", "cloudtrail"]);
    expect((await prisma.analyzerFinding.findUniqueOrThrow({ where: { id: permission.id } })).updatedAt).toEqual(later(2 * HOUR));

    await detachRolePolicy(root(acct, later(3 * HOUR)), { RoleName: "Worker", PolicyArn: Policy.Arn });
    await rescanUnusedAccess(root(acct, later(4 * HOUR)), { analyzerArn: arn });
    expect((await getFindingV2(root(acct, later(4 * HOUR)), { analyzerArn: arn, id: permission.id })).status).toBe("RESOLVED");
  });

  it("a rescan with nothing changed keeps updatedAt and moves analyzedAt", async () => {
    const { acct, arn } = await scenario();
    await rescanUnusedAccess(root(acct, later(HOUR)), { analyzerArn: arn });
    const { findings } = await listFindingsV2(root(acct, later(HOUR)), { analyzerArn: arn });
    expect(findings.map((f) => [f.status, f.updatedAt, f.analyzedAt])).toEqual([
      ["ACTIVE", NOW, later(HOUR)],
      ["ACTIVE", NOW, later(HOUR)],
    ]);
  });

  it("a longer tracking period (UpdateAnalyzer) rescans at once and resolves what is no longer unused", async () => {
    const acct = await newAccount();
    await createRole(root(acct, daysAgo(100)), { RoleName: "Quiet", AssumeRolePolicyDocument: TRUST });
    const { arn } = await createAnalyzer(root(acct), { analyzerName: "Unused", type: "ACCOUNT_UNUSED_ACCESS", configuration: { unusedAccess: { unusedAccessAge: 30 } } });
    expect((await listFindingsV2(root(acct), { analyzerArn: arn })).findings.map((f) => f.status)).toEqual(["ACTIVE"]);
    // The role has not existed for 120 days: it is not analyzed under that period.
    await updateAnalyzer(root(acct, later(60 * 1000)), { analyzerName: "Unused", configuration: { unusedAccess: { unusedAccessAge: 120 } } });
    expect((await listFindingsV2(root(acct, later(60 * 1000)), { analyzerArn: arn })).findings.map((f) => f.status)).toEqual(["RESOLVED"]);
  });

  it("concurrent reads of a stale analyzer scan without duplicating findings", async () => {
    const { acct, arn } = await scenario();
    const at = later(2 * HOUR);
    const lists = await Promise.all([1, 2, 3, 4].map(() => listFindingsV2(root(acct, at), { analyzerArn: arn })));
    for (const list of lists) expect(list.findings).toHaveLength(2);
    expect(await prisma.analyzerFinding.count({ where: { analyzerArn: arn } })).toBe(2);
    expect((await prisma.analyzer.findUniqueOrThrow({ where: { arn } })).lastScannedAt).toEqual(at);
  });
});

describe("UpdateFindings", () => {
  it("archives a finding, which stays ARCHIVED through rescans, and unarchives it", async () => {
    const { acct, arn } = await scenario();
    const role = byType((await listFindingsV2(root(acct), { analyzerArn: arn })).findings, "UnusedIAMRole");
    await updateFindings(root(acct, later(60 * 1000)), { analyzerArn: arn, ids: [role.id], status: "ARCHIVED" });
    await rescanUnusedAccess(root(acct, later(2 * HOUR)), { analyzerArn: arn });
    const archived = (await getFindingV2(root(acct, later(2 * HOUR)), { analyzerArn: arn, id: role.id }));
    expect([archived.status, archived.updatedAt]).toEqual(["ARCHIVED", later(60 * 1000)]);
    // Filtered by status, as the console's Archived tab lists them.
    expect((await listFindingsV2(root(acct, later(2 * HOUR)), { analyzerArn: arn, filter: { status: { eq: ["ARCHIVED"] } } })).findings.map((f) => f.id)).toEqual([role.id]);

    await updateFindings(root(acct, later(3 * HOUR)), { analyzerArn: arn, ids: [role.id], status: "ACTIVE" });
    expect((await getFindingV2(root(acct, later(3 * HOUR)), { analyzerArn: arn, id: role.id })).status).toBe("ACTIVE");
  });

  it("an archived finding whose access is removed is RESOLVED, and a resolved one cannot be archived", async () => {
    const { acct, arn, keyId } = await scenario();
    const key = byType((await listFindingsV2(root(acct), { analyzerArn: arn })).findings, "UnusedIAMUserAccessKey");
    await updateFindings(root(acct), { analyzerArn: arn, ids: [key.id], status: "ARCHIVED" });
    await deleteAccessKey(root(acct, later(HOUR)), { UserName: "keeper", AccessKeyId: keyId });
    await rescanUnusedAccess(root(acct, later(2 * HOUR)), { analyzerArn: arn });
    expect((await getFindingV2(root(acct, later(2 * HOUR)), { analyzerArn: arn, id: key.id })).status).toBe("RESOLVED");
    await expectError(
      updateFindings(root(acct, later(2 * HOUR)), { analyzerArn: arn, ids: [key.id], status: "ACTIVE" }),
      "ValidationException",
      `Finding ${key.id} is resolved: only active and archived findings can be archived or unarchived.`,
    );
  });

  it("archives every finding of a resource by resourceArn", async () => {
    const { acct, arn, userArn } = await scenario();
    await updateFindings(root(acct), { analyzerArn: arn, resourceArn: userArn, status: "ARCHIVED" });
    const { findings } = await listFindingsV2(root(acct), { analyzerArn: arn });
    expect(findings.map((f) => [f.findingType, f.status]).sort()).toEqual([
      ["UnusedIAMRole", "ACTIVE"],
      ["UnusedIAMUserAccessKey", "ARCHIVED"],
    ]);
  });

  it("refuses other statuses, unknown IDs and requests naming no findings", async () => {
    const { acct, arn } = await scenario();
    const [finding] = (await listFindingsV2(root(acct), { analyzerArn: arn })).findings;
    await expectError(
      updateFindings(root(acct), { analyzerArn: arn, ids: [finding.id], status: "RESOLVED" }),
      "ValidationException",
      "1 validation error detected: Value 'RESOLVED' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, ARCHIVED]",
    );
    const unknown = "11111111-2222-4333-8444-555555555555";
    await expectError(updateFindings(root(acct), { analyzerArn: arn, ids: [finding.id, unknown], status: "ARCHIVED" }), "ResourceNotFoundException", `Finding ${unknown} not found.`);
    expect((await getFindingV2(root(acct), { analyzerArn: arn, id: finding.id })).status).toBe("ACTIVE");
    await expectError(updateFindings(root(acct), { analyzerArn: arn, status: "ARCHIVED" }), "ValidationException", "Name the findings to update with either ids or resourceArn.");
  });
});

describe("ListFindingsV2", () => {
  it("filters by findingType and resource, sorts, and pages with nextToken", async () => {
    const { acct, arn, roleArn, userArn } = await scenario();
    const list = (input: Omit<Parameters<typeof listFindingsV2>[1], "analyzerArn">) => listFindingsV2(root(acct), { analyzerArn: arn, ...input });
    expect((await list({ filter: { findingType: { eq: ["UnusedIAMRole"] } } })).findings.map((f) => f.resource)).toEqual([roleArn]);
    expect((await list({ filter: { findingType: { neq: ["UnusedIAMRole"] } } })).findings.map((f) => f.resource)).toEqual([userArn]);
    expect((await list({ filter: { resource: { contains: ["keeper"] } } })).findings.map((f) => f.resource)).toEqual([userArn]);
    expect((await list({ filter: { resourceOwnerAccount: { eq: ["999999999999"] } } })).findings).toEqual([]);
    expect((await list({ sort: { attributeName: "resource", orderBy: "DESC" } })).findings.map((f) => f.resource)).toEqual([userArn, roleArn]);

    const first = await list({ maxResults: 1, sort: { attributeName: "resource", orderBy: "ASC" } });
    expect(first.findings.map((f) => f.resource)).toEqual([roleArn]);
    const second = await list({ maxResults: 1, sort: { attributeName: "resource", orderBy: "ASC" }, nextToken: first.nextToken });
    expect([second.findings.map((f) => f.resource), second.nextToken]).toEqual([[userArn], undefined]);

    await expectError(list({ nextToken: "garbage" }), "ValidationException", "Invalid nextToken: pass the nextToken of the previous response unchanged.");
    await expectError(
      list({ filter: { principal: { eq: ["x"] } } }),
      "ValidationException",
      "Invalid filter key principal: findings of unused access filter on id, status, findingType, resource, resourceType, resourceOwnerAccount.",
    );
    await expectError(
      list({ sort: { attributeName: "color" } }),
      "ValidationException",
      "Invalid sort attributeName color: sort on one of id, status, findingType, resource, resourceType, createdAt, updatedAt, analyzedAt.",
    );
  });

  it("an analyzer ARN of another account or no analyzer fails: AccessDenied for another account, ResourceNotFoundException in one's own", async () => {
    const { arn } = await scenario();
    const other = await newAccount();
    await expectError(
      listFindingsV2(root(other), { analyzerArn: arn }),
      "AccessDenied",
      `User: arn:aws:iam::${other}:root is not authorized to perform: access-analyzer:ListFindings on resource: ${arn} because no identity-based policy allows the access-analyzer:ListFindings action`,
    );
    await expectError(listFindingsV2(root(other), { analyzerArn: analyzerArn(other, "Nope") }), "ResourceNotFoundException", `Analyzer ${analyzerArn(other, "Nope")} not found.`);
    await expectError(
      listFindingsV2(root(other), { analyzerArn: `arn:aws:iam::${other}:role/x` }),
      "ValidationException",
      `1 validation error detected: Value 'arn:aws:iam::${other}:role/x' at 'analyzerArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:]*:[^:]*:[^:]*:[^:]*:[^:]*:analyzer/.{1,255}`,
    );
  });

  it("is authorized as access-analyzer:ListFindings on the analyzer: dave is denied, a user allowed it lists", async () => {
    await createAnalyzer(rootCaller(), { analyzerName: "DemoUnused", type: "ACCOUNT_UNUSED_ACCESS" });
    const arn = analyzerArn(DEMO_ACCOUNT_ID, "DemoUnused");
    const dave = await userCaller("dave");
    await expectError(listFindingsV2(dave, { analyzerArn: arn }), "AccessDenied", implicitDeny(dave, "access-analyzer:ListFindings", arn));
    await expectError(updateFindings(dave, { analyzerArn: arn, ids: ["11111111-2222-4333-8444-555555555555"], status: "ARCHIVED" }), "AccessDenied", implicitDeny(dave, "access-analyzer:UpdateFindings", arn));
    const reader = await callerWithPolicies("aa-reader", [policyDocument("Allow", "access-analyzer:ListFindings", arn)]);
    expect(await listFindingsV2(reader, { analyzerArn: arn })).toEqual({ findings: expect.any(Array) });
    await expectError(getFindingsStatistics(reader, { analyzerArn: arn }), "AccessDenied", implicitDeny(reader, "access-analyzer:GetFindingsStatistics", arn));
  });

  it("records ListFindingsV2, GetFindingV2 and UpdateFindings as Access Analyzer events", async () => {
    const { acct, arn } = await scenario();
    const [finding] = (await listFindingsV2(root(acct), { analyzerArn: arn })).findings;
    await getFindingV2(root(acct), { analyzerArn: arn, id: finding.id });
    await updateFindings(root(acct), { analyzerArn: arn, ids: [finding.id], status: "ARCHIVED" });
    const events = await prisma.activityEvent.findMany({ where: { accountId: acct, eventSource: "access-analyzer.amazonaws.com" }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.eventName, e.readOnly, e.resourceArn, e.errorCode])).toEqual([
      ["CreateAnalyzer", false, arn, null],
      ["ListFindingsV2", true, arn, null],
      ["GetFindingV2", true, arn, null],
      ["UpdateFindings", false, arn, null],
    ]);
    expect(events[3].requestParameters).toEqual({ analyzerArn: arn, ids: [finding.id], status: "ARCHIVED" });
  });
});

describe("statistics and the console", () => {
  it("GetFindingsStatistics counts findings by status and active ones by type; the dashboard summary reads them", async () => {
    const { acct, arn } = await scenario();
    const role = byType((await listFindingsV2(root(acct), { analyzerArn: arn })).findings, "UnusedIAMRole");
    await updateFindings(root(acct), { analyzerArn: arn, ids: [role.id], status: "ARCHIVED" });
    expect(await getFindingsStatistics(root(acct), { analyzerArn: arn })).toEqual({
      findingsStatistics: [
        {
          unusedAccessFindingsStatistics: {
            totalActiveFindings: 1,
            totalArchivedFindings: 1,
            totalResolvedFindings: 0,
            unusedAccessTypeStatistics: [
              { unusedAccessType: "UnusedIAMRole", total: 0 },
              { unusedAccessType: "UnusedIAMUserAccessKey", total: 1 },
              { unusedAccessType: "UnusedIAMUserPassword", total: 0 },
              { unusedAccessType: "UnusedPermission", total: 0 },
            ],
          },
        },
      ],
      lastUpdatedAt: NOW,
    });
    expect(await unusedAccessFindingSummary(root(acct))).toEqual({
      analyzerArn: arn,
      analyzerName: "Unused",
      unusedAccessAge: 90,
      totalActiveFindings: 1,
      activeByType: { UnusedIAMRole: 0, UnusedIAMUserAccessKey: 1, UnusedIAMUserPassword: 0, UnusedPermission: 0 },
      lastUpdatedAt: NOW,
    });
    expect(await unusedAccessFindingSummary(root(await newAccount()))).toBeUndefined();
  });

  it("the console's list pages by status and text, with the total and each finding's details", async () => {
    const { acct, arn, keyId } = await scenario();
    const page = (input: Partial<Parameters<typeof listFindingsForConsole>[1]>) =>
      listFindingsForConsole(root(acct), { analyzerArn: arn, page: 1, pageSize: 10, ...input });
    const active = await page({ status: "ACTIVE", sort: "findingType" });
    expect([active.total, active.lastScannedAt]).toEqual([2, NOW]);
    expect(active.findings.map((f) => f.findingType)).toEqual(["UnusedIAMRole", "UnusedIAMUserAccessKey"]);
    expect(active.findings[1].findingDetails).toEqual([{ unusedIamUserAccessKeyDetails: { accessKeyId: keyId } }]);
    expect((await page({ status: "ARCHIVED" })).total).toBe(0);
    expect((await page({ filter: "KEEPER" })).findings.map((f) => f.findingType)).toEqual(["UnusedIAMUserAccessKey"]);
    expect((await page({ filter: active.findings[0].id })).findings.map((f) => f.id)).toEqual([active.findings[0].id]);
    const second = await page({ sort: "findingType", pageSize: 1, page: 2 });
    expect([second.total, second.findings.map((f) => f.findingType)]).toEqual([2, ["UnusedIAMUserAccessKey"]]);
  });
});
