import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { validatePolicy } from "@/lib/iam/policy";
import { operation } from "../activity";
import { iamArn } from "../arns";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import type { Caller } from "../caller";
import { policyCatalog } from "../policy-catalog";
import { invokeServiceAction } from "../service-activity";
import { callerWithPolicies, expectError, iamError, implicitDeny, policyDocument, roleSessionCaller, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "../testing";
import { createUser, getUser, listUsers } from "../users";
import { listRoles } from "../roles";
import { generatePolicyFromActivity, POLICY_GENERATION_MAX_DAYS } from "./policy-generation";

// Generate policy from activity: the principal's calls in the range, allowed and denied, become
// one statement per service and set of resources; other principals, other times, sign-in events
// and the console's own calls stay out; a role's sessions count for the role.

const ACCT = DEMO_ACCOUNT_ID;
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(TEST_NOW.getTime() - n * DAY);
const WEEK = { startTime: daysAgo(7), endTime: TEST_NOW };
const BOB = iamArn(ACCT, "user", "/", "bob");
const ALICE = iamArn(ACCT, "user", "/", "alice");
const APP_ROLE = iamArn(ACCT, "role", "/", "EC2AppRole");

let prisma: Db;

/** A call that fails with any IamError (denied calls are part of the activity). */
async function attempt(call: Promise<unknown>): Promise<void> {
  await call.catch((err: unknown) => iamError(Promise.reject(err)));
}

async function at(caller: Caller, when: Date): Promise<Caller> {
  return { ...caller, now: when };
}

beforeAll(async () => {
  prisma = await setupDemoAccount();
  const bob = await userCaller("bob");
  const yesterday = await at(bob, daysAgo(1));
  await listUsers(yesterday);
  await listRoles(yesterday);
  await getUser(yesterday, { UserName: "alice" });
  await getUser(await at(bob, daysAgo(2)), { UserName: "bob" });
  // Denied: bob may not create users, nor call STS.
  await attempt(createUser(yesterday, { UserName: "pg-new-user" }));
  await attempt(invokeServiceAction(yesterday, { Action: "sts:GetCallerIdentity" }));
  await invokeServiceAction(yesterday, { Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2026/june.csv" });
  await invokeServiceAction(await at(bob, daysAgo(3)), { Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/2026/may.csv" });
  await invokeServiceAction(yesterday, { Action: "s3:ListAllMyBuckets" });
  // Sign-in and the console's own calls are not actions to allow.
  await operation(yesterday, { eventName: "ConsoleLogin", eventSource: "signin.amazonaws.com", readOnly: false }, async () => null);
  await operation(yesterday, { eventName: "GetSecurityRecommendations", readOnly: true }, async () => null);
  // Outside the week: before it, and after its end.
  await invokeServiceAction(await at(bob, daysAgo(8)), { Action: "ec2:DescribeInstances" });
  await invokeServiceAction(await at(bob, new Date(TEST_NOW.getTime() + 1000)), { Action: "lambda:ListFunctions" });
  // Another principal's calls.
  await invokeServiceAction(await at(await userCaller("alice"), daysAgo(1)), { Action: "dynamodb:ListTables" });
  // The application role, through two sessions.
  await invokeServiceAction(await at(await roleSessionCaller("EC2AppRole", "i-0aaa"), daysAgo(1)), { Action: "s3:ListBucket", Resource: "arn:aws:s3:::app-config" });
  await invokeServiceAction(await at(await roleSessionCaller("EC2AppRole", "i-0bbb"), daysAgo(2)), {
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::app-config/settings.json",
  });
});

describe("generatePolicyFromActivity", () => {
  it("builds bob's policy from his allowed and denied calls in the range, one statement per service and set of resources", async () => {
    const out = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, ...WEEK });
    expect(out.properties).toEqual({ principalArn: BOB, isComplete: true, cloudTrailProperties: WEEK });
    expect(out.generatedPolicies).toHaveLength(1);
    expect(JSON.parse(out.generatedPolicies[0].policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "IamAccess", Effect: "Allow", Action: ["iam:ListRoles", "iam:ListUsers"], Resource: "*" },
        { Sid: "IamAccess2", Effect: "Allow", Action: ["iam:GetUser"], Resource: [ALICE, BOB] },
        { Sid: "IamAccess3", Effect: "Allow", Action: ["iam:CreateUser"], Resource: [iamArn(ACCT, "user", "/", "pg-new-user")] },
        { Sid: "S3Access", Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: "*" },
        { Sid: "S3Access2", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::reports/2026/june.csv", "arn:aws:s3:::reports/2026/may.csv"] },
        { Sid: "StsAccess", Effect: "Allow", Action: ["sts:GetCallerIdentity"], Resource: "*" },
      ],
    });
  });

  it("reports the actions per service with their calls and denials", async () => {
    const { serviceActions } = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, ...WEEK });
    expect(serviceActions.map((s) => [s.serviceNamespace, s.serviceName])).toEqual([
      ["iam", "AWS Identity and Access Management (IAM)"],
      ["s3", "Amazon S3"],
      ["sts", "AWS Security Token Service"],
    ]);
    expect(serviceActions.flatMap((s) => s.actions.map((a) => [a.action, a.calls, a.denied]))).toEqual([
      ["iam:CreateUser", 1, 1],
      ["iam:GetUser", 2, 0],
      ["iam:ListRoles", 1, 0],
      ["iam:ListUsers", 1, 0],
      ["s3:GetObject", 2, 0],
      ["s3:ListAllMyBuckets", 1, 0],
      ["sts:GetCallerIdentity", 1, 1],
    ]);
  });

  it("is a valid customer managed policy: no validation errors, and the same policy every time", async () => {
    const first = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, ...WEEK });
    const second = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, ...WEEK });
    expect(second.generatedPolicies).toEqual(first.generatedPolicies);
    const { findings, valid } = validatePolicy(first.generatedPolicies[0].policy, "IDENTITY_POLICY", { iamDocument: "managed", catalog: await policyCatalog() });
    expect(valid).toBe(true);
    expect(findings.filter((f) => f.findingType === "ERROR")).toEqual([]);
  });

  it("counts a role's sessions for the role, and nothing of the users' activity", async () => {
    const out = await generatePolicyFromActivity(rootCaller(), { principalArn: APP_ROLE, ...WEEK });
    expect(JSON.parse(out.generatedPolicies[0].policy).Statement).toEqual([
      { Sid: "S3Access", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::app-config"] },
      { Sid: "S3Access2", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::app-config/settings.json"] },
    ]);
  });

  it("takes the range as given: a wider one takes in older calls, one that ends earlier leaves later calls out", async () => {
    const wider = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: daysAgo(30) });
    expect(wider.properties.cloudTrailProperties).toEqual({ startTime: daysAgo(30), endTime: TEST_NOW });
    expect(wider.serviceActions.map((s) => s.serviceNamespace)).toEqual(["ec2", "iam", "s3", "sts"]);
    const earlier = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: daysAgo(2.5), endTime: daysAgo(1.5) });
    expect(earlier.serviceActions.flatMap((s) => s.actions.map((a) => a.action))).toEqual(["iam:GetUser"]);
    expect(JSON.parse(earlier.generatedPolicies[0].policy).Statement).toEqual([{ Sid: "IamAccess", Effect: "Allow", Action: ["iam:GetUser"], Resource: [BOB] }]);
    // The bounds are inclusive.
    const atEnd = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: daysAgo(2.1), endTime: daysAgo(2) });
    expect(atEnd.serviceActions.flatMap((s) => s.actions.map((a) => a.action))).toEqual(["iam:GetUser"]);
    const atStart = await generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: daysAgo(3), endTime: daysAgo(2.9) });
    expect(atStart.serviceActions.flatMap((s) => s.actions.map((a) => a.action))).toEqual(["s3:GetObject"]);
  });

  it("generates no policy for a principal without activity in the range", async () => {
    const out = await generatePolicyFromActivity(rootCaller(), { principalArn: iamArn(ACCT, "user", "/", "dave"), ...WEEK });
    expect(out.generatedPolicies).toEqual([]);
    expect(out.serviceActions).toEqual([]);
  });

  it("splits a policy over the managed policy quota into several, each within it", async () => {
    const busy = await callerWithPolicies("pg-busy", [policyDocument("Allow", "s3:GetObject")]);
    const objects = Array.from({ length: 120 }, (_, i) => `arn:aws:s3:::busy-bucket/exports/${String(i).padStart(4, "0")}/data.json`);
    for (const Resource of objects) await invokeServiceAction(await at(busy, daysAgo(1)), { Action: "s3:GetObject", Resource });
    const out = await generatePolicyFromActivity(rootCaller(), { principalArn: busy.principalArn, ...WEEK });
    expect(out.generatedPolicies.length).toBeGreaterThan(1);
    const statements = out.generatedPolicies.flatMap((p) => JSON.parse(p.policy).Statement as { Sid: string; Resource: string[] }[]);
    expect(statements.flatMap((s) => s.Resource)).toEqual(objects);
    expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
    for (const p of out.generatedPolicies) expect(p.policy.replace(/\s/g, "").length).toBeLessThanOrEqual(6144);
  });

  it("allows an action on \"*\" when a call named something that is not a resource ARN of the service", async () => {
    const odd = await callerWithPolicies("pg-odd", [policyDocument("Allow", "s3:*")], { now: daysAgo(1) });
    await invokeServiceAction(odd, { Action: "s3:GetObject", Resource: "arn:aws:s3:eu-west-1:123456789012:not-an-object" });
    await invokeServiceAction(odd, { Action: "s3:GetObject", Resource: "arn:aws:s3:::real-bucket/real-key" });
    const out = await generatePolicyFromActivity(rootCaller(), { principalArn: odd.principalArn, ...WEEK });
    expect(JSON.parse(out.generatedPolicies[0].policy).Statement).toEqual([{ Sid: "S3Access", Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" }]);
  });

  it("is not complete when activity of a service it does not know was recorded", async () => {
    const carol = await userCaller("carol", { now: daysAgo(1) });
    await invokeServiceAction(carol, { Action: "s3:ListAllMyBuckets" });
    await operation(carol, { eventName: "Frobnicate", eventSource: "nosuchservice.amazonaws.com", readOnly: false }, async () => null);
    const out = await generatePolicyFromActivity(rootCaller(), { principalArn: carol.principalArn, ...WEEK });
    expect(out.properties.isComplete).toBe(false);
    expect(out.serviceActions.map((s) => s.serviceNamespace)).toEqual(["s3"]);
  });

  it("records StartPolicyGeneration, an Access Analyzer call", async () => {
    const root = rootCaller();
    await generatePolicyFromActivity(root, { principalArn: BOB, ...WEEK });
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: root.principalArn }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      eventName: "StartPolicyGeneration",
      eventSource: "access-analyzer.amazonaws.com",
      errorCode: null,
      requestParameters: { policyGenerationDetails: { principalArn: BOB }, cloudTrailDetails: { startTime: WEEK.startTime.toISOString(), endTime: TEST_NOW.toISOString() } },
    });
  });
});

