import "server-only";
import { db, type Tx } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { iamArn } from "./arns";
import type { Caller } from "./caller";
import { findAttachablePolicy } from "./attachments";
import { checkInput, consoleCalls, distinct, type Step } from "./console-calls";
import { lockRow } from "./db-facts";
import { noSuchGroup, noSuchUser, quotaExceeded } from "./errors";
import { authorizeOnGroup, findGroup, insertGroup, toGroup, type Group } from "./groups";
import { QUOTAS } from "./limits";
import { checkPolicyArn } from "./policies";
import { EXISTING_USER_NAME_MAX, userNameKey } from "./users";
import { checkName, checkPath, NAME_LIMITS } from "./validation";

// What the console does with user groups beyond single API calls: "Create user group" (the
// group, its members and its policies) and "Delete" (which removes the members and policies
// first, as AWS's console does), each in one transaction with every call authorized first.

const checkGroupName = (value: string | undefined) => checkName(value, "groupName", NAME_LIMITS.groupName);

// ---- Create user group ----------------------------------------------------------------------

export interface CreateGroupWithAccessInput {
  GroupName: string;
  Path?: string;
  UserNames?: string[];
  PolicyArns?: string[];
}

export interface CreateGroupWithAccessOutput {
  Group: Group;
  UserNames: string[];
  AttachedPolicyArns: string[];
}

export async function createGroupWithAccess(caller: Caller, input: CreateGroupWithAccessInput): Promise<CreateGroupWithAccessOutput> {
  const fallback: OperationSpec = { eventName: "CreateGroup", readOnly: false, params: { GroupName: input.GroupName } };
  const { groupName, path, userNames, policyArns } = await checkInput(caller, fallback, () => ({
    groupName: checkGroupName(input.GroupName),
    path: checkPath(input.Path),
    userNames: distinct(input.UserNames ?? [], userNameKey).map((u) => checkName(u, "userName", EXISTING_USER_NAME_MAX)),
    policyArns: distinct((input.PolicyArns ?? []).map((a) => checkPolicyArn(a))),
  }));
  const arn = iamArn(caller.accountId, "group", path, groupName);
  const onGroup = (action: string, context: Step["checks"][number]["context"] = {}) => [{ action, resource: arn, context }];

  return consoleCalls(caller, fallback, async ({ tx, check, during }) => {
    await check({ spec: { eventName: "CreateGroup", readOnly: false, params: { GroupName: groupName, Path: path } }, checks: onGroup("iam:CreateGroup") });
    const users = [];
    for (const userName of userNames) {
      await check({
        spec: { eventName: "AddUserToGroup", readOnly: false, params: { GroupName: groupName, UserName: userName } },
        checks: onGroup("iam:AddUserToGroup"),
      });
      const user = await tx.user.findUnique({
        where: { accountId_nameKey: { accountId: caller.accountId, nameKey: userNameKey(userName) } },
        select: { id: true, name: true },
      });
      if (!user) throw noSuchUser(userName);
      users.push(user);
    }
    const policies = [];
    for (const policyArn of policyArns) {
      await check({
        spec: { eventName: "AttachGroupPolicy", readOnly: false, params: { GroupName: groupName, PolicyArn: policyArn } },
        checks: onGroup("iam:AttachGroupPolicy", { "iam:PolicyARN": policyArn }),
      });
      policies.push(await findAttachablePolicy(tx, caller.accountId, policyArn));
    }

    // ---- The writes ----
    during("CreateGroup");
    const row = await insertGroup(tx, caller, { name: groupName, path, arn });
    const id = row.id;

    during("AddUserToGroup");
    for (const user of users) {
      // Each user's lock serialises its group count, as AddUserToGroup does.
      if (!(await lockRow(tx, "User", user.id))) throw noSuchUser(user.name);
      if ((await tx.groupMembership.count({ where: { userId: user.id } })) >= QUOTAS.GroupsPerUserQuota) {
        throw quotaExceeded("GroupsPerUser", QUOTAS.GroupsPerUserQuota);
      }
    }
    await tx.groupMembership.createMany({ data: users.map((u) => ({ groupId: id, userId: u.id, createdAt: caller.now })) });

    during("AttachGroupPolicy");
    if (policies.length > QUOTAS.AttachedPoliciesPerGroupQuota) throw quotaExceeded("PoliciesPerGroup", QUOTAS.AttachedPoliciesPerGroupQuota);
    await tx.policyAttachment.createMany({
      data: policies.map((p) => ({ accountId: caller.accountId, policyId: p.id, groupId: id, createdAt: caller.now })),
    });
    return { Group: toGroup(row), UserNames: users.map((u) => u.name), AttachedPolicyArns: policies.map((p) => p.arn) };
  });
}

