import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { createRoleWithAccess, type CreateRoleWithAccessInput } from "./console-roles";
import { newId } from "./ids";
import { createInstanceProfile } from "./instance-profiles";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";
import { serviceTrustPolicy } from "./trust-policy-builders";

const ACCT = DEMO_ACCOUNT_ID;
const S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const EC2_TRUST = serviceTrustPolicy("ec2");

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const roleArn = (name: string) => iamArn(ACCT, "role", "/", name);
const profileArn = (name: string) => iamArn(ACCT, "instance-profile", "/", name);

async function lastEventId(): Promise<bigint> {
  return (await prisma.activityEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
}

async function eventsSince(id: bigint) {
  return prisma.activityEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });
}

/** No role of this name, hence no attachment to it, and no instance profile of its name. */
async function expectNothingLeft(name: string) {
  const nameKey = name.toLowerCase();
  expect(await prisma.role.count({ where: { accountId: ACCT, nameKey } })).toBe(0);
  expect(await prisma.policyAttachment.count({ where: { role: { nameKey } } })).toBe(0);
  expect(await prisma.instanceProfile.count({ where: { accountId: ACCT, nameKey } })).toBe(0);
}

const ec2Role = (RoleName: string, extra: Partial<CreateRoleWithAccessInput> = {}): CreateRoleWithAccessInput => ({
  RoleName,
  AssumeRolePolicyDocument: EC2_TRUST,
  PolicyArns: [S3_READ_ONLY],
  InstanceProfile: true,
  ...extra,
});

