import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { createAccessKey, getAccessKeyLastUsed } from "./access-keys";
import { identityArnOf, operation, recordTogether, redact, serviceNamespaceOf } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { IamError, noSuchUser } from "./errors";
import { putUserPolicy } from "./inline-policies";
import { getRole } from "./roles";
import { invokeServiceAction } from "./service-activity";
import { createUser, getUser, listUsers } from "./users";
import {
  callerWithPolicies,
  expectError,
  iamError,
  implicitDeny,
  lastEventId,
  policyDocument,
  roleSessionCaller,
  rootCaller,
  setupDemoAccount,
  TEST_NOW,
  userCaller,
} from "./testing";

// Every lib/iam operation records one CloudTrail-like event, allowed, denied or failed,
// with secrets in its parameters replaced.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });

describe("redact", () => {
  it.each([
    ["Password", { UserName: "bob", Password: "S3cret!", PasswordResetRequired: true }, { UserName: "bob", Password: HIDDEN, PasswordResetRequired: true }],
    ["OldPassword/NewPassword", { OldPassword: "a", NewPassword: "b" }, { OldPassword: HIDDEN, NewPassword: HIDDEN }],
    ["SecretAccessKey", { AccessKeyId: "AKIAEXAMPLE", SecretAccessKey: "wJalr" }, { AccessKeyId: "AKIAEXAMPLE", SecretAccessKey: HIDDEN }],
    ["SessionToken", { SessionToken: "FwoGZXIvYXdzE" }, { SessionToken: HIDDEN }],
    ["AuthenticationCode1/2", { SerialNumber: "arn:aws:iam::123456789012:mfa/bob", AuthenticationCode1: "123456", AuthenticationCode2: "654321" }, { SerialNumber: "arn:aws:iam::123456789012:mfa/bob", AuthenticationCode1: HIDDEN, AuthenticationCode2: HIDDEN }],
    ["Base32StringSeed", { Base32StringSeed: "JBSWY3DP" }, { Base32StringSeed: HIDDEN }],
    ["PrivateKey", { ServerCertificateName: "c", PrivateKey: "-----BEGIN" }, { ServerCertificateName: "c", PrivateKey: HIDDEN }],
  ])("hides %s", (_what, input, expected) => {
    expect(redact(input)).toEqual(expected);
  });

  it("keeps settings and identifiers named after secrets readable, as CloudTrail does", () => {
    const policy = {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    };
    expect(redact(policy)).toEqual(policy);
    expect(redact({ UserName: "bob", ServiceSpecificCredentialId: "ACCAEXAMPLE", Status: "Inactive" })).toEqual({
      UserName: "bob",
      ServiceSpecificCredentialId: "ACCAEXAMPLE",
      Status: "Inactive",
    });
  });

  it("hides secrets nested in objects and arrays, whatever the key's case", () => {
    expect(
      redact({
        Tags: [{ Key: "team", Value: "app" }],
        Credentials: { AccessKeyId: "ASIA", SecretAccessKey: "s" },
        nested: [{ password: "p", note: "keep" }],
      }),
    ).toEqual({
      Tags: [{ Key: "team", Value: "app" }],
      Credentials: HIDDEN,
      nested: [{ password: HIDDEN, note: "keep" }],
    });
  });

  it("keeps other values as they are and writes dates as ISO 8601", () => {
    expect(redact({ MaxItems: 10, OnlyAttached: false, PathPrefix: "/", Empty: null, When: new Date("2026-06-01T12:00:00Z") })).toEqual({
      MaxItems: 10,
      OnlyAttached: false,
      PathPrefix: "/",
      Empty: null,
      When: "2026-06-01T12:00:00.000Z",
    });
    expect(redact("plain")).toBe("plain");
    expect(redact(undefined)).toBeUndefined();
  });

  it("does not change its input", () => {
    const input = { Password: "S3cret!" };
    redact(input);
    expect(input).toEqual({ Password: "S3cret!" });
  });
});

