import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { newId } from "./ids";
import { createRole, deleteRole, getRole, updateAssumeRolePolicy } from "./roles";
import {
  createServiceLinkedRole,
  deleteServiceLinkedRole,
  getServiceLinkedRoleDeletionStatus,
  SERVICE_LINKED_ROLES,
  serviceLinkedTrustPolicy,
} from "./service-linked-roles";
import { callerWithPolicies, iamError, loadTestManagedPolicies, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  await loadTestManagedPolicies(prisma, ["AutoScalingServiceRolePolicy", "AmazonECSServiceRolePolicy", "AWSElasticLoadBalancingServiceRolePolicy"]);
});

const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });
const attachedPolicies = async (roleName: string) =>
  (await prisma.policyAttachment.findMany({ where: { role: { name: roleName } }, select: { policy: { select: { arn: true } } } })).map((a) => a.policy.arn);

describe("CreateServiceLinkedRole", () => {
  it("creates AWSServiceRoleForAutoScaling under the service's path, trusting the service, with its managed policy", async () => {
    const { Role } = await createServiceLinkedRole(rootCaller(), { AWSServiceName: "autoscaling.amazonaws.com" });
    const row = await prisma.role.findFirstOrThrow({ where: { name: "AWSServiceRoleForAutoScaling" } });
    expect(Role).toEqual({
      Path: "/aws-service-role/autoscaling.amazonaws.com/",
      RoleName: "AWSServiceRoleForAutoScaling",
      RoleId: row.id,
      Arn: "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
      CreateDate: TEST_NOW,
      AssumeRolePolicyDocument: serviceLinkedTrustPolicy("autoscaling.amazonaws.com"),
      Description: "Default Service-Linked Role enables access to AWS Services and Resources used or managed by Auto Scaling",
      MaxSessionDuration: 3600,
    });
    expect(JSON.parse(Role.AssumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "autoscaling.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    expect(await attachedPolicies("AWSServiceRoleForAutoScaling")).toEqual(["arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"]);
    expect(await lastEvent("CreateServiceLinkedRole")).toMatchObject({ errorCode: null, requestParameters: { AWSServiceName: "autoscaling.amazonaws.com" } });
  });

  it("takes a description and, where the service allows it, a custom suffix", async () => {
    const { Role } = await createServiceLinkedRole(rootCaller(), { AWSServiceName: "autoscaling.amazonaws.com", CustomSuffix: "batch", Description: "For batch fleets" });
    expect(Role).toMatchObject({ RoleName: "AWSServiceRoleForAutoScaling_batch", Description: "For batch fleets" });
  });

  it("a service that takes no suffix fails with InvalidInput", async () => {
    const err = await iamError(createServiceLinkedRole(rootCaller(), { AWSServiceName: "ecs.amazonaws.com", CustomSuffix: "x" }));
    expect([err.code, err.message, err.status]).toEqual(["InvalidInput", "Custom suffix is not allowed for ecs.amazonaws.com", 400]);
  });

  it("a second role for the service fails with InvalidInput, and of two concurrent ones exactly one wins", async () => {
    const results = await Promise.allSettled([
      createServiceLinkedRole(rootCaller(), { AWSServiceName: "ecs.amazonaws.com" }),
      createServiceLinkedRole(rootCaller(), { AWSServiceName: "ecs.amazonaws.com" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(lost.reason).toMatchObject({
      code: "InvalidInput",
      message: "Service role name AWSServiceRoleForECS has been taken in this account, please try a different suffix.",
    });
    expect(await attachedPolicies("AWSServiceRoleForECS")).toEqual(["arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy"]);
  });

  it("a service whose managed policy is not loaded still gets its role, without the policy", async () => {
    const { Role } = await createServiceLinkedRole(rootCaller(), { AWSServiceName: "rds.amazonaws.com" });
    expect(Role).toMatchObject({ RoleName: "AWSServiceRoleForRDS", Description: "Allows Amazon RDS to manage AWS resources on your behalf" });
    expect(await attachedPolicies("AWSServiceRoleForRDS")).toEqual([]);
  });

  it("knows the table's services, each with a role name that fits", () => {
    for (const [service, spec] of Object.entries(SERVICE_LINKED_ROLES)) {
      expect(service).toMatch(/^[a-z0-9-]+\.amazonaws\.com$/);
      expect(spec.roleName).toMatch(/^AWSServiceRoleFor[A-Za-z0-9]+$/);
    }
  });

  it("an unknown service fails with InvalidInput; a malformed one with ValidationError", async () => {
    let err = await iamError(createServiceLinkedRole(rootCaller(), { AWSServiceName: "nosuch.amazonaws.com" }));
    expect(err.code).toBe("InvalidInput");
    err = await iamError(createServiceLinkedRole(rootCaller(), { AWSServiceName: "bad name" }));
    expect(err.code).toBe("ValidationError");
    err = await iamError(createServiceLinkedRole(rootCaller(), {} as never));
    expect(err.message).toBe("1 validation error detected: Value null at 'aWSServiceName' failed to satisfy constraint: Member must not be null");
  });

  it("is authorized on the role's ARN, with iam:AWSServiceName", async () => {
    const dave = await userCaller("dave");
    let err = await iamError(createServiceLinkedRole(dave, { AWSServiceName: "elasticloadbalancing.amazonaws.com" }));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:CreateServiceLinkedRole on resource: arn:aws:iam::123456789012:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing because no identity-based policy allows the iam:CreateServiceLinkedRole action",
    );
    const caller = await callerWithPolicies("slr-creator", [
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "iam:CreateServiceLinkedRole", Resource: "*", Condition: { StringEquals: { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" } } },
        ],
      },
    ]);
    err = await iamError(createServiceLinkedRole(caller, { AWSServiceName: "organizations.amazonaws.com" }));
    expect(err.code).toBe("AccessDenied");
    const { Role } = await createServiceLinkedRole(caller, { AWSServiceName: "elasticloadbalancing.amazonaws.com" });
    expect(Role.RoleName).toBe("AWSServiceRoleForElasticLoadBalancing");
  });

  it("counts against the 1,000 roles of the account", async () => {
    const other = "210987654321";
    await prisma.account.create({ data: { id: other, rootEmail: "slr-quota@test.example.com", rootPasswordHash: "x" } });
    await prisma.role.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        id: newId("role"),
        accountId: other,
        name: `r${i}`,
        nameKey: `r${i}`,
        arn: iamArn(other, "role", "/", `r${i}`),
        assumeRolePolicyDocument: "{}",
      })),
    });
    const err = await iamError(createServiceLinkedRole(rootCaller(other), { AWSServiceName: "ecs.amazonaws.com" }));
    expect([err.code, err.message]).toEqual(["LimitExceeded", "Cannot exceed quota for RolesPerAccount: 1000"]);
  });

  it("the ordinary role operations refuse to change it", async () => {
    for (const attempt of [
      () => deleteRole(rootCaller(), { RoleName: "AWSServiceRoleForRDS" }),
      () => updateAssumeRolePolicy(rootCaller(), { RoleName: "AWSServiceRoleForRDS", PolicyDocument: serviceLinkedTrustPolicy("ec2.amazonaws.com") }),
    ]) {
      const err = await iamError(attempt());
      expect([err.code, err.message]).toEqual(["UnmodifiableEntity", "Cannot perform the operation on the protected role 'AWSServiceRoleForRDS' - this role is only modifiable by AWS"]);
    }
  });
});

