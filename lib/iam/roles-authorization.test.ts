import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "./caller";
import {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  getInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  listInstanceProfileTags,
  removeRoleFromInstanceProfile,
  tagInstanceProfile,
  untagInstanceProfile,
} from "./instance-profiles";
import {
  createRole,
  deleteRole,
  deleteRolePermissionsBoundary,
  getRole,
  listRoles,
  listRoleTags,
  putRolePermissionsBoundary,
  tagRole,
  untagRole,
  updateAssumeRolePolicy,
  updateRole,
  updateRoleDescription,
} from "./roles";
import { deleteRoleWithDependencies, listRolesForConsole } from "./roles-console";
import { createServiceLinkedRole, deleteServiceLinkedRole, getServiceLinkedRoleDeletionStatus } from "./service-linked-roles";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, userCaller } from "./testing";
import { serviceTrustPolicy } from "./trust-policy-builders";

// The authorization matrix of every role and instance-profile function: without a policy,
// AccessDenied in AWS's words on the right resource; allowed exactly that action on that
// resource, it succeeds; and an explicit Deny wins over iam:*.

beforeAll(async () => {
  await setupDemoAccount();
});

const ACCT = "123456789012";
const roleArn = (name: string, path = "/") => `arn:aws:iam::${ACCT}:role${path}${name}`;
const profileArn = (name: string) => `arn:aws:iam::${ACCT}:instance-profile/${name}`;
const TRUST = serviceTrustPolicy("ec2");
const root = () => rootCaller();
const BOUNDARY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

interface Prepared {
  resource: string;
  call: (caller: Caller) => Promise<unknown>;
  /** More actions the operation needs besides its own (AddRoleToInstanceProfile needs iam:PassRole). */
  alsoAllow?: { action: string; resource: string }[];
}

const role = async (name: string, path = "/") => {
  await createRole(root(), { RoleName: name, Path: path, AssumeRolePolicyDocument: TRUST });
  return name;
};
const profile = async (name: string) => {
  await createInstanceProfile(root(), { InstanceProfileName: name });
  return name;
};