describe("operation", () => {
  it("records a successful call with its redacted parameters and returns the result", async () => {
    const root = rootCaller(undefined, { userAgent: "aws-cli/2", accessKeyId: "AKIAIOSFODNN7EXAMPLE" });
    const result = await operation(
      root,
      { eventName: "CreateLoginProfile", readOnly: false, params: { UserName: "dave", Password: "N3w-Passw0rd!", PasswordResetRequired: true } },
      async () => ({ LoginProfile: { UserName: "dave" } }),
    );
    expect(result).toEqual({ LoginProfile: { UserName: "dave" } });
    const event = await lastEvent("CreateLoginProfile");
    expect(event).toMatchObject({
      accountId: "123456789012",
      eventTime: TEST_NOW,
      eventSource: "iam.amazonaws.com",
      eventName: "CreateLoginProfile",
      principalArn: "arn:aws:iam::123456789012:root",
      principalId: "123456789012",
      principalType: "Root",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
      sourceIp: "203.0.113.10",
      userAgent: "aws-cli/2",
      requestParameters: { UserName: "dave", Password: HIDDEN, PasswordResetRequired: true },
      errorCode: null,
      errorMessage: null,
      readOnly: false,
      mfaAuthenticated: false,
    });
    expect(JSON.stringify(event.requestParameters)).not.toContain("N3w-Passw0rd!");
  });

  it("records an IamError's code and message, and rethrows it", async () => {
    const bob = await userCaller("bob");
    await expect(operation(bob, { eventName: "GetUser", readOnly: true, params: { UserName: "nobody" } }, async () => {
      throw noSuchUser("nobody");
    })).rejects.toThrow("The user with name nobody cannot be found.");
    expect(await lastEvent("GetUser")).toMatchObject({
      principalArn: "arn:aws:iam::123456789012:user/bob",
      principalType: "IAMUser",
      requestParameters: { UserName: "nobody" },
      errorCode: "NoSuchEntity",
      errorMessage: "The user with name nobody cannot be found.",
      readOnly: true,
    });
  });

  it("records a bug as ServiceFailure without its internals, and rethrows the original error", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'secret')");
    await expect(operation(rootCaller(), { eventName: "ListRoles", readOnly: true }, async () => {
      throw bug;
    })).rejects.toBe(bug);
    const event = await lastEvent("ListRoles");
    expect(event).toMatchObject({ errorCode: "ServiceFailure", errorMessage: "An internal error occurred.", requestParameters: null });
  });

  it("keeps the event of a call whose transaction rolled back", async () => {
    const root = rootCaller();
    await expect(
      operation(root, { eventName: "CreateGroup", readOnly: false, params: { GroupName: "Rollback" } }, async () =>
        prisma.$transaction(async (tx) => {
          await tx.group.create({
            data: { id: "AGPAROLLBACKROLLBACK1", accountId: "123456789012", name: "Rollback", nameKey: "rollback", arn: "arn:aws:iam::123456789012:group/Rollback" },
          });
          throw new IamError("LimitExceeded", "Cannot exceed quota for GroupsPerAccount: 300");
        }),
      ),
    ).rejects.toThrow(IamError);
    expect(await prisma.group.count({ where: { name: "Rollback" } })).toBe(0);
    expect(await lastEvent("CreateGroup")).toMatchObject({ errorCode: "LimitExceeded", requestParameters: { GroupName: "Rollback" } });
  });

  it("records sts.amazonaws.com events and MFA presence from the caller", async () => {
    const alice = await userCaller("alice", { mfaPresent: true });
    await operation(alice, { eventName: "GetSessionToken", eventSource: "sts.amazonaws.com", readOnly: true, params: { TokenCode: "123456", SerialNumber: "arn:aws:iam::123456789012:mfa/alice" } }, async () => null);
    expect(await lastEvent("GetSessionToken")).toMatchObject({
      eventSource: "sts.amazonaws.com",
      mfaAuthenticated: true,
      requestParameters: { TokenCode: HIDDEN, SerialNumber: "arn:aws:iam::123456789012:mfa/alice" },
    });
  });

  it("each event gets its own request ID", async () => {
    for (let i = 0; i < 3; i++) await operation(rootCaller(), { eventName: "ListGroups", readOnly: true }, async () => null);
    const events = await prisma.activityEvent.findMany({ where: { eventName: "ListGroups" } });
    expect(new Set(events.map((e) => e.requestId)).size).toBe(events.length);
  });
});

