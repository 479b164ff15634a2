import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import type { Caller } from "./caller";
import { invokeServiceAction } from "./service-activity";
import {
  callerWithPolicies,
  expectError,
  implicitDeny,
  lastEventId,
  roleSessionCaller,
  rootCaller,
  setupDemoAccount,
  TEST_NOW,
  userCaller,
} from "./testing";

// Calls to services other than IAM: authorized by the policy engine over the caller's real
// policies and recorded as that service's events, so that access reports see them.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = "123456789012";
const BUCKET_OBJECT = "arn:aws:s3:::demo-app-assets/static/logo.png";

const latestOf = (caller: Caller) => prisma.activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn }, orderBy: { id: "desc" } });

describe("invokeServiceAction", () => {
  it("an allowed call answers with the action and resource, and is recorded as the service's event", async () => {
    const bob = await userCaller("bob", { userAgent: "aws-cli/2.15.0", region: "eu-west-1" });
    expect(await invokeServiceAction(bob, { Action: "s3:GetObject", Resource: BUCKET_OBJECT })).toEqual({
      Action: "s3:GetObject",
      Resource: BUCKET_OBJECT,
      EvalDecision: "allowed",
    });
    expect(await latestOf(bob)).toMatchObject({
      eventTime: TEST_NOW,
      eventSource: "s3.amazonaws.com",
      eventName: "GetObject",
      serviceNamespace: "s3",
      awsRegion: "eu-west-1",
      identityArn: `arn:aws:iam::${ACCT}:user/bob`,
      resourceArn: BUCKET_OBJECT,
      requestParameters: { Resource: BUCKET_OBJECT },
      userAgent: "aws-cli/2.15.0",
      readOnly: true,
      errorCode: null,
      errorMessage: null,
    });
  });

  it("takes the action in any case and records AWS's spelling", async () => {
    const bob = await userCaller("bob");
    expect(await invokeServiceAction(bob, { Action: "DynamoDB:query", Resource: `arn:aws:dynamodb:eu-west-1:${ACCT}:table/Orders`, Region: "eu-west-1" })).toMatchObject({
      Action: "dynamodb:Query",
    });
    expect(await latestOf(bob)).toMatchObject({ eventSource: "dynamodb.amazonaws.com", eventName: "Query", serviceNamespace: "dynamodb" });
  });

  it("an action without a resource is authorized on * and records no request parameters", async () => {
    const bob = await userCaller("bob");
    expect(await invokeServiceAction(bob, { Action: "ec2:DescribeInstances", Region: "us-east-2" })).toMatchObject({ Resource: "*" });
    expect(await latestOf(bob)).toMatchObject({ eventName: "DescribeInstances", awsRegion: "us-east-2", resourceArn: "*", requestParameters: {} });
  });

  it("the Region is the input's, else the caller's, else us-east-1", async () => {
    const carol = await userCaller("carol", { region: "ap-northeast-1" });
    await invokeServiceAction(carol, { Action: "cloudtrail:LookupEvents", Region: "eu-north-1" });
    expect(await latestOf(carol)).toMatchObject({ awsRegion: "eu-north-1" });
    await invokeServiceAction(carol, { Action: "cloudtrail:LookupEvents" });
    expect(await latestOf(carol)).toMatchObject({ awsRegion: "ap-northeast-1" });
    await invokeServiceAction(await userCaller("carol"), { Action: "cloudtrail:LookupEvents" });
    expect(await latestOf(carol)).toMatchObject({ awsRegion: "us-east-1" });
  });

  it("a denied call throws AccessDenied with AWS's text and is recorded with it", async () => {
    const dave = await userCaller("dave");
    await expectError(
      invokeServiceAction(dave, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::demo-app-assets", Region: "eu-west-1" }),
      "AccessDenied",
      implicitDeny(dave, "s3:ListBucket", "arn:aws:s3:::demo-app-assets"),
    );
    expect(await latestOf(dave)).toMatchObject({
      eventSource: "s3.amazonaws.com",
      eventName: "ListBucket",
      errorCode: "AccessDenied",
      errorMessage: implicitDeny(dave, "s3:ListBucket", "arn:aws:s3:::demo-app-assets"),
      resourceArn: "arn:aws:s3:::demo-app-assets",
      awsRegion: "eu-west-1",
    });
  });

  it("an explicit deny names it: DeveloperAccess never lets bob stop CloudTrail", async () => {
    const bob = await userCaller("bob");
    await expectError(
      invokeServiceAction(bob, { Action: "cloudtrail:StopLogging", Resource: `arn:aws:cloudtrail:us-east-1:${ACCT}:trail/management` }),
      "AccessDenied",
      `User: arn:aws:iam::${ACCT}:user/bob is not authorized to perform: cloudtrail:StopLogging on resource: arn:aws:cloudtrail:us-east-1:${ACCT}:trail/management with an explicit deny in an identity-based policy`,
    );
    expect(await latestOf(bob)).toMatchObject({ eventName: "StopLogging", errorCode: "AccessDenied", readOnly: false });
  });

  it("a role session is judged by its role's policies and recorded under the role", async () => {
    const app = await roleSessionCaller("EC2AppRole", "i-0123456789abcdef0", { region: "eu-west-1" });
    await invokeServiceAction(app, { Action: "s3:GetObject", Resource: BUCKET_OBJECT });
    await expectError(
      invokeServiceAction(app, { Action: "s3:PutObject", Resource: BUCKET_OBJECT }),
      "AccessDenied",
      implicitDeny(app, "s3:PutObject", BUCKET_OBJECT),
    );
    const events = await prisma.activityEvent.findMany({ where: { principalArn: app.principalArn }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.eventName, e.errorCode, e.identityArn, e.sessionName, e.awsRegion])).toEqual([
      ["GetObject", null, `arn:aws:iam::${ACCT}:role/EC2AppRole`, "i-0123456789abcdef0", "eu-west-1"],
      ["PutObject", "AccessDenied", `arn:aws:iam::${ACCT}:role/EC2AppRole`, "i-0123456789abcdef0", "eu-west-1"],
    ]);
  });

  it("the root user may call any service in its account", async () => {
    const root = rootCaller();
    await invokeServiceAction(root, { Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::demo-app-assets" });
    expect(await latestOf(root)).toMatchObject({ eventName: "DeleteBucket", identityArn: `arn:aws:iam::${ACCT}:root`, errorCode: null });
  });

  it("policies see the call's Region as aws:RequestedRegion", async () => {
    const regional = await callerWithPolicies("eu-only", [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "ec2:DescribeInstances", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } }],
      },
    ]);
    await invokeServiceAction(regional, { Action: "ec2:DescribeInstances", Region: "eu-west-1" });
    await invokeServiceAction({ ...regional, region: "eu-west-1" }, { Action: "ec2:DescribeInstances" });
    await expectError(
      invokeServiceAction(regional, { Action: "ec2:DescribeInstances", Region: "us-east-1" }),
      "AccessDenied",
      implicitDeny(regional, "ec2:DescribeInstances", "*"),
    );
    await expectError(invokeServiceAction(regional, { Action: "ec2:DescribeInstances" }), "AccessDenied", implicitDeny(regional, "ec2:DescribeInstances", "*"));
  });

  it("passes request-specific condition keys to the policies", async () => {
    const prefixOnly = await callerWithPolicies("prefix-only", [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::shared", Condition: { StringLike: { "s3:prefix": "home/${aws:username}/*" } } }],
      },
    ]);
    await invokeServiceAction(prefixOnly, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::shared", Context: { "s3:prefix": "home/prefix-only/docs/" } });
    await expectError(
      invokeServiceAction(prefixOnly, { Action: "s3:ListBucket", Resource: "arn:aws:s3:::shared", Context: { "s3:prefix": "home/someone-else/" } }),
      "AccessDenied",
      implicitDeny(prefixOnly, "s3:ListBucket", "arn:aws:s3:::shared"),
    );
  });

  it.each([
    ["s3:GetObject", "Read", true],
    ["s3:ListBucket", "List", true],
    ["s3:PutObject", "Write", false],
    ["s3:PutBucketTagging", "Tagging", false],
    ["s3:PutBucketPolicy", "Permissions management", false],
  ])("%s (%s) is recorded with readOnly %s", async (action, _level, readOnly) => {
    await invokeServiceAction(rootCaller(), { Action: action, Resource: "arn:aws:s3:::demo-app-assets" });
    expect(await latestOf(rootCaller())).toMatchObject({ eventName: action.slice(3), readOnly });
  });

  it.each([
    ["an unknown action", "s3:TeleportObject"],
    ["an unknown service", "nosuchservice:GetThing"],
    ["no service prefix", "GetObject"],
    ["a wildcard", "s3:Get*"],
    ["an empty action", ""],
    ["a path for a service", "../s3:GetObject"],
  ])("%s is InvalidInput and records nothing", async (_what, action) => {
    const before = await lastEventId();
    await expectError(invokeServiceAction(rootCaller(), { Action: action }), "InvalidInput", `Action ${action} is not an action of a known AWS service.`);
    expect(await lastEventId()).toBe(before);
  });
});