describe("generatePolicyFromActivity input", () => {
  it(`allows at most ${POLICY_GENERATION_MAX_DAYS} days`, async () => {
    await expect(generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: daysAgo(90) })).resolves.toBeDefined();
    await expectError(
      generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: new Date(daysAgo(90).getTime() - 1000) }),
      "ValidationException",
      "The time range must not be longer than 90 days.",
    );
  });

  it("needs a start before the end, and not in the future", async () => {
    await expectError(generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: TEST_NOW }), "ValidationException", "The start time must be before the end time.");
    await expectError(
      generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: daysAgo(1), endTime: daysAgo(2) }),
      "ValidationException",
      "The start time must be before the end time.",
    );
    await expectError(
      generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: new Date(TEST_NOW.getTime() + DAY), endTime: new Date(TEST_NOW.getTime() + 2 * DAY) }),
      "ValidationException",
      "The start time must not be in the future.",
    );
    await expectError(generatePolicyFromActivity(rootCaller(), { principalArn: BOB, startTime: new Date("nonsense") }), "ValidationException", "startTime must be a valid timestamp.");
  });

  it("takes only a user's or role's ARN", async () => {
    for (const principalArn of [`arn:aws:iam::${ACCT}:group/Developers`, `arn:aws:iam::${ACCT}:root`, "bob"]) {
      await expectError(
        generatePolicyFromActivity(rootCaller(), { principalArn, ...WEEK }),
        "ValidationException",
        `1 validation error detected: Value '${principalArn}' at 'policyGenerationDetails.principalArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[^:]*:iam::[^:]*:(role|user)/.{1,576}`,
      );
    }
  });

  it("fails with ResourceNotFoundException for a user or role that does not exist", async () => {
    const ghost = iamArn(ACCT, "role", "/", "NoSuchRole");
    await expectError(generatePolicyFromActivity(rootCaller(), { principalArn: ghost, ...WEEK }), "ResourceNotFoundException", `The role ${ghost} was not found.`);
  });
});

