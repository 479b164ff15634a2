import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { authorize, requestContext } from "./authorize";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { IamError } from "./errors";
import { rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

// authorize(caller, action, resource): root may act in its own account; everyone else is
// judged by the policy engine over identity policies and the permissions boundary.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

async function denial(attempt: Promise<unknown>): Promise<string> {
  try {
    await attempt;
  } catch (err) {
    expect(err).toBeInstanceOf(IamError);
    expect((err as IamError).code).toBe("AccessDenied");
    return (err as IamError).message;
  }
  throw new Error("The request was allowed, but it should have been denied.");
}

const implicit = (caller: string, action: string, resource: string) =>
  `User: ${caller} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

async function roleSession(roleName: string): Promise<Caller> {
  const role = await prisma.role.findFirstOrThrow({ where: { name: roleName } });
  return {
    accountId: DEMO_ACCOUNT_ID,
    principalType: "AssumedRole",
    principalArn: `arn:aws:sts::123456789012:assumed-role/${roleName}/i-0abc`,
    principalId: `${role.id}:i-0abc`,
    roleId: role.id,
    roleArn: role.arn,
    mfaPresent: false,
    tokenIssueTime: TEST_NOW,
    sourceIp: "10.0.0.5",
    secureTransport: true,
    now: TEST_NOW,
  };
}

describe("requestContext (the aws:* global condition keys)", () => {
  it("an IAM user with long-term keys: no MFA keys at all", async () => {
    const alice = await userCaller("alice", { userAgent: "aws-cli/2.17", now: new Date("2026-06-01T12:00:00.789Z") });
    expect(requestContext(alice, { team: "platform" }, { "iam:PassedToService": "ec2.amazonaws.com", "aws:RequestTag/x": undefined })).toEqual({
      "aws:PrincipalArn": "arn:aws:iam::123456789012:user/alice",
      "aws:PrincipalAccount": "123456789012",
      "aws:PrincipalType": "User",
      "aws:userid": alice.principalId,
      "aws:username": "alice",
      "aws:SourceIp": "203.0.113.10",
      "aws:SecureTransport": "true",
      "aws:CurrentTime": "2026-06-01T12:00:00Z",
      "aws:EpochTime": "1780315200",
      "aws:RequestedRegion": "us-east-1",
      "aws:ViaAWSService": "false",
      "aws:UserAgent": "aws-cli/2.17",
      "aws:PrincipalTag/team": "platform",
      "iam:PassedToService": "ec2.amazonaws.com",
    });
  });

  it("a console session with MFA: aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge and aws:TokenIssueTime", async () => {
    const caller = await userCaller("bob", {
      mfaPresent: true,
      mfaAuthenticatedAt: new Date(TEST_NOW.getTime() - 125_400),
      tokenIssueTime: new Date(TEST_NOW.getTime() - 600_000),
    });
    expect(requestContext(caller, {})).toMatchObject({
      "aws:MultiFactorAuthPresent": "true",
      "aws:MultiFactorAuthAge": "125",
      "aws:TokenIssueTime": "2026-06-01T11:50:00Z",
    });
  });

  it("a role session: aws:PrincipalArn is the role's ARN, not the session's", async () => {
    const ctx = requestContext(await roleSession("EC2AppRole"), {});
    expect(ctx["aws:PrincipalArn"]).toBe("arn:aws:iam::123456789012:role/EC2AppRole");
    expect(ctx["aws:PrincipalType"]).toBe("AssumedRole");
    expect(ctx["aws:MultiFactorAuthPresent"]).toBe("false");
    expect(ctx["aws:username"]).toBeUndefined();
  });
});

describe("authorize", () => {
  it("root may do anything in its own account, on *, on AWS-owned and account-less resources", async () => {
    const root = rootCaller();
    for (const resource of ["*", "arn:aws:iam::123456789012:user/alice", "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:s3:::bucket/key"]) {
      await expect(authorize(root, "iam:DeleteUser", resource)).resolves.toBeUndefined();
    }
  });

  it("root may not act on another account's resources", async () => {
    const message = await denial(authorize(rootCaller(), "iam:DeleteUser", "arn:aws:iam::210987654321:user/zoe"));
    expect(message).toBe(implicit("arn:aws:iam::123456789012:root", "iam:DeleteUser", "arn:aws:iam::210987654321:user/zoe"));
  });

  it("alice (AdministratorAccess) may do anything", async () => {
    await expect(authorize(await userCaller("alice"), "iam:CreateUser", "arn:aws:iam::123456789012:user/new")).resolves.toBeUndefined();
  });

  it("bob may pass only EC2AppRole", async () => {
    const bob = await userCaller("bob");
    await authorize(bob, "iam:PassRole", "arn:aws:iam::123456789012:role/EC2AppRole");
    expect(await denial(authorize(bob, "iam:PassRole", "arn:aws:iam::123456789012:role/AuditorRole"))).toBe(
      implicit("arn:aws:iam::123456789012:user/bob", "iam:PassRole", "arn:aws:iam::123456789012:role/AuditorRole"),
    );
  });

  it("bob manages only his own access keys (${aws:username})", async () => {
    const bob = await userCaller("bob");
    await authorize(bob, "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/bob");
    await denial(authorize(bob, "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/alice"));
  });

  it("bob's explicit Deny wins over his Allow", async () => {
    const message = await denial(authorize(await userCaller("bob"), "cloudtrail:DeleteTrail", "*"));
    expect(message).toMatch(/^User: arn:aws:iam::123456789012:user\/bob is not authorized to perform: cloudtrail:DeleteTrail on resource: \* with an explicit deny in an identity-based policy/);
  });

  it("carol (SecurityAudit) may read but not write", async () => {
    const carol = await userCaller("carol");
    await authorize(carol, "iam:GetAccountSummary", "*");
    await denial(authorize(carol, "iam:CreateUser", "arn:aws:iam::123456789012:user/new"));
  });

  it("a permissions boundary limits even AdministratorAccess", async () => {
    const alice = await userCaller("alice");
    const boundary = await prisma.policy.findFirstOrThrow({ where: { name: "IAMReadOnlyAccess", accountId: null } });
    await prisma.user.update({ where: { id: alice.userId }, data: { permissionsBoundaryId: boundary.id } });
    try {
      await authorize(alice, "iam:ListUsers", "arn:aws:iam::123456789012:user/");
      const message = await denial(authorize(alice, "iam:CreateUser", "arn:aws:iam::123456789012:user/new"));
      expect(message).toBe(
        "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/new because no permissions boundary allows the iam:CreateUser action",
      );
    } finally {
      await prisma.user.update({ where: { id: alice.userId }, data: { permissionsBoundaryId: null } });
    }
  });

  it("a role session is judged by the role's policies and named by its session ARN", async () => {
    const session = await roleSession("EC2AppRole");
    await authorize(session, "s3:GetObject", "arn:aws:s3:::bucket/key");
    const message = await denial(authorize(session, "s3:PutObject", "arn:aws:s3:::bucket/key"));
    expect(message).toBe(implicit("arn:aws:sts::123456789012:assumed-role/EC2AppRole/i-0abc", "s3:PutObject", "arn:aws:s3:::bucket/key"));
  });

  it("conditions see principal tags and extra request context", async () => {
    const dave = await userCaller("dave");
    await prisma.tag.create({ data: { userId: dave.userId, key: "team", keyKey: "team", value: "data" } });
    await prisma.inlinePolicy.create({
      data: {
        accountId: DEMO_ACCOUNT_ID,
        name: "TeamBuckets",
        userId: dave.userId,
        document: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::${aws:PrincipalTag/team}-*" },
            { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } },
          ],
        }),
      },
    });
    await authorize(dave, "s3:ListBucket", "arn:aws:s3:::data-lake");
    await denial(authorize(dave, "s3:ListBucket", "arn:aws:s3:::ml-lake"));
    await authorize(dave, "iam:PassRole", "arn:aws:iam::123456789012:role/x", { context: { "iam:PassedToService": "lambda.amazonaws.com" } });
    await denial(authorize(dave, "iam:PassRole", "arn:aws:iam::123456789012:role/x", { context: { "iam:PassedToService": "ec2.amazonaws.com" } }));
    await denial(authorize(dave, "iam:PassRole", "arn:aws:iam::123456789012:role/x"));
  });

  it("reuses policies loaded earlier in the request when given", async () => {
    const dave = await userCaller("dave");
    const admin = await prisma.policy.findFirstOrThrow({ where: { name: "AdministratorAccess" }, include: { versions: true } });
    const policies = {
      identity: [{ id: admin.arn, type: "aws-managed" as const, document: admin.versions[0].document, name: admin.name, holder: { type: "user" as const, name: "dave" } }],
      tags: {},
    };
    await authorize(dave, "iam:CreateUser", "arn:aws:iam::123456789012:user/new", { policies });
  });
});
