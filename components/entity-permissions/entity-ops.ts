import "server-only";
import type { DeleteDependency } from "@/components/delete-modal";
import type { Caller } from "@/lib/iam/caller";
import {
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  detachGroupPolicy,
  detachRolePolicy,
  detachUserPolicy,
  listAttachedGroupPolicies,
  listAttachedRolePolicies,
  listAttachedUserPolicies,
} from "@/lib/iam/attachments";
import { deleteGroupWithDependencies, listGroupDependencies } from "@/lib/iam/console-groups";
import {
  deleteGroupPolicy,
  deleteRolePolicy,
  deleteUserPolicy,
  getGroupPolicy,
  getRolePolicy,
  getUserPolicy,
  listGroupPolicies,
  listRolePolicies,
  listUserPolicies,
  putGroupPolicy,
  putRolePolicy,
  putUserPolicy,
} from "@/lib/iam/inline-policies";
import { listInstanceProfilesForRole } from "@/lib/iam/instance-profiles";
import { deleteRolePermissionsBoundary, putRolePermissionsBoundary, tagRole, untagRole } from "@/lib/iam/roles";
import { deleteRoleWithDependencies } from "@/lib/iam/roles-console";
import type { Tag } from "@/lib/iam/tags";
import { deleteUserPermissionsBoundary, putUserPermissionsBoundary, tagUser, untagUser } from "@/lib/iam/users";
import { deleteUserWithDependencies, listUserDependencies } from "@/lib/iam/users-console";
import { groupDependencyList, roleDependencyList, userDependencyList } from "./delete-dependencies";
import type { EntityKind } from "./kinds";

// The lib/iam function behind each operation of the shared entity pages, for each kind. The
// pages and actions speak of "the entity"; only this table knows that a user's policy is
// attached with AttachUserPolicy and a role's with AttachRolePolicy. Groups have no
// permissions boundary and no tags, as in IAM.

const ALL = { MaxItems: 1000 };

export interface EntityOps {
  attachPolicy(caller: Caller, name: string, policyArn: string): Promise<unknown>;
  detachPolicy(caller: Caller, name: string, policyArn: string): Promise<unknown>;
  listAttachedPolicies(caller: Caller, name: string): Promise<{ AttachedPolicies: { PolicyName: string; PolicyArn: string }[] }>;
  putInlinePolicy(caller: Caller, name: string, policyName: string, document: string): Promise<unknown>;
  getInlinePolicy(caller: Caller, name: string, policyName: string): Promise<{ PolicyName: string; PolicyDocument: string }>;
  deleteInlinePolicy(caller: Caller, name: string, policyName: string): Promise<unknown>;
  listInlinePolicies(caller: Caller, name: string): Promise<{ PolicyNames: string[] }>;
  /** What the delete dialog lists for the entities it deletes. */
  deleteDependencies(caller: Caller, names: readonly string[]): Promise<DeleteDependency[]>;
  /** Deletes the entity with everything that must go first, as the console's dialog does. */
  deleteWithDependencies(caller: Caller, name: string): Promise<unknown>;
  boundary?: {
    put(caller: Caller, name: string, policyArn: string): Promise<unknown>;
    remove(caller: Caller, name: string): Promise<unknown>;
  };
  tags?: {
    tag(caller: Caller, name: string, tags: Tag[]): Promise<unknown>;
    untag(caller: Caller, name: string, keys: string[]): Promise<unknown>;
  };
}

