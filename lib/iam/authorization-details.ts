import "server-only";
import { db, type Prisma } from "@/lib/db";
import { operation } from "./activity";
import type { AttachedPolicy } from "./attachments";
import { ENTITY_TYPES, type EntityType } from "./attachments";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import type { PageInput, PageOutput } from "./paging";
import { policyCounts, toPolicy, type Policy } from "./policies";
import type { PolicyVersion } from "./policy-versions";
import { toRole, type AttachedPermissionsBoundary, type Role, type RoleLastUsed } from "./roles";
import { pageSections, section, type After } from "./sectioned-paging";
import { toTags, type Tag } from "./tags";
import { validationError } from "./validation";

// GetAccountAuthorizationDetails: every user, group, role and managed policy of the account
// with the policies that apply to them, in one paged answer. AWS managed policies appear
// only when this account uses them (attached, or as a permissions boundary). Documents are
// returned as stored; the Query API layer percent-encodes them.

export interface PolicyDetail {
  PolicyName: string;
  PolicyDocument: string;
}

export interface UserDetail {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: Date;
  UserPolicyList: PolicyDetail[];
  GroupList: string[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: AttachedPermissionsBoundary;
  Tags: Tag[];
}

export interface GroupDetail {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: Date;
  GroupPolicyList: PolicyDetail[];
  AttachedManagedPolicies: AttachedPolicy[];
}

export interface InstanceProfileDetail {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: Date;
  Roles: Role[];
  Tags?: Tag[];
}

export interface RoleDetail {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: Date;
  AssumeRolePolicyDocument: string;
  InstanceProfileList: InstanceProfileDetail[];
  RolePolicyList: PolicyDetail[];
  AttachedManagedPolicies: AttachedPolicy[];
  PermissionsBoundary?: AttachedPermissionsBoundary;
  Tags: Tag[];
  RoleLastUsed: RoleLastUsed;
}

export interface ManagedPolicyDetail extends Omit<Policy, "Tags"> {
  PolicyVersionList: Required<PolicyVersion>[];
}

export interface GetAccountAuthorizationDetailsInput extends PageInput {
  Filter?: EntityType[];
}

export interface GetAccountAuthorizationDetailsOutput extends PageOutput {
  UserDetailList: UserDetail[];
  GroupDetailList: GroupDetail[];
  RoleDetailList: RoleDetail[];
  Policies: ManagedPolicyDetail[];
}

function checkFilter(filter: string[] | undefined): EntityType[] {
  if (filter === undefined || filter.length === 0) return [...ENTITY_TYPES];
  const wrong = filter.filter((f) => !(ENTITY_TYPES as readonly string[]).includes(f));
  if (wrong.length > 0) {
    throw validationError(
      `[${filter.join(", ")}]`,
      "filter",
      `Member must satisfy constraint: [Member must satisfy enum value set: [${ENTITY_TYPES.join(", ")}]]`,
    );
  }
  return filter as EntityType[];
}

const ORDER = [{ nameKey: "asc" as const }, { id: "asc" as const }];
const inline = { select: { name: true, document: true }, orderBy: { name: "asc" as const } };
const managed = { select: { policy: { select: { name: true, arn: true, nameKey: true } } } };
const tags = { select: { key: true, value: true }, orderBy: { keyKey: "asc" as const } };

const toPolicyDetail = (p: { name: string; document: string }): PolicyDetail => ({ PolicyName: p.name, PolicyDocument: p.document });

function toAttached(rows: { policy: { name: string; arn: string; nameKey: string } }[]): AttachedPolicy[] {
  return rows
    .map((a) => a.policy)
    .sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0))
    .map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
}

function boundary(row: { permissionsBoundary: { arn: string } | null }): { PermissionsBoundary?: AttachedPermissionsBoundary } {
  return row.permissionsBoundary ? { PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: row.permissionsBoundary.arn } } : {};
}

