import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createAccessKey, updateAccessKey } from "../access-keys";
import { iamArn } from "../arns";
import { attachRolePolicy, attachGroupPolicy } from "../attachments";
import type { Caller } from "../caller";
import { isIamError } from "../errors";
import { addUserToGroup, createGroup } from "../groups";
import { newId } from "../ids";
import { putRolePolicy, putUserPolicy } from "../inline-policies";
import { createLoginProfile } from "../login-profiles";
import { createRole } from "../roles";
import { invokeServiceAction } from "../service-activity";
import { rootCaller, setupDemoAccount, TEST_NOW, TEST_USER_PASSWORD, roleSessionCaller } from "../testing";
import { createUser, listUsers } from "../users";
import { findUnusedAccess, trackingCutoff, type UnusedAccessFinding } from "./unused-access";

// What the unused access analyzer finds, rule by rule, with the clock: the tracking period's edge
// (used 89 days ago is used, 91 days ago is not, with 90 days), things too new to analyze,
// never-used roles, keys and passwords, and unused services and IAM actions of active
// principals, counted only for permissions held for the whole period.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const DAY = 24 * 60 * 60 * 1000;
const NOW = TEST_NOW;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
/** When the scenarios' principals were made: long before any tracking period tested. */
const LONG_AGO = daysAgo(200);

let accounts = 0;
async function newAccount(): Promise<string> {
  const id = String(420000000000 + ++accounts);
  await prisma.account.create({ data: { id, rootEmail: `unused-${id}@test.example.com`, rootPasswordHash: "x" } });
  return id;
}

const root = (acct: string, at = LONG_AGO) => rootCaller(acct, { now: at });
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const allow = (...actions: string[]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });

async function makeRole(acct: string, name: string, at = LONG_AGO) {
  return (await createRole(root(acct, at), { RoleName: name, AssumeRolePolicyDocument: TRUST })).Role;
}

async function makeUser(acct: string, name: string, at = LONG_AGO) {
  return (await createUser(root(acct, at), { UserName: name })).User;
}

/** A session of the role, acting at `at`. */
const asRole = (acct: string, roleName: string, at: Date) => roleSessionCaller(roleName, "s", { accountId: acct, now: at });

/** The user signing requests with one of its access keys at `at`. */
async function withKey(acct: string, userName: string, accessKeyId: string, at: Date): Promise<Caller> {
  const user = await prisma.user.findFirstOrThrow({ where: { accountId: acct, nameKey: userName.toLowerCase() } });
  return {
    accountId: acct,
    principalType: "User",
    principalArn: user.arn,
    principalId: user.id,
    userName: user.name,
    userId: user.id,
    accessKeyId,
    sourceIp: "203.0.113.10",
    secureTransport: true,
    now: at,
  };
}

/** One call to another service; a denied call is an attempt all the same. */
async function call(caller: Caller, action: string): Promise<void> {
  try {
    await invokeServiceAction(caller, { Action: action });
  } catch (err) {
    if (!isIamError(err) || err.code !== "AccessDenied") throw err;
  }
}

const ofType = (findings: UnusedAccessFinding[], type: UnusedAccessFinding["findingType"]) => findings.filter((f) => f.findingType === type);
const roleArn = (acct: string, name: string) => iamArn(acct, "role", "/", name);
const userArn = (acct: string, name: string) => iamArn(acct, "user", "/", name);

describe("the tracking period", () => {
  it("ends at now minus the period", () => {
    expect(trackingCutoff(NOW, 90)).toEqual(daysAgo(90));
  });
});

describe("UnusedIAMRole", () => {
  it("with a 90-day period: a role last used 91 or 90 days ago is unused, one used 89 days ago is not", async () => {
    const acct = await newAccount();
    for (const [name, days] of [["Used91", 91], ["Used90", 90], ["Used89", 89]] as const) {
      await makeRole(acct, name);
      await call(await asRole(acct, name, daysAgo(days)), "s3:ListAllMyBuckets");
    }
    const roles = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedIAMRole");
    expect(roles).toEqual([
      { findingType: "UnusedIAMRole", resource: roleArn(acct, "Used90"), resourceType: "AWS::IAM::Role", subject: "", details: [{ unusedIamRoleDetails: { lastAccessed: daysAgo(90) } }] },
      { findingType: "UnusedIAMRole", resource: roleArn(acct, "Used91"), resourceType: "AWS::IAM::Role", subject: "", details: [{ unusedIamRoleDetails: { lastAccessed: daysAgo(91) } }] },
    ]);
    // A shorter period makes the 89-day-old use unused too.
    expect(ofType(await findUnusedAccess(acct, 30, NOW), "UnusedIAMRole").map((f) => f.resource)).toContain(roleArn(acct, "Used89"));
  });

  it("a role never used is unused once it has existed for the whole period, not before", async () => {
    const acct = await newAccount();
    await makeRole(acct, "Old", daysAgo(91));
    await makeRole(acct, "New", daysAgo(89));
    const roles = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedIAMRole");
    expect(roles).toEqual([
      { findingType: "UnusedIAMRole", resource: roleArn(acct, "Old"), resourceType: "AWS::IAM::Role", subject: "", details: [{ unusedIamRoleDetails: {} }] },
    ]);
  });

  it("leaves service-linked roles out", async () => {
    const acct = await newAccount();
    await prisma.role.create({
      data: {
        id: newId("role"),
        accountId: acct,
        name: "AWSServiceRoleForAutoScaling",
        nameKey: "awsservicerolefortautoscaling",
        path: "/aws-service-role/autoscaling.amazonaws.com/",
        arn: iamArn(acct, "role", "/aws-service-role/autoscaling.amazonaws.com/", "AWSServiceRoleForAutoScaling"),
        assumeRolePolicyDocument: TRUST,
        createdAt: LONG_AGO,
      },
    });
    await makeRole(acct, "Ordinary");
    expect((await findUnusedAccess(acct, 90, NOW)).map((f) => f.resource)).toEqual([roleArn(acct, "Ordinary")]);
  });
});

