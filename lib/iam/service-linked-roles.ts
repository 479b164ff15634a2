import "server-only";
import { randomUUID } from "node:crypto";
import { db, Prisma } from "@/lib/db";
import { operation } from "./activity";
import { awsManagedPolicyArn, iamArn } from "./arns";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { isUniqueViolation, reserveInAccount, writeLocked } from "./db-facts";
import { IamError, noSuchRole } from "./errors";
import { newId } from "./ids";
import { checkRoleDescription, MAX_SESSION_DURATION_DEFAULT, SERVICE_LINKED_ROLE_PATH } from "./role-validation";
import { authorizedRole, isServiceLinkedRole, ROLE_DETAIL, roleNameKey, toRoleDetail, type Role } from "./roles";
import { checkName, missingMember, validationError } from "./validation";

// Service-linked roles: created by (or for) an AWS service, named AWSServiceRoleFor…, under
// /aws-service-role/SERVICE/, trusting the service, with the service's managed policy. The
// ordinary role operations refuse to change them (roles.ts). This simulation knows a small
// table of well-known services; deletion completes at once, so the deletion task reports
// SUCCEEDED on the first GetServiceLinkedRoleDeletionStatus.

export interface ServiceLinkedRoleSpec {
  /** Role name without a custom suffix. */
  roleName: string;
  /** The AWS managed policy (under /aws-service-role/) the service attaches. */
  policyName: string;
  /** The description AWS gives the role when the request has none. */
  description: string;
  /** Whether the service accepts a CustomSuffix (creating several roles). */
  customSuffix: boolean;
}

export const SERVICE_LINKED_ROLES: Readonly<Record<string, ServiceLinkedRoleSpec>> = {
  "autoscaling.amazonaws.com": {
    roleName: "AWSServiceRoleForAutoScaling",
    policyName: "AutoScalingServiceRolePolicy",
    description: "Default Service-Linked Role enables access to AWS Services and Resources used or managed by Auto Scaling",
    customSuffix: true,
  },
  "elasticloadbalancing.amazonaws.com": {
    roleName: "AWSServiceRoleForElasticLoadBalancing",
    policyName: "AWSElasticLoadBalancingServiceRolePolicy",
    description: "Allows ELB to call AWS services on your behalf.",
    customSuffix: false,
  },
  "ecs.amazonaws.com": {
    roleName: "AWSServiceRoleForECS",
    policyName: "AmazonECSServiceRolePolicy",
    description: "Role to enable Amazon ECS to manage your cluster.",
    customSuffix: false,
  },
  "rds.amazonaws.com": {
    roleName: "AWSServiceRoleForRDS",
    policyName: "AmazonRDSServiceRolePolicy",
    description: "Allows Amazon RDS to manage AWS resources on your behalf",
    customSuffix: false,
  },
  "organizations.amazonaws.com": {
    roleName: "AWSServiceRoleForOrganizations",
    policyName: "AWSOrganizationsServiceTrustPolicy",
    description: "Service-linked role used by AWS Organizations to enable integration of other AWS services with Organizations.",
    customSuffix: false,
  },
  "spot.amazonaws.com": {
    roleName: "AWSServiceRoleForEC2Spot",
    policyName: "AWSEC2SpotServiceRolePolicy",
    description: "Default EC2 Spot Service Linked Role",
    customSuffix: false,
  },
  "support.amazonaws.com": {
    roleName: "AWSServiceRoleForSupport",
    policyName: "AWSSupportServiceRolePolicy",
    description: "Enables resource access for AWS to provide billing, administrative and support services",
    customSuffix: false,
  },
  "trustedadvisor.amazonaws.com": {
    roleName: "AWSServiceRoleForTrustedAdvisor",
    policyName: "AWSTrustedAdvisorServiceRolePolicy",
    description: "Access for the AWS Trusted Advisor Service to help reduce cost, increase performance, and improve security of your AWS environment.",
    customSuffix: false,
  },
  "config.amazonaws.com": {
    roleName: "AWSServiceRoleForConfig",
    policyName: "AWSConfigServiceRolePolicy",
    description: "",
    customSuffix: false,
  },
  "access-analyzer.amazonaws.com": {
    roleName: "AWSServiceRoleForAccessAnalyzer",
    policyName: "AccessAnalyzerServiceRolePolicy",
    description: "",
    customSuffix: false,
  },
  "eks.amazonaws.com": {
    roleName: "AWSServiceRoleForAmazonEKS",
    policyName: "AmazonEKSServiceRolePolicy",
    description: "Allows Amazon EKS to call AWS services on your behalf.",
    customSuffix: false,
  },
};

/** The trust policy of a service-linked role: the service, and nobody else. */
export function serviceLinkedTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
  });
}

export interface CreateServiceLinkedRoleInput {
  AWSServiceName: string;
  Description?: string;
  CustomSuffix?: string;
}