const CASES: [string, string, (n: string) => Promise<Prepared>][] = [
  ["CreateRole", "iam:CreateRole", async (n) => ({
    resource: roleArn(`Created${n}`, "/team/"),
    call: (c) => createRole(c, { RoleName: `Created${n}`, Path: "/team/", AssumeRolePolicyDocument: TRUST }),
  })],
  ["GetRole", "iam:GetRole", async (n) => {
    const r = await role(`Got${n}`, "/team/");
    return { resource: roleArn(r, "/team/"), call: (c) => getRole(c, { RoleName: r }) };
  }],
  ["ListRoles", "iam:ListRoles", async () => ({ resource: `arn:aws:iam::${ACCT}:role/`, call: (c) => listRoles(c) })],
  ["UpdateRole", "iam:UpdateRole", async (n) => {
    const r = await role(`Updated${n}`);
    return { resource: roleArn(r), call: (c) => updateRole(c, { RoleName: r, MaxSessionDuration: 7200 }) };
  }],
  ["UpdateRoleDescription", "iam:UpdateRoleDescription", async (n) => {
    const r = await role(`Described${n}`);
    return { resource: roleArn(r), call: (c) => updateRoleDescription(c, { RoleName: r, Description: "d" }) };
  }],
  ["UpdateAssumeRolePolicy", "iam:UpdateAssumeRolePolicy", async (n) => {
    const r = await role(`Trusting${n}`);
    return { resource: roleArn(r), call: (c) => updateAssumeRolePolicy(c, { RoleName: r, PolicyDocument: serviceTrustPolicy("lambda") }) };
  }],
  ["DeleteRole", "iam:DeleteRole", async (n) => {
    const r = await role(`Deleted${n}`);
    return { resource: roleArn(r), call: (c) => deleteRole(c, { RoleName: r }) };
  }],
  ["TagRole", "iam:TagRole", async (n) => {
    const r = await role(`Tagged${n}`);
    return { resource: roleArn(r), call: (c) => tagRole(c, { RoleName: r, Tags: [{ Key: "k", Value: "v" }] }) };
  }],
  ["UntagRole", "iam:UntagRole", async (n) => {
    const r = await role(`Untagged${n}`);
    return { resource: roleArn(r), call: (c) => untagRole(c, { RoleName: r, TagKeys: ["k"] }) };
  }],
  ["ListRoleTags", "iam:ListRoleTags", async (n) => {
    const r = await role(`TagList${n}`);
    return { resource: roleArn(r), call: (c) => listRoleTags(c, { RoleName: r }) };
  }],
  ["PutRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", async (n) => {
    const r = await role(`Bounded${n}`);
    return { resource: roleArn(r), call: (c) => putRolePermissionsBoundary(c, { RoleName: r, PermissionsBoundary: BOUNDARY }) };
  }],
  ["DeleteRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", async (n) => {
    const r = await role(`Unbounded${n}`);
    await putRolePermissionsBoundary(root(), { RoleName: r, PermissionsBoundary: BOUNDARY });
    return { resource: roleArn(r), call: (c) => deleteRolePermissionsBoundary(c, { RoleName: r }) };
  }],
  ["CreateServiceLinkedRole", "iam:CreateServiceLinkedRole", async (n) => ({
    resource: roleArn(`AWSServiceRoleForAutoScaling_c${n}`, "/aws-service-role/autoscaling.amazonaws.com/"),
    call: (c) => createServiceLinkedRole(c, { AWSServiceName: "autoscaling.amazonaws.com", CustomSuffix: `c${n}` }),
  })],
  ["DeleteServiceLinkedRole", "iam:DeleteServiceLinkedRole", async (n) => {
    const { Role } = await createServiceLinkedRole(root(), { AWSServiceName: "autoscaling.amazonaws.com", CustomSuffix: `d${n}` });
    return { resource: Role.Arn, call: (c) => deleteServiceLinkedRole(c, { RoleName: Role.RoleName }) };
  }],
  ["GetServiceLinkedRoleDeletionStatus", "iam:GetServiceLinkedRoleDeletionStatus", async (n) => {
    const { Role } = await createServiceLinkedRole(root(), { AWSServiceName: "autoscaling.amazonaws.com", CustomSuffix: `s${n}` });
    const { DeletionTaskId } = await deleteServiceLinkedRole(root(), { RoleName: Role.RoleName });
    return { resource: Role.Arn, call: (c) => getServiceLinkedRoleDeletionStatus(c, { DeletionTaskId }) };
  }],
  ["listRolesForConsole", "iam:ListRoles", async () => ({ resource: `arn:aws:iam::${ACCT}:role/`, call: (c) => listRolesForConsole(c, { filter: "x" }) })],
  ["deleteRoleWithDependencies (no dependencies)", "iam:DeleteRole", async (n) => {
    const r = await role(`ConsoleDeleted${n}`);
    return { resource: roleArn(r), call: (c) => deleteRoleWithDependencies(c, { RoleName: r }) };
  }],
  ["CreateInstanceProfile", "iam:CreateInstanceProfile", async (n) => ({
    resource: profileArn(`Made${n}`),
    call: (c) => createInstanceProfile(c, { InstanceProfileName: `Made${n}` }),
  })],
  ["GetInstanceProfile", "iam:GetInstanceProfile", async (n) => {
    const p = await profile(`Read${n}`);
    return { resource: profileArn(p), call: (c) => getInstanceProfile(c, { InstanceProfileName: p }) };
  }],
  ["ListInstanceProfiles", "iam:ListInstanceProfiles", async () => ({
    resource: `arn:aws:iam::${ACCT}:instance-profile/`,
    call: (c) => listInstanceProfiles(c),
  })],
  ["DeleteInstanceProfile", "iam:DeleteInstanceProfile", async (n) => {
    const p = await profile(`Dropped${n}`);
    return { resource: profileArn(p), call: (c) => deleteInstanceProfile(c, { InstanceProfileName: p }) };
  }],
  ["AddRoleToInstanceProfile", "iam:AddRoleToInstanceProfile", async (n) => {
    const p = await profile(`Filled${n}`);
    const r = await role(`Filler${n}`);
    return {
      resource: profileArn(p),
      call: (c) => addRoleToInstanceProfile(c, { InstanceProfileName: p, RoleName: r }),
      alsoAllow: [{ action: "iam:PassRole", resource: roleArn(r) }],
    };
  }],
  ["RemoveRoleFromInstanceProfile", "iam:RemoveRoleFromInstanceProfile", async (n) => {
    const p = await profile(`Emptied${n}`);
    const r = await role(`Removed${n}`);
    await addRoleToInstanceProfile(root(), { InstanceProfileName: p, RoleName: r });
    return { resource: profileArn(p), call: (c) => removeRoleFromInstanceProfile(c, { InstanceProfileName: p, RoleName: r }) };
  }],
  ["ListInstanceProfilesForRole", "iam:ListInstanceProfilesForRole", async (n) => {
    const r = await role(`Listed${n}`);
    return { resource: roleArn(r), call: (c) => listInstanceProfilesForRole(c, { RoleName: r }) };
  }],
  ["TagInstanceProfile", "iam:TagInstanceProfile", async (n) => {
    const p = await profile(`PTagged${n}`);
    return { resource: profileArn(p), call: (c) => tagInstanceProfile(c, { InstanceProfileName: p, Tags: [{ Key: "k", Value: "v" }] }) };
  }],
  ["UntagInstanceProfile", "iam:UntagInstanceProfile", async (n) => {
    const p = await profile(`PUntagged${n}`);
    return { resource: profileArn(p), call: (c) => untagInstanceProfile(c, { InstanceProfileName: p, TagKeys: ["k"] }) };
  }],
  ["ListInstanceProfileTags", "iam:ListInstanceProfileTags", async (n) => {
    const p = await profile(`PTagList${n}`);
    return { resource: profileArn(p), call: (c) => listInstanceProfileTags(c, { InstanceProfileName: p }) };
  }],
];

let counter = 0;
const unique = () => String(++counter);

describe.each(CASES)("%s", (_op, action, prepare) => {
  it(`without a policy fails with AccessDenied for ${action} on the resource`, async () => {
    const { resource, call } = await prepare(unique());
    const err = await iamError(call(await userCaller("dave")));
    expect([err.code, err.status]).toEqual(["AccessDenied", 403]);
    expect(err.message).toBe(
      `User: arn:aws:iam::${ACCT}:user/dave is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    );
  });

  it(`allowed exactly ${action} on the resource, succeeds`, async () => {
    const n = unique();
    const { resource, call, alsoAllow = [] } = await prepare(n);
    const caller = await callerWithPolicies(`exact-${n}`, [
      policyDocument("Allow", action, resource),
      ...alsoAllow.map((a) => policyDocument("Allow", a.action, a.resource)),
    ]);
    await expect(call(caller)).resolves.toBeDefined();
  });

  it("an explicit Deny wins over iam:*", async () => {
    const n = unique();
    const { resource, call } = await prepare(n);
    const caller = await callerWithPolicies(`denied-${n}`, [policyDocument("Allow", "iam:*", "*"), policyDocument("Deny", action, resource)]);
    const err = await iamError(call(caller));
    expect(err.code).toBe("AccessDenied");
    expect(err.message.startsWith(`User: arn:aws:iam::${ACCT}:user/denied-${n} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`)).toBe(true);
  });
});
