import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { iamArn } from "./arns";
import { authorize } from "./authorize";
import { newId } from "./ids";
import { getAccountPasswordPolicy } from "./password-policy";
import { ACCOUNT_PASSWORD_POLICY_GRANT_NAME, loadEntityPolicies, loadPrincipalPolicies } from "./principal-policies";
import { simulatePrincipalPolicy } from "./simulator";
import { iamError, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

// The policies that apply to a principal: its inline and attached managed policies (their
// default versions), for a user also those of its groups; its permissions boundary; its tags.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

async function roleCaller(roleName: string): Promise<Caller> {
  const role = await prisma.role.findFirstOrThrow({ where: { name: roleName } });
  return {
    accountId: DEMO_ACCOUNT_ID,
    principalType: "AssumedRole",
    principalArn: `arn:aws:sts::${DEMO_ACCOUNT_ID}:assumed-role/${roleName}/test-session`,
    principalId: `${role.id}:test-session`,
    roleId: role.id,
    roleArn: role.arn,
    sourceIp: "203.0.113.10",
    secureTransport: true,
    now: TEST_NOW,
  };
}

const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

describe("loadPrincipalPolicies", () => {
  it("bob gets the customer managed DeveloperAccess through the Developers group, and his tags", async () => {
    const policies = await loadPrincipalPolicies(prisma, await userCaller("bob"));
    expect(policies.identity).toEqual([
      {
        id: "arn:aws:iam::123456789012:policy/DeveloperAccess",
        type: "user-managed",
        document: expect.stringContaining('"BuildAndRunApplications"'),
        name: "DeveloperAccess",
        holder: { type: "group", name: "Developers" },
      },
    ]);
    expect(policies.boundary).toBeUndefined();
    expect(policies.tags).toEqual({ team: "app" });
  });

  it("alice gets the AWS managed AdministratorAccess through Admins", async () => {
    const policies = await loadPrincipalPolicies(prisma, await userCaller("alice"));
    expect(policies.identity.map((p) => [p.id, p.type])).toEqual([["arn:aws:iam::aws:policy/AdministratorAccess", "aws-managed"]]);
    expect(JSON.parse(policies.identity[0].document)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    expect(policies.tags).toEqual({ team: "platform" });
  });

  it("dave has no policies and no tags", async () => {
    expect(await loadPrincipalPolicies(prisma, await userCaller("dave"))).toEqual({ identity: [], boundary: undefined, tags: {} });
  });

  it("collects user inline, user managed, group inline and group managed policies, and the boundary", async () => {
    const carol = await userCaller("carol");
    const auditors = await prisma.group.findFirstOrThrow({ where: { name: "Auditors" } });
    const readOnly = await prisma.policy.findFirstOrThrow({ where: { name: "ReadOnlyAccess", accountId: null } });
    const iamRead = await prisma.policy.findFirstOrThrow({ where: { name: "IAMReadOnlyAccess", accountId: null } });
    await prisma.inlinePolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, name: "CarolInline", userId: carol.userId, document: doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }) } });
    await prisma.inlinePolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, name: "AuditorsInline", groupId: auditors.id, document: doc({ Effect: "Allow", Action: "logs:Get*", Resource: "*" }) } });
    await prisma.policyAttachment.create({ data: { accountId: DEMO_ACCOUNT_ID, policyId: readOnly.id, userId: carol.userId } });
    await prisma.user.update({ where: { id: carol.userId }, data: { permissionsBoundaryId: iamRead.id } });

    const policies = await loadPrincipalPolicies(prisma, carol);
    expect(policies.identity.map((p) => [p.id, p.type])).toEqual([
      ["CarolInline", "user"],
      ["arn:aws:iam::aws:policy/ReadOnlyAccess", "aws-managed"],
      ["AuditorsInline", "group"],
      ["arn:aws:iam::aws:policy/SecurityAudit", "aws-managed"],
    ]);
    expect(policies.boundary).toMatchObject({ id: "arn:aws:iam::aws:policy/IAMReadOnlyAccess", type: "aws-managed" });
    expect(policies.tags).toEqual({ team: "security" });
  });

  it("uses each managed policy's default version", async () => {
    const dev = await prisma.policy.findFirstOrThrow({ where: { name: "DeveloperAccess" } });
    const v2 = doc({ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" });
    await prisma.policyVersion.create({ data: { policyId: dev.id, versionId: "v2", document: v2 } });
    await prisma.policy.update({ where: { id: dev.id }, data: { defaultVersionId: "v2", nextVersionNumber: 3 } });
    try {
      const policies = await loadPrincipalPolicies(prisma, await userCaller("bob"));
      expect(policies.identity.map((p) => p.document)).toEqual([v2]);
    } finally {
      await prisma.policy.update({ where: { id: dev.id }, data: { defaultVersionId: "v1", nextVersionNumber: 2 } });
    }
  });

  it("a role session gets the role's policies and tags", async () => {
    const policies = await loadPrincipalPolicies(prisma, await roleCaller("EC2AppRole"));
    expect(policies.identity.map((p) => [p.id, p.type])).toEqual([["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "aws-managed"]]);
    expect(policies.tags).toEqual({ app: "web" });
  });

  it("the root user, and a principal that no longer exists, have none", async () => {
    expect(await loadPrincipalPolicies(prisma, rootCaller())).toEqual({ identity: [], tags: {} });
    const ghost = { ...(await userCaller("dave")), userId: "AIDAGHOSTGHOSTGHOST12" };
    expect(await loadPrincipalPolicies(prisma, ghost)).toEqual({ identity: [], tags: {} });
    const ghostRole = { ...(await roleCaller("AuditorRole")), roleId: "AROAGHOSTGHOSTGHOST12" };
    expect(await loadPrincipalPolicies(prisma, ghostRole)).toEqual({ identity: [], tags: {} });
  });
});

describe("loadEntityPolicies", () => {
  it("a group gets its own inline and attached policies, and no tags", async () => {
    const admins = await prisma.group.findFirstOrThrow({ where: { name: "Admins" } });
    const policies = await loadEntityPolicies(prisma, { type: "group", id: admins.id });
    expect(policies?.identity.map((p) => [p.id, p.type, p.name, p.holder])).toEqual([
      ["arn:aws:iam::aws:policy/AdministratorAccess", "aws-managed", "AdministratorAccess", { type: "group", name: "Admins" }],
    ]);
    expect(policies?.tags).toEqual({});
  });

  it("a role gets its policies, boundary and tags; an inline policy names its holder", async () => {
    const role = await prisma.role.findFirstOrThrow({ where: { name: "AuditorRole" } });
    await prisma.inlinePolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, name: "ReadLogs", roleId: role.id, document: doc({ Effect: "Allow", Action: "logs:Get*", Resource: "*" }) } });
    const policies = await loadEntityPolicies(prisma, { type: "role", id: role.id });
    expect(policies?.identity.map((p) => [p.id, p.type, p.holder.name])).toEqual([
      ["ReadLogs", "role", "AuditorRole"],
      ["arn:aws:iam::aws:policy/SecurityAudit", "aws-managed", "AuditorRole"],
    ]);
  });

  it("an entity that does not exist has none", async () => {
    expect(await loadEntityPolicies(prisma, { type: "group", id: "AGPAGHOSTGHOSTGHOST12" })).toBeUndefined();
  });
});

