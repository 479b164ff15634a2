import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { newId } from "./ids";
import {
  createRole,
  deleteRole,
  deleteRolePermissionsBoundary,
  getRole,
  listRoles,
  listRoleTags,
  putRolePermissionsBoundary,
  tagRole,
  untagRole,
  updateAssumeRolePolicy,
  updateRole,
  updateRoleDescription,
  type CreateRoleInput,
} from "./roles";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const OTHER_ACCOUNT = "210987654321";

const trust = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const EC2_TRUST = trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
const LAMBDA_TRUST = trust({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });

function newRole(name: string, extra: Partial<CreateRoleInput> = {}, caller: Caller = rootCaller()) {
  return createRole(caller, { RoleName: name, AssumeRolePolicyDocument: EC2_TRUST, ...extra });
}

const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });

const denied = (user: string, action: string, resource: string) =>
  `User: arn:aws:iam::${ACCT}:user/${user} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

function validation(value: string, member: string, constraint: string) {
  return `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`;
}

describe("ListRoles", () => {
  it("as root lists the demo roles in name order, with their trust policies", async () => {
    const out = await listRoles(rootCaller());
    expect(out.IsTruncated).toBe(false);
    expect(out.Roles.map((r) => r.RoleName)).toEqual(["AuditorRole", "EC2AppRole"]);
    const ec2 = out.Roles[1];
    const row = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    expect(ec2).toEqual({
      Path: "/",
      RoleName: "EC2AppRole",
      RoleId: row.id,
      Arn: "arn:aws:iam::123456789012:role/EC2AppRole",
      CreateDate: row.createdAt,
      AssumeRolePolicyDocument: row.assumeRolePolicyDocument,
      Description: "Allows EC2 instances of the application to read S3.",
      MaxSessionDuration: 3600,
    });
    expect(ec2.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(JSON.parse(ec2.AssumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    // ListRoles omits Tags, PermissionsBoundary and RoleLastUsed.
    expect(ec2).not.toHaveProperty("Tags");
    expect(ec2).not.toHaveProperty("RoleLastUsed");
  });

  it("as dave fails with AccessDenied on the roles path", async () => {
    const err = await iamError(listRoles(await userCaller("dave")));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based policy allows the iam:ListRoles action",
    );
  });

  it.each(["alice", "bob", "carol"])("as %s is allowed", async (user) => {
    expect((await listRoles(await userCaller(user))).Roles).toHaveLength(2);
  });

  it("a role without a description has no Description member", async () => {
    await prisma.role.create({
      data: {
        id: newId("role"),
        accountId: DEMO_ACCOUNT_ID,
        name: "lambda-exec",
        nameKey: "lambda-exec",
        path: "/service-role/",
        arn: iamArn(DEMO_ACCOUNT_ID, "role", "/service-role/", "lambda-exec"),
        assumeRolePolicyDocument: "{}",
        maxSessionDuration: 7200,
      },
    });
    const [role] = (await listRoles(rootCaller(), { PathPrefix: "/service-role/" })).Roles;
    expect(role).toMatchObject({ RoleName: "lambda-exec", Path: "/service-role/", Arn: "arn:aws:iam::123456789012:role/service-role/lambda-exec", MaxSessionDuration: 7200 });
    expect(role).not.toHaveProperty("Description");
  });

  it("pages with MaxItems and Marker in case-insensitive order", async () => {
    const first = await listRoles(rootCaller(), { MaxItems: 2 });
    expect(first.Roles.map((r) => r.RoleName)).toEqual(["AuditorRole", "EC2AppRole"]);
    expect(first.IsTruncated).toBe(true);
    const second = await listRoles(rootCaller(), { MaxItems: 2, Marker: first.Marker });
    expect(second).toMatchObject({ IsTruncated: false });
    expect(second.Roles.map((r) => r.RoleName)).toEqual(["lambda-exec"]);
    expect((await iamError(listRoles(rootCaller(), { Marker: "%%%" }))).code).toBe("InvalidInput");
  });
});

describe("CreateRole", () => {
  it("creates a role with every member and returns it in AWS's shape", async () => {
    const out = await createRole(rootCaller(), {
      RoleName: "AppServer",
      Path: "/app/",
      AssumeRolePolicyDocument: EC2_TRUST,
      Description: "Application servers",
      MaxSessionDuration: 7200,
      PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess",
      Tags: [{ Key: "team", Value: "app" }],
    });
    const row = await prisma.role.findFirstOrThrow({ where: { name: "AppServer" } });
    expect(out).toEqual({
      Role: {
        Path: "/app/",
        RoleName: "AppServer",
        RoleId: row.id,
        Arn: "arn:aws:iam::123456789012:role/app/AppServer",
        CreateDate: TEST_NOW,
        AssumeRolePolicyDocument: EC2_TRUST,
        Description: "Application servers",
        MaxSessionDuration: 7200,
        PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
        Tags: [{ Key: "team", Value: "app" }],
      },
    });
    expect(row.id).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(await lastEvent("CreateRole")).toMatchObject({
      principalArn: "arn:aws:iam::123456789012:root",
      readOnly: false,
      errorCode: null,
      requestParameters: { RoleName: "AppServer", Path: "/app/", MaxSessionDuration: 7200 },
    });
  });

  it("defaults Path to / and MaxSessionDuration to 3600, and leaves out absent members", async () => {
    const { Role } = await newRole("Defaults");
    expect(Role).toMatchObject({ Path: "/", Arn: "arn:aws:iam::123456789012:role/Defaults", MaxSessionDuration: 3600 });
    expect(Object.keys(Role).sort()).toEqual(["Arn", "AssumeRolePolicyDocument", "CreateDate", "MaxSessionDuration", "Path", "RoleId", "RoleName"]);
  });

  it("keeps the trust policy exactly as submitted, white space included", async () => {
    const pretty = JSON.stringify(JSON.parse(LAMBDA_TRUST), null, 2);
    const { Role } = await newRole("Pretty", { AssumeRolePolicyDocument: pretty });
    expect(Role.AssumeRolePolicyDocument).toBe(pretty);
  });

  it("a second role of the same name, in any case, fails with EntityAlreadyExists", async () => {
    let err = await iamError(newRole("EC2AppRole"));
    expect([err.code, err.message, err.status]).toEqual(["EntityAlreadyExists", "Role with name EC2AppRole already exists.", 409]);
    err = await iamError(newRole("ec2approle", { Path: "/other/" }));
    expect(err.message).toBe("Role with name ec2approle already exists.");
    expect(await lastEvent("CreateRole")).toMatchObject({ errorCode: "EntityAlreadyExists" });
  });

  it("two concurrent CreateRole calls of one name: one wins, the other gets EntityAlreadyExists", async () => {
    const results = await Promise.allSettled([newRole("Racer"), newRole("RACER")]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: "EntityAlreadyExists" });
    expect(await prisma.role.count({ where: { nameKey: "racer" } })).toBe(1);
  });

  it.each([
    ["a name of 65 characters", { RoleName: "r".repeat(65) }, validation("r".repeat(65), "roleName", "Member must have length less than or equal to 64")],
    ["a name with a space", { RoleName: "my role" }, validation("my role", "roleName", "Member must satisfy regular expression pattern: [\\w+=,.@-]+")],
    ["an empty name", { RoleName: "" }, validation("", "roleName", "Member must have length greater than or equal to 1")],
    [
      "a path without a trailing slash",
      { Path: "/app" },
      validation("/app", "path", "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"),
    ],
    ["a description of 1,001 characters", { Description: "d".repeat(1001) }, validation("d".repeat(1001), "description", "Member must have length less than or equal to 1000")],
    [
      "a description with a control character",
      { Description: "bell\u0007" },
      validation("bell\u0007", "description", "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*"),
    ],
    ["MaxSessionDuration 3599", { MaxSessionDuration: 3599 }, validation("3599", "maxSessionDuration", "Member must have value greater than or equal to 3600")],
    ["MaxSessionDuration 43201", { MaxSessionDuration: 43201 }, validation("43201", "maxSessionDuration", "Member must have value less than or equal to 43200")],
    ["a boundary ARN shorter than 20", { PermissionsBoundary: "arn:aws:iam::aws:p" }, validation("arn:aws:iam::aws:p", "permissionsBoundary", "Member must have length greater than or equal to 20")],
    [
      "a trust policy with a character beyond \\u00FF",
      { AssumeRolePolicyDocument: EC2_TRUST.replace("ec2", "ec2\u0100") },
      validation(EC2_TRUST.replace("ec2", "ec2\u0100"), "assumeRolePolicyDocument", "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"),
    ],
  ] as [string, Partial<CreateRoleInput>, string][])("%s fails with ValidationError", async (_what, input, message) => {
    const err = await iamError(newRole("Valid", input));
    expect([err.code, err.message, err.status]).toEqual(["ValidationError", message, 400]);
  });

  it("without a trust policy fails with ValidationError naming the null member", async () => {
    const err = await iamError(createRole(rootCaller(), { RoleName: "NoTrust" } as CreateRoleInput));
    expect(err.message).toBe("1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
  });

  it.each([
    ["text that is not JSON", "{not json", "This policy contains invalid Json"],
    ["a Resource element", trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" }), "Has prohibited field Resource"],
    ["an action other than sts:AssumeRole*", trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "s3:GetObject" }), "AssumeRole policy may only specify STS AssumeRole actions."],
    ["no Principal", trust({ Effect: "Allow", Action: "sts:AssumeRole" }), "Missing required field Principal"],
    ["a NotPrincipal", trust({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }), "Has prohibited field NotPrincipal"],
    ["a malformed principal", trust({ Effect: "Allow", Principal: { AWS: "not-an-arn" }, Action: "sts:AssumeRole" }), 'Invalid principal in policy: "AWS":"not-an-arn"'],
    [
      "a user of this account that does not exist",
      trust({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:user/nobody" }, Action: "sts:AssumeRole" }),
      'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/nobody"',
    ],
    [
      "itself (the role does not exist yet)",
      trust({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/SelfTrusting" }, Action: "sts:AssumeRole" }),
      'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/SelfTrusting"',
    ],
  ])("a trust policy with %s fails with MalformedPolicyDocument", async (_what, document, message) => {
    const err = await iamError(newRole("SelfTrusting", { AssumeRolePolicyDocument: document }));
    expect([err.code, err.message, err.status]).toEqual(["MalformedPolicyDocument", message, 400]);
  });

  it("trusts existing users and roles, other accounts, and principals of accounts it does not know", async () => {
    const document = trust({
      Effect: "Allow",
      Principal: {
        AWS: ["arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:role/EC2AppRole", "arn:aws:iam::999999999999:user/anyone", "111122223333"],
      },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    });
    expect((await newRole("Trusting", { AssumeRolePolicyDocument: document })).Role.AssumeRolePolicyDocument).toBe(document);
  });

  it("a trust policy over 2,048 characters other than white space fails with LimitExceeded; white space does not count", async () => {
    const statement = (id: string) => ({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": id } } });
    const big = trust(statement("x".repeat(2000)));
    const err = await iamError(newRole("BigTrust", { AssumeRolePolicyDocument: big }));
    expect([err.code, err.message, err.status]).toEqual(["LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048", 409]);
    const spacious = JSON.stringify({ Version: "2012-10-17", Statement: [statement("x".repeat(1800))] }, null, 40);
    expect(spacious.length).toBeGreaterThan(2048);
    await newRole("SpaciousTrust", { AssumeRolePolicyDocument: spacious });
  });

  it("the service-linked path is reserved: InvalidInput", async () => {
    const err = await iamError(newRole("AWSServiceRoleForFake", { Path: "/aws-service-role/fake.amazonaws.com/" }));
    expect([err.code, err.message]).toEqual(["InvalidInput", "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles"]);
  });

  it("a boundary that is no policy this account can use fails with NoSuchEntity or InvalidInput", async () => {
    let err = await iamError(newRole("Bounded", { PermissionsBoundary: "arn:aws:iam::123456789012:policy/Nope" }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", "Scope ARN: arn:aws:iam::123456789012:policy/Nope does not exist or is not attachable."]);
    err = await iamError(newRole("Bounded", { PermissionsBoundary: "this-is-not-an-arn-at-all" }));
    expect([err.code, err.message]).toEqual(["InvalidInput", "ARN this-is-not-an-arn-at-all is not valid."]);
  });

  it("tag keys are case-insensitive: two spellings of one key fail with InvalidInput", async () => {
    const err = await iamError(newRole("Tagged", { Tags: [{ Key: "Team", Value: "a" }, { Key: "team", Value: "b" }] }));
    expect([err.code, err.message]).toEqual(["InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive."]);
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    expect((await iamError(newRole("Tagged", { Tags: many }))).code).toBe("ValidationError");
  });

  it("as dave fails with AccessDenied on the new role's ARN, and the event records it", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(newRole("DavesRole", { Path: "/dave/" }, dave));
    expect([err.code, err.status]).toEqual(["AccessDenied", 403]);
    expect(err.message).toBe(denied("dave", "iam:CreateRole", "arn:aws:iam::123456789012:role/dave/DavesRole"));
    expect(await lastEvent("CreateRole")).toMatchObject({ principalArn: dave.principalArn, errorCode: "AccessDenied", errorMessage: err.message });
  });

  it("aws:RequestTag and aws:TagKeys reach the policy: a tag may be required", async () => {
    const caller = await callerWithPolicies("tag-required-creator", [
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "iam:CreateRole", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/team": "app" } } },
          { Effect: "Deny", Action: "iam:CreateRole", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["admin"] } } },
        ],
      },
    ]);
    expect((await iamError(newRole("Untagged", {}, caller))).code).toBe("AccessDenied");
    expect((await iamError(newRole("AdminTagged", { Tags: [{ Key: "team", Value: "app" }, { Key: "admin", Value: "x" }] }, caller))).message).toMatch(
      /with an explicit deny in an identity-based policy/,
    );
    await newRole("TeamTagged", { Tags: [{ Key: "team", Value: "app" }] }, caller);
  });

  it("iam:PermissionsBoundary reaches the policy: a boundary may be required", async () => {
    const boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const caller = await callerWithPolicies("boundary-required-creator", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateRole", Resource: "*", Condition: { ArnEquals: { "iam:PermissionsBoundary": boundary } } }] },
    ]);
    expect((await iamError(newRole("Unbounded", {}, caller))).code).toBe("AccessDenied");
    expect((await iamError(newRole("Unbounded", { PermissionsBoundary: "arn:aws:iam::aws:policy/AdministratorAccess" }, caller))).code).toBe("AccessDenied");
    expect((await newRole("BoundedByRule", { PermissionsBoundary: boundary }, caller)).Role.PermissionsBoundary?.PermissionsBoundaryArn).toBe(boundary);
  });
});

describe("CreateRole quota: 1,000 roles per account", () => {
  const other = () => rootCaller(OTHER_ACCOUNT);

  beforeAll(async () => {
    await prisma.account.create({ data: { id: OTHER_ACCOUNT, rootEmail: "quota@test.example.com", rootPasswordHash: "x" } });
    await prisma.role.createMany({
      data: Array.from({ length: 998 }, (_, i) => {
        const name = `filler-${String(i).padStart(4, "0")}`;
        return { id: newId("role"), accountId: OTHER_ACCOUNT, name, nameKey: name, arn: iamArn(OTHER_ACCOUNT, "role", "/", name), assumeRolePolicyDocument: EC2_TRUST };
      }),
    });
  });

  it("concurrent creates for the last slot: exactly one wins, the other gets LimitExceeded", async () => {
    await newRole("number-999", {}, other());
    const results = await Promise.allSettled([newRole("last-a", {}, other()), newRole("last-b", {}, other())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(lost.reason).toMatchObject({ code: "LimitExceeded", message: "Cannot exceed quota for RolesPerAccount: 1000" });
    expect(await prisma.role.count({ where: { accountId: OTHER_ACCOUNT } })).toBe(1000);
    // The demo account's own count is untouched by another account's roles.
    await newRole("StillRoomHere");
  });
});

describe("GetRole", () => {
  it("returns tags, an empty RoleLastUsed and no boundary for EC2AppRole; names match case-insensitively", async () => {
    const row = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    const { Role } = await getRole(rootCaller(), { RoleName: "ec2approle" });
    expect(Role).toEqual({
      Path: "/",
      RoleName: "EC2AppRole",
      RoleId: row.id,
      Arn: "arn:aws:iam::123456789012:role/EC2AppRole",
      CreateDate: row.createdAt,
      AssumeRolePolicyDocument: row.assumeRolePolicyDocument,
      Description: "Allows EC2 instances of the application to read S3.",
      MaxSessionDuration: 3600,
      Tags: [{ Key: "app", Value: "web" }],
      RoleLastUsed: {},
    });
    expect(await lastEvent("GetRole")).toMatchObject({ readOnly: true, errorCode: null, requestParameters: { RoleName: "ec2approle" } });
  });

  it("shows RoleLastUsed once the role has been used, and the boundary when one is set", async () => {
    const used = new Date("2026-05-30T08:00:00Z");
    await prisma.role.updateMany({ where: { name: "AuditorRole" }, data: { lastUsedDate: used, lastUsedRegion: "eu-west-1" } });
    await putRolePermissionsBoundary(rootCaller(), { RoleName: "AuditorRole", PermissionsBoundary: "arn:aws:iam::aws:policy/SecurityAudit" });
    const { Role } = await getRole(rootCaller(), { RoleName: "AuditorRole" });
    expect(Role.RoleLastUsed).toEqual({ LastUsedDate: used, Region: "eu-west-1" });
    expect(Role.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: "arn:aws:iam::aws:policy/SecurityAudit" });
    expect(Role).not.toHaveProperty("Tags");
    await deleteRolePermissionsBoundary(rootCaller(), { RoleName: "AuditorRole" });
  });

  it("a role that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(getRole(rootCaller(), { RoleName: "Nope" }));
    expect([err.code, err.message, err.status]).toEqual(["NoSuchEntity", "The role with name Nope cannot be found.", 404]);
    expect(await lastEvent("GetRole")).toMatchObject({ errorCode: "NoSuchEntity" });
  });

  it("a caller without permission gets AccessDenied whether or not the role exists", async () => {
    const dave = await userCaller("dave");
    expect((await iamError(getRole(dave, { RoleName: "EC2AppRole" }))).message).toBe(denied("dave", "iam:GetRole", "arn:aws:iam::123456789012:role/EC2AppRole"));
    expect((await iamError(getRole(dave, { RoleName: "Nope" }))).message).toBe(denied("dave", "iam:GetRole", "arn:aws:iam::123456789012:role/Nope"));
  });

  it("aws:ResourceTag is the role's tags", async () => {
    const caller = await callerWithPolicies("web-reader", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:GetRole", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/app": "web" } } }] },
    ]);
    expect((await getRole(caller, { RoleName: "EC2AppRole" })).Role.RoleName).toBe("EC2AppRole");
    expect((await iamError(getRole(caller, { RoleName: "AuditorRole" }))).code).toBe("AccessDenied");
  });
});

describe("UpdateRole and UpdateRoleDescription", () => {
  beforeAll(async () => {
    await newRole("Updatable", { Description: "before" });
  });

  it("UpdateRole changes the description and the maximum session duration; an empty description removes it", async () => {
    expect(await updateRole(rootCaller(), { RoleName: "Updatable", Description: "after", MaxSessionDuration: 43200 })).toEqual({});
    expect((await getRole(rootCaller(), { RoleName: "Updatable" })).Role).toMatchObject({ Description: "after", MaxSessionDuration: 43200 });
    await updateRole(rootCaller(), { RoleName: "Updatable", Description: "" });
    const { Role } = await getRole(rootCaller(), { RoleName: "Updatable" });
    expect(Role).not.toHaveProperty("Description");
    expect(Role.MaxSessionDuration).toBe(43200);
    expect(await lastEvent("UpdateRole")).toMatchObject({ errorCode: null, requestParameters: { RoleName: "Updatable", Description: "" } });
  });

  it("UpdateRole checks MaxSessionDuration and the role's existence", async () => {
    let err = await iamError(updateRole(rootCaller(), { RoleName: "Updatable", MaxSessionDuration: 60 }));
    expect(err.message).toBe(validation("60", "maxSessionDuration", "Member must have value greater than or equal to 3600"));
    err = await iamError(updateRole(rootCaller(), { RoleName: "Gone", Description: "x" }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", "The role with name Gone cannot be found."]);
  });

  it("UpdateRoleDescription returns the whole role with its new description", async () => {
    const { Role } = await updateRoleDescription(rootCaller(), { RoleName: "updatable", Description: "described" });
    expect(Role).toMatchObject({ RoleName: "Updatable", Description: "described", MaxSessionDuration: 43200, RoleLastUsed: {} });
    expect((await getRole(rootCaller(), { RoleName: "Updatable" })).Role.Description).toBe("described");
    expect(await lastEvent("UpdateRoleDescription")).toMatchObject({ errorCode: null });
  });

  it("UpdateRoleDescription requires a Description and an existing role", async () => {
    let err = await iamError(updateRoleDescription(rootCaller(), { RoleName: "Updatable" } as never));
    expect(err.message).toBe("1 validation error detected: Value null at 'description' failed to satisfy constraint: Member must not be null");
    err = await iamError(updateRoleDescription(rootCaller(), { RoleName: "Gone", Description: "x" }));
    expect(err.code).toBe("NoSuchEntity");
  });
});

describe("UpdateAssumeRolePolicy", () => {
  beforeAll(async () => {
    await newRole("Retrusted");
  });

  it("replaces the trust policy", async () => {
    expect(await updateAssumeRolePolicy(rootCaller(), { RoleName: "Retrusted", PolicyDocument: LAMBDA_TRUST })).toEqual({});
    expect((await getRole(rootCaller(), { RoleName: "Retrusted" })).Role.AssumeRolePolicyDocument).toBe(LAMBDA_TRUST);
    expect(await lastEvent("UpdateAssumeRolePolicy")).toMatchObject({ errorCode: null, requestParameters: { RoleName: "Retrusted" } });
  });

  it("checks the document as CreateRole does", async () => {
    let err = await iamError(updateAssumeRolePolicy(rootCaller(), { RoleName: "Retrusted", PolicyDocument: "[" }));
    expect([err.code, err.message]).toEqual(["MalformedPolicyDocument", "This policy contains invalid Json"]);
    const tooBig = trust({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "1".repeat(2100) } } });
    err = await iamError(updateAssumeRolePolicy(rootCaller(), { RoleName: "Retrusted", PolicyDocument: tooBig }));
    expect([err.code, err.message]).toEqual(["LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048"]);
    err = await iamError(updateAssumeRolePolicy(rootCaller(), { RoleName: "Retrusted" } as never));
    expect(err.message).toBe("1 validation error detected: Value null at 'policyDocument' failed to satisfy constraint: Member must not be null");
    expect((await getRole(rootCaller(), { RoleName: "Retrusted" })).Role.AssumeRolePolicyDocument).toBe(LAMBDA_TRUST);
  });

  it("a role that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(updateAssumeRolePolicy(rootCaller(), { RoleName: "Gone", PolicyDocument: EC2_TRUST }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", "The role with name Gone cannot be found."]);
  });
});

describe("DeleteRole", () => {
  it("deletes a role with nothing attached, its tags with it", async () => {
    const { Role } = await newRole("Doomed", { Tags: [{ Key: "k", Value: "v" }] });
    expect(await deleteRole(rootCaller(), { RoleName: "doomed" })).toEqual({});
    expect(await prisma.role.findUnique({ where: { id: Role.RoleId } })).toBeNull();
    expect(await prisma.tag.count({ where: { roleId: Role.RoleId } })).toBe(0);
    expect(await lastEvent("DeleteRole")).toMatchObject({ errorCode: null, requestParameters: { RoleName: "doomed" } });
    expect((await iamError(deleteRole(rootCaller(), { RoleName: "Doomed" }))).message).toBe("The role with name Doomed cannot be found.");
  });

  it("a role in an instance profile fails with DeleteConflict", async () => {
    const err = await iamError(deleteRole(rootCaller(), { RoleName: "EC2AppRole" }));
    expect([err.code, err.message, err.status]).toEqual(["DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.", 409]);
    expect(await lastEvent("DeleteRole")).toMatchObject({ errorCode: "DeleteConflict" });
  });

  it("a role with an attached managed policy fails with DeleteConflict", async () => {
    const err = await iamError(deleteRole(rootCaller(), { RoleName: "AuditorRole" }));
    expect([err.code, err.message]).toEqual(["DeleteConflict", "Cannot delete entity, must detach all policies first."]);
  });

  it("a role with an inline policy fails with DeleteConflict", async () => {
    const { Role } = await newRole("HasInline");
    await prisma.inlinePolicy.create({ data: { accountId: ACCT, roleId: Role.RoleId, name: "inline", document: JSON.stringify(policyDocument("Allow", "s3:ListBucket")) } });
    const err = await iamError(deleteRole(rootCaller(), { RoleName: "HasInline" }));
    expect([err.code, err.message]).toEqual(["DeleteConflict", "Cannot delete entity, must delete policies first."]);
  });
});

describe("TagRole, UntagRole and ListRoleTags", () => {
  beforeAll(async () => {
    await newRole("Tagged", { Tags: [{ Key: "Team", Value: "app" }] });
  });

  it("TagRole adds tags and overwrites a key given in any case, taking the new spelling", async () => {
    expect(await tagRole(rootCaller(), { RoleName: "Tagged", Tags: [{ Key: "team", Value: "platform" }, { Key: "cost", Value: "42" }] })).toEqual({});
    expect(await listRoleTags(rootCaller(), { RoleName: "tagged" })).toEqual({
      Tags: [
        { Key: "cost", Value: "42" },
        { Key: "team", Value: "platform" },
      ],
      IsTruncated: false,
    });
    expect(await lastEvent("TagRole")).toMatchObject({ errorCode: null });
  });

  it("ListRoleTags pages with MaxItems and Marker", async () => {
    const first = await listRoleTags(rootCaller(), { RoleName: "Tagged", MaxItems: 1 });
    expect(first).toMatchObject({ Tags: [{ Key: "cost", Value: "42" }], IsTruncated: true });
    const second = await listRoleTags(rootCaller(), { RoleName: "Tagged", MaxItems: 1, Marker: first.Marker });
    expect(second).toEqual({ Tags: [{ Key: "team", Value: "platform" }], IsTruncated: false });
    expect((await iamError(listRoleTags(rootCaller(), { RoleName: "Tagged", MaxItems: 0 }))).code).toBe("ValidationError");
  });

  it("UntagRole removes keys case-insensitively and ignores keys the role does not have", async () => {
    expect(await untagRole(rootCaller(), { RoleName: "Tagged", TagKeys: ["COST", "missing"] })).toEqual({});
    expect((await listRoleTags(rootCaller(), { RoleName: "Tagged" })).Tags).toEqual([{ Key: "team", Value: "platform" }]);
    expect(await lastEvent("UntagRole")).toMatchObject({ errorCode: null, requestParameters: { TagKeys: ["COST", "missing"] } });
  });

  it("more than 50 tags in all fails with LimitExceeded and changes nothing; retagging 50 keys stays within it", async () => {
    await newRole("Crowded");
    const tags = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: "v" }));
    await tagRole(rootCaller(), { RoleName: "Crowded", Tags: tags(0, 30) });
    const err = await iamError(tagRole(rootCaller(), { RoleName: "Crowded", Tags: tags(30, 21) }));
    expect([err.code, err.message, err.status]).toEqual(["LimitExceeded", "The number of tags has reached the maximum limit.", 409]);
    expect((await listRoleTags(rootCaller(), { RoleName: "Crowded" })).Tags).toHaveLength(30);
    await tagRole(rootCaller(), { RoleName: "Crowded", Tags: tags(30, 20) });
    await tagRole(rootCaller(), { RoleName: "Crowded", Tags: tags(0, 50) });
    expect((await listRoleTags(rootCaller(), { RoleName: "Crowded", MaxItems: 100 })).Tags).toHaveLength(50);
  });

  it("concurrent TagRole calls share the quota: one of two that would each fit alone fails", async () => {
    await newRole("Contended");
    const tags = (prefix: string) => Array.from({ length: 30 }, (_, i) => ({ Key: `${prefix}${i}`, Value: "v" }));
    const results = await Promise.allSettled([
      tagRole(rootCaller(), { RoleName: "Contended", Tags: tags("a") }),
      tagRole(rootCaller(), { RoleName: "Contended", Tags: tags("b") }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.tag.count({ where: { role: { name: "Contended" } } })).toBe(30);
  });

  it("checks the request and the role", async () => {
    let err = await iamError(tagRole(rootCaller(), { RoleName: "Tagged", Tags: [{ Key: "aws:reserved", Value: "x" }] }));
    expect(err.code).toBe("InvalidInput");
    err = await iamError(tagRole(rootCaller(), { RoleName: "Tagged" } as never));
    expect(err.message).toBe("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
    err = await iamError(untagRole(rootCaller(), { RoleName: "Tagged", TagKeys: Array.from({ length: 51 }, (_, i) => `k${i}`) }));
    expect(err.code).toBe("ValidationError");
    for (const attempt of [
      () => tagRole(rootCaller(), { RoleName: "Gone", Tags: [{ Key: "a", Value: "b" }] }),
      () => untagRole(rootCaller(), { RoleName: "Gone", TagKeys: ["a"] }),
      () => listRoleTags(rootCaller(), { RoleName: "Gone" }),
    ]) {
      expect((await iamError(attempt())).message).toBe("The role with name Gone cannot be found.");
    }
  });

  it("aws:TagKeys limits which tags a caller may remove", async () => {
    const caller = await callerWithPolicies("untagger", [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:UntagRole", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["scratch"] } } }],
      },
    ]);
    await tagRole(rootCaller(), { RoleName: "Tagged", Tags: [{ Key: "scratch", Value: "1" }] });
    await untagRole(caller, { RoleName: "Tagged", TagKeys: ["scratch"] });
    expect((await iamError(untagRole(caller, { RoleName: "Tagged", TagKeys: ["team"] }))).code).toBe("AccessDenied");
  });
});

describe("PutRolePermissionsBoundary and DeleteRolePermissionsBoundary", () => {
  beforeAll(async () => {
    await newRole("Bounded");
  });

  it("sets a customer or AWS managed policy as the boundary, and removes it", async () => {
    const developer = "arn:aws:iam::123456789012:policy/DeveloperAccess";
    expect(await putRolePermissionsBoundary(rootCaller(), { RoleName: "Bounded", PermissionsBoundary: developer })).toEqual({});
    expect((await getRole(rootCaller(), { RoleName: "Bounded" })).Role.PermissionsBoundary?.PermissionsBoundaryArn).toBe(developer);
    await putRolePermissionsBoundary(rootCaller(), { RoleName: "Bounded", PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    expect((await getRole(rootCaller(), { RoleName: "Bounded" })).Role.PermissionsBoundary?.PermissionsBoundaryArn).toBe("arn:aws:iam::aws:policy/ReadOnlyAccess");
    expect(await deleteRolePermissionsBoundary(rootCaller(), { RoleName: "Bounded" })).toEqual({});
    expect((await getRole(rootCaller(), { RoleName: "Bounded" })).Role).not.toHaveProperty("PermissionsBoundary");
    expect(await lastEvent("PutRolePermissionsBoundary")).toMatchObject({ errorCode: null });
    expect(await lastEvent("DeleteRolePermissionsBoundary")).toMatchObject({ errorCode: null });
  });

  it("a policy that does not exist, or another account's, fails with NoSuchEntity", async () => {
    for (const arn of ["arn:aws:iam::123456789012:policy/Nope", "arn:aws:iam::210987654321:policy/Theirs"]) {
      const err = await iamError(putRolePermissionsBoundary(rootCaller(), { RoleName: "Bounded", PermissionsBoundary: arn }));
      expect([err.code, err.message]).toEqual(["NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`]);
    }
    const err = await iamError(putRolePermissionsBoundary(rootCaller(), { RoleName: "Gone", PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    expect(err.message).toBe("The role with name Gone cannot be found.");
    expect((await iamError(deleteRolePermissionsBoundary(rootCaller(), { RoleName: "Gone" }))).code).toBe("NoSuchEntity");
  });

  it("iam:PermissionsBoundary is the boundary being set, then the boundary being removed", async () => {
    const allowed = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const caller = await callerWithPolicies("boundary-setter", [
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary"],
            Resource: "*",
            Condition: { ArnEquals: { "iam:PermissionsBoundary": allowed } },
          },
        ],
      },
    ]);
    const err = await iamError(putRolePermissionsBoundary(caller, { RoleName: "Bounded", PermissionsBoundary: "arn:aws:iam::aws:policy/AdministratorAccess" }));
    expect(err.message).toBe(denied("boundary-setter", "iam:PutRolePermissionsBoundary", "arn:aws:iam::123456789012:role/Bounded"));
    await putRolePermissionsBoundary(caller, { RoleName: "Bounded", PermissionsBoundary: allowed });
    await deleteRolePermissionsBoundary(caller, { RoleName: "Bounded" });
    // With no boundary left, the condition's key is absent and the Allow no longer matches.
    expect((await iamError(deleteRolePermissionsBoundary(caller, { RoleName: "Bounded" }))).code).toBe("AccessDenied");
  });
});