const ACCT = "123456789012";
const HOUR = 3600_000;
const at = (hours: number) => new Date(TEST_NOW.getTime() + hours * HOUR);
const eventOf = (caller: Caller, eventName: string) =>
  prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn, eventName }, orderBy: { id: "desc" } });

describe("who, which service, where and on what: the fields access reports read", () => {
  it("an IAM user's call records the user as the identity, IAM's namespace, us-east-1 and the resource", async () => {
    const bob = await userCaller("bob");
    await getUser(bob, { UserName: "carol" });
    expect(await eventOf(bob, "GetUser")).toMatchObject({
      principalArn: `arn:aws:iam::${ACCT}:user/bob`,
      identityArn: `arn:aws:iam::${ACCT}:user/bob`,
      principalType: "IAMUser",
      eventSource: "iam.amazonaws.com",
      serviceNamespace: "iam",
      awsRegion: "us-east-1",
      resourceArn: `arn:aws:iam::${ACCT}:user/carol`,
      sessionName: null,
    });
  });

  it("IAM is global: its events are in us-east-1 whatever Region the caller sent the request to", async () => {
    const carol = await userCaller("carol", { region: "eu-west-1" });
    await listUsers(carol);
    expect(await eventOf(carol, "ListUsers")).toMatchObject({ awsRegion: "us-east-1", resourceArn: `arn:aws:iam::${ACCT}:user/` });
  });

  it("a role session's call records the session as the principal, its role as the identity, and the session name", async () => {
    const session = await roleSessionCaller("AuditorRole", "security-review");
    await getRole(session, { RoleName: "EC2AppRole" });
    expect(await eventOf(session, "GetRole")).toMatchObject({
      principalArn: `arn:aws:sts::${ACCT}:assumed-role/AuditorRole/security-review`,
      identityArn: `arn:aws:iam::${ACCT}:role/AuditorRole`,
      principalType: "AssumedRole",
      sessionName: "security-review",
      resourceArn: `arn:aws:iam::${ACCT}:role/EC2AppRole`,
    });
  });

  it("the root user's call records the root ARN as the identity", async () => {
    const root = rootCaller();
    await getUser(root, {});
    expect(await eventOf(root, "GetUser")).toMatchObject({
      principalArn: `arn:aws:iam::${ACCT}:root`,
      identityArn: `arn:aws:iam::${ACCT}:root`,
      principalType: "Root",
      resourceArn: `arn:aws:iam::${ACCT}:root`,
    });
  });

  it("records the first resource the call was authorized against, also when a later check denies it", async () => {
    const bob = await userCaller("bob");
    await expect(
      operation(bob, { eventName: "TwoChecks", readOnly: true }, async () => {
        await authorize(bob, "iam:GetUser", `arn:aws:iam::${ACCT}:user/alice`);
        await authorize(bob, "iam:DeleteUser", `arn:aws:iam::${ACCT}:user/carol`);
      }),
    ).rejects.toThrow(IamError);
    expect(await eventOf(bob, "TwoChecks")).toMatchObject({ errorCode: "AccessDenied", resourceArn: `arn:aws:iam::${ACCT}:user/alice` });
  });

  it("a denied call records the resource it was denied on", async () => {
    const bob = await userCaller("bob");
    await iamError(createUser(bob, { UserName: "mallory" }));
    expect(await eventOf(bob, "CreateUser")).toMatchObject({ errorCode: "AccessDenied", resourceArn: `arn:aws:iam::${ACCT}:user/mallory` });
  });

  it("a call that fails before any authorization records no resource", async () => {
    await operation(rootCaller(), { eventName: "NothingAuthorized", readOnly: true }, async () => null);
    expect(await lastEvent("NothingAuthorized")).toMatchObject({ resourceArn: null, serviceNamespace: "iam", awsRegion: "us-east-1" });
  });

  it("another service's event records its namespace and the caller's Region", async () => {
    const bob = await userCaller("bob", { region: "eu-central-1" });
    await operation(bob, { eventName: "DescribeInstances", eventSource: "ec2.amazonaws.com", readOnly: true }, async () => null);
    await operation(bob, { eventName: "ListFunctions20150331", eventSource: "lambda.amazonaws.com", region: "ap-southeast-2", readOnly: true }, async () => null);
    expect(await eventOf(bob, "DescribeInstances")).toMatchObject({ serviceNamespace: "ec2", awsRegion: "eu-central-1" });
    expect(await eventOf(bob, "ListFunctions20150331")).toMatchObject({ serviceNamespace: "lambda", awsRegion: "ap-southeast-2" });
  });

  it("serviceNamespaceOf and identityArnOf", () => {
    expect(serviceNamespaceOf("s3.amazonaws.com")).toBe("s3");
    expect(serviceNamespaceOf("signin.amazonaws.com")).toBe("signin");
    expect(serviceNamespaceOf("iam")).toBe("iam");
    expect(identityArnOf({ principalArn: `arn:aws:sts::${ACCT}:assumed-role/R/s`, roleArn: `arn:aws:iam::${ACCT}:role/path/R` })).toBe(
      `arn:aws:iam::${ACCT}:role/path/R`,
    );
    expect(identityArnOf({ principalArn: `arn:aws:iam::${ACCT}:user/bob` })).toBe(`arn:aws:iam::${ACCT}:user/bob`);
  });
});