describe("createRoleWithAccess (the console's Create role)", () => {
  it("creates the role with its boundary and tags, attaches each policy once, and makes the EC2 instance profile, one event per call", async () => {
    const before = await lastEventId();
    const out = await createRoleWithAccess(rootCaller(), {
      RoleName: "web-app",
      AssumeRolePolicyDocument: EC2_TRUST,
      Description: "Web servers",
      MaxSessionDuration: 7200,
      PermissionsBoundary: S3_READ_ONLY,
      Tags: [{ Key: "team", Value: "web" }],
      PolicyArns: [S3_READ_ONLY, READ_ONLY, S3_READ_ONLY],
      InstanceProfile: true,
    });
    expect(out.Role).toMatchObject({
      RoleName: "web-app",
      Path: "/",
      Arn: roleArn("web-app"),
      Description: "Web servers",
      MaxSessionDuration: 7200,
      CreateDate: TEST_NOW,
      PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: S3_READ_ONLY },
      Tags: [{ Key: "team", Value: "web" }],
    });
    expect(out.AttachedPolicyArns).toEqual([S3_READ_ONLY, READ_ONLY]);
    expect(out.InstanceProfile).toMatchObject({ InstanceProfileName: "web-app", Arn: profileArn("web-app"), Roles: [{ RoleName: "web-app", Arn: roleArn("web-app") }] });

    const role = await prisma.role.findFirstOrThrow({ where: { name: "web-app" }, include: { attachments: { include: { policy: true } }, instanceProfiles: true } });
    expect(role.attachments.map((a) => a.policy.arn).sort()).toEqual([S3_READ_ONLY, READ_ONLY].sort());
    expect(role.instanceProfiles.map((p) => p.name)).toEqual(["web-app"]);

    const events = await eventsSince(before);
    expect(events.map((e) => [e.eventName, e.errorCode])).toEqual([
      ["CreateRole", null],
      ["AttachRolePolicy", null],
      ["AttachRolePolicy", null],
      ["CreateInstanceProfile", null],
      ["AddRoleToInstanceProfile", null],
    ]);
    expect(events.map((e) => e.requestParameters).slice(1)).toEqual([
      { RoleName: "web-app", PolicyArn: S3_READ_ONLY },
      { RoleName: "web-app", PolicyArn: READ_ONLY },
      { InstanceProfileName: "web-app", Path: "/" },
      { InstanceProfileName: "web-app", RoleName: "web-app" },
    ]);
  });

  it("without an instance profile or policies creates the role alone", async () => {
    const out = await createRoleWithAccess(rootCaller(), { RoleName: "bare-role", AssumeRolePolicyDocument: EC2_TRUST });
    expect(out).toEqual({ Role: expect.objectContaining({ RoleName: "bare-role" }), AttachedPolicyArns: [] });
    expect(await prisma.instanceProfile.count({ where: { name: "bare-role" } })).toBe(0);
  });

  it("with an invalid role name fails with ValidationError, recorded under CreateRole", async () => {
    const before = await lastEventId();
    const err = await iamError(createRoleWithAccess(rootCaller(), ec2Role("bad name")));
    expect([err.code, err.message]).toEqual([
      "ValidationError",
      "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ]);
    expect((await eventsSince(before)).map((e) => [e.eventName, e.errorCode])).toEqual([["CreateRole", "ValidationError"]]);
  });

  // A failure at each call: the first call's own checks, then each later call's.
  it.each([
    {
      call: "CreateRole",
      name: "bad-trust",
      extra: { AssumeRolePolicyDocument: "{" },
      error: ["MalformedPolicyDocument", "This policy contains invalid Json"],
    },
    {
      call: "AttachRolePolicy",
      name: "missing-policy",
      extra: { PolicyArns: [S3_READ_ONLY, "arn:aws:iam::aws:policy/NoSuchPolicy"] },
      error: ["NoSuchEntity", "Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable."],
    },
  ])("failing at $call ($error.0) leaves no role, attachment or instance profile", async ({ call, name, extra, error }) => {
    const before = await lastEventId();
    const err = await iamError(createRoleWithAccess(rootCaller(), ec2Role(name, extra)));
    expect([err.code, err.message]).toEqual(error);
    await expectNothingLeft(name);
    expect((await eventsSince(before)).map((e) => [e.eventName, e.errorCode])).toEqual([[call, error[0]]]);
  });

  it("past ten policies fails with LimitExceeded at the eleventh AttachRolePolicy and leaves nothing", async () => {
    const policies = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        prisma.policy.create({
          data: { id: newId("policy"), accountId: ACCT, name: `role-quota-${i}`, nameKey: `role-quota-${i}`, arn: iamArn(ACCT, "policy", "/", `role-quota-${i}`) },
        }),
      ),
    );
    const arns = policies.map((p) => p.arn);
    const before = await lastEventId();
    const err = await iamError(createRoleWithAccess(rootCaller(), ec2Role("too-many-policies", { PolicyArns: arns })));
    expect([err.code, err.message]).toEqual(["LimitExceeded", "Cannot exceed quota for PoliciesPerRole: 10"]);
    await expectNothingLeft("too-many-policies");
    const events = await eventsSince(before);
    expect(events.map((e) => [e.eventName, e.errorCode])).toEqual([["AttachRolePolicy", "LimitExceeded"]]);
    expect(events[0].requestParameters).toEqual({ RoleName: "too-many-policies", PolicyArn: arns[10] });
  });

  it("whose name an instance profile already has fails at CreateInstanceProfile with EntityAlreadyExists and leaves no role", async () => {
    await createInstanceProfile(rootCaller(), { InstanceProfileName: "Taken-Profile" });
    const before = await lastEventId();
    const err = await iamError(createRoleWithAccess(rootCaller(), ec2Role("taken-profile", { PolicyArns: [S3_READ_ONLY, READ_ONLY] })));
    expect([err.code, err.message]).toEqual(["EntityAlreadyExists", "Instance Profile taken-profile already exists."]);
    expect(await prisma.role.count({ where: { nameKey: "taken-profile" } })).toBe(0);
    expect(await prisma.policyAttachment.count({ where: { role: { nameKey: "taken-profile" } } })).toBe(0);
    expect(await prisma.instanceProfile.findFirstOrThrow({ where: { nameKey: "taken-profile" } })).toMatchObject({ name: "Taken-Profile", roleId: null });
    expect((await eventsSince(before)).map((e) => [e.eventName, e.errorCode])).toEqual([["CreateInstanceProfile", "EntityAlreadyExists"]]);
  });

  it("with the name of an existing role fails with EntityAlreadyExists and changes nothing of it", async () => {
    const before = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" }, include: { attachments: true } });
    const err = await iamError(createRoleWithAccess(rootCaller(), ec2Role("ec2approle", { PolicyArns: [READ_ONLY], InstanceProfile: false })));
    expect([err.code, err.message]).toEqual(["EntityAlreadyExists", "Role with name ec2approle already exists."]);
    const after = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" }, include: { attachments: true } });
    expect(after.attachments.map((a) => a.policyId)).toEqual(before.attachments.map((a) => a.policyId));
  });

  // Every call needs its own permission: denying any one of them leaves nothing, and the
  // denied call is the event recorded.
  it.each([
    { denied: "iam:CreateRole", call: "CreateRole", resource: "arn:aws:iam::123456789012:role/denied-1" },
    { denied: "iam:AttachRolePolicy", call: "AttachRolePolicy", resource: "arn:aws:iam::123456789012:role/denied-2" },
    { denied: "iam:CreateInstanceProfile", call: "CreateInstanceProfile", resource: "arn:aws:iam::123456789012:instance-profile/denied-3" },
    { denied: "iam:AddRoleToInstanceProfile", call: "AddRoleToInstanceProfile", resource: "arn:aws:iam::123456789012:instance-profile/denied-4" },
    { denied: "iam:PassRole", call: "AddRoleToInstanceProfile", resource: "arn:aws:iam::123456789012:role/denied-5" },
  ])("with $denied denied fails with AccessDenied on $call and leaves nothing", async ({ denied, call, resource }) => {
    const name = resource.slice(resource.lastIndexOf("/") + 1);
    const caller = await callerWithPolicies(`creator-${name}`, [policyDocument("Allow", "iam:*"), policyDocument("Deny", denied)]);
    const before = await lastEventId();
    const err = await iamError(createRoleWithAccess(caller, ec2Role(name)));
    expect([err.code, err.message]).toEqual([
      "AccessDenied",
      `User: ${caller.principalArn} is not authorized to perform: ${denied} on resource: ${resource} with an explicit deny in an identity-based policy`,
    ]);
    await expectNothingLeft(name);
    expect((await eventsSince(before)).map((e) => [e.eventName, e.errorCode])).toEqual([[call, "AccessDenied"]]);
  });

  it("succeeds for a caller allowed exactly its calls, each on its resource, with iam:PolicyARN checked per policy", async () => {
    const name = "exact-role";
    const allowed = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["iam:CreateRole", "iam:PassRole"], Resource: roleArn(name) },
        { Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: roleArn(name), Condition: { ArnEquals: { "iam:PolicyARN": S3_READ_ONLY } } },
        { Effect: "Allow", Action: ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"], Resource: profileArn(name) },
      ],
    };
    const caller = await callerWithPolicies("exact-role-creator", [allowed]);
    const err = await iamError(createRoleWithAccess(caller, ec2Role(name, { PolicyArns: [S3_READ_ONLY, READ_ONLY] })));
    expect(err.message).toContain(`iam:AttachRolePolicy on resource: ${roleArn(name)}`);
    await expectNothingLeft(name);
    await createRoleWithAccess(caller, ec2Role(name));
    expect(await prisma.instanceProfile.findFirstOrThrow({ where: { name }, include: { role: true } })).toMatchObject({ role: { name } });
  });
});