describe("service-linked roles are protected from the ordinary operations", () => {
  const name = "AWSServiceRoleForFakeService";
  beforeAll(async () => {
    const path = "/aws-service-role/fake.amazonaws.com/";
    await prisma.role.create({
      data: { id: newId("role"), accountId: ACCT, name, nameKey: name.toLowerCase(), path, arn: iamArn(ACCT, "role", path, name), assumeRolePolicyDocument: EC2_TRUST },
    });
  });
  const protectedMessage = `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`;

  it.each([
    ["DeleteRole", () => deleteRole(rootCaller(), { RoleName: name })],
    ["UpdateAssumeRolePolicy", () => updateAssumeRolePolicy(rootCaller(), { RoleName: name, PolicyDocument: LAMBDA_TRUST })],
    ["UpdateRole (MaxSessionDuration)", () => updateRole(rootCaller(), { RoleName: name, MaxSessionDuration: 7200 })],
    ["PutRolePermissionsBoundary", () => putRolePermissionsBoundary(rootCaller(), { RoleName: name, PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" })],
    ["DeleteRolePermissionsBoundary", () => deleteRolePermissionsBoundary(rootCaller(), { RoleName: name })],
  ])("%s fails with UnmodifiableEntity", async (_op, attempt) => {
    const err = await iamError(attempt());
    expect([err.code, err.message, err.status]).toEqual(["UnmodifiableEntity", protectedMessage, 400]);
  });

  it("its description and tags may still be edited", async () => {
    await updateRoleDescription(rootCaller(), { RoleName: name, Description: "edited" });
    await updateRole(rootCaller(), { RoleName: name, Description: "edited again" });
    await tagRole(rootCaller(), { RoleName: name, Tags: [{ Key: "owner", Value: "me" }] });
    expect((await getRole(rootCaller(), { RoleName: name })).Role).toMatchObject({ Description: "edited again", Tags: [{ Key: "owner", Value: "me" }] });
  });
});
