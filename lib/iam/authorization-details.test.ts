import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { getAccountAuthorizationDetails, type GetAccountAuthorizationDetailsOutput } from "./authorization-details";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { awsPolicy, lastEvent, makePolicy, makeUser, S3_READ } from "./policy-fixtures";
import { iamError, rootCaller, setupDemoAccount, userCaller } from "./testing";

// GetAccountAuthorizationDetails over the demo account: alice (Admins), bob (Developers),
// carol (Auditors), dave; EC2AppRole (S3 read, instance profile), AuditorRole (SecurityAudit).

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const root = () => rootCaller();
const names = (out: GetAccountAuthorizationDetailsOutput) => ({
  users: out.UserDetailList.map((u) => u.UserName),
  groups: out.GroupDetailList.map((g) => g.GroupName),
  roles: out.RoleDetailList.map((r) => r.RoleName),
  policies: out.Policies.map((p) => p.PolicyName),
});

describe("GetAccountAuthorizationDetails", () => {
  it("describes every user, group, role and the managed policies in use, in AWS's shape", async () => {
    const out = await getAccountAuthorizationDetails(root());
    expect(out.IsTruncated).toBe(false);
    expect(names(out)).toEqual({
      users: ["alice", "bob", "carol", "dave"],
      groups: ["Admins", "Auditors", "Developers"],
      roles: ["AuditorRole", "EC2AppRole"],
      // AWS managed policies only when used here: not ReadOnlyAccess nor IAMReadOnlyAccess.
      policies: ["DeveloperAccess", "AdministratorAccess", "AmazonS3ReadOnlyAccess", "SecurityAudit"],
    });

    const alice = await prisma.user.findFirstOrThrow({ where: { name: "alice" } });
    expect(out.UserDetailList[0]).toEqual({
      Path: "/",
      UserName: "alice",
      UserId: alice.id,
      Arn: "arn:aws:iam::123456789012:user/alice",
      CreateDate: alice.createdAt,
      UserPolicyList: [],
      GroupList: ["Admins"],
      AttachedManagedPolicies: [],
      Tags: [{ Key: "team", Value: "platform" }],
    });

    const developers = out.GroupDetailList.find((g) => g.GroupName === "Developers")!;
    expect(developers.AttachedManagedPolicies).toEqual([{ PolicyName: "DeveloperAccess", PolicyArn: "arn:aws:iam::123456789012:policy/DeveloperAccess" }]);
    expect(developers.GroupPolicyList).toEqual([]);

    const ec2 = out.RoleDetailList.find((r) => r.RoleName === "EC2AppRole")!;
    const ec2Row = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    const profile = await prisma.instanceProfile.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    expect(ec2).toEqual({
      Path: "/",
      RoleName: "EC2AppRole",
      RoleId: ec2Row.id,
      Arn: ec2Row.arn,
      CreateDate: ec2Row.createdAt,
      AssumeRolePolicyDocument: ec2Row.assumeRolePolicyDocument,
      InstanceProfileList: [
        {
          Path: "/",
          InstanceProfileName: "EC2AppRole",
          InstanceProfileId: profile.id,
          Arn: profile.arn,
          CreateDate: profile.createdAt,
          Roles: [
            {
              Path: "/",
              RoleName: "EC2AppRole",
              RoleId: ec2Row.id,
              Arn: ec2Row.arn,
              CreateDate: ec2Row.createdAt,
              AssumeRolePolicyDocument: ec2Row.assumeRolePolicyDocument,
              Description: ec2Row.description,
              MaxSessionDuration: 3600,
            },
          ],
        },
      ],
      RolePolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: "AmazonS3ReadOnlyAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }],
      Tags: [{ Key: "app", Value: "web" }],
      RoleLastUsed: {},
    });

    const admin = out.Policies.find((p) => p.PolicyName === "AdministratorAccess")!;
    const adminRow = await awsPolicy("AdministratorAccess");
    expect(admin).toMatchObject({ Arn: adminRow.arn, AttachmentCount: 1, DefaultVersionId: adminRow.defaultVersionId, IsAttachable: true });
    expect(admin.PolicyVersionList).toEqual([{ Document: expect.any(String), VersionId: adminRow.defaultVersionId, IsDefaultVersion: true, CreateDate: expect.any(Date) }]);
    expect(out.Policies.find((p) => p.PolicyName === "DeveloperAccess")).toMatchObject({
      Description: "Build and run applications; read IAM; manage only your own credentials.",
      PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true }],
    });

    const event = await lastEvent(root(), "GetAccountAuthorizationDetails");
    expect(event).toMatchObject({ errorCode: null, readOnly: true });
  });

  it("shows inline policies, boundaries, role last use and every version of a customer managed policy", async () => {
    const boundary = await awsPolicy("IAMReadOnlyAccess");
    const twoVersions = await makePolicy("TwoVersionsInUse", { versions: [S3_READ, S3_READ.replace("GetObject", "PutObject")] });
    const erin = await makeUser("erin");
    await prisma.user.update({ where: { id: erin.id }, data: { permissionsBoundaryId: boundary.id } });
    await prisma.inlinePolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, userId: erin.id, name: "ErinS3", document: S3_READ } });
    await prisma.policyAttachment.create({ data: { accountId: DEMO_ACCOUNT_ID, userId: erin.id, policyId: twoVersions.id } });
    const used = new Date("2026-05-30T08:00:00Z");
    await prisma.role.updateMany({ where: { name: "AuditorRole" }, data: { lastUsedDate: used, lastUsedRegion: "eu-west-1" } });

    const out = await getAccountAuthorizationDetails(root());
    expect(out.UserDetailList.find((u) => u.UserName === "erin")).toMatchObject({
      UserPolicyList: [{ PolicyName: "ErinS3", PolicyDocument: S3_READ }],
      AttachedManagedPolicies: [{ PolicyName: "TwoVersionsInUse", PolicyArn: twoVersions.arn }],
      PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: boundary.arn },
      GroupList: [],
      Tags: [],
    });
    expect(out.RoleDetailList.find((r) => r.RoleName === "AuditorRole")!.RoleLastUsed).toEqual({ LastUsedDate: used, Region: "eu-west-1" });
    // A boundary in use brings its AWS managed policy into the list.
    expect(out.Policies.find((p) => p.PolicyName === "IAMReadOnlyAccess")).toMatchObject({ PermissionsBoundaryUsageCount: 1, AttachmentCount: 0 });
    expect(out.Policies.find((p) => p.PolicyName === "TwoVersionsInUse")!.PolicyVersionList.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ["v2", false],
      ["v1", true],
    ]);
  });

  it("Filter picks the lists", async () => {
    expect(names(await getAccountAuthorizationDetails(root(), { Filter: ["Role"] }))).toEqual({ users: [], groups: [], roles: ["AuditorRole", "EC2AppRole"], policies: [] });
    const local = await getAccountAuthorizationDetails(root(), { Filter: ["LocalManagedPolicy"] });
    expect(local.Policies.every((p) => p.Arn.startsWith("arn:aws:iam::123456789012:policy/"))).toBe(true);
    const aws = await getAccountAuthorizationDetails(root(), { Filter: ["AWSManagedPolicy", "Group"] });
    expect(names(aws).groups).toEqual(["Admins", "Auditors", "Developers"]);
    expect(aws.Policies.every((p) => p.Arn.startsWith("arn:aws:iam::aws:policy/"))).toBe(true);
  });

  it("MaxItems and Marker walk all four lists, each item once", async () => {
    const all = names(await getAccountAuthorizationDetails(root()));
    for (const MaxItems of [1, 2, 3]) {
      const seen = { users: [] as string[], groups: [] as string[], roles: [] as string[], policies: [] as string[] };
      let Marker: string | undefined;
      do {
        const page = await getAccountAuthorizationDetails(root(), { MaxItems, Marker });
        const n = names(page);
        const count = n.users.length + n.groups.length + n.roles.length + n.policies.length;
        for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k].push(...n[k]);
        Marker = page.Marker;
        if (Marker) expect(count).toBe(MaxItems);
        else expect(count).toBeLessThanOrEqual(MaxItems);
        expect(page.IsTruncated).toBe(Marker !== undefined);
      } while (Marker);
      expect(seen).toEqual(all);
    }
  });

  it("a bad Filter fails with ValidationError; a bad Marker with InvalidInput", async () => {
    const err = await iamError(getAccountAuthorizationDetails(root(), { Filter: ["User", "Robot" as never] }));
    expect(err).toMatchObject({
      code: "ValidationError",
      message:
        "1 validation error detected: Value '[User, Robot]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]]",
    });
    expect(await iamError(getAccountAuthorizationDetails(root(), { Marker: "nope" }))).toMatchObject({ code: "InvalidInput", message: "Invalid Marker." });
  });

  it("as dave fails with AccessDenied; as carol (SecurityAudit) is allowed", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(getAccountAuthorizationDetails(dave));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:GetAccountAuthorizationDetails on resource: * because no identity-based policy allows the iam:GetAccountAuthorizationDetails action",
    );
    expect((await lastEvent(dave, "GetAccountAuthorizationDetails")).errorCode).toBe("AccessDenied");
    expect((await getAccountAuthorizationDetails(await userCaller("carol"), { Filter: ["User"] })).UserDetailList.length).toBeGreaterThan(3);
  });
});