describe("access key last used", () => {
  let keyId: string;
  let bobWithKey: (hours: number, overrides?: Partial<Caller>) => Promise<Caller>;
  const lastUsedOf = async () => (await getAccessKeyLastUsed(rootCaller(), { AccessKeyId: keyId })).AccessKeyLastUsed;

  beforeAll(async () => {
    keyId = (await createAccessKey(rootCaller(), { UserName: "bob" })).AccessKey.AccessKeyId;
    bobWithKey = (hours, overrides = {}) => userCaller("bob", { accessKeyId: keyId, userAgent: "aws-cli/2", now: at(hours), ...overrides });
  });

  it("is N/A until the key signs a request", async () => {
    await getUser(await userCaller("bob", { now: at(1) }));
    expect(await lastUsedOf()).toEqual({ ServiceName: "N/A", Region: "N/A" });
  });

  it("a call to IAM records the time and the service; IAM is global, so the Region is N/A", async () => {
    await getUser(await bobWithKey(2));
    expect(await lastUsedOf()).toEqual({ LastUsedDate: at(2), ServiceName: "iam", Region: "N/A" });
    expect(await prisma.accessKey.findUniqueOrThrow({ where: { id: keyId } })).toMatchObject({ lastUsedRegion: null });
  });

  it("a call to a regional service records its Region", async () => {
    await invokeServiceAction(await bobWithKey(3), { Action: "s3:GetObject", Resource: "arn:aws:s3:::demo-bucket/a.txt", Region: "eu-west-1" });
    expect(await lastUsedOf()).toEqual({ LastUsedDate: at(3), ServiceName: "s3", Region: "eu-west-1" });
  });

  it("moves forward only: a call recorded at an earlier time leaves it as it was", async () => {
    await getUser(await bobWithKey(2.5));
    await invokeServiceAction(await bobWithKey(0.5), { Action: "ec2:DescribeInstances", Region: "us-west-2" });
    expect(await lastUsedOf()).toEqual({ LastUsedDate: at(3), ServiceName: "s3", Region: "eu-west-1" });
  });

  it("a denied call counts as use", async () => {
    await iamError(createUser(await bobWithKey(4), { UserName: "mallory" }));
    await expect(invokeServiceAction(await bobWithKey(5), { Action: "cloudtrail:StopLogging", Region: "us-east-2" })).rejects.toThrow(IamError);
    expect(await lastUsedOf()).toEqual({ LastUsedDate: at(5), ServiceName: "cloudtrail", Region: "us-east-2" });
  });

  it("the event names the key; calls without it (console) leave it alone", async () => {
    await listUsers(await userCaller("bob", { now: at(6) }));
    expect(await lastUsedOf()).toMatchObject({ LastUsedDate: at(5) });
    const bob = await userCaller("bob");
    expect(await eventOf(bob, "StopLogging")).toMatchObject({ accessKeyId: keyId, errorCode: "AccessDenied", eventSource: "cloudtrail.amazonaws.com" });
  });

  it("another user's key is not touched", async () => {
    const other = (await createAccessKey(rootCaller(), { UserName: "carol" })).AccessKey.AccessKeyId;
    await listUsers(await userCaller("carol", { accessKeyId: other, now: at(7) }));
    expect(await lastUsedOf()).toMatchObject({ LastUsedDate: at(5) });
    expect((await getAccessKeyLastUsed(rootCaller(), { AccessKeyId: other })).AccessKeyLastUsed).toEqual({ LastUsedDate: at(7), ServiceName: "iam", Region: "N/A" });
  });
});

