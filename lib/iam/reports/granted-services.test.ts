import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "../arns";
import { newId } from "../ids";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import type { PolicyCatalog } from "../policy";
import { policyCatalog } from "../policy-catalog";
import { invokeServiceAction } from "../service-activity";
import { listUsers } from "../users";
import { callerWithPolicies, policyDocument, roleSessionCaller, setupDemoAccount, TEST_NOW, userCaller } from "../testing";
import { grantedServices, lastAccessByService, permissionPoliciesOf, type PermissionPolicy } from "./granted-services";

// Which services an entity's permissions policies grant, and the latest attempts per service.

let prisma: Db;
let catalog: PolicyCatalog;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  catalog = await policyCatalog();
});

const ACCT = DEMO_ACCOUNT_ID;
const inline = (name: string, document: object): PermissionPolicy => ({ policyName: name, policyType: "Inline", document });
const at = (iso: string) => ({ now: new Date(iso) });

describe("grantedServices", () => {
  it("lists each service an Allow grants an action of, named as the reference names it, with the granting policies", () => {
    const services = grantedServices(
      [inline("reads", policyDocument("Allow", ["iam:List*", "s3:GetObject"])), inline("more", policyDocument("Allow", "iam:GetUser", "arn:aws:iam::*:user/x"))],
      catalog,
    );
    expect(services.map((s) => [s.serviceNamespace, s.serviceName, s.policies.map((p) => p.policyName)])).toEqual([
      ["s3", "Amazon S3", ["reads"]],
      ["iam", "AWS Identity and Access Management", ["reads", "more"]],
    ]);
    const iam = services.find((s) => s.serviceNamespace === "iam");
    expect(iam?.actions).toContain("iam:ListUsers");
    expect(iam?.actions).toContain("iam:GetUser");
    expect(iam?.actions).not.toContain("iam:CreateUser");
    expect(services.find((s) => s.serviceNamespace === "s3")?.actions).toEqual(["s3:GetObject"]);
  });

  it("expands NotAction and wildcard prefixes against every service", () => {
    const services = grantedServices([inline("all-but-iam", { Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] })], catalog);
    const namespaces = services.map((s) => s.serviceNamespace);
    expect(namespaces).not.toContain("iam");
    expect(namespaces).toContain("s3");
    expect(namespaces).toContain("dynamodb");
    expect(services.length).toBeGreaterThan(100);
    const star = grantedServices([inline("star", policyDocument("Allow", "*:Describe*"))], catalog);
    expect(star.map((s) => s.serviceNamespace)).toContain("ec2");
    expect(star.find((s) => s.serviceNamespace === "ec2")?.actions.every((a) => a.startsWith("ec2:Describe"))).toBe(true);
  });

  it("ignores Deny statements, and patterns that name no known action", () => {
    const services = grantedServices(
      [
        inline("deny", policyDocument("Deny", "s3:*")),
        inline("unknown", policyDocument("Allow", ["foo:*", "iam:NoSuchAction"])),
        inline("allowed", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Effect: "Deny", Action: "s3:GetObject", Resource: "*" }] }),
      ],
      catalog,
    );
    expect(services.map((s) => [s.serviceNamespace, s.policies.map((p) => p.policyName)])).toEqual([["s3", ["allowed"]]]);
  });

  it("reads documents given as text", () => {
    const services = grantedServices([{ policyArn: "arn:aws:iam::aws:policy/X", policyName: "X", policyType: "AWS managed", document: JSON.stringify(policyDocument("Allow", "sts:GetCallerIdentity")) }], catalog);
    expect(services).toEqual([
      { serviceNamespace: "sts", serviceName: "AWS Security Token Service", policies: [{ policyArn: "arn:aws:iam::aws:policy/X", policyName: "X", policyType: "AWS managed" }], actions: ["sts:GetCallerIdentity"] },
    ]);
  });
});

