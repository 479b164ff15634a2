import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { operation, redact } from "./activity";
import { IamError, noSuchUser } from "./errors";
import { rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

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
