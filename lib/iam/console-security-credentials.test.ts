import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { createAccessKeyWithDescription } from "./console-access-keys";
import { readSecurityCredentials } from "./console-security-credentials";
import { DEFAULT_PASSWORD_RULES } from "./password-rules";
import { callerWithPolicies, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";
import { createUser } from "./users";

// The Security credentials tab's and page's read: one domain list call per section, a denied
// call turned into that section's AccessDenied message.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const userArn = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;
const implicitDeny = (caller: { principalArn: string }, action: string, resource: string) =>
  `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe("readSecurityCredentials", () => {
  it("reads the root user's own credentials: its keys, MFA and signing certificates, with AWS's default password rules", async () => {
    const root = rootCaller();
    const { AccessKey } = await createAccessKeyWithDescription(root, {});
    const read = await readSecurityCredentials(root);
    expect(read.principal).toEqual({ kind: "root" });
    expect(read.accessKeys.denied).toBeUndefined();
    expect(read.accessKeys.rows.map((k) => k.AccessKeyId)).toEqual([AccessKey.AccessKeyId]);
    expect(read.mfa).toEqual({ rows: [] });
    expect(read.rootSigningCertificates).toEqual({ rows: [] });
    expect(read.other).toBeUndefined();
    expect(read.passwordRules).toEqual(DEFAULT_PASSWORD_RULES);
    expect(read.consoleSignIn.enabled).toBe(true);
  });

  it("reads a user's credentials for an administrator: its login profile, keys with their descriptions, and the other kinds", async () => {
    const root = rootCaller();
    const { AccessKey } = await createAccessKeyWithDescription(root, { UserName: "alice", Description: "ci deploy" });
    const lastSignIn = new Date(TEST_NOW.getTime() - 3600_000);
    const read = await readSecurityCredentials(root, { UserName: "alice" }, { PasswordLastUsed: lastSignIn });
    expect(read.principal).toEqual({ kind: "user", userName: "alice", self: false });
    expect(read.consoleSignIn).toEqual({ enabled: true, passwordResetRequired: false, passwordLastUsed: lastSignIn });
    expect(read.accessKeys.rows).toMatchObject([{ AccessKeyId: AccessKey.AccessKeyId, Status: "Active", description: "ci deploy", ageDays: 0 }]);
    expect(read.other).toEqual({
      sshPublicKeys: { rows: [] },
      httpsGit: { rows: [] },
      keyspaces: { rows: [] },
      signingCertificates: { rows: [] },
    });
    expect(read.passwordRules).toEqual(DEFAULT_PASSWORD_RULES);
  });

  it("says a user without a login profile has no console password", async () => {
    const root = rootCaller();
    await createUser(root, { UserName: "no-console-user" });
    const read = await readSecurityCredentials(root, { UserName: "no-console-user" });
    expect(read.consoleSignIn).toEqual({ enabled: false, passwordResetRequired: false });
  });

  it("shows each section the caller may not read as AccessDenied, and the others as usual", async () => {
    const caller = await callerWithPolicies("keys-reader", [policyDocument("Allow", ["iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"], userArn("bob"))]);
    const read = await readSecurityCredentials(caller, { UserName: "bob" }, {});
    expect(read.accessKeys).toEqual({ rows: [] });
    expect(read.mfa.denied).toBe(implicitDeny(caller, "iam:ListMFADevices", userArn("bob")));
    expect(read.consoleSignIn.denied).toBe(implicitDeny(caller, "iam:GetLoginProfile", userArn("bob")));
    expect(read.other?.sshPublicKeys.denied).toBe(implicitDeny(caller, "iam:ListSSHPublicKeys", userArn("bob")));
    // A caller who may not read the password policy is shown AWS's default rules.
    expect(read.passwordRules).toEqual(DEFAULT_PASSWORD_RULES);
  });

  it("reads a signed-in IAM user's own credentials; without permissions every section is denied", async () => {
    const dave = await userCaller("dave");
    const read = await readSecurityCredentials(dave);
    expect(read.principal).toEqual({ kind: "user", userName: "dave", self: true });
    // Signed in with a password: the page offers to change it.
    expect(read.consoleSignIn).toEqual({ enabled: true, passwordResetRequired: false });
    expect(read.accessKeys.denied).toBe(implicitDeny(dave, "iam:ListAccessKeys", userArn("dave")));
    expect(read.mfa.denied).toBe(implicitDeny(dave, "iam:ListMFADevices", userArn("dave")));
    expect(read.other?.signingCertificates.denied).toBe(implicitDeny(dave, "iam:ListSigningCertificates", userArn("dave")));
    // Not even the password policy: the form lists no rules, the server checks them.
    expect(read.passwordRules).toBeUndefined();
    expect(await prisma.accessKey.count({ where: { userId: dave.userId } })).toBe(0);
  });
});
