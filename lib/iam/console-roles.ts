import "server-only";
import type { OperationSpec } from "./activity";
import { iamArn } from "./arns";
import { findAttachablePolicy, insertAttachment } from "./attachments";
import type { Caller } from "./caller";
import { checkInput, consoleCalls, distinct, type Step } from "./console-calls";
import { findProfile, insertInstanceProfile, putRoleInProfile, toInstanceProfile, type InstanceProfile } from "./instance-profiles";
import { checkPolicyArn } from "./policies";
import { toTarget } from "./policy-targets";
import { checkCreateRoleInput, createRoleContext, insertRole, newRoleContext, toRoleDetail, type CreateRoleInput, type Role } from "./roles";

// What the console's "Create role" wizard does in one go: CreateRole (with its trust policy,
// description, session duration, permissions boundary and tags), AttachRolePolicy for each
// chosen policy and, for an EC2 role, CreateInstanceProfile and AddRoleToInstanceProfile with
// an instance profile of the role's name. Here in one transaction, after every underlying call
// has been authorized, so a denial or a failed check leaves no half-made role; each call is
// recorded as its own event (a failure under the call that failed).

export interface CreateRoleWithAccessInput extends CreateRoleInput {
  /** Managed policies to attach, in the order chosen. */
  PolicyArns?: string[];
  /** An instance profile of the role's name (and path) holding the role, as the console makes for EC2. */
  InstanceProfile?: boolean;
}

export interface CreateRoleWithAccessOutput {
  Role: Role;
  AttachedPolicyArns: string[];
  InstanceProfile?: InstanceProfile;
}

export async function createRoleWithAccess(caller: Caller, input: CreateRoleWithAccessInput): Promise<CreateRoleWithAccessOutput> {
  const { PolicyArns, InstanceProfile: withProfile, ...createInput } = input;
  const createRole: OperationSpec = { eventName: "CreateRole", readOnly: false, params: { ...createInput } };
  const { request, policyArns } = await checkInput(caller, createRole, () => ({
    request: checkCreateRoleInput(caller.accountId, createInput),
    policyArns: distinct((PolicyArns ?? []).map((a) => checkPolicyArn(a))),
  }));
  const roleContext = newRoleContext(request);
  const profile = withProfile
    ? { name: request.name, path: request.path, arn: iamArn(caller.accountId, "instance-profile", request.path, request.name), tags: [] }
    : undefined;

  return consoleCalls(caller, createRole, async ({ tx, check, during }) => {
    await check({ spec: createRole, checks: [{ action: "iam:CreateRole", resource: request.arn, context: createRoleContext(request) }] });
    const attachments = [];
    for (const policyArn of policyArns) {
      const step: Step = {
        spec: { eventName: "AttachRolePolicy", readOnly: false, params: { RoleName: request.name, PolicyArn: policyArn } },
        checks: [{ action: "iam:AttachRolePolicy", resource: request.arn, context: { ...roleContext, "iam:PolicyARN": policyArn } }],
      };
      await check(step);
      attachments.push({ step, policy: await findAttachablePolicy(tx, caller.accountId, policyArn) });
    }
    let profileSteps: { create: Step; add: Step } | undefined;
    if (profile) {
      profileSteps = {
        create: {
          spec: { eventName: "CreateInstanceProfile", readOnly: false, params: { InstanceProfileName: profile.name, Path: profile.path } },
          checks: [{ action: "iam:CreateInstanceProfile", resource: profile.arn, context: {} }],
        },
        add: {
          spec: { eventName: "AddRoleToInstanceProfile", readOnly: false, params: { InstanceProfileName: profile.name, RoleName: request.name } },
          // Putting a role in a profile passes it to EC2: iam:PassRole on the role too.
          checks: [
            { action: "iam:AddRoleToInstanceProfile", resource: profile.arn, context: {} },
            { action: "iam:PassRole", resource: request.arn, context: roleContext },
          ],
        },
      };
      await check(profileSteps.create);
      await check(profileSteps.add);
    }

    // ---- The writes ----
    during(createRole.eventName);
    const role = await insertRole(tx, caller, request);
    for (const { step, policy } of attachments) {
      during(step);
      await insertAttachment(tx, caller, toTarget("role", role), policy);
    }
    let instanceProfile: InstanceProfile | undefined;
    if (profile && profileSteps) {
      during(profileSteps.create);
      const created = await insertInstanceProfile(tx, caller, profile);
      during(profileSteps.add);
      await putRoleInProfile(tx, created, role);
      // Read again: it now holds the role.
      const held = await findProfile(tx, caller.accountId, created.name);
      if (held) instanceProfile = toInstanceProfile(held);
    }
    return {
      Role: toRoleDetail(role, { lastUsed: false }),
      AttachedPolicyArns: attachments.map((a) => a.policy.arn),
      ...(instanceProfile ? { InstanceProfile: instanceProfile } : {}),
    };
  });
}