describe("role last used", () => {
  const roleLastUsed = async (roleName: string) => (await getRole(rootCaller(), { RoleName: roleName })).Role.RoleLastUsed;
  const appSession = (hours: number) => roleSessionCaller("EC2AppRole", "i-0123456789abcdef0", { now: at(hours), accessKeyId: "ASIAEXAMPLESESSION01" });

  it("is empty until a session of the role makes a call; the role's own reads by others do not count", async () => {
    await getRole(await userCaller("alice", { now: at(10) }), { RoleName: "EC2AppRole" });
    expect(await roleLastUsed("EC2AppRole")).toEqual({});
  });

  it("a session's call records the time and the Region", async () => {
    await invokeServiceAction(await appSession(10), { Action: "s3:ListBucket", Resource: "arn:aws:s3:::demo-bucket", Region: "eu-west-1" });
    expect(await roleLastUsed("EC2AppRole")).toEqual({ LastUsedDate: at(10), Region: "eu-west-1" });
  });

  it("moves forward only", async () => {
    await invokeServiceAction(await appSession(9), { Action: "s3:GetObject", Resource: "arn:aws:s3:::demo-bucket/k", Region: "us-west-2" });
    expect(await roleLastUsed("EC2AppRole")).toEqual({ LastUsedDate: at(10), Region: "eu-west-1" });
  });

  it("a denied call counts as use; an IAM call is in us-east-1", async () => {
    await expect(
      invokeServiceAction(await appSession(11), { Action: "s3:PutObject", Resource: "arn:aws:s3:::demo-bucket/k", Region: "eu-west-1" }),
    ).rejects.toThrow(IamError);
    expect(await roleLastUsed("EC2AppRole")).toEqual({ LastUsedDate: at(11), Region: "eu-west-1" });
    await iamError(listUsers(await appSession(12)));
    expect(await roleLastUsed("EC2AppRole")).toEqual({ LastUsedDate: at(12), Region: "us-east-1" });
  });

  it("another role keeps its own: AuditorRole was last used by the security-review session's GetRole above", async () => {
    expect(await roleLastUsed("AuditorRole")).toEqual({ LastUsedDate: TEST_NOW, Region: "us-east-1" });
  });
});

