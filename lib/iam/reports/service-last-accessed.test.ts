import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "../arns";
import { attachGroupPolicy, attachRolePolicy, attachUserPolicy } from "../attachments";
import { settleBackgroundWork } from "../background";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import type { Caller } from "../caller";
import { addUserToGroup, createGroup } from "../groups";
import { putGroupPolicy, putRolePolicy, putUserPolicy } from "../inline-policies";
import { createPolicy } from "../policies";
import { createRole } from "../roles";
import { invokeServiceAction } from "../service-activity";
import { deleteUser, getUser, listUsers } from "../users";
import {
  addUser,
  callerWithPolicies,
  expectError,
  implicitDeny,
  policyDocument,
  roleSessionCaller,
  rootCaller,
  setupDemoAccount,
  TEST_NOW,
  testUserArn,
  userCaller,
} from "../testing";
import {
  generateServiceLastAccessedDetails,
  getServiceLastAccessedDetails,
  getServiceLastAccessedDetailsWithEntities,
  listPoliciesGrantingServiceAccess,
  STALE_JOB_MS,
  type GetServiceLastAccessedDetailsOutput,
  type ServiceLastAccessed,
} from "./service-last-accessed";

// Access advisor (iam-facts §12) with the clock under the test's control: which services are
// listed, whose attempts count, the 400-day tracking period, and who may read a job.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const DAY = 86_400_000;
const root = rootCaller();
const at = (caller: Caller, when: Date | string, extra: Partial<Caller> = {}): Caller => ({ ...caller, now: new Date(when), ...extra });
const daysBefore = (days: number, ms = 0) => new Date(TEST_NOW.getTime() - days * DAY - ms);
const json = (d: object) => JSON.stringify(d);

/** Generates a report as `caller` and reads it once the job has run. */
async function report(caller: Caller, Arn: string, Granularity?: "SERVICE_LEVEL" | "ACTION_LEVEL"): Promise<GetServiceLastAccessedDetailsOutput & { JobId: string }> {
  const { JobId } = await generateServiceLastAccessedDetails(caller, { Arn, Granularity });
  await settleBackgroundWork();
  return { JobId, ...(await getServiceLastAccessedDetails(caller, { JobId, MaxItems: 1000 })) };
}

const service = (out: { ServicesLastAccessed: ServiceLastAccessed[] }, namespace: string) => out.ServicesLastAccessed.find((s) => s.ServiceNamespace === namespace);

async function roleWith(name: string, document: object) {
  await createRole(root, { RoleName: name, AssumeRolePolicyDocument: json({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: "sts:AssumeRole" }] }) });
  await putRolePolicy(root, { RoleName: name, PolicyName: "inline", PolicyDocument: json(document) });
  return iamArn(ACCT, "role", "/", name);
}

