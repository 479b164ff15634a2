import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { addRoleToInstanceProfile, createInstanceProfile } from "./instance-profiles";
import { createRole, getRole } from "./roles";
import { deleteRoleWithDependencies, listRolesForConsole } from "./roles-console";
import { createServiceLinkedRole } from "./service-linked-roles";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, userCaller } from "./testing";
import { accountTrustPolicy, serviceTrustPolicy, webIdentityTrustPolicy } from "./trust-policy-builders";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const at = (iso: string) => rootCaller(DEMO_ACCOUNT_ID, { now: new Date(iso) });
const names = (out: { items: { RoleName: string }[] }) => out.items.map((r) => r.RoleName);

describe("listRolesForConsole", () => {
  beforeAll(async () => {
    await createRole(at("2026-01-01T00:00:00Z"), { RoleName: "lambda-worker", AssumeRolePolicyDocument: serviceTrustPolicy("lambda") });
    await createRole(at("2026-03-01T00:00:00Z"), {
      RoleName: "GoogleUsers",
      AssumeRolePolicyDocument: webIdentityTrustPolicy({ provider: "accounts.google.com", audience: "client-1" }),
    });
    await createRole(at("2026-02-01T00:00:00Z"), {
      RoleName: "Partner",
      AssumeRolePolicyDocument: accountTrustPolicy({ accountId: "111122223333", externalId: "xyz", requireMfa: true }),
    });
    await createServiceLinkedRole(at("2026-04-01T00:00:00Z"), { AWSServiceName: "autoscaling.amazonaws.com" });
    await prisma.role.updateMany({ where: { name: "Partner" }, data: { lastUsedDate: new Date("2026-05-01T00:00:00Z"), lastUsedRegion: "us-east-1" } });
    await prisma.role.updateMany({ where: { name: "lambda-worker" }, data: { lastUsedDate: new Date("2026-05-20T00:00:00Z"), lastUsedRegion: "eu-west-1" } });
  });

  it("lists by name, with trusted entities, last activity and creation time", async () => {
    const out = await listRolesForConsole(rootCaller());
    expect(out).toMatchObject({ totalCount: 6, page: 1, pageSize: 20 });
    expect(names(out)).toEqual(["AuditorRole", "AWSServiceRoleForAutoScaling", "EC2AppRole", "GoogleUsers", "lambda-worker", "Partner"]);
    const row = (n: string) => out.items.find((r) => r.RoleName === n)!;
    const ec2 = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    expect(row("EC2AppRole")).toEqual({
      RoleName: "EC2AppRole",
      RoleId: ec2.id,
      Arn: ec2.arn,
      Path: "/",
      Description: "Allows EC2 instances of the application to read S3.",
      CreateDate: ec2.createdAt,
      trustedEntities: ["AWS Service: ec2"],
      serviceLinked: false,
      RoleLastUsed: {},
    });
    expect(row("AuditorRole").trustedEntities).toEqual(["Account: 123456789012"]);
    expect(row("GoogleUsers").trustedEntities).toEqual(["Identity Provider: accounts.google.com"]);
    expect(row("Partner")).toMatchObject({ trustedEntities: ["Account: 111122223333"], RoleLastUsed: { LastUsedDate: new Date("2026-05-01T00:00:00Z"), Region: "us-east-1" } });
    expect(row("AWSServiceRoleForAutoScaling")).toMatchObject({ trustedEntities: ["AWS Service: autoscaling"], serviceLinked: true });
    expect(await prisma.activityEvent.findFirstOrThrow({ where: { eventName: "ListRoles" }, orderBy: { id: "desc" } })).toMatchObject({ readOnly: true, errorCode: null });
  });

  it("filters on the name or the trust policy, case-insensitively", async () => {
    // "role" is in every trust policy (sts:AssumeRole), but only names and principals are searched.
    expect(names(await listRolesForConsole(rootCaller(), { filter: "ROLE" }))).toEqual(["AuditorRole", "AWSServiceRoleForAutoScaling", "EC2AppRole"]);
    expect(names(await listRolesForConsole(rootCaller(), { filter: "ec2.amazonaws" }))).toEqual(["EC2AppRole"]);
    expect(names(await listRolesForConsole(rootCaller(), { filter: "1111" }))).toEqual(["Partner"]);
    expect(names(await listRolesForConsole(rootCaller(), { filter: "%" }))).toEqual([]);
    expect(names(await listRolesForConsole(rootCaller(), { filter: "_" }))).toEqual([]);
    expect(names(await listRolesForConsole(rootCaller(), { filter: "  lambda " }))).toEqual(["lambda-worker"]);
    expect(names(await listRolesForConsole(rootCaller(), { filter: "GOOGLE.com" }))).toEqual(["GoogleUsers"]);
    expect(await listRolesForConsole(rootCaller(), { filter: "nothing-matches" })).toEqual({ items: [], totalCount: 0, page: 1, pageSize: 20 });
  });

  it("sorts by creation time and by last activity (never used last), either way", async () => {
    // The demo roles were created when the database was seeded; these four at the dates above.
    const mine = ["AWSServiceRoleForAutoScaling", "GoogleUsers", "Partner", "lambda-worker"];
    const byCreated = names(await listRolesForConsole(rootCaller(), { sort: { columnId: "created", descending: true } })).filter((n) => mine.includes(n));
    expect(byCreated).toEqual(mine);
    const ascending = names(await listRolesForConsole(rootCaller(), { sort: { columnId: "created", descending: false } })).filter((n) => mine.includes(n));
    expect(ascending).toEqual([...mine].reverse());
    expect(names(await listRolesForConsole(rootCaller(), { sort: { columnId: "lastActivity", descending: true } })).slice(0, 3)).toEqual([
      "lambda-worker",
      "Partner",
      "AuditorRole",
    ]);
    expect(names(await listRolesForConsole(rootCaller(), { sort: { columnId: "lastActivity", descending: false } })).slice(0, 3)).toEqual([
      "Partner",
      "lambda-worker",
      "AuditorRole",
    ]);
    expect(names(await listRolesForConsole(rootCaller(), { sort: { columnId: "name", descending: true } }))[0]).toBe("Partner");
  });

  it("pages in the database; a page past the end shows the last page", async () => {
    const second = await listRolesForConsole(rootCaller(), { page: 2, pageSize: 4 });
    expect(second).toMatchObject({ totalCount: 6, page: 2, pageSize: 4 });
    expect(names(second)).toEqual(["lambda-worker", "Partner"]);
    expect(await listRolesForConsole(rootCaller(), { page: 99, pageSize: 4 })).toMatchObject({ page: 2 });
    expect(await listRolesForConsole(rootCaller(), { page: 0, pageSize: 1000 })).toMatchObject({ page: 1, pageSize: 100 });
  });

  it("needs iam:ListRoles", async () => {
    const err = await iamError(listRolesForConsole(await userCaller("dave")));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based policy allows the iam:ListRoles action",
    );
  });
});