describe("permissionPoliciesOf", () => {
  it("gives a user its own inline and attached policies and its groups', without the boundary", async () => {
    const policies = await permissionPoliciesOf(ACCT, iamArn(ACCT, "user", "/", "bob"));
    expect(policies?.map((p) => [p.policyName, p.policyType, p.policyArn, p.holder])).toEqual([
      ["DeveloperAccess", "Customer managed", iamArn(ACCT, "policy", "/", "DeveloperAccess"), { type: "group", name: "Developers" }],
    ]);
  });

  it("gives a group and a role their policies, and a managed policy itself", async () => {
    expect((await permissionPoliciesOf(ACCT, iamArn(ACCT, "group", "/", "Auditors")))?.map((p) => p.policyName)).toEqual(["SecurityAudit"]);
    expect((await permissionPoliciesOf(ACCT, iamArn(ACCT, "role", "/", "EC2AppRole")))?.map((p) => p.policyName)).toEqual(["AmazonS3ReadOnlyAccess"]);
    const [admin] = (await permissionPoliciesOf(ACCT, "arn:aws:iam::aws:policy/AdministratorAccess")) ?? [];
    expect(admin).toMatchObject({ policyName: "AdministratorAccess", policyType: "AWS managed", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
    expect(JSON.parse(admin.document as string)).toMatchObject({ Statement: [{ Effect: "Allow", Action: "*" }] });
  });

  it("finds nothing for a missing entity, another account's entity, or something that is no IAM entity", async () => {
    expect(await permissionPoliciesOf(ACCT, iamArn(ACCT, "user", "/", "nobody"))).toBeUndefined();
    expect(await permissionPoliciesOf("210987654321", iamArn(ACCT, "user", "/", "bob"))).toBeUndefined();
    expect(await permissionPoliciesOf(ACCT, `arn:aws:s3:::bucket`)).toBeUndefined();
    expect(await permissionPoliciesOf(ACCT, "not an arn")).toBeUndefined();
  });
});

describe("lastAccessByService", () => {
  it("gives per service the latest attempt, allowed or denied, its identity and Region, and per action and identity", async () => {
    const one = await callerWithPolicies("gs-one", [policyDocument("Allow", ["iam:ListUsers", "s3:GetObject"])]);
    const two = await callerWithPolicies("gs-two", [policyDocument("Allow", "iam:ListUsers")]);
    await listUsers({ ...one, ...at("2026-05-01T00:00:00Z") });
    await invokeServiceAction({ ...one, ...at("2026-05-02T00:00:00Z"), region: "eu-west-1" }, { Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" });
    await listUsers({ ...two, ...at("2026-05-03T00:00:00Z") });
    // Denied: counts as an attempt.
    await expect(invokeServiceAction({ ...two, ...at("2026-05-04T00:00:00Z"), region: "us-west-2" }, { Action: "s3:PutObject", Resource: "arn:aws:s3:::b/k" })).rejects.toThrow();
    const result = await lastAccessByService(ACCT, [one.principalArn, two.principalArn], new Date("2026-01-01T00:00:00Z"), TEST_NOW);
    const byService = Object.fromEntries(result.map((r) => [r.serviceNamespace, r]));
    expect(byService.s3).toMatchObject({
      lastAuthenticated: new Date("2026-05-04T00:00:00Z"),
      lastAuthenticatedEntity: two.principalArn,
      lastAuthenticatedRegion: "us-west-2",
      totalAuthenticatedEntities: 2,
      actions: [
        { actionName: "PutObject", lastAccessedEntity: two.principalArn, lastAccessedRegion: "us-west-2" },
        { actionName: "GetObject", lastAccessedEntity: one.principalArn, lastAccessedRegion: "eu-west-1" },
      ],
      entities: [{ identityArn: two.principalArn }, { identityArn: one.principalArn }],
    });
    expect(byService.iam).toMatchObject({ lastAuthenticated: new Date("2026-05-03T00:00:00Z"), lastAuthenticatedEntity: two.principalArn, lastAuthenticatedRegion: "us-east-1", totalAuthenticatedEntities: 2 });
    expect(byService.iam.actions).toEqual([{ actionName: "ListUsers", lastAccessedTime: new Date("2026-05-03T00:00:00Z"), lastAccessedEntity: two.principalArn, lastAccessedRegion: "us-east-1" }]);
  });

  it("keeps to the period and to the identities asked about, and counts a role's sessions for the role", async () => {
    const role = await prisma.role.create({
      data: { id: newId("role"), accountId: ACCT, name: "gs-role", nameKey: "gs-role", path: "/", arn: iamArn(ACCT, "role", "/", "gs-role"), assumeRolePolicyDocument: "{}" },
    });
    const session = await roleSessionCaller("gs-role", "s1");
    await expect(invokeServiceAction({ ...session, ...at("2026-03-01T00:00:00Z") }, { Action: "dynamodb:Scan" })).rejects.toThrow();
    await expect(invokeServiceAction({ ...session, ...at("2026-04-01T00:00:00Z") }, { Action: "sqs:ListQueues" })).rejects.toThrow();
    const period = await lastAccessByService(ACCT, [role.arn], new Date("2026-03-15T00:00:00Z"), new Date("2026-04-01T00:00:00Z"));
    expect(period.map((r) => [r.serviceNamespace, r.lastAuthenticatedEntity])).toEqual([["sqs", role.arn]]);
    expect(await lastAccessByService(ACCT, [iamArn(ACCT, "role", "/", "other")], new Date(0), TEST_NOW)).toEqual([]);
    expect(await lastAccessByService(ACCT, [], new Date(0), TEST_NOW)).toEqual([]);
  });

  it("leaves out sign-in events", async () => {
    const caller = await userCaller("dave");
    await prisma.activityEvent.create({
      data: {
        accountId: ACCT,
        eventTime: new Date("2026-05-20T00:00:00Z"),
        requestId: "00000000-0000-4000-8000-000000000001",
        eventSource: "signin.amazonaws.com",
        eventName: "ConsoleLogin",
        principalArn: caller.principalArn,
        principalType: "IAMUser",
        identityArn: caller.principalArn,
        serviceNamespace: "signin",
      },
    });
    const result = await lastAccessByService(ACCT, [caller.principalArn], new Date("2026-05-19T00:00:00Z"), TEST_NOW);
    expect(result.map((r) => r.serviceNamespace)).not.toContain("signin");
  });
});