describe("GenerateServiceLastAccessedDetails / GetServiceLastAccessedDetails", () => {
  it("answers IN_PROGRESS at once, then lists every granted service: used ones with the latest attempt, unused ones bare", async () => {
    const user = await callerWithPolicies("sla-basic", [policyDocument("Allow", ["iam:ListUsers", "s3:GetObject", "dynamodb:GetItem"])]);
    await listUsers(at(user, "2026-05-01T10:00:00Z"));
    await invokeServiceAction(at(user, "2026-05-02T10:00:00Z", { region: "eu-west-1" }), { Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key" });

    const { JobId } = await generateServiceLastAccessedDetails(root, { Arn: user.principalArn });
    expect(JobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const first = await getServiceLastAccessedDetails(root, { JobId });
    if (first.JobStatus === "IN_PROGRESS") {
      expect(first).toEqual({ JobStatus: "IN_PROGRESS", JobType: "SERVICE_LEVEL", JobCreationDate: TEST_NOW, ServicesLastAccessed: [], IsTruncated: false });
    }
    await settleBackgroundWork();
    const done = await getServiceLastAccessedDetails(root, { JobId });
    expect(done).toEqual({
      JobStatus: "COMPLETED",
      JobType: "SERVICE_LEVEL",
      JobCreationDate: TEST_NOW,
      JobCompletionDate: TEST_NOW,
      IsTruncated: false,
      ServicesLastAccessed: [
        { ServiceName: "Amazon DynamoDB", ServiceNamespace: "dynamodb", TotalAuthenticatedEntities: 0 },
        {
          ServiceName: "Amazon S3",
          ServiceNamespace: "s3",
          LastAuthenticated: new Date("2026-05-02T10:00:00Z"),
          LastAuthenticatedEntity: user.principalArn,
          LastAuthenticatedRegion: "eu-west-1",
          TotalAuthenticatedEntities: 1,
        },
        {
          ServiceName: "AWS Identity and Access Management",
          ServiceNamespace: "iam",
          LastAuthenticated: new Date("2026-05-01T10:00:00Z"),
          LastAuthenticatedEntity: user.principalArn,
          LastAuthenticatedRegion: "us-east-1",
          TotalAuthenticatedEntities: 1,
        },
      ],
    });
  });

  it("tracks 400 days back from the request: an attempt exactly 400 days old counts, one a moment older does not, nor one after the request", async () => {
    const inside = await callerWithPolicies("sla-window-in", [policyDocument("Allow", "iam:ListUsers")]);
    const outside = await callerWithPolicies("sla-window-out", [policyDocument("Allow", "iam:ListUsers")]);
    await listUsers(at(inside, daysBefore(400)));
    await listUsers(at(outside, daysBefore(400, 1)));
    await listUsers(at(outside, new Date(TEST_NOW.getTime() + 1000)));
    expect(service(await report(root, inside.principalArn), "iam")).toMatchObject({ LastAuthenticated: daysBefore(400), TotalAuthenticatedEntities: 1 });
    expect(service(await report(root, outside.principalArn), "iam")).toEqual({ ServiceName: "AWS Identity and Access Management", ServiceNamespace: "iam", TotalAuthenticatedEntities: 0 });
    // The same history, asked about a day later, has aged out.
    expect(service(await report(at(root, new Date(TEST_NOW.getTime() + DAY)), inside.principalArn), "iam")?.LastAuthenticated).toBeUndefined();
  });

  it("counts denied attempts, but lists only services the policies allow; a Deny does not remove a service", async () => {
    const user = await callerWithPolicies("sla-denied", [
      policyDocument("Allow", "s3:GetObject", "arn:aws:s3:::mine/*"),
      policyDocument("Deny", "ec2:*"),
      policyDocument("Allow", "ec2:DescribeInstances"),
    ]);
    await expect(invokeServiceAction(at(user, "2026-05-10T00:00:00Z"), { Action: "s3:GetObject", Resource: "arn:aws:s3:::theirs/k" })).rejects.toMatchObject({ code: "AccessDenied" });
    await expect(invokeServiceAction(at(user, "2026-05-11T00:00:00Z"), { Action: "ec2:DescribeInstances" })).rejects.toMatchObject({ code: "AccessDenied" });
    await expect(invokeServiceAction(at(user, "2026-05-12T00:00:00Z"), { Action: "sqs:ListQueues" })).rejects.toMatchObject({ code: "AccessDenied" });
    const out = await report(root, user.principalArn);
    expect(out.ServicesLastAccessed.map((s) => [s.ServiceNamespace, s.LastAuthenticated])).toEqual([
      ["ec2", new Date("2026-05-11T00:00:00Z")],
      ["s3", new Date("2026-05-10T00:00:00Z")],
    ]);
  });

  it("reports a group's member users: the member that last used a service, how many did, and each member with WithEntities", async () => {
    await createGroup(root, { GroupName: "sla-group" });
    await putGroupPolicy(root, { GroupName: "sla-group", PolicyName: "reads", PolicyDocument: json(policyDocument("Allow", ["iam:List*", "s3:GetObject"])) });
    for (const name of ["sla-m1", "sla-m2", "sla-m3"]) {
      await addUser(name);
      await addUserToGroup(root, { GroupName: "sla-group", UserName: name });
    }
    const m1 = await userCaller("sla-m1");
    const m2 = await userCaller("sla-m2");
    await listUsers(at(m1, "2026-04-01T00:00:00Z"));
    await listUsers(at(m2, "2026-04-05T00:00:00Z"));
    await listUsers(at(m1, "2026-03-01T00:00:00Z"));
    const out = await report(root, iamArn(ACCT, "group", "/", "sla-group"));
    expect(service(out, "iam")).toMatchObject({ LastAuthenticated: new Date("2026-04-05T00:00:00Z"), LastAuthenticatedEntity: m2.principalArn, TotalAuthenticatedEntities: 2 });
    expect(service(out, "s3")).toMatchObject({ TotalAuthenticatedEntities: 0 });

    const entities = await getServiceLastAccessedDetailsWithEntities(root, { JobId: out.JobId, ServiceNamespace: "iam" });
    const m3 = await prisma.user.findFirstOrThrow({ where: { nameKey: "sla-m3" } });
    expect(entities).toMatchObject({ JobStatus: "COMPLETED", JobCreationDate: TEST_NOW, JobCompletionDate: TEST_NOW, IsTruncated: false });
    expect(entities.EntityDetailsList).toEqual([
      { EntityInfo: { Arn: m2.principalArn, Name: "sla-m2", Type: "USER", Id: m2.userId, Path: "/" }, LastAuthenticated: new Date("2026-04-05T00:00:00Z") },
      { EntityInfo: { Arn: m1.principalArn, Name: "sla-m1", Type: "USER", Id: m1.userId, Path: "/" }, LastAuthenticated: new Date("2026-04-01T00:00:00Z") },
      { EntityInfo: { Arn: m3.arn, Name: "sla-m3", Type: "USER", Id: m3.id, Path: "/" } },
    ]);
    const page = await getServiceLastAccessedDetailsWithEntities(root, { JobId: out.JobId, ServiceNamespace: "iam", MaxItems: 2 });
    expect(page.EntityDetailsList.map((e) => e.EntityInfo.Name)).toEqual(["sla-m2", "sla-m1"]);
    expect(page.IsTruncated).toBe(true);
    const rest = await getServiceLastAccessedDetailsWithEntities(root, { JobId: out.JobId, ServiceNamespace: "iam", MaxItems: 2, Marker: page.Marker });
    expect(rest).toMatchObject({ IsTruncated: false, EntityDetailsList: [{ EntityInfo: { Name: "sla-m3" } }] });
    // A service the group's policies do not allow has no entities.
    expect((await getServiceLastAccessedDetailsWithEntities(root, { JobId: out.JobId, ServiceNamespace: "ec2" })).EntityDetailsList).toEqual([]);
  });

  it("reports a managed policy's users and roles, attached directly or through a group", async () => {
    const { Policy } = await createPolicy(root, { PolicyName: "sla-policy", PolicyDocument: json(policyDocument("Allow", ["iam:ListUsers", "iam:GetUser"])) });
    await addUser("sla-p-direct");
    await addUser("sla-p-member");
    await addUser("sla-p-bystander");
    await createGroup(root, { GroupName: "sla-p-group" });
    await addUserToGroup(root, { GroupName: "sla-p-group", UserName: "sla-p-member" });
    await attachUserPolicy(root, { UserName: "sla-p-direct", PolicyArn: Policy.Arn });
    await attachGroupPolicy(root, { GroupName: "sla-p-group", PolicyArn: Policy.Arn });
    const roleArn = await roleWith("sla-p-role", policyDocument("Allow", "sts:GetCallerIdentity"));
    await attachRolePolicy(root, { RoleName: "sla-p-role", PolicyArn: Policy.Arn });
    await listUsers(at(await userCaller("sla-p-direct"), "2026-05-01T00:00:00Z"));
    await getUser(at(await roleSessionCaller("sla-p-role", "worker"), "2026-05-03T00:00:00Z"), { UserName: "sla-p-direct" });
    await listUsers(at(await userCaller("sla-p-member"), "2026-05-02T00:00:00Z"));
    // Not attached: does not count for the policy.
    await expect(listUsers(at(await userCaller("sla-p-bystander"), "2026-05-04T00:00:00Z"))).rejects.toMatchObject({ code: "AccessDenied" });

    const out = await report(root, Policy.Arn);
    expect(out.ServicesLastAccessed).toEqual([
      {
        ServiceName: "AWS Identity and Access Management",
        ServiceNamespace: "iam",
        LastAuthenticated: new Date("2026-05-03T00:00:00Z"),
        LastAuthenticatedEntity: roleArn,
        LastAuthenticatedRegion: "us-east-1",
        TotalAuthenticatedEntities: 3,
      },
    ]);
    const entities = await getServiceLastAccessedDetailsWithEntities(root, { JobId: out.JobId, ServiceNamespace: "iam" });
    expect(entities.EntityDetailsList.map((e) => [e.EntityInfo.Name, e.EntityInfo.Type])).toEqual([
      ["sla-p-role", "ROLE"],
      ["sla-p-member", "USER"],
      ["sla-p-direct", "USER"],
    ]);
  });

  it("counts a role's sessions for the role, and reports the role as the entity", async () => {
    const roleArn = await roleWith("sla-role", policyDocument("Allow", ["iam:ListUsers", "lambda:ListFunctions"]));
    await listUsers(at(await roleSessionCaller("sla-role", "first"), "2026-05-05T00:00:00Z"));
    await invokeServiceAction(at(await roleSessionCaller("sla-role", "second"), "2026-05-06T00:00:00Z", { region: "ap-south-1" }), { Action: "lambda:ListFunctions" });
    const out = await report(root, roleArn);
    expect(out.ServicesLastAccessed.map((s) => [s.ServiceNamespace, s.LastAuthenticatedEntity, s.LastAuthenticatedRegion, s.TotalAuthenticatedEntities])).toEqual([
      ["iam", roleArn, "us-east-1", 1],
      ["lambda", roleArn, "ap-south-1", 1],
    ]);
  });

  it("pages the services with MaxItems and Marker", async () => {
    const user = await callerWithPolicies("sla-paging", [policyDocument("Allow", ["s3:GetObject", "ec2:DescribeInstances", "sqs:ListQueues", "sns:ListTopics", "iam:GetUser"])]);
    const { JobId } = await generateServiceLastAccessedDetails(root, { Arn: user.principalArn });
    await settleBackgroundWork();
    const names: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await getServiceLastAccessedDetails(root, { JobId, MaxItems: 2, Marker });
      expect(page.ServicesLastAccessed.length).toBeLessThanOrEqual(2);
      names.push(...page.ServicesLastAccessed.map((s) => s.ServiceNamespace));
      Marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (Marker);
    expect(pages).toBe(3);
    expect(names).toEqual(["ec2", "s3", "sns", "sqs", "iam"]);
    await expectError(getServiceLastAccessedDetails(root, { JobId, Marker: "bogus" }), "InvalidInput", "Invalid Marker.");
    await expectError(
      getServiceLastAccessedDetails(root, { JobId, MaxItems: 0 }),
      "ValidationError",
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("ACTION_LEVEL lists IAM's tracked actions, allowed or attempted, with their latest attempt; never iam:PassRole", async () => {
    const user = await callerWithPolicies("sla-actions", [policyDocument("Allow", ["iam:ListUsers", "iam:GetUser", "iam:PassRole", "s3:GetObject"])]);
    await listUsers(at(user, "2026-05-01T00:00:00Z"));
    await listUsers(at(user, "2026-05-03T00:00:00Z"));
    await expect(getUser(at(user, "2026-05-02T00:00:00Z"), { UserName: "alice" })).resolves.toBeDefined();
    await expect(
      deleteUser(at(user, "2026-05-04T00:00:00Z"), { UserName: "alice" }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    const out = await report(root, user.principalArn, "ACTION_LEVEL");
    expect(out.JobType).toBe("ACTION_LEVEL");
    expect(service(out, "iam")?.TrackedActionsLastAccessed).toEqual([
      { ActionName: "DeleteUser", LastAccessedEntity: user.principalArn, LastAccessedTime: new Date("2026-05-04T00:00:00Z"), LastAccessedRegion: "us-east-1" },
      { ActionName: "ListUsers", LastAccessedEntity: user.principalArn, LastAccessedTime: new Date("2026-05-03T00:00:00Z"), LastAccessedRegion: "us-east-1" },
      { ActionName: "GetUser", LastAccessedEntity: user.principalArn, LastAccessedTime: new Date("2026-05-02T00:00:00Z"), LastAccessedRegion: "us-east-1" },
    ]);
    // Only tracked services carry actions, and only in ACTION_LEVEL jobs.
    expect(service(out, "s3")?.TrackedActionsLastAccessed).toBeUndefined();
    expect(service(await report(root, user.principalArn), "iam")?.TrackedActionsLastAccessed).toBeUndefined();
  });

  it("an allowed IAM action never attempted is listed with its name only", async () => {
    const user = await callerWithPolicies("sla-actions-unused", [policyDocument("Allow", "iam:GetAccountSummary")]);
    const out = await report(root, user.principalArn, "ACTION_LEVEL");
    expect(service(out, "iam")?.TrackedActionsLastAccessed).toEqual([{ ActionName: "GetAccountSummary" }]);
  });

  it("lets only the principal that generated the job read it: another user, or another session of the same role, gets NoSuchEntity", async () => {
    const reader = await callerWithPolicies("sla-reader", [policyDocument("Allow", "iam:*ServiceLastAccessed*")]);
    const other = await callerWithPolicies("sla-other-reader", [policyDocument("Allow", "iam:*ServiceLastAccessed*")]);
    const { JobId } = await generateServiceLastAccessedDetails(reader, { Arn: reader.principalArn });
    await settleBackgroundWork();
    await expect(getServiceLastAccessedDetails(reader, { JobId })).resolves.toMatchObject({ JobStatus: "COMPLETED" });
    await expectError(getServiceLastAccessedDetails(other, { JobId }), "NoSuchEntity", `The job with ID ${JobId} cannot be found.`);
    await expectError(getServiceLastAccessedDetails(root, { JobId }), "NoSuchEntity", `The job with ID ${JobId} cannot be found.`);
    await expectError(getServiceLastAccessedDetailsWithEntities(other, { JobId, ServiceNamespace: "iam" }), "NoSuchEntity", `The job with ID ${JobId} cannot be found.`);

    const roleArn = await roleWith("sla-reader-role", policyDocument("Allow", "iam:*ServiceLastAccessed*"));
    const session = await roleSessionCaller("sla-reader-role", "one");
    const job = await generateServiceLastAccessedDetails(session, { Arn: roleArn });
    await settleBackgroundWork();
    await expect(getServiceLastAccessedDetails(session, job)).resolves.toMatchObject({ JobStatus: "COMPLETED" });
    await expectError(getServiceLastAccessedDetails(await roleSessionCaller("sla-reader-role", "two"), job), "NoSuchEntity", `The job with ID ${job.JobId} cannot be found.`);
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expectError(getServiceLastAccessedDetails(root, { JobId: unknown }), "NoSuchEntity", `The job with ID ${unknown} cannot be found.`);
    await expectError(
      getServiceLastAccessedDetails(root, { JobId: "short" }),
      "ValidationError",
      "1 validation error detected: Value 'short' at 'jobId' failed to satisfy constraint: Member must have length greater than or equal to 36",
    );
  });

  it("refuses what is no user, group, role or managed policy, and entities that do not exist", async () => {
    await expectError(generateServiceLastAccessedDetails(root, { Arn: "arn:aws:s3:::some-bucket" }), "InvalidInput", "ARN arn:aws:s3:::some-bucket is not valid.");
    await expectError(generateServiceLastAccessedDetails(root, { Arn: `arn:aws:iam::${ACCT}:mfa/device` }), "InvalidInput", `ARN arn:aws:iam::${ACCT}:mfa/device is not valid.`);
    await expectError(generateServiceLastAccessedDetails(root, { Arn: testUserArn("sla-nobody") }), "NoSuchEntity", "The user with name sla-nobody cannot be found.");
    await expectError(generateServiceLastAccessedDetails(root, { Arn: iamArn(ACCT, "group", "/", "sla-nogroup") }), "NoSuchEntity", "The group with name sla-nogroup cannot be found.");
    await expectError(generateServiceLastAccessedDetails(root, { Arn: iamArn(ACCT, "role", "/", "sla-norole") }), "NoSuchEntity", "The role with name sla-norole cannot be found.");
    const missingPolicy = iamArn(ACCT, "policy", "/", "sla-nopolicy");
    await expectError(generateServiceLastAccessedDetails(root, { Arn: missingPolicy }), "NoSuchEntity", `Policy ${missingPolicy} was not found.`);
    await expectError(
      generateServiceLastAccessedDetails(root, { Arn: testUserArn("bob"), Granularity: "SERVICE" as "SERVICE_LEVEL" }),
      "ValidationError",
      "1 validation error detected: Value 'SERVICE' at 'granularity' failed to satisfy constraint: Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]",
    );
  });

  it("reports an AWS managed policy by the account's use of it", async () => {
    const out = await report(root, "arn:aws:iam::aws:policy/SecurityAudit");
    expect(out.JobStatus).toBe("COMPLETED");
    expect(out.ServicesLastAccessed.length).toBeGreaterThan(50);
    const entities = await getServiceLastAccessedDetailsWithEntities(root, { JobId: out.JobId, ServiceNamespace: "iam", MaxItems: 1000 });
    // Auditors' member carol and AuditorRole have SecurityAudit.
    expect(entities.EntityDetailsList.map((e) => e.EntityInfo.Name).sort()).toEqual(["AuditorRole", "carol"]);
  });

  it("runs again a job whose process died, recognised by its age; a job about an entity since deleted fails", async () => {
    const user = await callerWithPolicies("sla-stale", [policyDocument("Allow", "iam:ListUsers")]);
    const requested = new Date(TEST_NOW.getTime() - STALE_JOB_MS);
    const jobId = "11111111-1111-4111-8111-111111111111";
    await prisma.serviceLastAccessedJob.create({
      data: { jobId, accountId: ACCT, requesterArn: root.principalArn, entityArn: user.principalArn, granularity: "SERVICE_LEVEL", status: "IN_PROGRESS", createdAt: requested },
    });
    // Younger than the limit: left alone, it may still be running elsewhere.
    expect(await getServiceLastAccessedDetails(at(root, new Date(TEST_NOW.getTime() - 1)), { JobId: jobId })).toMatchObject({ JobStatus: "IN_PROGRESS" });
    await settleBackgroundWork();
    expect((await prisma.serviceLastAccessedJob.findUniqueOrThrow({ where: { jobId } })).status).toBe("IN_PROGRESS");
    await getServiceLastAccessedDetails(root, { JobId: jobId });
    await settleBackgroundWork();
    expect(await getServiceLastAccessedDetails(root, { JobId: jobId })).toMatchObject({ JobStatus: "COMPLETED", JobCompletionDate: requested, ServicesLastAccessed: [{ ServiceNamespace: "iam" }] });

    const goneId = "22222222-2222-4222-8222-222222222222";
    await prisma.serviceLastAccessedJob.create({
      data: { jobId: goneId, accountId: ACCT, requesterArn: root.principalArn, entityArn: testUserArn("sla-gone"), granularity: "SERVICE_LEVEL", status: "IN_PROGRESS", createdAt: requested },
    });
    await getServiceLastAccessedDetails(root, { JobId: goneId });
    await settleBackgroundWork();
    expect(await getServiceLastAccessedDetails(root, { JobId: goneId })).toEqual({
      JobStatus: "FAILED",
      JobType: "SERVICE_LEVEL",
      JobCreationDate: requested,
      JobCompletionDate: requested,
      Error: { Code: "NoSuchEntity", Message: "The user with name sla-gone cannot be found." },
      ServicesLastAccessed: [],
      IsTruncated: false,
    });
  });

  it("is denied to dave, who has no policies: Generate on the entity's ARN, Get on *", async () => {
    const dave = await userCaller("dave");
    const bob = testUserArn("bob");
    await expectError(generateServiceLastAccessedDetails(dave, { Arn: bob }), "AccessDenied", implicitDeny(dave, "iam:GenerateServiceLastAccessedDetails", bob));
    const { JobId } = await generateServiceLastAccessedDetails(root, { Arn: bob });
    await settleBackgroundWork();
    await expectError(getServiceLastAccessedDetails(dave, { JobId }), "AccessDenied", implicitDeny(dave, "iam:GetServiceLastAccessedDetails", "*"));
    await expectError(
      getServiceLastAccessedDetailsWithEntities(dave, { JobId, ServiceNamespace: "iam" }),
      "AccessDenied",
      implicitDeny(dave, "iam:GetServiceLastAccessedDetailsWithEntities", "*"),
    );
    await expectError(
      listPoliciesGrantingServiceAccess(dave, { Arn: bob, ServiceNamespaces: ["iam"] }),
      "AccessDenied",
      implicitDeny(dave, "iam:ListPoliciesGrantingServiceAccess", bob),
    );
  });

  it("records each call as an event, allowed or denied", async () => {
    const caller = await callerWithPolicies("sla-events", [policyDocument("Allow", "iam:GenerateServiceLastAccessedDetails", testUserArn("sla-events"))]);
    const { JobId } = await generateServiceLastAccessedDetails(caller, { Arn: caller.principalArn, Granularity: "ACTION_LEVEL" });
    await settleBackgroundWork();
    await expect(getServiceLastAccessedDetails(caller, { JobId })).rejects.toMatchObject({ code: "AccessDenied" });
    const events = await prisma.activityEvent.findMany({ where: { principalArn: caller.principalArn }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.eventName, e.errorCode, e.readOnly, e.resourceArn, e.requestParameters])).toEqual([
      ["GenerateServiceLastAccessedDetails", null, true, caller.principalArn, { Arn: caller.principalArn, Granularity: "ACTION_LEVEL" }],
      ["GetServiceLastAccessedDetails", "AccessDenied", true, "*", { JobId }],
    ]);
  });
});

describe("ListPoliciesGrantingServiceAccess", () => {
  it("names, per service asked about, the user's own and its groups' policies that allow it", async () => {
    await addUser("sla-lp");
    await putUserPolicy(root, { UserName: "sla-lp", PolicyName: "own-s3", PolicyDocument: json(policyDocument("Allow", "s3:ListBucket")) });
    await createGroup(root, { GroupName: "sla-lp-group" });
    await addUserToGroup(root, { GroupName: "sla-lp-group", UserName: "sla-lp" });
    await putGroupPolicy(root, { GroupName: "sla-lp-group", PolicyName: "group-iam", PolicyDocument: json(policyDocument("Allow", "iam:Get*")) });
    await attachGroupPolicy(root, { GroupName: "sla-lp-group", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
    const out = await listPoliciesGrantingServiceAccess(root, { Arn: testUserArn("sla-lp"), ServiceNamespaces: ["s3", "IAM", "ec2"] });
    expect(out).toEqual({
      IsTruncated: false,
      PoliciesGrantingServiceAccess: [
        {
          ServiceNamespace: "s3",
          Policies: [
            { PolicyName: "own-s3", PolicyType: "INLINE", EntityType: "USER", EntityName: "sla-lp" },
            { PolicyName: "AmazonS3ReadOnlyAccess", PolicyType: "MANAGED", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
          ],
        },
        { ServiceNamespace: "iam", Policies: [{ PolicyName: "group-iam", PolicyType: "INLINE", EntityType: "GROUP", EntityName: "sla-lp-group" }] },
        { ServiceNamespace: "ec2", Policies: [] },
      ],
    });
  });

  it("takes a group or role too, but not a policy; at most 200 namespaces", async () => {
    const group = await listPoliciesGrantingServiceAccess(root, { Arn: iamArn(ACCT, "group", "/", "Developers"), ServiceNamespaces: ["dynamodb"] });
    expect(group.PoliciesGrantingServiceAccess).toEqual([
      { ServiceNamespace: "dynamodb", Policies: [{ PolicyName: "DeveloperAccess", PolicyType: "MANAGED", PolicyArn: iamArn(ACCT, "policy", "/", "DeveloperAccess") }] },
    ]);
    const role = await listPoliciesGrantingServiceAccess(root, { Arn: iamArn(ACCT, "role", "/", "EC2AppRole"), ServiceNamespaces: ["s3"] });
    expect(role.PoliciesGrantingServiceAccess[0].Policies.map((p) => p.PolicyName)).toEqual(["AmazonS3ReadOnlyAccess"]);
    const policyArn = "arn:aws:iam::aws:policy/SecurityAudit";
    await expectError(listPoliciesGrantingServiceAccess(root, { Arn: policyArn, ServiceNamespaces: ["iam"] }), "InvalidInput", `ARN ${policyArn} is not valid.`);
    await expectError(listPoliciesGrantingServiceAccess(root, { Arn: testUserArn("sla-nobody"), ServiceNamespaces: ["iam"] }), "NoSuchEntity", "The user with name sla-nobody cannot be found.");
    const many = Array.from({ length: 201 }, (_, i) => `svc${i}`);
    await expect(listPoliciesGrantingServiceAccess(root, { Arn: testUserArn("bob"), ServiceNamespaces: many })).rejects.toMatchObject({
      code: "ValidationError",
      message: expect.stringContaining("at 'serviceNamespaces' failed to satisfy constraint: Member must have length less than or equal to 200"),
    });
  });
});