describe("deleteRoleWithDependencies", () => {
  const TRUST = serviceTrustPolicy("ec2");

  async function roleWithEverything(name: string) {
    await createRole(rootCaller(), { RoleName: name, AssumeRolePolicyDocument: TRUST, Tags: [{ Key: "k", Value: "v" }] });
    await createInstanceProfile(rootCaller(), { InstanceProfileName: `${name}-profile` });
    await addRoleToInstanceProfile(rootCaller(), { InstanceProfileName: `${name}-profile`, RoleName: name });
    const role = await prisma.role.findFirstOrThrow({ where: { name } });
    const policy = await prisma.policy.findFirstOrThrow({ where: { name: "ReadOnlyAccess", accountId: null } });
    await prisma.policyAttachment.create({ data: { accountId: DEMO_ACCOUNT_ID, roleId: role.id, policyId: policy.id } });
    await prisma.inlinePolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, roleId: role.id, name: "extra", document: JSON.stringify(policyDocument("Allow", "s3:ListBucket")) } });
    return role;
  }

  const untouched = async (name: string, profiles = 1) => {
    const role = await prisma.role.findFirstOrThrow({ where: { name }, include: { attachments: true, inlinePolicies: true, instanceProfiles: true } });
    expect([role.attachments.length, role.inlinePolicies.length, role.instanceProfiles.length]).toEqual([1, 1, profiles]);
  };

  const lastEventId = async () => (await prisma.activityEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
  const eventsSince = (id: bigint) => prisma.activityEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } });

  it("removes the role from its instance profile and deletes the profile the console made with it, detaches its policies, then deletes it", async () => {
    const before = await lastEventId();
    expect(await deleteRoleWithDependencies(rootCaller(), { RoleName: "EC2AppRole" })).toEqual({
      RemovedFromInstanceProfiles: ["EC2AppRole"],
      DeletedInstanceProfiles: ["EC2AppRole"],
      DetachedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      DeletedInlinePolicyNames: [],
    });
    const events = await eventsSince(before);
    expect((await iamError(getRole(rootCaller(), { RoleName: "EC2AppRole" }))).code).toBe("NoSuchEntity");
    expect(await prisma.instanceProfile.count({ where: { name: "EC2AppRole" } })).toBe(0);
    expect(events.map((e) => [e.eventName, e.errorCode])).toEqual([
      ["RemoveRoleFromInstanceProfile", null],
      ["DeleteInstanceProfile", null],
      ["DetachRolePolicy", null],
      ["DeleteRole", null],
    ]);
    expect(events.map((e) => e.requestParameters)).toEqual([
      { InstanceProfileName: "EC2AppRole", RoleName: "EC2AppRole" },
      { InstanceProfileName: "EC2AppRole" },
      { RoleName: "EC2AppRole", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
      { RoleName: "EC2AppRole" },
    ]);
  });

  it("deletes inline policies too, and keeps an instance profile of another name, empty", async () => {
    await roleWithEverything("Everything");
    const before = await lastEventId();
    expect(await deleteRoleWithDependencies(rootCaller(), { RoleName: "everything" })).toEqual({
      RemovedFromInstanceProfiles: ["Everything-profile"],
      DeletedInstanceProfiles: [],
      DetachedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      DeletedInlinePolicyNames: ["extra"],
    });
    expect(await prisma.inlinePolicy.count({ where: { name: "extra" } })).toBe(0);
    expect(await prisma.instanceProfile.findFirstOrThrow({ where: { name: "Everything-profile" } })).toMatchObject({ roleId: null });
    expect((await eventsSince(before)).map((e) => e.eventName)).toEqual(["RemoveRoleFromInstanceProfile", "DetachRolePolicy", "DeleteRolePolicy", "DeleteRole"]);
  });

  it("deletes only the profile of the role's own name when the role is in several", async () => {
    await roleWithEverything("Twice");
    await createInstanceProfile(rootCaller(), { InstanceProfileName: "Twice" });
    // A profile holds one role: the second profile of the role's name needs the role moved in directly.
    const role = await prisma.role.findFirstOrThrow({ where: { name: "Twice" } });
    await prisma.instanceProfile.updateMany({ where: { name: "Twice" }, data: { roleId: role.id } });
    const out = await deleteRoleWithDependencies(rootCaller(), { RoleName: "Twice" });
    expect(out).toMatchObject({ RemovedFromInstanceProfiles: ["Twice", "Twice-profile"], DeletedInstanceProfiles: ["Twice"] });
    expect((await prisma.instanceProfile.findMany({ where: { name: { startsWith: "Twice" } } })).map((p) => [p.name, p.roleId])).toEqual([["Twice-profile", null]]);
  });

  it("without iam:DeleteInstanceProfile fails with AccessDenied on it and changes nothing", async () => {
    await roleWithEverything("KeepsProfile");
    await createInstanceProfile(rootCaller(), { InstanceProfileName: "KeepsProfile" });
    const role = await prisma.role.findFirstOrThrow({ where: { name: "KeepsProfile" } });
    await prisma.instanceProfile.updateMany({ where: { name: "KeepsProfile" }, data: { roleId: role.id } });
    const caller = await callerWithPolicies("no-profile-delete", [policyDocument("Allow", "iam:*"), policyDocument("Deny", "iam:DeleteInstanceProfile")]);
    const before = await lastEventId();
    const err = await iamError(deleteRoleWithDependencies(caller, { RoleName: "KeepsProfile" }));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/no-profile-delete is not authorized to perform: iam:DeleteInstanceProfile on resource: arn:aws:iam::123456789012:instance-profile/KeepsProfile with an explicit deny in an identity-based policy",
    );
    await untouched("KeepsProfile", 2);
    expect(await prisma.instanceProfile.findFirstOrThrow({ where: { name: "KeepsProfile" } })).toMatchObject({ roleId: role.id });
    expect((await eventsSince(before)).map((e) => [e.eventName, e.errorCode])).toEqual([["DeleteInstanceProfile", "AccessDenied"]]);
  });

  it("is authorized action by action first: a caller allowed only DeleteRole changes nothing", async () => {
    const role = await roleWithEverything("Guarded");
    const caller = await callerWithPolicies("only-delete-role", [policyDocument("Allow", "iam:DeleteRole", role.arn)]);
    const err = await iamError(deleteRoleWithDependencies(caller, { RoleName: "Guarded" }));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/only-delete-role is not authorized to perform: iam:RemoveRoleFromInstanceProfile on resource: arn:aws:iam::123456789012:instance-profile/Guarded-profile because no identity-based policy allows the iam:RemoveRoleFromInstanceProfile action",
    );
    await untouched("Guarded");
    // The denied call is the one recorded.
    expect(await prisma.activityEvent.findFirstOrThrow({ orderBy: { id: "desc" } })).toMatchObject({
      eventName: "RemoveRoleFromInstanceProfile",
      errorCode: "AccessDenied",
      requestParameters: { InstanceProfileName: "Guarded-profile", RoleName: "Guarded" },
    });
  });

  it("succeeds for a caller allowed exactly the four actions, and an explicit deny of one stops it", async () => {
    const role = await roleWithEverything("Permitted");
    const exact = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "iam:RemoveRoleFromInstanceProfile", Resource: "arn:aws:iam::123456789012:instance-profile/Permitted-profile" },
        { Effect: "Allow", Action: ["iam:DetachRolePolicy", "iam:DeleteRolePolicy", "iam:DeleteRole"], Resource: role.arn },
      ],
    };
    const denier = await callerWithPolicies("delete-but-not-detach", [exact, policyDocument("Deny", "iam:DetachRolePolicy", "*")]);
    expect((await iamError(deleteRoleWithDependencies(denier, { RoleName: "Permitted" }))).message).toMatch(
      /^User: arn:aws:iam::123456789012:user\/delete-but-not-detach is not authorized to perform: iam:DetachRolePolicy on resource: arn:aws:iam::123456789012:role\/Permitted with an explicit deny in an identity-based policy/,
    );
    await untouched("Permitted");
    const allowed = await callerWithPolicies("delete-everything", [exact]);
    await deleteRoleWithDependencies(allowed, { RoleName: "Permitted" });
    expect(await prisma.role.count({ where: { name: "Permitted" } })).toBe(0);
  });

  it("a missing role fails with NoSuchEntity, a service-linked one with UnmodifiableEntity", async () => {
    let err = await iamError(deleteRoleWithDependencies(rootCaller(), { RoleName: "Nope" }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", "The role with name Nope cannot be found."]);
    err = await iamError(deleteRoleWithDependencies(rootCaller(), { RoleName: "AWSServiceRoleForAutoScaling" }));
    expect([err.code, err.message]).toEqual([
      "UnmodifiableEntity",
      "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS",
    ]);
    const dave = await userCaller("dave");
    expect((await iamError(deleteRoleWithDependencies(dave, { RoleName: "Nope" }))).code).toBe("AccessDenied");
  });
});