describe("recordTogether: a history recorded in one go", () => {
  it("writes its calls' events when it ends, in call order, and each key's latest use once", async () => {
    const keyId = (await createAccessKey(rootCaller(), { UserName: "dave" })).AccessKey.AccessKeyId;
    const dave = (hours: number) => userCaller("dave", { accessKeyId: keyId, now: at(100 + hours) });
    const before = await lastEventId();
    await recordTogether(async () => {
      await iamError(listUsers(await dave(2)));
      await iamError(invokeServiceAction(await dave(3), { Action: "s3:ListAllMyBuckets", Region: "eu-west-1" }));
      await iamError(getUser(await dave(1), { UserName: "alice" }));
      expect(await lastEventId()).toBe(before);
      expect(await prisma.accessKey.findUniqueOrThrow({ where: { id: keyId } })).toMatchObject({ lastUsedDate: null });
    });
    const events = await prisma.activityEvent.findMany({ where: { id: { gt: before } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.eventName, e.eventTime, e.errorCode, e.serviceNamespace, e.awsRegion, e.accessKeyId, e.resourceArn])).toEqual([
      ["ListUsers", at(102), "AccessDenied", "iam", "us-east-1", keyId, `arn:aws:iam::${ACCT}:user/`],
      ["ListAllMyBuckets", at(103), "AccessDenied", "s3", "eu-west-1", keyId, "*"],
      ["GetUser", at(101), "AccessDenied", "iam", "us-east-1", keyId, `arn:aws:iam::${ACCT}:user/alice`],
    ]);
    expect(events[0]).toMatchObject({ identityArn: `arn:aws:iam::${ACCT}:user/dave`, principalType: "IAMUser", readOnly: true, mfaAuthenticated: false });
    expect(new Set(events.map((e) => e.requestId)).size).toBe(3);
    expect((await getAccessKeyLastUsed(rootCaller(), { AccessKeyId: keyId })).AccessKeyLastUsed).toEqual({ LastUsedDate: at(103), ServiceName: "s3", Region: "eu-west-1" });
  });

  it("keeps last uses moving forward only, against what was there before", async () => {
    const session = (hours: number) => roleSessionCaller("EC2AppRole", "i-0fedcba9876543210", { now: at(hours) });
    await recordTogether(async () => {
      await invokeServiceAction(await session(1), { Action: "s3:ListBucket", Resource: "arn:aws:s3:::demo-bucket", Region: "ap-south-1" });
    });
    expect((await getRole(rootCaller(), { RoleName: "EC2AppRole" })).Role.RoleLastUsed).toEqual({ LastUsedDate: at(12), Region: "us-east-1" });
  });

  it("a principal's policies are read once, and again after an IAM write", async () => {
    const reader = await callerWithPolicies("batch-reader", [policyDocument("Allow", "iam:ListUsers")]);
    const object = "arn:aws:s3:::demo-bucket/report.csv";
    await recordTogether(async () => {
      await expectError(invokeServiceAction(reader, { Action: "s3:GetObject", Resource: object }), "AccessDenied", implicitDeny(reader, "s3:GetObject", object));
      await putUserPolicy(rootCaller(), { UserName: "batch-reader", PolicyName: "read-reports", PolicyDocument: JSON.stringify(policyDocument("Allow", "s3:GetObject")) });
      await invokeServiceAction(reader, { Action: "s3:GetObject", Resource: object });
    });
    const events = await prisma.activityEvent.findMany({ where: { principalArn: reader.principalArn }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.eventName, e.errorCode])).toEqual([
      ["GetObject", "AccessDenied"],
      ["GetObject", null],
    ]);
  });

  it("an error inside still writes what was recorded before it, and is rethrown", async () => {
    const before = await lastEventId();
    const bug = new Error("the history stopped");
    await expect(
      recordTogether(async () => {
        await listUsers(rootCaller(undefined, { now: at(200) }));
        throw bug;
      }),
    ).rejects.toBe(bug);
    const events = await prisma.activityEvent.findMany({ where: { id: { gt: before } } });
    expect(events.map((e) => [e.eventName, e.eventTime])).toEqual([["ListUsers", at(200)]]);
  });

  it("outside a batch each call writes its event at once", async () => {
    const before = await lastEventId();
    await listUsers(rootCaller());
    expect(await lastEventId()).toBeGreaterThan(before);
  });
});
