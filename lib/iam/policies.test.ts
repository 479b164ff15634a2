import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { loadAwsManagedPolicies } from "./bootstrap/aws-managed-policies";
import type { Caller } from "./caller";
import { newId } from "./ids";
import { listPolicies, type ListPoliciesInput } from "./policies";
import { iamError, rootCaller, setupDemoAccount, userCaller } from "./testing";

// The demo account loads AdministratorAccess, SecurityAudit, AmazonS3ReadOnlyAccess,
// ReadOnlyAccess and IAMReadOnlyAccess, and has one customer managed policy, DeveloperAccess.
// Attached: AdministratorAccess (Admins), DeveloperAccess (Developers), SecurityAudit
// (Auditors, AuditorRole), AmazonS3ReadOnlyAccess (EC2AppRole).

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const names = async (input: ListPoliciesInput, caller: Caller = rootCaller()) =>
  (await listPolicies(caller, input)).Policies.map((p) => p.PolicyName);

describe("ListPolicies", () => {
  it("Scope=Local lists the customer managed policies, in AWS's shape", async () => {
    const out = await listPolicies(rootCaller(), { Scope: "Local" });
    const row = await prisma.policy.findFirstOrThrow({ where: { name: "DeveloperAccess" } });
    expect(out).toEqual({
      Policies: [
        {
          PolicyName: "DeveloperAccess",
          PolicyId: row.id,
          Arn: "arn:aws:iam::123456789012:policy/DeveloperAccess",
          Path: "/",
          DefaultVersionId: "v1",
          AttachmentCount: 1,
          PermissionsBoundaryUsageCount: 0,
          IsAttachable: true,
          CreateDate: row.createdAt,
          UpdateDate: row.updatedAt,
        },
      ],
      IsTruncated: false,
    });
    expect(row.id).toMatch(/^ANPA[A-Z2-7]{17}$/);
  });

  it("Scope=AWS lists the AWS managed policies with this account's attachment counts", async () => {
    const out = await listPolicies(rootCaller(), { Scope: "AWS" });
    expect(out.Policies.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([
      ["AdministratorAccess", 1],
      ["AmazonS3ReadOnlyAccess", 1],
      ["IAMReadOnlyAccess", 0],
      ["ReadOnlyAccess", 0],
      ["SecurityAudit", 2],
    ]);
    for (const p of out.Policies) expect(p.Arn).toBe(`arn:aws:iam::aws:policy/${p.PolicyName}`);
  });

  it("Scope=All (the default) lists both, in case-insensitive name order", async () => {
    const all = ["AdministratorAccess", "AmazonS3ReadOnlyAccess", "DeveloperAccess", "IAMReadOnlyAccess", "ReadOnlyAccess", "SecurityAudit"];
    expect(await names({})).toEqual(all);
    expect(await names({ Scope: "All" })).toEqual(all);
  });

  it("OnlyAttached lists only the policies attached in this account", async () => {
    expect(await names({ OnlyAttached: true })).toEqual(["AdministratorAccess", "AmazonS3ReadOnlyAccess", "DeveloperAccess", "SecurityAudit"]);
    expect(await names({ OnlyAttached: true, Scope: "AWS" })).toEqual(["AdministratorAccess", "AmazonS3ReadOnlyAccess", "SecurityAudit"]);
    expect(await names({ OnlyAttached: true, Scope: "Local" })).toEqual(["DeveloperAccess"]);
    expect(await names({ OnlyAttached: false, Scope: "AWS" })).toHaveLength(5);
  });

  it("another account's attachments and customer policies do not show", async () => {
    const other = "210987654321";
    await prisma.account.create({ data: { id: other, rootEmail: "other@test.example.com", rootPasswordHash: "x" } });
    const readOnly = await prisma.policy.findFirstOrThrow({ where: { name: "ReadOnlyAccess", accountId: null } });
    const zoeId = newId("user");
    await prisma.user.create({
      data: {
        id: zoeId,
        accountId: other,
        name: "zoe",
        nameKey: "zoe",
        arn: iamArn(other, "user", "/", "zoe"),
        attachments: { create: { accountId: other, policyId: readOnly.id } },
      },
    });
    await prisma.policy.create({
      data: {
        id: newId("policy"),
        accountId: other,
        name: "OtherPolicy",
        nameKey: "otherpolicy",
        arn: iamArn(other, "policy", "/", "OtherPolicy"),
        versions: { create: { versionId: "v1", document: "{}" } },
      },
    });
    expect(await names({ OnlyAttached: true, Scope: "AWS" })).toEqual(["AdministratorAccess", "AmazonS3ReadOnlyAccess", "SecurityAudit"]);
    expect(await names({ Scope: "Local" })).toEqual(["DeveloperAccess"]);
    const theirs = await listPolicies(rootCaller(other), { OnlyAttached: true });
    expect(theirs.Policies.map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([["ReadOnlyAccess", 1]]);
    expect(await names({ Scope: "Local" }, rootCaller(other))).toEqual(["OtherPolicy"]);
  });

  it("PolicyUsageFilter=PermissionsBoundary lists the policies used as boundaries, with their count", async () => {
    expect(await names({ PolicyUsageFilter: "PermissionsBoundary" })).toEqual([]);
    const readOnly = await prisma.policy.findFirstOrThrow({ where: { name: "IAMReadOnlyAccess", accountId: null } });
    await prisma.user.updateMany({ where: { name: "bob" }, data: { permissionsBoundaryId: readOnly.id } });
    await prisma.role.updateMany({ where: { name: "EC2AppRole" }, data: { permissionsBoundaryId: readOnly.id } });
    try {
      const out = await listPolicies(rootCaller(), { PolicyUsageFilter: "PermissionsBoundary" });
      expect(out.Policies.map((p) => [p.PolicyName, p.PermissionsBoundaryUsageCount, p.AttachmentCount])).toEqual([["IAMReadOnlyAccess", 2, 0]]);
      expect(await names({ OnlyAttached: true, PolicyUsageFilter: "PermissionsPolicy" })).not.toContain("IAMReadOnlyAccess");
    } finally {
      await prisma.user.updateMany({ where: { name: "bob" }, data: { permissionsBoundaryId: null } });
      await prisma.role.updateMany({ where: { name: "EC2AppRole" }, data: { permissionsBoundaryId: null } });
    }
  });

  it("PathPrefix filters by the policy's path", async () => {
    await loadAwsManagedPolicies(prisma, { only: ["AWSLambdaBasicExecutionRole", "ViewOnlyAccess"] });
    expect(await names({ PathPrefix: "/service-role/" })).toEqual(["AWSLambdaBasicExecutionRole"]);
    expect(await names({ PathPrefix: "/job-function/", Scope: "AWS" })).toEqual(["ViewOnlyAccess"]);
    expect(await names({ PathPrefix: "/job-function/", Scope: "Local" })).toEqual([]);
    const [lambda] = (await listPolicies(rootCaller(), { PathPrefix: "/service-role/" })).Policies;
    expect(lambda).toMatchObject({ Path: "/service-role/", Arn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" });
  });

  it("MaxItems=1 with Marker walks AWS and customer policies together, each once", async () => {
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await listPolicies(rootCaller(), { MaxItems: 1, Marker, Scope: "All" });
      expect(page.Policies.length).toBeLessThanOrEqual(1);
      seen.push(...page.Policies.map((p) => p.PolicyName));
      Marker = page.Marker;
    } while (Marker);
    expect(seen).toEqual(await names({ Scope: "All", MaxItems: 1000 }));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    [{ Scope: "Everything" }, "Value 'Everything' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]"],
    [{ PolicyUsageFilter: "Both" }, "Value 'Both' at 'policyUsageFilter' failed to satisfy constraint: Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]"],
    [{ MaxItems: 0 }, "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ])("%j fails with ValidationError", async (input, message) => {
    const err = await iamError(listPolicies(rootCaller(), input as ListPoliciesInput));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(`1 validation error detected: ${message}`);
  });

  it("a bad Marker fails with InvalidInput", async () => {
    const err = await iamError(listPolicies(rootCaller(), { Marker: "bad" }));
    expect(err).toMatchObject({ code: "InvalidInput", message: "Invalid Marker." });
  });

  it("as dave fails with AccessDenied, recorded with its parameters", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(listPolicies(dave, { Scope: "Local", OnlyAttached: true }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toMatch(
      /^User: arn:aws:iam::123456789012:user\/dave is not authorized to perform: iam:ListPolicies on resource: .+ because no identity-based policy allows the iam:ListPolicies action$/,
    );
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: dave.principalArn, eventName: "ListPolicies" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ errorCode: "AccessDenied", readOnly: true, requestParameters: { Scope: "Local", OnlyAttached: true } });
  });

  it.each(["alice", "bob", "carol"])("as %s is allowed", async (user) => {
    expect(await names({ Scope: "Local" }, await userCaller(user))).toEqual(["DeveloperAccess"]);
  });
});
