import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { addUserPermissions, createUserWithAccess, getPasswordRulesForConsole, IAM_USER_CHANGE_PASSWORD_ARN } from "./console-users";
import { verifyPassword } from "./crypto";
import { newId } from "./ids";
import { DEFAULT_PASSWORD_RULES, passwordProblems } from "./password-rules";
import { callerWithPolicies, iamError, loadTestManagedPolicies, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";

const S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const ACCT = DEMO_ACCOUNT_ID;

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  await loadTestManagedPolicies(prisma, ["IAMUserChangePassword"]);
});

const userRow = (name: string) =>
  prisma.user.findFirst({
    where: { accountId: ACCT, nameKey: name.toLowerCase() },
    include: {
      loginProfile: true,
      memberships: { include: { group: true } },
      attachments: { include: { policy: true } },
      inlinePolicies: true,
      tags: true,
      permissionsBoundary: true,
    },
  });

const eventsFor = (userName: string) =>
  prisma.activityEvent.findMany({ where: { accountId: ACCT, eventTime: TEST_NOW }, orderBy: { id: "asc" } }).then((events) =>
    events.filter((e) => JSON.stringify(e.requestParameters).includes(`"${userName}"`)),
  );

describe("createUserWithAccess (the console's Create user)", () => {
  it("creates Samy with a console password, a group, a policy, a boundary and tags, in AWS's shapes", async () => {
    const out = await createUserWithAccess(rootCaller(), {
      UserName: "Samy",
      Tags: [{ Key: "team", Value: "dev" }],
      PermissionsBoundary: S3_READ_ONLY,
      LoginProfile: { Password: "Samy-Passw0rd!", PasswordResetRequired: false },
      GroupNames: ["Developers"],
      PolicyArns: [S3_READ_ONLY],
    });
    expect(out.User).toMatchObject({
      UserName: "Samy",
      Path: "/",
      Arn: "arn:aws:iam::123456789012:user/Samy",
      CreateDate: TEST_NOW,
      PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: S3_READ_ONLY },
      Tags: [{ Key: "team", Value: "dev" }],
    });
    expect(out.LoginProfile).toEqual({ UserName: "Samy", CreateDate: TEST_NOW, PasswordResetRequired: false });
    expect(out.Password).toBeUndefined();
    expect(out.GroupNames).toEqual(["Developers"]);
    expect(out.AttachedPolicyArns).toEqual([S3_READ_ONLY]);

    const row = await userRow("Samy");
    expect(await verifyPassword("Samy-Passw0rd!", row!.loginProfile!.passwordHash)).toBe(true);
    expect(row!.memberships.map((m) => m.group.name)).toEqual(["Developers"]);
    expect(row!.attachments.map((a) => a.policy.arn)).toEqual([S3_READ_ONLY]);
    expect(await prisma.passwordHistory.count({ where: { userId: row!.id } })).toBe(1);

    // One event per call the console makes, and no password in any of them.
    const events = await eventsFor("Samy");
    expect(events.map((e) => e.eventName)).toEqual(["CreateUser", "CreateLoginProfile", "AddUserToGroup", "AttachUserPolicy"]);
    expect(events.every((e) => e.errorCode === null)).toBe(true);
    expect(JSON.stringify(events.map((e) => e.requestParameters))).not.toContain("Samy-Passw0rd!");
  });

  it("autogenerates a password that follows the rules, returns it once, and attaches IAMUserChangePassword when a reset is required", async () => {
    const out = await createUserWithAccess(rootCaller(), { UserName: "gen-user", LoginProfile: { Autogenerate: true, PasswordResetRequired: true } });
    expect(out.Password).toHaveLength(16);
    expect(passwordProblems(out.Password!, DEFAULT_PASSWORD_RULES)).toEqual([]);
    expect(out.LoginProfile?.PasswordResetRequired).toBe(true);
    expect(out.AttachedPolicyArns).toEqual([IAM_USER_CHANGE_PASSWORD_ARN]);
    const row = await userRow("gen-user");
    expect(await verifyPassword(out.Password!, row!.loginProfile!.passwordHash)).toBe(true);
  });

  it("does not attach IAMUserChangePassword when the password policy lets users change their password", async () => {
    await prisma.passwordPolicy.create({ data: { accountId: ACCT, minimumPasswordLength: 24, allowUsersToChangePassword: true } });
    try {
      const out = await createUserWithAccess(rootCaller(), { UserName: "gen-long", LoginProfile: { Autogenerate: true, PasswordResetRequired: true } });
      expect(out.AttachedPolicyArns).toEqual([]);
      expect(out.Password).toHaveLength(24);
    } finally {
      await prisma.passwordPolicy.delete({ where: { accountId: ACCT } });
    }
  });

  it("copies the groups, attached and inline policies of another user", async () => {
    await createUserWithAccess(rootCaller(), { UserName: "copy-source", GroupNames: ["Auditors"], PolicyArns: [S3_READ_ONLY] });
    const source = await userRow("copy-source");
    await prisma.inlinePolicy.create({
      data: { accountId: ACCT, userId: source!.id, name: "inline-read", document: JSON.stringify(policyDocument("Allow", "s3:GetObject")) },
    });
    const out = await createUserWithAccess(rootCaller(), { UserName: "copy-target", CopyPermissionsFrom: "COPY-SOURCE" });
    expect(out.GroupNames).toEqual(["Auditors"]);
    expect(out.AttachedPolicyArns).toEqual([S3_READ_ONLY]);
    expect(out.InlinePolicyNames).toEqual(["inline-read"]);
  });

  it("with a user name that exists fails with EntityAlreadyExists and creates nothing", async () => {
    const err = await iamError(createUserWithAccess(rootCaller(), { UserName: "ALICE", GroupNames: ["Admins"] }));
    expect(err.code).toBe("EntityAlreadyExists");
    expect(err.message).toBe("User with name ALICE already exists.");
  });

  it("with a weak password fails with PasswordPolicyViolation and leaves no user behind", async () => {
    const err = await iamError(createUserWithAccess(rootCaller(), { UserName: "weak-user", LoginProfile: { Password: "password" } }));
    expect(err.code).toBe("PasswordPolicyViolation");
    expect(err.message).toBe("Password does not conform to the account password policy.");
    expect(await userRow("weak-user")).toBeNull();
    const events = await eventsFor("weak-user");
    expect(events.map((e) => [e.eventName, e.errorCode])).toEqual([["CreateLoginProfile", "PasswordPolicyViolation"]]);
  });

  it("with a group that does not exist fails with NoSuchEntity and leaves no user behind", async () => {
    const err = await iamError(createUserWithAccess(rootCaller(), { UserName: "no-group-user", GroupNames: ["NoSuchGroup"] }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The group with name NoSuchGroup cannot be found.");
    expect(await userRow("no-group-user")).toBeNull();
  });

  it("with a policy that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(
      createUserWithAccess(rootCaller(), { UserName: "no-policy-user", PolicyArns: ["arn:aws:iam::aws:policy/NoSuchPolicy"] }),
    );
    expect(err.code).toBe("NoSuchEntity");
    expect(await userRow("no-policy-user")).toBeNull();
  });

  it("with an invalid user name fails with ValidationError", async () => {
    const err = await iamError(createUserWithAccess(rootCaller(), { UserName: "bad name" }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(
      "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
  });

  it("with IAMReadOnlyAccess only fails with AccessDenied on iam:CreateUser", async () => {
    const caller = await callerWithPolicies("read-only-admin", [policyDocument("Allow", ["iam:Get*", "iam:List*"])]);
    const err = await iamError(createUserWithAccess(caller, { UserName: "denied-user" }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/read-only-admin is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/denied-user because no identity-based policy allows the iam:CreateUser action",
    );
    const events = await eventsFor("denied-user");
    expect(events.map((e) => [e.eventName, e.errorCode])).toEqual([["CreateUser", "AccessDenied"]]);
  });

  it("allowed to create users but not to attach policies fails with AccessDenied on iam:AttachUserPolicy and creates nothing", async () => {
    const caller = await callerWithPolicies("user-creator", [policyDocument("Allow", ["iam:CreateUser", "iam:CreateLoginProfile"])]);
    const err = await iamError(
      createUserWithAccess(caller, { UserName: "half-user", LoginProfile: { Autogenerate: true }, PolicyArns: [S3_READ_ONLY] }),
    );
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:AttachUserPolicy on resource: arn:aws:iam::123456789012:user/half-user");
    expect(await userRow("half-user")).toBeNull();
  });

  it("with tags needs iam:TagUser as well", async () => {
    const caller = await callerWithPolicies("untagger", [policyDocument("Allow", "iam:CreateUser")]);
    const err = await iamError(createUserWithAccess(caller, { UserName: "tagged-user", Tags: [{ Key: "a", Value: "b" }] }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:TagUser");
    await createUserWithAccess(caller, { UserName: "untagged-user" });
  });
});

describe("addUserPermissions (the console's Add permissions)", () => {
  it("adds groups and policies, leaving what the user has already", async () => {
    await createUserWithAccess(rootCaller(), { UserName: "perm-user", GroupNames: ["Developers"] });
    const out = await addUserPermissions(rootCaller(), { UserName: "perm-user", GroupNames: ["Developers", "Auditors"], PolicyArns: [S3_READ_ONLY] });
    expect(out).toEqual({ GroupNames: ["Developers", "Auditors"], AttachedPolicyArns: [S3_READ_ONLY], InlinePolicyNames: [] });
    const row = await userRow("perm-user");
    expect(row!.memberships.map((m) => m.group.name).sort()).toEqual(["Auditors", "Developers"]);
    // Again: nothing changes, nothing fails.
    await addUserPermissions(rootCaller(), { UserName: "perm-user", PolicyArns: [S3_READ_ONLY] });
    expect((await userRow("perm-user"))!.attachments).toHaveLength(1);
  });

  it("copies another user's permissions", async () => {
    await createUserWithAccess(rootCaller(), { UserName: "perm-copy" });
    const out = await addUserPermissions(rootCaller(), { UserName: "perm-copy", CopyPermissionsFrom: "alice" });
    expect(out.GroupNames).toEqual(["Admins"]);
  });

  it("past ten policies fails with LimitExceeded and attaches none", async () => {
    await createUserWithAccess(rootCaller(), { UserName: "perm-full" });
    const user = await userRow("perm-full");
    const policies = await Promise.all(
      Array.from({ length: 11 }, (_, i) =>
        prisma.policy.create({
          data: { id: newId("policy"), accountId: ACCT, name: `quota-${i}`, nameKey: `quota-${i}`, arn: iamArn(ACCT, "policy", "/", `quota-${i}`) },
        }),
      ),
    );
    const [other, ...ten] = policies;
    await prisma.policyAttachment.createMany({ data: ten.map((p) => ({ accountId: ACCT, policyId: p.id, userId: user!.id })) });
    const err = await iamError(addUserPermissions(rootCaller(), { UserName: "perm-full", PolicyArns: [other.arn] }));
    expect(err.code).toBe("LimitExceeded");
    expect(err.message).toBe("Cannot exceed quota for PoliciesPerUser: 10");
    expect((await userRow("perm-full"))!.attachments).toHaveLength(10);
  });

  it("for a user that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(addUserPermissions(rootCaller(), { UserName: "nobody", PolicyArns: [S3_READ_ONLY] }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The user with name nobody cannot be found.");
  });

  it("without iam:AttachUserPolicy fails with AccessDenied", async () => {
    const caller = await callerWithPolicies("perm-reader", [policyDocument("Allow", "iam:AddUserToGroup")]);
    const err = await iamError(addUserPermissions(caller, { UserName: "dave", GroupNames: ["Auditors"], PolicyArns: [S3_READ_ONLY] }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:AttachUserPolicy on resource: arn:aws:iam::123456789012:user/dave");
    expect((await userRow("dave"))!.memberships).toHaveLength(0);
  });
});

describe("getPasswordRulesForConsole", () => {
  it("answers AWS's default rules for an account without a password policy", async () => {
    expect(await getPasswordRulesForConsole(rootCaller())).toEqual(DEFAULT_PASSWORD_RULES);
  });

  it("without iam:GetAccountPasswordPolicy fails with AccessDenied", async () => {
    const caller = await callerWithPolicies("no-policy-reader", [policyDocument("Allow", "iam:ListUsers")]);
    expect((await iamError(getPasswordRulesForConsole(caller))).code).toBe("AccessDenied");
  });
});