describe("generatePolicyFromActivity authorization", () => {
  it("needs access-analyzer:StartPolicyGeneration", async () => {
    const caller = await callerWithPolicies("pg-no-start", [policyDocument("Allow", ["iam:GetUser", "iam:GetRole"])]);
    await expectError(generatePolicyFromActivity(caller, { principalArn: BOB, ...WEEK }), "AccessDenied", implicitDeny(caller, "access-analyzer:StartPolicyGeneration", "*"));
  });

  it("needs iam:GetUser on a user, iam:GetRole on a role", async () => {
    const caller = await callerWithPolicies("pg-roles-only", [policyDocument("Allow", ["access-analyzer:StartPolicyGeneration", "iam:GetRole"])]);
    await expectError(generatePolicyFromActivity(caller, { principalArn: BOB, ...WEEK }), "AccessDenied", implicitDeny(caller, "iam:GetUser", BOB));
    const out = await generatePolicyFromActivity(caller, { principalArn: APP_ROLE, ...WEEK });
    expect(out.generatedPolicies).toHaveLength(1);
  });

  it("does not reach into another account, even as root", async () => {
    const stranger = "arn:aws:iam::210987654321:user/someone";
    const root = rootCaller();
    await expectError(generatePolicyFromActivity(root, { principalArn: stranger, ...WEEK }), "AccessDenied", implicitDeny(root, "iam:GetUser", stranger));
  });
});
