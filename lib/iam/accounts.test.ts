import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import {
  createAccountAlias,
  deleteAccountAlias,
  getAccountSettings,
  getAccountSummary,
  getSecurityRecommendations,
  listAccountAliases,
} from "./accounts";
import { QUOTAS } from "./limits";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { encryptSecret } from "./crypto";
import { newId, newSecretAccessKey } from "./ids";
import { updateAccountPasswordPolicy } from "./password-policy";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const denied = (user: string, action: string, resource: string) =>
  `User: arn:aws:iam::123456789012:user/${user} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

/** The events a caller's calls of one operation recorded, oldest first. */
const eventsOf = (caller: Caller, eventName: string) =>
  prisma.activityEvent.findMany({ where: { principalArn: caller.principalArn, eventName }, orderBy: { id: "asc" } });

/** A user of the demo account whose only permissions are the given inline policy. */
async function userWithInlinePolicy(name: string, statements: object[]): Promise<Caller> {
  const id = newId("user");
  await prisma.user.create({
    data: {
      id,
      accountId: DEMO_ACCOUNT_ID,
      name,
      nameKey: name.toLowerCase(),
      path: "/",
      arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", name),
      inlinePolicies: {
        create: {
          accountId: DEMO_ACCOUNT_ID,
          name: `${name}-policy`,
          document: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
        },
      },
    },
  });
  return userCaller(name);
}

describe("GetAccountSummary", () => {
  it("as root returns the demo account's counts and IAM's quotas", async () => {
    const { SummaryMap } = await getAccountSummary(rootCaller());
    expect(SummaryMap).toMatchObject({
      Users: 4,
      Groups: 3,
      Roles: 2,
      Policies: 1,
      InstanceProfiles: 1,
      Providers: 2,
      ServerCertificates: 0,
      MFADevices: 0,
      MFADevicesInUse: 0,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: 0,
      AccountPasswordPresent: 1,
      AccountSigningCertificatesPresent: 0,
      GlobalEndpointTokenVersion: 1,
      UsersQuota: 5000,
      GroupsQuota: 300,
      RolesQuota: 1000,
      PoliciesQuota: 1500,
      InstanceProfilesQuota: 1000,
      ServerCertificatesQuota: 20,
      GroupsPerUserQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      AccessKeysPerUserQuota: 2,
      SigningCertificatesPerUserQuota: 2,
      VersionsPerPolicyQuota: 5,
      PolicyVersionsInUseQuota: 10000,
      PolicySizeQuota: 6144,
      UserPolicySizeQuota: 2048,
      GroupPolicySizeQuota: 5120,
      RolePolicySizeQuota: 10240,
      AssumeRolePolicySizeQuota: 2048,
    });
  });

  it("has only keys of AWS's summaryKeyType, each an integer", async () => {
    const valid = new Set(
      (
        "Users UsersQuota Groups GroupsQuota ServerCertificates ServerCertificatesQuota UserPolicySizeQuota GroupPolicySizeQuota " +
        "GroupsPerUserQuota SigningCertificatesPerUserQuota AccessKeysPerUserQuota MFADevices MFADevicesInUse AccountMFAEnabled " +
        "AccountAccessKeysPresent AccountPasswordPresent AccountSigningCertificatesPresent AttachedPoliciesPerGroupQuota " +
        "AttachedPoliciesPerRoleQuota AttachedPoliciesPerUserQuota Policies PoliciesQuota PolicySizeQuota PolicyVersionsInUse " +
        "PolicyVersionsInUseQuota VersionsPerPolicyQuota GlobalEndpointTokenVersion AssumeRolePolicySizeQuota InstanceProfiles " +
        "InstanceProfilesQuota Providers RolePolicySizeQuota Roles RolesQuota"
      ).split(" "),
    );
    const { SummaryMap } = await getAccountSummary(rootCaller());
    for (const [key, value] of Object.entries(SummaryMap)) {
      expect(valid.has(key), `${key} is not a summaryKeyType`).toBe(true);
      expect(Number.isInteger(value)).toBe(true);
    }
    for (const key of valid) expect(SummaryMap).toHaveProperty(key);
    expect(Object.keys(QUOTAS).every((k) => valid.has(k))).toBe(true);
  });

  it("as dave, who has no policies, fails with AccessDenied and AWS's message", async () => {
    const err = await iamError(getAccountSummary(await userCaller("dave")));
    expect(err.code).toBe("AccessDenied");
    expect(err.status).toBe(403);
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:GetAccountSummary on resource: * because no identity-based policy allows the iam:GetAccountSummary action",
    );
  });

  it.each([
    ["alice", "AdministratorAccess through the Admins group"],
    ["carol", "SecurityAudit through the Auditors group"],
    ["bob", "the customer managed DeveloperAccess (iam:Get*)"],
  ])("as %s (%s) is allowed", async (user) => {
    const { SummaryMap } = await getAccountSummary(await userCaller(user));
    expect(SummaryMap.Users).toBe(4);
  });

  it("counts only the caller's own account", async () => {
    await prisma.account.create({
      data: {
        id: "210987654321",
        rootEmail: "other@test.example.com",
        rootPasswordHash: "x",
        users: {
          create: { id: newId("user"), name: "zoe", nameKey: "zoe", arn: iamArn("210987654321", "user", "/", "zoe") },
        },
      },
    });
    const other = await getAccountSummary(rootCaller("210987654321"));
    expect(other.SummaryMap).toMatchObject({ Users: 1, Groups: 0, Roles: 0, Policies: 0, InstanceProfiles: 0 });
    expect((await getAccountSummary(rootCaller())).SummaryMap.Users).toBe(4);
  });

  it("records an event for every call, allowed or denied", async () => {
    const dave = await userCaller("dave");
    const carol = await userCaller("carol");
    const daveBefore = (await eventsOf(dave, "GetAccountSummary")).length;
    const carolBefore = (await eventsOf(carol, "GetAccountSummary")).length;
    await iamError(getAccountSummary(dave));
    await getAccountSummary(carol);

    const daveEvents = await eventsOf(dave, "GetAccountSummary");
    expect(daveEvents).toHaveLength(daveBefore + 1);
    expect(daveEvents.at(-1)).toMatchObject({
      accountId: DEMO_ACCOUNT_ID,
      eventTime: TEST_NOW,
      eventSource: "iam.amazonaws.com",
      eventName: "GetAccountSummary",
      principalArn: "arn:aws:iam::123456789012:user/dave",
      principalId: dave.principalId,
      principalType: "IAMUser",
      sourceIp: "203.0.113.10",
      readOnly: true,
      errorCode: "AccessDenied",
      errorMessage: denied("dave", "iam:GetAccountSummary", "*"),
    });
    const carolEvents = await eventsOf(carol, "GetAccountSummary");
    expect(carolEvents).toHaveLength(carolBefore + 1);
    expect(carolEvents.at(-1)).toMatchObject({ principalType: "IAMUser", readOnly: true, errorCode: null, errorMessage: null });
    expect(carolEvents.at(-1)!.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("the root user's events name the account as principal", async () => {
    const root = rootCaller(DEMO_ACCOUNT_ID, { userAgent: "aws-cli/2.17" });
    await getAccountSummary(root);
    expect((await eventsOf(root, "GetAccountSummary")).at(-1)).toMatchObject({
      principalArn: "arn:aws:iam::123456789012:root",
      principalId: DEMO_ACCOUNT_ID,
      principalType: "Root",
      userAgent: "aws-cli/2.17",
      errorCode: null,
    });
  });

  it("counts an assigned MFA device in MFADevicesInUse, an unassigned one only in MFADevices", async () => {
    const carol = await prisma.user.findFirstOrThrow({ where: { name: "carol" } });
    await prisma.mfaDevice.create({
      data: {
        serialNumber: "arn:aws:iam::123456789012:mfa/carol-phone",
        accountId: DEMO_ACCOUNT_ID,
        name: "carol-phone",
        userId: carol.id,
        seedEncrypted: encryptSecret("JBSWY3DPEHPK3PXP"),
        enableDate: TEST_NOW,
      },
    });
    await prisma.mfaDevice.create({
      data: { serialNumber: "arn:aws:iam::123456789012:mfa/spare", accountId: DEMO_ACCOUNT_ID, name: "spare", seedEncrypted: encryptSecret("x") },
    });
    try {
      const { SummaryMap } = await getAccountSummary(rootCaller());
      expect(SummaryMap.MFADevices).toBe(2);
      expect(SummaryMap.MFADevicesInUse).toBe(1);
      expect(SummaryMap.AccountMFAEnabled).toBe(0);
    } finally {
      await prisma.mfaDevice.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
    }
  });

  it("AccountMFAEnabled and AccountAccessKeysPresent reflect the root user's MFA and access keys", async () => {
    await prisma.mfaDevice.create({
      data: {
        serialNumber: "arn:aws:iam::123456789012:mfa/root-account-mfa-device",
        accountId: DEMO_ACCOUNT_ID,
        name: "root-account-mfa-device",
        assignedToRoot: true,
        seedEncrypted: encryptSecret("JBSWY3DPEHPK3PXP"),
        enableDate: TEST_NOW,
      },
    });
    const keyId = newId("accessKey");
    await prisma.accessKey.create({ data: { id: keyId, accountId: DEMO_ACCOUNT_ID, secretEncrypted: encryptSecret(newSecretAccessKey()) } });
    try {
      const { SummaryMap } = await getAccountSummary(rootCaller());
      expect(SummaryMap).toMatchObject({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 1, MFADevicesInUse: 1 });
    } finally {
      await prisma.mfaDevice.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
      await prisma.accessKey.delete({ where: { id: keyId } });
    }
  });
});

describe("ListAccountAliases", () => {
  it("as root returns the demo alias", async () => {
    expect(await listAccountAliases(rootCaller())).toEqual({ AccountAliases: ["demo"], IsTruncated: false });
  });

  it("an account without an alias returns an empty list", async () => {
    await prisma.account.upsert({
      where: { id: "333333333333" },
      create: { id: "333333333333", rootEmail: "three@test.example.com", rootPasswordHash: "x" },
      update: {},
    });
    expect(await listAccountAliases(rootCaller("333333333333"))).toEqual({ AccountAliases: [], IsTruncated: false });
  });

  it("as carol (SecurityAudit) is allowed; as dave fails with AccessDenied on resource *", async () => {
    expect((await listAccountAliases(await userCaller("carol"))).AccountAliases).toEqual(["demo"]);
    const dave = await userCaller("dave");
    const err = await iamError(listAccountAliases(dave));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(denied("dave", "iam:ListAccountAliases", "*"));
    expect((await eventsOf(dave, "ListAccountAliases")).at(-1)).toMatchObject({ errorCode: "AccessDenied", readOnly: true });
  });
});

describe("security recommendations (IAM dashboard)", () => {
  it("as root lists the users who can sign in without MFA, in name order", async () => {
    const r = await getSecurityRecommendations(rootCaller());
    expect(r).toEqual({ rootMfaEnabled: false, rootActiveAccessKeys: 0, usersWithoutMfa: ["alice", "bob", "carol", "dave"], accessKeysOlderThan90Days: [] });
  });

  it("a user with MFA enabled, or without a console password, is not listed", async () => {
    const alice = await prisma.user.findFirstOrThrow({ where: { name: "alice" } });
    await prisma.mfaDevice.create({
      data: { serialNumber: "arn:aws:iam::123456789012:mfa/alice", accountId: DEMO_ACCOUNT_ID, name: "alice", userId: alice.id, seedEncrypted: encryptSecret("s"), enableDate: TEST_NOW },
    });
    const bob = await prisma.user.findFirstOrThrow({ where: { name: "bob" }, include: { loginProfile: true } });
    await prisma.loginProfile.delete({ where: { userId: bob.id } });
    try {
      expect((await getSecurityRecommendations(rootCaller())).usersWithoutMfa).toEqual(["carol", "dave"]);
    } finally {
      await prisma.mfaDevice.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
      await prisma.loginProfile.create({ data: bob.loginProfile! });
    }
  });

  it("lists active access keys older than 90 days, oldest first, and counts the root user's active keys", async () => {
    const bob = await prisma.user.findFirstOrThrow({ where: { name: "bob" } });
    const day = 86_400_000;
    const key = (userId: string | null, ageDays: number, status = "Active") => ({
      id: newId("accessKey"),
      accountId: DEMO_ACCOUNT_ID,
      userId,
      status,
      secretEncrypted: encryptSecret(newSecretAccessKey()),
      createdAt: new Date(TEST_NOW.getTime() - ageDays * day),
    });
    const keys = [key(bob.id, 100), key(bob.id, 400, "Inactive"), key(null, 200), key(bob.id, 89)];
    await prisma.accessKey.createMany({ data: keys });
    try {
      const r = await getSecurityRecommendations(rootCaller());
      expect(r.rootActiveAccessKeys).toBe(1);
      expect(r.accessKeysOlderThan90Days).toEqual([
        { userName: "root", accessKeyId: keys[2].id, ageDays: 200 },
        { userName: "bob", accessKeyId: keys[0].id, ageDays: 100 },
      ]);
    } finally {
      await prisma.accessKey.deleteMany({ where: { id: { in: keys.map((k) => k.id) } } });
    }
  });

  it("as carol (SecurityAudit) is allowed", async () => {
    expect((await getSecurityRecommendations(await userCaller("carol"))).usersWithoutMfa).toContain("dave");
  });

  it("as dave fails with AccessDenied for iam:GetAccountSummary", async () => {
    const err = await iamError(getSecurityRecommendations(await userCaller("dave")));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(denied("dave", "iam:GetAccountSummary", "*"));
  });

  it("needs iam:ListUsers too: a user allowed only iam:GetAccountSummary fails with AccessDenied on the users path", async () => {
    const caller = await userWithInlinePolicy("summary-only", [{ Effect: "Allow", Action: "iam:GetAccountSummary", Resource: "*" }]);
    expect((await getAccountSummary(caller)).SummaryMap.Users).toBe(5);
    const err = await iamError(getSecurityRecommendations(caller));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(denied("summary-only", "iam:ListUsers", "arn:aws:iam::123456789012:user/"));
    expect((await eventsOf(caller, "GetSecurityRecommendations")).at(-1)).toMatchObject({ errorCode: "AccessDenied", errorMessage: err.message });
    await prisma.user.delete({ where: { id: caller.userId } });
  });

  it("an explicit Deny wins over AdministratorAccess", async () => {
    const alice = await userCaller("alice");
    const inline = await prisma.inlinePolicy.create({
      data: {
        id: randomUUID(),
        accountId: DEMO_ACCOUNT_ID,
        name: "NoSummary",
        userId: alice.userId,
        document: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:GetAccountSummary", Resource: "*" }] }),
      },
    });
    try {
      const err = await iamError(getAccountSummary(alice));
      expect(err.code).toBe("AccessDenied");
      expect(err.message).toMatch(
        /^User: arn:aws:iam::123456789012:user\/alice is not authorized to perform: iam:GetAccountSummary on resource: \* with an explicit deny in an identity-based policy/,
      );
    } finally {
      await prisma.inlinePolicy.delete({ where: { id: inline.id } });
    }
  });
});

describe("CreateAccountAlias and DeleteAccountAlias", () => {
  const OTHER = "444444444444";
  const aliasOf = async (accountId = DEMO_ACCOUNT_ID) => (await prisma.account.findUniqueOrThrow({ where: { id: accountId } })).alias;

  beforeAll(async () => {
    await prisma.account.create({ data: { id: OTHER, alias: "other-corp", rootEmail: "four@test.example.com", rootPasswordHash: "x" } });
  });
  // The demo account keeps its alias "demo" between tests.
  afterEach(async () => {
    await prisma.account.update({ where: { id: DEMO_ACCOUNT_ID }, data: { alias: "demo" } });
  });

  const pattern = "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
  it.each([
    ["abc", null],
    ["a-b", null],
    ["my-company-2026", null],
    ["a".repeat(63), null],
    ["ab", [pattern, "Member must have length greater than or equal to 3"]],
    ["a".repeat(64), [pattern, "Member must have length less than or equal to 63"]],
    ["My-Company", [pattern]],
    ["-abc", [pattern]],
    ["abc-", [pattern]],
    ["a--b", [pattern]],
    ["a_b", [pattern]],
    ["a.b", [pattern]],
  ] as const)("CreateAccountAlias %s → %j", async (alias, constraints) => {
    const attempt = createAccountAlias(rootCaller(), { AccountAlias: alias });
    if (constraints === null) {
      await attempt;
      expect(await listAccountAliases(rootCaller())).toEqual({ AccountAliases: [alias], IsTruncated: false });
      return;
    }
    const err = await iamError(attempt);
    expect(err.code).toBe("ValidationError");
    const n = constraints.length;
    expect(err.message).toBe(
      `${n} validation error${n === 1 ? "" : "s"} detected: ` +
        constraints.map((c) => `Value '${alias}' at 'accountAlias' failed to satisfy constraint: ${c}`).join("; "),
    );
    expect(await aliasOf()).toBe("demo");
  });

  it("refuses a 12-digit alias, which sign-in would read as an account ID", async () => {
    const err = await iamError(createAccountAlias(rootCaller(), { AccountAlias: "123456789012" }));
    expect(err.code).toBe("InvalidInput");
    await createAccountAlias(rootCaller(), { AccountAlias: "1234567890123" });
  });

  it("replaces the account's alias (one per account); the same alias again changes nothing", async () => {
    await createAccountAlias(rootCaller(), { AccountAlias: "demo-renamed" });
    expect(await aliasOf()).toBe("demo-renamed");
    await createAccountAlias(rootCaller(), { AccountAlias: "demo-renamed" });
    expect((await listAccountAliases(rootCaller())).AccountAliases).toEqual(["demo-renamed"]);
    const event = (await eventsOf(rootCaller(), "CreateAccountAlias")).at(-1);
    expect(event).toMatchObject({ errorCode: null, readOnly: false, requestParameters: { AccountAlias: "demo-renamed" } });
  });

  it("an alias another account has fails with EntityAlreadyExists", async () => {
    const err = await iamError(createAccountAlias(rootCaller(), { AccountAlias: "other-corp" }));
    expect(err.code).toBe("EntityAlreadyExists");
    expect(err.status).toBe(409);
    expect(err.message).toBe("The account alias other-corp already exists.");
    expect(await aliasOf()).toBe("demo");
    expect(await aliasOf(OTHER)).toBe("other-corp");
  });

  it("DeleteAccountAlias removes the alias named, then fails with NoSuchEntity", async () => {
    await deleteAccountAlias(rootCaller(), { AccountAlias: "demo" });
    expect(await listAccountAliases(rootCaller())).toEqual({ AccountAliases: [], IsTruncated: false });
    const err = await iamError(deleteAccountAlias(rootCaller(), { AccountAlias: "demo" }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The account alias demo cannot be found.");
  });

  it("DeleteAccountAlias of an alias the account does not have fails with NoSuchEntity and keeps the alias", async () => {
    const err = await iamError(deleteAccountAlias(rootCaller(), { AccountAlias: "other-corp" }));
    expect(err.code).toBe("NoSuchEntity");
    expect(await aliasOf()).toBe("demo");
    expect(await aliasOf(OTHER)).toBe("other-corp");
    expect((await iamError(deleteAccountAlias(rootCaller(), { AccountAlias: "a--b" }))).code).toBe("ValidationError");
  });

  it.each([
    ["iam:CreateAccountAlias", (c: Caller) => createAccountAlias(c, { AccountAlias: "demo-2" })],
    ["iam:DeleteAccountAlias", (c: Caller) => deleteAccountAlias(c, { AccountAlias: "demo" })],
  ] as const)("%s: dave fails with AccessDenied on *; a user allowed exactly this action may call it", async (action, call) => {
    const err = await iamError(call(await userCaller("dave")));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(denied("dave", action, "*"));
    expect(await aliasOf()).toBe("demo");
    await call(await callerWithPolicies(`alias-${action.slice(4).toLowerCase()}`, [policyDocument("Allow", action)]));
  });
});

describe("getAccountSettings (the Account settings page)", () => {
  it("as root: no password policy, the alias and the STS token version", async () => {
    expect(await getAccountSettings(rootCaller())).toEqual({ passwordPolicy: null, alias: "demo", globalEndpointTokenVersion: 1 });
  });

  it("answers the password policy once one is set", async () => {
    await updateAccountPasswordPolicy(rootCaller(), { MinimumPasswordLength: 12, MaxPasswordAge: 90 });
    try {
      const { passwordPolicy } = await getAccountSettings(rootCaller());
      expect(passwordPolicy).toMatchObject({ MinimumPasswordLength: 12, MaxPasswordAge: 90, ExpirePasswords: true });
    } finally {
      await prisma.passwordPolicy.delete({ where: { accountId: DEMO_ACCOUNT_ID } });
    }
  });

  it("needs what the console reads: GetAccountPasswordPolicy, ListAccountAliases and GetAccountSummary", async () => {
    const reads = ["iam:GetAccountPasswordPolicy", "iam:ListAccountAliases", "iam:GetAccountSummary"];
    await getAccountSettings(await callerWithPolicies("settings-reader", [policyDocument("Allow", reads)]));
    const partial = await callerWithPolicies("settings-partial", [policyDocument("Allow", reads.slice(0, 2))]);
    const err = await iamError(getAccountSettings(partial));
    expect(err.message).toBe(denied("settings-partial", "iam:GetAccountSummary", "*"));
  });
});