// ---- What deleting a group removes ----------------------------------------------------------

export interface GroupDependencies {
  GroupName: string;
  Arn: string;
  /** Members, in name order. */
  UserNames: string[];
  AttachedPolicies: { PolicyName: string; PolicyArn: string }[];
  InlinePolicyNames: string[];
}

async function loadGroupDependencies(prisma: Tx | Awaited<ReturnType<typeof db>>, group: { id: string; name: string; arn: string }) {
  const row = await prisma.group.findUniqueOrThrow({
    where: { id: group.id },
    select: {
      memberships: { select: { user: { select: { name: true, nameKey: true } } } },
      attachments: { select: { policy: { select: { name: true, nameKey: true, arn: true } } } },
      inlinePolicies: { select: { name: true }, orderBy: { name: "asc" } },
    },
  });
  const byKey = <T extends { nameKey: string }>(a: T, b: T) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0);
  return {
    GroupName: group.name,
    Arn: group.arn,
    UserNames: row.memberships.map((m) => m.user).sort(byKey).map((u) => u.name),
    AttachedPolicies: row.attachments.map((a) => a.policy).sort(byKey).map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })),
    InlinePolicyNames: row.inlinePolicies.map((p) => p.name),
  };
}

/** The reads AWS's console makes to list what a group's deletion removes. */
export const GROUP_DEPENDENCY_READS = ["iam:GetGroup", "iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies"] as const;

/** What the delete confirmation lists. Authorized by each read the console makes for it. */
export function listGroupDependencies(caller: Caller, input: { GroupName: string }): Promise<GroupDependencies> {
  return operation(caller, { eventName: "ListGroupDependencies", readOnly: true, params: { ...input } }, async () => {
    const groupName = checkGroupName(input.GroupName);
    const prisma = await db();
    let group = await findGroup(prisma, caller.accountId, groupName);
    for (const action of GROUP_DEPENDENCY_READS) group = await authorizeOnGroup(caller, action, groupName, group);
    if (!group) throw noSuchGroup(groupName);
    return loadGroupDependencies(prisma, group);
  });
}

// ---- The console's delete -------------------------------------------------------------------

/**
 * What the console's "Delete" on a user group does: removes its members, detaches its managed
 * policies, deletes its inline policies, then deletes the group (RemoveUserFromGroup,
 * DetachGroupPolicy, DeleteGroupPolicy, DeleteGroup), all authorized first and written in one
 * transaction, so a denial changes nothing. Returns what was removed.
 */
export async function deleteGroupWithDependencies(caller: Caller, input: { GroupName: string }): Promise<GroupDependencies> {
  const fallback: OperationSpec = { eventName: "DeleteGroup", readOnly: false, params: { GroupName: input.GroupName } };
  const groupName = await checkInput(caller, fallback, () => checkGroupName(input.GroupName));
  return consoleCalls(caller, fallback, async ({ tx, check, during }) => {
    const found = await findGroup(tx, caller.accountId, groupName);
    const resource = found?.arn ?? iamArn(caller.accountId, "group", "/", groupName);
    const call = (eventName: string, params: Record<string, unknown>, context: Step["checks"][number]["context"] = {}): Step => ({
      spec: { eventName, readOnly: false, params: { GroupName: groupName, ...params } },
      checks: [{ action: `iam:${eventName}`, resource, context }],
    });
    if (!found) {
      await check(call("DeleteGroup", {}));
      throw noSuchGroup(groupName);
    }
    // Under the lock no member or policy can be added while the group goes.
    if (!(await lockRow(tx, "Group", found.id))) throw noSuchGroup(groupName);
    const deps = await loadGroupDependencies(tx, found);
    for (const UserName of deps.UserNames) await check(call("RemoveUserFromGroup", { UserName }));
    for (const p of deps.AttachedPolicies) await check(call("DetachGroupPolicy", { PolicyArn: p.PolicyArn }, { "iam:PolicyARN": p.PolicyArn }));
    for (const PolicyName of deps.InlinePolicyNames) await check(call("DeleteGroupPolicy", { PolicyName }));
    await check(call("DeleteGroup", {}));

    during("DeleteGroup");
    await tx.groupMembership.deleteMany({ where: { groupId: found.id } });
    await tx.policyAttachment.deleteMany({ where: { groupId: found.id } });
    await tx.inlinePolicy.deleteMany({ where: { groupId: found.id } });
    await tx.group.delete({ where: { id: found.id } });
    return deps;
  });
}