export function createServiceLinkedRole(caller: Caller, input: CreateServiceLinkedRoleInput): Promise<{ Role: Role }> {
  return operation(caller, { eventName: "CreateServiceLinkedRole", readOnly: false, params: { ...input } }, async () => {
    const service = checkName(input.AWSServiceName, "aWSServiceName", 128);
    const description = checkRoleDescription(input.Description);
    const suffix = input.CustomSuffix === undefined ? undefined : checkName(input.CustomSuffix, "customSuffix", 64);
    const spec = SERVICE_LINKED_ROLES[service];
    // Whether AWS rejects an unknown service this way is unverified; this simulation knows only its table.
    if (!spec) throw new IamError("InvalidInput", `Service name ${service} is not a service that supports service-linked roles in this simulation.`);
    if (suffix !== undefined && !spec.customSuffix) throw new IamError("InvalidInput", `Custom suffix is not allowed for ${service}`);
    const name = suffix === undefined ? spec.roleName : `${spec.roleName}_${suffix}`;
    if (name.length > 64) throw validationError(name, "roleName", "Member must have length less than or equal to 64");
    const path = `${SERVICE_LINKED_ROLE_PATH}${service}/`;
    const arn = iamArn(caller.accountId, "role", path, name);
    await authorize(caller, "iam:CreateServiceLinkedRole", arn, { context: { "iam:AWSServiceName": service } });
    const prisma = await db();
    const policy = await prisma.policy.findUnique({
      where: { arn: awsManagedPolicyArn(SERVICE_LINKED_ROLE_PATH, spec.policyName) },
      select: { id: true },
    });
    const taken = () => new IamError("InvalidInput", `Service role name ${name} has been taken in this account, please try a different suffix.`);
    try {
      const row = await prisma.$transaction(async (tx) => {
        await reserveInAccount(tx, caller.accountId, "Roles");
        const roleDescription = description ?? spec.description;
        return tx.role.create({
          data: {
            id: newId("role"),
            accountId: caller.accountId,
            name,
            nameKey: roleNameKey(name),
            path,
            arn,
            description: roleDescription || null,
            assumeRolePolicyDocument: serviceLinkedTrustPolicy(service),
            maxSessionDuration: MAX_SESSION_DURATION_DEFAULT,
            createdAt: caller.now,
            // The service's policy when this installation has loaded it.
            ...(policy ? { attachments: { create: { accountId: caller.accountId, policyId: policy.id, createdAt: caller.now } } } : {}),
          },
          include: ROLE_DETAIL,
        });
      });
      return { Role: toRoleDetail(row, { lastUsed: false }) };
    } catch (err) {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
  });
}

const DELETION_TASK = /^task\/aws-service-role\/([^/]+)\/([\w+=,.@-]+)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function deleteServiceLinkedRole(caller: Caller, input: { RoleName: string }): Promise<{ DeletionTaskId: string }> {
  return operation(caller, { eventName: "DeleteServiceLinkedRole", readOnly: false, params: { ...input } }, async () => {
    const row = await authorizedRole(caller, "iam:DeleteServiceLinkedRole", checkName(input.RoleName, "roleName", 64));
    if (!isServiceLinkedRole(row)) {
      // AWS's text for an ordinary role here is unverified.
      throw new IamError("InvalidInput", `Role ${row.name} is not a service-linked role.`);
    }
    await writeLocked("Role", row.id, () => noSuchRole(row.name), async (tx) => {
      // The service's own policies go with the role; an instance profile holding it lets go.
      await tx.instanceProfile.updateMany({ where: { roleId: row.id }, data: { roleId: null } });
      await tx.role.delete({ where: { id: row.id } });
    });
    const service = row.path.slice(SERVICE_LINKED_ROLE_PATH.length, -1);
    return { DeletionTaskId: `task${SERVICE_LINKED_ROLE_PATH}${service}/${row.name}/${randomUUID()}` };
  });
}

export type DeletionTaskStatus = "SUCCEEDED" | "IN_PROGRESS" | "FAILED" | "NOT_STARTED";

export function getServiceLinkedRoleDeletionStatus(caller: Caller, input: { DeletionTaskId: string }): Promise<{ Status: DeletionTaskStatus }> {
  return operation(caller, { eventName: "GetServiceLinkedRoleDeletionStatus", readOnly: true, params: { ...input } }, async () => {
    const taskId = input.DeletionTaskId;
    if (taskId === undefined) throw missingMember("deletionTaskId");
    if (taskId.length < 1 || taskId.length > 1000) {
      throw validationError(taskId, "deletionTaskId", "Member must have length less than or equal to 1000");
    }
    const m = DELETION_TASK.exec(taskId);
    // AWS's text for a malformed task ID is unverified.
    if (!m) throw new IamError("InvalidInput", `Invalid deletion task id ${taskId}.`);
    const [, service, roleName] = m;
    await authorize(caller, "iam:GetServiceLinkedRoleDeletionStatus", iamArn(caller.accountId, "role", `${SERVICE_LINKED_ROLE_PATH}${service}/`, roleName));
    // Deletion is immediate here: a task exists once DeleteServiceLinkedRole succeeded for the role.
    // Role names compare case-insensitively, as the request may have spelt it either way.
    const deleted = await (await db()).$queryRaw<{ id: bigint }[]>(Prisma.sql`
      SELECT id FROM "ActivityEvent"
      WHERE "accountId" = ${caller.accountId} AND "eventName" = 'DeleteServiceLinkedRole' AND "errorCode" IS NULL
        AND lower("requestParameters"->>'RoleName') = ${roleName.toLowerCase()}
      LIMIT 1`);
    if (deleted.length === 0) throw new IamError("NoSuchEntity", `Deletion task ${taskId} cannot be found.`);
    return { Status: "SUCCEEDED" };
  });
}
