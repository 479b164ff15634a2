import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import type { Caller } from "./caller";
import { newId } from "./ids";
import { createPolicy, deletePolicy, getPolicy, listPolicies, listPolicyTags, tagPolicy, untagPolicy, type ListPoliciesInput } from "./policies";
import { awsPolicy, awsPolicyArn, documentOfSize, lastEvent, makePolicy, policyArn, S3_READ } from "./policy-fixtures";
import { callerWithPolicies, iamError, loadTestManagedPolicies, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

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
    await loadTestManagedPolicies(prisma, ["AWSLambdaBasicExecutionRole", "ViewOnlyAccess"]);
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

// ---- Managed policy lifecycle ---------------------------------------------------------------

describe("CreatePolicy", () => {
  const doc = JSON.stringify(policyDocument("Allow", "s3:ListBucket", "arn:aws:s3:::reports"), null, 2);

  it("creates a customer managed policy with path, description and tags, in AWS's shape", async () => {
    const out = await createPolicy(rootCaller(), {
      PolicyName: "ReportsReader",
      Path: "/team/reports/",
      PolicyDocument: doc,
      Description: "Lists the reports bucket.",
      Tags: [{ Key: "team", Value: "reports" }],
    });
    const row = await prisma.policy.findFirstOrThrow({ where: { name: "ReportsReader" }, include: { versions: true } });
    expect(out).toEqual({
      Policy: {
        PolicyName: "ReportsReader",
        PolicyId: row.id,
        Arn: "arn:aws:iam::123456789012:policy/team/reports/ReportsReader",
        Path: "/team/reports/",
        DefaultVersionId: "v1",
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        Description: "Lists the reports bucket.",
        CreateDate: TEST_NOW,
        UpdateDate: TEST_NOW,
        Tags: [{ Key: "team", Value: "reports" }],
      },
    });
    expect(row.id).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(row.versions).toMatchObject([{ versionId: "v1", document: doc }]);
    expect(row.nextVersionNumber).toBe(2);
    const event = await lastEvent(rootCaller(), "CreatePolicy");
    expect(event).toMatchObject({ errorCode: null, readOnly: false, requestParameters: { PolicyName: "ReportsReader", Path: "/team/reports/" } });
  });

  it("defaults the path to / and omits what was not given", async () => {
    const out = await createPolicy(rootCaller(), { PolicyName: "Plain", PolicyDocument: doc });
    expect(out.Policy.Arn).toBe("arn:aws:iam::123456789012:policy/Plain");
    expect(out.Policy.Path).toBe("/");
    expect(out.Policy).not.toHaveProperty("Description");
    expect(out.Policy).not.toHaveProperty("Tags");
  });

  it("CreatePolicy with a name in use (in any case) fails with EntityAlreadyExists", async () => {
    const err = await iamError(createPolicy(rootCaller(), { PolicyName: "developeraccess", Path: "/other/", PolicyDocument: doc }));
    expect(err).toMatchObject({ code: "EntityAlreadyExists", message: "A policy called developeraccess already exists. Duplicate names are not allowed." });
    expect((await lastEvent(rootCaller(), "CreatePolicy")).errorCode).toBe("EntityAlreadyExists");
  });

  it("two CreatePolicy of one name at once: exactly one wins", async () => {
    const results = await Promise.allSettled([
      createPolicy(rootCaller(), { PolicyName: "Racer", PolicyDocument: doc }),
      createPolicy(rootCaller(), { PolicyName: "RACER", PolicyDocument: doc }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ code: "EntityAlreadyExists" });
    expect(await prisma.policy.count({ where: { nameKey: "racer" } })).toBe(1);
  });

  it.each([
    ["Version 2008-10-17", { Version: "2008-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }, "Policy document must be version 2012-10-17 or greater."],
    ["no Version", { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }, "Policy document must be version 2012-10-17 or greater."],
    ["a Principal", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }] }, "Policy document should not specify a principal."],
    ["no Resource", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*" }] }, "Policy statement must contain resources."],
    ["text that is not JSON", "{not json", "Syntax errors in policy."],
  ])("a document with %s fails with MalformedPolicyDocument", async (_, document, message) => {
    const PolicyDocument = typeof document === "string" ? document : JSON.stringify(document);
    const err = await iamError(createPolicy(rootCaller(), { PolicyName: "Malformed", PolicyDocument }));
    expect(err).toMatchObject({ code: "MalformedPolicyDocument", message });
    expect(await prisma.policy.count({ where: { name: "Malformed" } })).toBe(0);
  });

  it("a document of 6,144 characters without white space is accepted; one more fails with LimitExceeded", async () => {
    const spaced = documentOfSize(6144).replace(/,/g, ",\n    ");
    await createPolicy(rootCaller(), { PolicyName: "Largest", PolicyDocument: spaced });
    const err = await iamError(createPolicy(rootCaller(), { PolicyName: "TooLarge", PolicyDocument: documentOfSize(6145) }));
    expect(err).toMatchObject({ code: "LimitExceeded", message: "Cannot exceed quota for PolicySize: 6144" });
  });

  it.each([
    [{ PolicyName: "x".repeat(129) }, `Value '${"x".repeat(129)}' at 'policyName' failed to satisfy constraint: Member must have length less than or equal to 128`],
    [{ PolicyName: "bad name" }, "Value 'bad name' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [{ Path: "/a*b/" }, "Value '/a*b/' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"],
    [{ Path: "no-slashes" }, "Value 'no-slashes' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: ((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"],
    [{ Description: "d".repeat(1001) }, `Value '${"d".repeat(1001)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`],
    [{ PolicyDocument: "{\"Version\":\"2012-10-17\",\"Id\":\"\u0100\"}" }, "Value '{\"Version\":\"2012-10-17\",\"Id\":\"\u0100\"}' at 'policyDocument' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"],
  ])("%j fails with ValidationError", async (change, message) => {
    const err = await iamError(createPolicy(rootCaller(), { PolicyName: "Valid", PolicyDocument: doc, ...change }));
    expect(err).toMatchObject({ code: "ValidationError", message: `1 validation error detected: ${message}` });
  });

  it("a tag key starting with aws: fails with InvalidInput", async () => {
    const err = await iamError(createPolicy(rootCaller(), { PolicyName: "Tagged", PolicyDocument: doc, Tags: [{ Key: "aws:team", Value: "x" }] }));
    expect(err.code).toBe("InvalidInput");
  });

  it("the 1,501st customer managed policy of an account fails with LimitExceeded", async () => {
    const acct = "111122223333";
    await prisma.account.create({ data: { id: acct, rootEmail: "quota@test.example.com", rootPasswordHash: "x" } });
    await prisma.policy.createMany({
      data: Array.from({ length: 1499 }, (_, i) => ({
        id: newId("policy"),
        accountId: acct,
        name: `P${i}`,
        nameKey: `p${i}`,
        arn: iamArn(acct, "policy", "/", `P${i}`),
      })),
    });
    await createPolicy(rootCaller(acct), { PolicyName: "TheLastOne", PolicyDocument: doc });
    const err = await iamError(createPolicy(rootCaller(acct), { PolicyName: "OneTooMany", PolicyDocument: doc }));
    expect(err).toMatchObject({ code: "LimitExceeded", message: "Cannot exceed quota for PoliciesPerAccount: 1500" });
  });
});

describe("GetPolicy", () => {
  it("returns a customer managed policy with its description and tags", async () => {
    const out = await getPolicy(rootCaller(), { PolicyArn: policyArn("DeveloperAccess") });
    expect(out.Policy).toMatchObject({
      PolicyName: "DeveloperAccess",
      AttachmentCount: 1,
      Description: "Build and run applications; read IAM; manage only your own credentials.",
    });
    expect(out.Policy).not.toHaveProperty("Tags");
    expect((await lastEvent(rootCaller(), "GetPolicy")).readOnly).toBe(true);
  });

  it("returns an AWS managed policy, counting only this account's attachments", async () => {
    const out = await getPolicy(rootCaller(), { PolicyArn: awsPolicyArn("SecurityAudit") });
    const row = await awsPolicy("SecurityAudit");
    expect(out.Policy).toEqual({
      PolicyName: "SecurityAudit",
      PolicyId: row.id,
      Arn: "arn:aws:iam::aws:policy/SecurityAudit",
      Path: "/",
      DefaultVersionId: row.defaultVersionId,
      AttachmentCount: 2,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: row.createdAt,
      UpdateDate: row.updatedAt,
    });
    // Another account attached it as well (in the ListPolicies tests): still 2 here.
    const other = await getPolicy(rootCaller("210987654321"), { PolicyArn: awsPolicyArn("ReadOnlyAccess") });
    expect(other.Policy.AttachmentCount).toBe(1);
    expect((await getPolicy(rootCaller(), { PolicyArn: awsPolicyArn("ReadOnlyAccess") })).Policy.AttachmentCount).toBe(0);
  });

  it("GetPolicy of a policy that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(getPolicy(rootCaller(), { PolicyArn: policyArn("Nope") }));
    expect(err).toMatchObject({ code: "NoSuchEntity", message: "Policy arn:aws:iam::123456789012:policy/Nope was not found." });
  });

  it.each([
    ["arn:aws:s3:::bucket/policy/x", "InvalidInput", "ARN arn:aws:s3:::bucket/policy/x is not valid."],
    ["arn:aws:iam::123456789012:user/alice", "InvalidInput", "ARN arn:aws:iam::123456789012:user/alice is not valid."],
    ["not-an-arn-at-all-xyz", "InvalidInput", "ARN not-an-arn-at-all-xyz is not valid."],
    ["arn:aws:iam::1:p", "ValidationError", "1 validation error detected: Value 'arn:aws:iam::1:p' at 'policyArn' failed to satisfy constraint: Member must have length greater than or equal to 20"],
  ])("PolicyArn %s fails with %s", async (PolicyArn, code, message) => {
    const err = await iamError(getPolicy(rootCaller(), { PolicyArn }));
    expect(err).toMatchObject({ code, message });
  });

  it("another account's customer managed policy is not this account's to read (AccessDenied)", async () => {
    const err = await iamError(getPolicy(rootCaller(), { PolicyArn: "arn:aws:iam::210987654321:policy/OtherPolicy" }));
    expect(err.code).toBe("AccessDenied");
  });
});

describe("DeletePolicy", () => {
  it("deletes an unattached policy with its version and tags", async () => {
    const created = await createPolicy(rootCaller(), { PolicyName: "Doomed", PolicyDocument: JSON.stringify(policyDocument("Allow", "s3:*")), Tags: [{ Key: "k", Value: "v" }] });
    await deletePolicy(rootCaller(), { PolicyArn: created.Policy.Arn });
    expect(await prisma.policy.count({ where: { name: "Doomed" } })).toBe(0);
    expect(await prisma.policyVersion.count({ where: { policyId: created.Policy.PolicyId } })).toBe(0);
    expect(await prisma.tag.count({ where: { policyId: created.Policy.PolicyId } })).toBe(0);
    const err = await iamError(getPolicy(rootCaller(), { PolicyArn: created.Policy.Arn }));
    expect(err.code).toBe("NoSuchEntity");
    expect((await lastEvent(rootCaller(), "DeletePolicy")).errorCode).toBeNull();
  });

  it("DeletePolicy of an attached policy fails with DeleteConflict", async () => {
    const err = await iamError(deletePolicy(rootCaller(), { PolicyArn: policyArn("DeveloperAccess") }));
    expect(err).toMatchObject({ code: "DeleteConflict", message: "Cannot delete a policy attached to entities." });
  });

  it("DeletePolicy of a policy used as a permissions boundary fails with DeleteConflict", async () => {
    const p = await makePolicy("BoundaryInUse");
    await prisma.user.updateMany({ where: { name: "dave" }, data: { permissionsBoundaryId: p.id } });
    try {
      const err = await iamError(deletePolicy(rootCaller(), { PolicyArn: p.arn }));
      expect(err).toMatchObject({ code: "DeleteConflict", message: "Cannot delete a policy attached to entities." });
    } finally {
      await prisma.user.updateMany({ where: { name: "dave" }, data: { permissionsBoundaryId: null } });
    }
  });

  it("DeletePolicy of a policy with non-default versions fails with DeleteConflict", async () => {
    const p = await makePolicy("TwoVersions", { versions: [S3_READ, S3_READ] });
    const err = await iamError(deletePolicy(rootCaller(), { PolicyArn: p.arn }));
    expect(err).toMatchObject({
      code: "DeleteConflict",
      message: "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    });
  });

  it("DeletePolicy of a policy that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(deletePolicy(rootCaller(), { PolicyArn: policyArn("Nope") }));
    expect(err).toMatchObject({ code: "NoSuchEntity", message: "Policy arn:aws:iam::123456789012:policy/Nope was not found." });
  });

  it("DeletePolicy of an AWS managed policy is denied, even to root", async () => {
    const err = await iamError(deletePolicy(rootCaller(), { PolicyArn: awsPolicyArn("ReadOnlyAccess") }));
    expect(err).toMatchObject({
      code: "AccessDenied",
      message:
        "User: arn:aws:iam::123456789012:root is not authorized to perform: iam:DeletePolicy on resource: arn:aws:iam::aws:policy/ReadOnlyAccess because no resource-based policy allows the iam:DeletePolicy action",
    });
    expect(await prisma.policy.count({ where: { arn: awsPolicyArn("ReadOnlyAccess") } })).toBe(1);
  });
});

describe("TagPolicy, UntagPolicy, ListPolicyTags", () => {
  it("tags with case-sensitive keys, replaces a key's value, lists in key order and pages", async () => {
    const p = await makePolicy("Tagging");
    await tagPolicy(rootCaller(), { PolicyArn: p.arn, Tags: [{ Key: "env", Value: "dev" }, { Key: "Env", Value: "Dev" }] });
    await tagPolicy(rootCaller(), { PolicyArn: p.arn, Tags: [{ Key: "env", Value: "prod" }, { Key: "cost", Value: "" }] });
    const all = await listPolicyTags(rootCaller(), { PolicyArn: p.arn });
    expect(all).toEqual({ Tags: [{ Key: "Env", Value: "Dev" }, { Key: "cost", Value: "" }, { Key: "env", Value: "prod" }], IsTruncated: false });
    const first = await listPolicyTags(rootCaller(), { PolicyArn: p.arn, MaxItems: 2 });
    expect(first.Tags).toHaveLength(2);
    expect(first.IsTruncated).toBe(true);
    const rest = await listPolicyTags(rootCaller(), { PolicyArn: p.arn, Marker: first.Marker });
    expect(rest).toEqual({ Tags: [{ Key: "env", Value: "prod" }], IsTruncated: false });

    await untagPolicy(rootCaller(), { PolicyArn: p.arn, TagKeys: ["Env", "missing"] });
    expect((await listPolicyTags(rootCaller(), { PolicyArn: p.arn })).Tags.map((t) => t.Key)).toEqual(["cost", "env"]);
    expect((await getPolicy(rootCaller(), { PolicyArn: p.arn })).Policy.Tags).toEqual([{ Key: "cost", Value: "" }, { Key: "env", Value: "prod" }]);
    expect((await lastEvent(rootCaller(), "UntagPolicy")).requestParameters).toMatchObject({ TagKeys: ["Env", "missing"] });
  });

  it("a 51st tag fails with LimitExceeded and changes nothing", async () => {
    const p = await makePolicy("ManyTags");
    await tagPolicy(rootCaller(), { PolicyArn: p.arn, Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" })) });
    const err = await iamError(tagPolicy(rootCaller(), { PolicyArn: p.arn, Tags: [{ Key: "k0", Value: "changed" }, { Key: "one-more", Value: "v" }] }));
    expect(err).toMatchObject({ code: "LimitExceeded", message: "Cannot exceed quota for TagsPerPolicy: 50" });
    expect(await prisma.tag.count({ where: { policyId: p.id } })).toBe(50);
    expect((await prisma.tag.findFirstOrThrow({ where: { policyId: p.id, key: "k0" } })).value).toBe("v");
  });

  it("tagging an AWS managed policy fails with InvalidInput; its tag list is empty", async () => {
    for (const attempt of [
      () => tagPolicy(rootCaller(), { PolicyArn: awsPolicyArn("SecurityAudit"), Tags: [{ Key: "k", Value: "v" }] }),
      () => untagPolicy(rootCaller(), { PolicyArn: awsPolicyArn("SecurityAudit"), TagKeys: ["k"] }),
    ]) {
      expect(await iamError(attempt())).toMatchObject({ code: "InvalidInput", message: "Tags not supported for policies in this domain" });
    }
    expect(await listPolicyTags(rootCaller(), { PolicyArn: awsPolicyArn("SecurityAudit") })).toEqual({ Tags: [], IsTruncated: false });
  });

  it("tag operations on a policy that does not exist fail with NoSuchEntity", async () => {
    const message = "Policy arn:aws:iam::123456789012:policy/Nope was not found.";
    expect(await iamError(tagPolicy(rootCaller(), { PolicyArn: policyArn("Nope"), Tags: [{ Key: "k", Value: "v" }] }))).toMatchObject({ code: "NoSuchEntity", message });
    expect(await iamError(untagPolicy(rootCaller(), { PolicyArn: policyArn("Nope"), TagKeys: ["k"] }))).toMatchObject({ code: "NoSuchEntity", message });
    expect(await iamError(listPolicyTags(rootCaller(), { PolicyArn: policyArn("Nope") }))).toMatchObject({ code: "NoSuchEntity", message });
  });

  it("aws:ResourceTag of the policy decides who may tag it", async () => {
    const p = await makePolicy("OwnedByApp");
    await tagPolicy(rootCaller(), { PolicyArn: p.arn, Tags: [{ Key: "owner", Value: "app" }] });
    const caller = await callerWithPolicies("tag-editor", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:TagPolicy", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/owner": "app" } } }] },
    ]);
    await tagPolicy(caller, { PolicyArn: p.arn, Tags: [{ Key: "reviewed", Value: "yes" }] });
    const other = await makePolicy("OwnedByNobody");
    expect((await iamError(tagPolicy(caller, { PolicyArn: other.arn, Tags: [{ Key: "reviewed", Value: "yes" }] }))).code).toBe("AccessDenied");
  });
});