describe("AllowUsersToChangePassword: a grant without a policy", () => {
  const daveArn = "arn:aws:iam::123456789012:user/dave";
  const aliceArn = "arn:aws:iam::123456789012:user/alice";

  async function withSetting<T>(allow: boolean, run: () => Promise<T>): Promise<T> {
    await prisma.passwordPolicy.create({ data: { accountId: DEMO_ACCOUNT_ID, allowUsersToChangePassword: allow } });
    try {
      return await run();
    } finally {
      await prisma.passwordPolicy.delete({ where: { accountId: DEMO_ACCOUNT_ID } });
    }
  }

  it("off (or no password policy): dave, who has no policies, may not change his password", async () => {
    const dave = await userCaller("dave");
    expect((await iamError(authorize(dave, "iam:ChangePassword", daveArn))).code).toBe("AccessDenied");
    await withSetting(false, async () => {
      expect((await iamError(authorize(dave, "iam:ChangePassword", daveArn))).code).toBe("AccessDenied");
      expect((await loadPrincipalPolicies(prisma, dave)).identity).toEqual([]);
    });
  });

  it("on: dave may change his own password and read the password policy, nothing else", async () => {
    const dave = await userCaller("dave");
    await withSetting(true, async () => {
      await authorize(dave, "iam:ChangePassword", daveArn);
      await authorize(dave, "iam:GetAccountPasswordPolicy", "*");
      expect((await getAccountPasswordPolicy(dave)).PasswordPolicy.AllowUsersToChangePassword).toBe(true);
      const other = await iamError(authorize(dave, "iam:ChangePassword", aliceArn));
      expect(other.message).toBe(
        `User: ${daveArn} is not authorized to perform: iam:ChangePassword on resource: ${aliceArn} because no identity-based policy allows the iam:ChangePassword action`,
      );
      expect((await iamError(authorize(dave, "iam:UpdateLoginProfile", daveArn))).code).toBe("AccessDenied");
      expect((await iamError(authorize(dave, "iam:UpdateAccountPasswordPolicy", "*"))).code).toBe("AccessDenied");
    });
  });

  it("appears among the user's identity policies, marked as the account's setting", async () => {
    await withSetting(true, async () => {
      const { identity } = await loadPrincipalPolicies(prisma, await userCaller("dave"));
      expect(identity).toEqual([
        {
          id: ACCOUNT_PASSWORD_POLICY_GRANT_NAME,
          type: "user",
          name: ACCOUNT_PASSWORD_POLICY_GRANT_NAME,
          holder: { type: "user", name: "dave" },
          origin: "account-password-policy",
          document: expect.stringContaining(`"Resource":"${daveArn}"`),
        },
      ]);
    });
  });

  it("an explicit Deny still wins", async () => {
    const dave = await userCaller("dave");
    const deny = await prisma.inlinePolicy.create({
      data: { accountId: DEMO_ACCOUNT_ID, userId: dave.userId, name: "NoPasswordChanges", document: doc({ Effect: "Deny", Action: "iam:ChangePassword", Resource: "*" }) },
    });
    try {
      await withSetting(true, async () => {
        const err = await iamError(authorize(dave, "iam:ChangePassword", daveArn));
        expect(err.message).toBe(`User: ${daveArn} is not authorized to perform: iam:ChangePassword on resource: ${daveArn} with an explicit deny in an identity-based policy`);
        await authorize(dave, "iam:GetAccountPasswordPolicy", "*");
      });
    } finally {
      await prisma.inlinePolicy.delete({ where: { id: deny.id } });
    }
  });

  it("is for IAM users only: groups and roles get nothing", async () => {
    await withSetting(true, async () => {
      const admins = await prisma.group.findFirstOrThrow({ where: { name: "Admins" } });
      const group = await loadEntityPolicies(prisma, { type: "group", id: admins.id });
      expect(group?.identity.some((p) => p.origin)).toBe(false);
      const role = await loadPrincipalPolicies(prisma, await roleCaller("EC2AppRole"));
      expect(role.identity.some((p) => p.origin)).toBe(false);
    });
  });

  it("the policy simulator agrees with authorization", async () => {
    await withSetting(true, async () => {
      const [result] = (
        await simulatePrincipalPolicy(rootCaller(), { PolicySourceArn: daveArn, ActionNames: ["iam:ChangePassword"], ResourceArns: [daveArn, aliceArn] })
      ).EvaluationResults;
      expect(result.ResourceSpecificResults!.map((r) => [r.EvalResourceName, r.EvalResourceDecision])).toEqual([
        [daveArn, "allowed"],
        [aliceArn, "implicitDeny"],
      ]);
    });
  });

  it("a path holding * or ? grants the user's own ARN only, not a pattern", async () => {
    const name = "wild-path-user";
    const arn = iamArn(DEMO_ACCOUNT_ID, "user", "/a*b?/", name);
    const id = newId("user");
    await prisma.user.create({ data: { id, accountId: DEMO_ACCOUNT_ID, name, nameKey: name, path: "/a*b?/", arn } });
    const caller = await userCaller(name);
    await withSetting(true, async () => {
      await authorize(caller, "iam:ChangePassword", arn);
      const lookalike = iamArn(DEMO_ACCOUNT_ID, "user", "/aXXbY/", name);
      expect((await iamError(authorize(caller, "iam:ChangePassword", lookalike))).code).toBe("AccessDenied");
    });
  });
});