export const ENTITY_OPS: Record<EntityKind, EntityOps> = {
  User: {
    attachPolicy: (c, UserName, PolicyArn) => attachUserPolicy(c, { UserName, PolicyArn }),
    detachPolicy: (c, UserName, PolicyArn) => detachUserPolicy(c, { UserName, PolicyArn }),
    listAttachedPolicies: (c, UserName) => listAttachedUserPolicies(c, { UserName, ...ALL }),
    putInlinePolicy: (c, UserName, PolicyName, PolicyDocument) => putUserPolicy(c, { UserName, PolicyName, PolicyDocument }),
    getInlinePolicy: (c, UserName, PolicyName) => getUserPolicy(c, { UserName, PolicyName }),
    deleteInlinePolicy: (c, UserName, PolicyName) => deleteUserPolicy(c, { UserName, PolicyName }),
    listInlinePolicies: (c, UserName) => listUserPolicies(c, { UserName, ...ALL }),
    deleteDependencies: async (c, names) => userDependencyList(await Promise.all(names.map((UserName) => listUserDependencies(c, { UserName })))),
    deleteWithDependencies: (c, UserName) => deleteUserWithDependencies(c, { UserName }),
    boundary: {
      put: (c, UserName, PermissionsBoundary) => putUserPermissionsBoundary(c, { UserName, PermissionsBoundary }),
      remove: (c, UserName) => deleteUserPermissionsBoundary(c, { UserName }),
    },
    tags: {
      tag: (c, UserName, Tags) => tagUser(c, { UserName, Tags }),
      untag: (c, UserName, TagKeys) => untagUser(c, { UserName, TagKeys }),
    },
  },
  Group: {
    attachPolicy: (c, GroupName, PolicyArn) => attachGroupPolicy(c, { GroupName, PolicyArn }),
    detachPolicy: (c, GroupName, PolicyArn) => detachGroupPolicy(c, { GroupName, PolicyArn }),
    listAttachedPolicies: (c, GroupName) => listAttachedGroupPolicies(c, { GroupName, ...ALL }),
    putInlinePolicy: (c, GroupName, PolicyName, PolicyDocument) => putGroupPolicy(c, { GroupName, PolicyName, PolicyDocument }),
    getInlinePolicy: (c, GroupName, PolicyName) => getGroupPolicy(c, { GroupName, PolicyName }),
    deleteInlinePolicy: (c, GroupName, PolicyName) => deleteGroupPolicy(c, { GroupName, PolicyName }),
    listInlinePolicies: (c, GroupName) => listGroupPolicies(c, { GroupName, ...ALL }),
    deleteDependencies: async (c, names) => groupDependencyList(await Promise.all(names.map((GroupName) => listGroupDependencies(c, { GroupName })))),
    deleteWithDependencies: (c, GroupName) => deleteGroupWithDependencies(c, { GroupName }),
  },
  Role: {
    attachPolicy: (c, RoleName, PolicyArn) => attachRolePolicy(c, { RoleName, PolicyArn }),
    detachPolicy: (c, RoleName, PolicyArn) => detachRolePolicy(c, { RoleName, PolicyArn }),
    listAttachedPolicies: (c, RoleName) => listAttachedRolePolicies(c, { RoleName, ...ALL }),
    putInlinePolicy: (c, RoleName, PolicyName, PolicyDocument) => putRolePolicy(c, { RoleName, PolicyName, PolicyDocument }),
    getInlinePolicy: (c, RoleName, PolicyName) => getRolePolicy(c, { RoleName, PolicyName }),
    deleteInlinePolicy: (c, RoleName, PolicyName) => deleteRolePolicy(c, { RoleName, PolicyName }),
    listInlinePolicies: (c, RoleName) => listRolePolicies(c, { RoleName, ...ALL }),
    // The console reads a role's profiles and policies (no single API call lists them).
    deleteDependencies: async (c, names) =>
      roleDependencyList(
        await Promise.all(
          names.map(async (RoleName) => ({
            RoleName,
            InstanceProfileNames: (await listInstanceProfilesForRole(c, { RoleName, ...ALL })).InstanceProfiles.map((p) => p.InstanceProfileName),
            AttachedPolicyNames: (await listAttachedRolePolicies(c, { RoleName, ...ALL })).AttachedPolicies.map((p) => p.PolicyName),
            InlinePolicyNames: (await listRolePolicies(c, { RoleName, ...ALL })).PolicyNames,
          })),
        ),
      ),
    deleteWithDependencies: (c, RoleName) => deleteRoleWithDependencies(c, { RoleName }),
    boundary: {
      put: (c, RoleName, PermissionsBoundary) => putRolePermissionsBoundary(c, { RoleName, PermissionsBoundary }),
      remove: (c, RoleName) => deleteRolePermissionsBoundary(c, { RoleName }),
    },
    tags: {
      tag: (c, RoleName, Tags) => tagRole(c, { RoleName, Tags }),
      untag: (c, RoleName, TagKeys) => untagRole(c, { RoleName, TagKeys }),
    },
  },
};