export function getAccountAuthorizationDetails(
  caller: Caller,
  input: GetAccountAuthorizationDetailsInput = {},
): Promise<GetAccountAuthorizationDetailsOutput> {
  return operation(caller, { eventName: "GetAccountAuthorizationDetails", readOnly: true, params: { ...input } }, async () => {
    const filter = checkFilter(input.Filter);
    await authorize(caller, "iam:GetAccountAuthorizationDetails", "*");
    const prisma = await db();
    const accountId = caller.accountId;
    const out: GetAccountAuthorizationDetailsOutput = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: false };

    const users = (after: After, take: number) =>
      prisma.user.findMany({
        where: { accountId, ...after },
        orderBy: ORDER,
        take,
        include: {
          inlinePolicies: inline,
          memberships: { select: { group: { select: { name: true, nameKey: true } } } },
          attachments: managed,
          permissionsBoundary: { select: { arn: true } },
          tags,
        },
      });
    const groups = (after: After, take: number) =>
      prisma.group.findMany({ where: { accountId, ...after }, orderBy: ORDER, take, include: { inlinePolicies: inline, attachments: managed } });
    const roles = (after: After, take: number) =>
      prisma.role.findMany({
        where: { accountId, ...after },
        orderBy: ORDER,
        take,
        include: {
          inlinePolicies: inline,
          attachments: managed,
          permissionsBoundary: { select: { arn: true } },
          tags,
          instanceProfiles: { include: { role: true, tags }, orderBy: ORDER },
        },
      });
    const policies = (scope: Prisma.PolicyWhereInput) => (after: After, take: number) =>
      prisma.policy.findMany({
        where: { AND: [scope, after] },
        orderBy: ORDER,
        take,
        include: { _count: policyCounts(accountId), versions: { orderBy: { createdAt: "desc" } } },
      });
    const usedHere: Prisma.PolicyWhereInput = {
      accountId: null,
      OR: [{ attachments: { some: { accountId } } }, { boundaryOfUsers: { some: { accountId } } }, { boundaryOfRoles: { some: { accountId } } }],
    };

    type UserRow = Awaited<ReturnType<typeof users>>[number];
    type GroupRow = Awaited<ReturnType<typeof groups>>[number];
    type RoleRow = Awaited<ReturnType<typeof roles>>[number];
    type PolicyRow = Awaited<ReturnType<ReturnType<typeof policies>>>[number];

    const toUserDetail = (u: UserRow): UserDetail => ({
      Path: u.path,
      UserName: u.name,
      UserId: u.id,
      Arn: u.arn,
      CreateDate: u.createdAt,
      UserPolicyList: u.inlinePolicies.map(toPolicyDetail),
      GroupList: u.memberships
        .map((m) => m.group)
        .sort((a, b) => (a.nameKey < b.nameKey ? -1 : 1))
        .map((g) => g.name),
      AttachedManagedPolicies: toAttached(u.attachments),
      ...boundary(u),
      Tags: toTags(u.tags),
    });
    const toGroupDetail = (g: GroupRow): GroupDetail => ({
      Path: g.path,
      GroupName: g.name,
      GroupId: g.id,
      Arn: g.arn,
      CreateDate: g.createdAt,
      GroupPolicyList: g.inlinePolicies.map(toPolicyDetail),
      AttachedManagedPolicies: toAttached(g.attachments),
    });
    const toRoleDetail = (r: RoleRow): RoleDetail => ({
      Path: r.path,
      RoleName: r.name,
      RoleId: r.id,
      Arn: r.arn,
      CreateDate: r.createdAt,
      AssumeRolePolicyDocument: r.assumeRolePolicyDocument,
      InstanceProfileList: r.instanceProfiles.map((ip) => ({
        Path: ip.path,
        InstanceProfileName: ip.name,
        InstanceProfileId: ip.id,
        Arn: ip.arn,
        CreateDate: ip.createdAt,
        Roles: ip.role ? [toRole(ip.role)] : [],
        ...(ip.tags.length > 0 ? { Tags: toTags(ip.tags) } : {}),
      })),
      RolePolicyList: r.inlinePolicies.map(toPolicyDetail),
      AttachedManagedPolicies: toAttached(r.attachments),
      ...boundary(r),
      Tags: toTags(r.tags),
      RoleLastUsed: { ...(r.lastUsedDate ? { LastUsedDate: r.lastUsedDate } : {}), ...(r.lastUsedRegion ? { Region: r.lastUsedRegion } : {}) },
    });
    const toPolicyDetailFull = (p: PolicyRow): ManagedPolicyDetail => ({
      ...toPolicy(p, { description: true }),
      PolicyVersionList: p.versions
        .sort((a, b) => Number(b.versionId.slice(1)) - Number(a.versionId.slice(1)))
        .map((v) => ({ Document: v.document, VersionId: v.versionId, IsDefaultVersion: v.versionId === p.defaultVersionId, CreateDate: v.createdAt })),
    });

    const sections = [];
    if (filter.includes("User")) sections.push(section("User", users, toUserDetail, out.UserDetailList));
    if (filter.includes("Group")) sections.push(section("Group", groups, toGroupDetail, out.GroupDetailList));
    if (filter.includes("Role")) sections.push(section("Role", roles, toRoleDetail, out.RoleDetailList));
    if (filter.includes("LocalManagedPolicy")) sections.push(section("LocalManagedPolicy", policies({ accountId }), toPolicyDetailFull, out.Policies));
    if (filter.includes("AWSManagedPolicy")) sections.push(section("AWSManagedPolicy", policies(usedHere), toPolicyDetailFull, out.Policies));
    return { ...out, ...(await pageSections(input, sections)) };
  });
}