describe("UnusedIAMUserAccessKey", () => {
  it("one finding per Active key not used within the period: used 91 days ago or never; not one used 89 days ago, a newer key, or an inactive one", async () => {
    const acct = await newAccount();
    await makeUser(acct, "keys-a");
    await makeUser(acct, "keys-b");
    const key = async (user: string, at = LONG_AGO) => (await createAccessKey(root(acct, at), { UserName: user })).AccessKey.AccessKeyId;
    const used91 = await key("keys-a");
    const never = await key("keys-a");
    const used89 = await key("keys-b");
    const inactive = await key("keys-b", daysAgo(150));
    await call(await withKey(acct, "keys-a", used91, daysAgo(91)), "s3:ListAllMyBuckets");
    await call(await withKey(acct, "keys-b", used89, daysAgo(89)), "s3:ListAllMyBuckets");
    await updateAccessKey(root(acct, daysAgo(100)), { UserName: "keys-b", AccessKeyId: inactive, Status: "Inactive" });

    const keys = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedIAMUserAccessKey");
    expect(keys).toEqual(
      [
        { subject: used91, details: [{ unusedIamUserAccessKeyDetails: { accessKeyId: used91, lastAccessed: daysAgo(91) } }] },
        { subject: never, details: [{ unusedIamUserAccessKeyDetails: { accessKeyId: never } }] },
      ]
        .map((k) => ({ findingType: "UnusedIAMUserAccessKey", resource: userArn(acct, "keys-a"), resourceType: "AWS::IAM::User", ...k }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    );
  });

  it("a key created within the period is not analyzed yet, even never used", async () => {
    const acct = await newAccount();
    await makeUser(acct, "fresh-key");
    await createAccessKey(root(acct, daysAgo(10)), { UserName: "fresh-key" });
    expect(ofType(await findUnusedAccess(acct, 90, NOW), "UnusedIAMUserAccessKey")).toEqual([]);
    expect(ofType(await findUnusedAccess(acct, 7, NOW), "UnusedIAMUserAccessKey")).toHaveLength(1);
  });
});

describe("UnusedIAMUserPassword", () => {
  it("a console password not used to sign in within the period, or never; not one used 89 days ago or set within the period", async () => {
    const acct = await newAccount();
    const signIn = (name: string, at: Date) => prisma.user.updateMany({ where: { accountId: acct, name }, data: { passwordLastUsed: at } });
    for (const name of ["pw-91", "pw-89", "pw-never", "pw-new"]) {
      await makeUser(acct, name);
      await createLoginProfile(root(acct, name === "pw-new" ? daysAgo(30) : LONG_AGO), { UserName: name, Password: TEST_USER_PASSWORD });
    }
    await signIn("pw-91", daysAgo(91));
    await signIn("pw-89", daysAgo(89));
    const passwords = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedIAMUserPassword");
    expect(passwords).toEqual([
      { findingType: "UnusedIAMUserPassword", resource: userArn(acct, "pw-91"), resourceType: "AWS::IAM::User", subject: "", details: [{ unusedIamUserPasswordDetails: { lastAccessed: daysAgo(91) } }] },
      { findingType: "UnusedIAMUserPassword", resource: userArn(acct, "pw-never"), resourceType: "AWS::IAM::User", subject: "", details: [{ unusedIamUserPasswordDetails: {} }] },
    ]);
  });
});

describe("UnusedPermission", () => {
  it("lists each granted service an active role did not call within the period, with its last call, and IAM's unused actions", async () => {
    const acct = await newAccount();
    await makeRole(acct, "App");
    await putRolePolicy(root(acct), {
      RoleName: "App",
      PolicyName: "app",
      PolicyDocument: allow("s3:GetObject", "ec2:DescribeInstances", "dynamodb:GetItem", "iam:ListUsers", "iam:GetUser", "iam:PassRole"),
    });
    await call(await asRole(acct, "App", daysAgo(120)), "ec2:DescribeInstances");
    await call(await asRole(acct, "App", daysAgo(10)), "s3:GetObject");
    await listUsers(await asRole(acct, "App", daysAgo(5)));

    const [finding, ...others] = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedPermission");
    expect(others).toEqual([]);
    expect(finding).toEqual({
      findingType: "UnusedPermission",
      resource: roleArn(acct, "App"),
      resourceType: "AWS::IAM::Role",
      subject: "",
      details: [
        { unusedPermissionDetails: { serviceNamespace: "dynamodb" } },
        { unusedPermissionDetails: { serviceNamespace: "ec2", lastAccessed: daysAgo(120) } },
        // IAM was called, but not GetUser; PassRole is no call of its own and is never listed.
        { unusedPermissionDetails: { serviceNamespace: "iam", actions: [{ action: "GetUser" }], lastAccessed: daysAgo(5) } },
      ],
    });
  });

  it("a service called exactly at the edge counts as unused, one called a day later as used", async () => {
    const acct = await newAccount();
    await makeRole(acct, "Edge");
    await putRolePolicy(root(acct), { RoleName: "Edge", PolicyName: "p", PolicyDocument: allow("s3:GetObject", "sqs:SendMessage") });
    await call(await asRole(acct, "Edge", daysAgo(90)), "s3:GetObject");
    await call(await asRole(acct, "Edge", daysAgo(89)), "sqs:SendMessage");
    const [finding] = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedPermission");
    expect(finding.details).toEqual([{ unusedPermissionDetails: { serviceNamespace: "s3", lastAccessed: daysAgo(90) } }]);
  });

  it("only permissions held for the whole period are analyzed: a policy attached or written within it is not", async () => {
    const acct = await newAccount();
    await makeRole(acct, "Growing");
    await putRolePolicy(root(acct), { RoleName: "Growing", PolicyName: "old", PolicyDocument: allow("sns:Publish") });
    await putRolePolicy(root(acct, daysAgo(30)), { RoleName: "Growing", PolicyName: "new", PolicyDocument: allow("kms:Decrypt") });
    await attachRolePolicy(root(acct, daysAgo(30)), { RoleName: "Growing", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
    await call(await asRole(acct, "Growing", daysAgo(1)), "sqs:ListQueues");
    const [finding] = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedPermission");
    expect(finding.details).toEqual([{ unusedPermissionDetails: { serviceNamespace: "sns" } }]);
  });

  it("a group's policies count from when the user joined the group", async () => {
    const acct = await newAccount();
    await createGroup(root(acct), { GroupName: "Readers" });
    await attachGroupPolicy(root(acct), { GroupName: "Readers", PolicyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" });
    for (const [name, joined] of [["veteran", LONG_AGO], ["newcomer", daysAgo(20)]] as const) {
      await makeUser(acct, name);
      await addUserToGroup(root(acct, joined), { GroupName: "Readers", UserName: name });
      const { AccessKeyId } = (await createAccessKey(root(acct), { UserName: name })).AccessKey;
      await call(await withKey(acct, name, AccessKeyId, daysAgo(3)), "sqs:ListQueues");
    }
    const permissions = ofType(await findUnusedAccess(acct, 90, NOW), "UnusedPermission");
    expect(permissions.map((f) => f.resource)).toEqual([userArn(acct, "veteran")]);
    expect(permissions[0].details.map((d) => "unusedPermissionDetails" in d && d.unusedPermissionDetails.serviceNamespace)).toContain("s3");
  });

  it("is reported for active principals only: an unused role is UnusedIAMRole alone, an idle user has none", async () => {
    const acct = await newAccount();
    await makeRole(acct, "Idle");
    await putRolePolicy(root(acct), { RoleName: "Idle", PolicyName: "p", PolicyDocument: allow("s3:GetObject") });
    await makeUser(acct, "idle-user");
    await putUserPolicy(root(acct), { UserName: "idle-user", PolicyName: "p", PolicyDocument: allow("s3:GetObject") });
    const findings = await findUnusedAccess(acct, 90, NOW);
    expect(findings.map((f) => [f.findingType, f.resource])).toEqual([["UnusedIAMRole", roleArn(acct, "Idle")]]);
  });

  it("a user whose console password was used within the period is active", async () => {
    const acct = await newAccount();
    await makeUser(acct, "console-user");
    await createLoginProfile(root(acct), { UserName: "console-user", Password: TEST_USER_PASSWORD });
    await putUserPolicy(root(acct), { UserName: "console-user", PolicyName: "p", PolicyDocument: allow("lambda:InvokeFunction") });
    await prisma.user.updateMany({ where: { accountId: acct, name: "console-user" }, data: { passwordLastUsed: daysAgo(2) } });
    const findings = await findUnusedAccess(acct, 90, NOW);
    expect(findings).toEqual([
      {
        findingType: "UnusedPermission",
        resource: userArn(acct, "console-user"),
        resourceType: "AWS::IAM::User",
        subject: "",
        details: [{ unusedPermissionDetails: { serviceNamespace: "lambda" } }],
      },
    ]);
  });
});