describe("DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus", () => {
  it("deletes the role with its policies at once; the deletion task has SUCCEEDED", async () => {
    await createServiceLinkedRole(rootCaller(), { AWSServiceName: "organizations.amazonaws.com" });
    const { DeletionTaskId } = await deleteServiceLinkedRole(rootCaller(), { RoleName: "awsservicerolefororganizations" });
    expect(DeletionTaskId).toMatch(
      /^task\/aws-service-role\/organizations\.amazonaws\.com\/AWSServiceRoleForOrganizations\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect((await iamError(getRole(rootCaller(), { RoleName: "AWSServiceRoleForOrganizations" }))).code).toBe("NoSuchEntity");
    expect(await getServiceLinkedRoleDeletionStatus(rootCaller(), { DeletionTaskId })).toEqual({ Status: "SUCCEEDED" });
    expect(await lastEvent("DeleteServiceLinkedRole")).toMatchObject({ errorCode: null });
    expect(await lastEvent("GetServiceLinkedRoleDeletionStatus")).toMatchObject({ errorCode: null, readOnly: true });
  });

  it("detaches the service's managed policy as it goes", async () => {
    await createServiceLinkedRole(rootCaller(), { AWSServiceName: "autoscaling.amazonaws.com", CustomSuffix: "gone" });
    expect(await attachedPolicies("AWSServiceRoleForAutoScaling_gone")).toHaveLength(1);
    await deleteServiceLinkedRole(rootCaller(), { RoleName: "AWSServiceRoleForAutoScaling_gone" });
    expect(await prisma.role.count({ where: { name: "AWSServiceRoleForAutoScaling_gone" } })).toBe(0);
  });

  it("an ordinary role fails with InvalidInput; a missing one with NoSuchEntity", async () => {
    await createRole(rootCaller(), { RoleName: "Ordinary", AssumeRolePolicyDocument: serviceLinkedTrustPolicy("ec2.amazonaws.com") });
    let err = await iamError(deleteServiceLinkedRole(rootCaller(), { RoleName: "Ordinary" }));
    expect(err.code).toBe("InvalidInput");
    err = await iamError(deleteServiceLinkedRole(rootCaller(), { RoleName: "AWSServiceRoleForNothing" }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", "The role with name AWSServiceRoleForNothing cannot be found."]);
  });

  it("a malformed task ID fails with InvalidInput; a task that never ran with NoSuchEntity", async () => {
    expect((await iamError(getServiceLinkedRoleDeletionStatus(rootCaller(), { DeletionTaskId: "task/nonsense" }))).code).toBe("InvalidInput");
    const never = "task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/00000000-0000-4000-8000-000000000000";
    expect((await iamError(getServiceLinkedRoleDeletionStatus(rootCaller(), { DeletionTaskId: never }))).code).toBe("NoSuchEntity");
  });

  it("both are authorized on the role's ARN", async () => {
    const dave = await userCaller("dave");
    let err = await iamError(deleteServiceLinkedRole(dave, { RoleName: "AWSServiceRoleForECS" }));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:DeleteServiceLinkedRole on resource: arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS because no identity-based policy allows the iam:DeleteServiceLinkedRole action",
    );
    const task = "task/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS/00000000-0000-4000-8000-000000000000";
    err = await iamError(getServiceLinkedRoleDeletionStatus(dave, { DeletionTaskId: task }));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:GetServiceLinkedRoleDeletionStatus on resource: arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS because no identity-based policy allows the iam:GetServiceLinkedRoleDeletionStatus action",
    );
  });
});
