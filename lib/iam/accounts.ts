import "server-only";
import { db } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { listResourceArn } from "./arns";
import { isUniqueViolation } from "./db-facts";
import { IamError } from "./errors";
import { QUOTAS } from "./limits";
import { readPasswordPolicy, type PasswordPolicy } from "./password-policy";
import { missingMember, validationErrors, type ValidationFailure } from "./validation";

// Account-level operations: the summary counts and quotas, the alias (one per account, unique
// across all accounts), the Account settings page's read, and the security recommendations of
// the IAM dashboard.

export interface GetAccountSummaryOutput {
  SummaryMap: Record<string, number>;
}

export function getAccountSummary(caller: Caller): Promise<GetAccountSummaryOutput> {
  return operation(caller, { eventName: "GetAccountSummary", readOnly: true }, async () => {
    await authorize(caller, "iam:GetAccountSummary", "*");
    const prisma = await db();
    const accountId = caller.accountId;
    const [account, users, groups, roles, policies, providers, instanceProfiles, mfaDevices, mfaInUse, rootMfa, rootKeys, attachedVersions] =
      await Promise.all([
        prisma.account.findUniqueOrThrow({ where: { id: accountId }, select: { globalEndpointTokenVersion: true } }),
        prisma.user.count({ where: { accountId } }),
        prisma.group.count({ where: { accountId } }),
        prisma.role.count({ where: { accountId } }),
        prisma.policy.count({ where: { accountId } }),
        prisma.identityProvider.count({ where: { accountId } }),
        prisma.instanceProfile.count({ where: { accountId } }),
        // MFADevices counts every device, assigned or not; MFADevicesInUse only the enabled ones.
        prisma.mfaDevice.count({ where: { accountId } }),
        prisma.mfaDevice.count({ where: { accountId, enableDate: { not: null } } }),
        prisma.mfaDevice.count({ where: { accountId, assignedToRoot: true, enableDate: { not: null } } }),
        prisma.accessKey.count({ where: { accountId, userId: null } }),
        prisma.policyVersion.count({ where: { policy: { accountId } } }),
      ]);
    return {
      SummaryMap: {
        ...QUOTAS,
        GlobalEndpointTokenVersion: account.globalEndpointTokenVersion,
        Users: users,
        Groups: groups,
        Roles: roles,
        Policies: policies,
        PolicyVersionsInUse: attachedVersions,
        InstanceProfiles: instanceProfiles,
        Providers: providers,
        ServerCertificates: 0,
        MFADevices: mfaDevices,
        MFADevicesInUse: mfaInUse,
        AccountMFAEnabled: rootMfa > 0 ? 1 : 0,
        AccountAccessKeysPresent: rootKeys > 0 ? 1 : 0,
        AccountPasswordPresent: 1,
        AccountSigningCertificatesPresent: 0,
      },
    };
  });
}

export interface ListAccountAliasesOutput {
  AccountAliases: string[];
  IsTruncated: false;
}

export function listAccountAliases(caller: Caller): Promise<ListAccountAliasesOutput> {
  return operation(caller, { eventName: "ListAccountAliases", readOnly: true }, async () => {
    await authorize(caller, "iam:ListAccountAliases", "*");
    const account = await (await db()).account.findUniqueOrThrow({ where: { id: caller.accountId }, select: { alias: true } });
    return { AccountAliases: account.alias ? [account.alias] : [], IsTruncated: false };
  });
}

// ---- CreateAccountAlias, DeleteAccountAlias -----------------------------------------------------

export const ACCOUNT_ALIAS_LENGTH = { min: 3, max: 63 } as const;
export const ACCOUNT_ALIAS_PATTERN = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

/** CreateAccountAlias/DeleteAccountAlias's member checks, every failure reported as AWS does. */
function checkAccountAlias(value: string | undefined): string {
  if (value === undefined) throw missingMember("accountAlias");
  const failures: ValidationFailure[] = [];
  if (!ACCOUNT_ALIAS_PATTERN.test(value)) {
    failures.push({ value, member: "accountAlias", constraint: "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$" });
  }
  if (value.length < ACCOUNT_ALIAS_LENGTH.min) {
    failures.push({ value, member: "accountAlias", constraint: `Member must have length greater than or equal to ${ACCOUNT_ALIAS_LENGTH.min}` });
  }
  if (value.length > ACCOUNT_ALIAS_LENGTH.max) {
    failures.push({ value, member: "accountAlias", constraint: `Member must have length less than or equal to ${ACCOUNT_ALIAS_LENGTH.max}` });
  }
  if (failures.length > 0) throw validationErrors(failures);
  return value;
}

// The codes are AWS's; the messages are this simulation's (unverified).
const aliasTaken = (alias: string) => new IamError("EntityAlreadyExists", `The account alias ${alias} already exists.`);
const noSuchAlias = (alias: string) => new IamError("NoSuchEntity", `The account alias ${alias} cannot be found.`);
/** Sign-in reads a 12-digit account reference as an account ID, so such an alias could never be used. */
const numericAlias = (alias: string) => new IamError("InvalidInput", `The account alias ${alias} cannot be a 12-digit number.`);

/**
 * Gives the account its alias. An account has one alias at most: a new one replaces the old,
 * whose sign-in URL stops working, as the console's Edit does. The alias is unique across all
 * accounts, which the database's unique index enforces.
 */
export function createAccountAlias(caller: Caller, input: { AccountAlias: string }): Promise<void> {
  return operation(caller, { eventName: "CreateAccountAlias", readOnly: false, params: { ...input } }, async () => {
    const alias = checkAccountAlias(input.AccountAlias);
    await authorize(caller, "iam:CreateAccountAlias", "*");
    if (/^\d{12}$/.test(alias)) throw numericAlias(alias);
    try {
      await (await db()).account.update({ where: { id: caller.accountId }, data: { alias } });
    } catch (err) {
      if (isUniqueViolation(err)) throw aliasTaken(alias);
      throw err;
    }
  });
}

/** Removes the account's alias, which must be the one named: the account ID is then the only way to sign in. */
export function deleteAccountAlias(caller: Caller, input: { AccountAlias: string }): Promise<void> {
  return operation(caller, { eventName: "DeleteAccountAlias", readOnly: false, params: { ...input } }, async () => {
    const alias = checkAccountAlias(input.AccountAlias);
    await authorize(caller, "iam:DeleteAccountAlias", "*");
    const { count } = await (await db()).account.updateMany({ where: { id: caller.accountId, alias }, data: { alias: null } });
    if (count === 0) throw noSuchAlias(alias);
  });
}

// ---- The Account settings page ------------------------------------------------------------------

export interface AccountSettings {
  /** Null when the account has none: AWS's default rules apply. */
  passwordPolicy: PasswordPolicy | null;
  alias: string | null;
  /** STS global endpoint tokens: 1 (valid only in default regions) or 2 (all regions). */
  globalEndpointTokenVersion: number;
}

/**
 * What the Account settings page shows, read as the console reads it: GetAccountPasswordPolicy,
 * ListAccountAliases and GetAccountSummary (for the STS token version), each authorized.
 */
export function getAccountSettings(caller: Caller): Promise<AccountSettings> {
  return operation(caller, { eventName: "GetAccountSettings", readOnly: true }, async () => {
    await authorize(caller, "iam:GetAccountPasswordPolicy", "*");
    await authorize(caller, "iam:ListAccountAliases", "*");
    await authorize(caller, "iam:GetAccountSummary", "*");
    const prisma = await db();
    const [passwordPolicy, account] = await Promise.all([
      readPasswordPolicy(prisma, caller.accountId),
      prisma.account.findUniqueOrThrow({ where: { id: caller.accountId }, select: { alias: true, globalEndpointTokenVersion: true } }),
    ]);
    return { passwordPolicy, alias: account.alias, globalEndpointTokenVersion: account.globalEndpointTokenVersion };
  });
}

export const ACCESS_KEY_ROTATION_DAYS = 90;

export interface SecurityRecommendations {
  rootMfaEnabled: boolean;
  rootActiveAccessKeys: number;
  /** Users who can sign in to the console but have no MFA device. */
  usersWithoutMfa: string[];
  accessKeysOlderThan90Days: { userName: string; accessKeyId: string; ageDays: number }[];
}

/**
 * What the IAM dashboard recommends. Reading it needs what the console itself reads for it:
 * the account summary (root facts) and the user list with their credentials.
 */
export function getSecurityRecommendations(caller: Caller): Promise<SecurityRecommendations> {
  return operation(caller, { eventName: "GetSecurityRecommendations", readOnly: true }, async () => {
    await authorize(caller, "iam:GetAccountSummary", "*");
    await authorize(caller, "iam:ListUsers", listResourceArn(caller.accountId, "user"));
    const prisma = await db();
    const accountId = caller.accountId;
    const cutoff = new Date(caller.now.getTime() - ACCESS_KEY_ROTATION_DAYS * 86_400_000);
    const [rootMfa, rootKeys, consoleUsersWithoutMfa, oldKeys] = await Promise.all([
      prisma.mfaDevice.count({ where: { accountId, assignedToRoot: true, enableDate: { not: null } } }),
      prisma.accessKey.count({ where: { accountId, userId: null, status: "Active" } }),
      prisma.user.findMany({
        where: { accountId, loginProfile: { isNot: null }, mfaDevices: { none: { enableDate: { not: null } } } },
        select: { name: true },
        orderBy: { nameKey: "asc" },
      }),
      prisma.accessKey.findMany({
        where: { accountId, status: "Active", createdAt: { lt: cutoff } },
        select: { id: true, createdAt: true, user: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
      }),
    ]);
    return {
      rootMfaEnabled: rootMfa > 0,
      rootActiveAccessKeys: rootKeys,
      usersWithoutMfa: consoleUsersWithoutMfa.map((u) => u.name),
      accessKeysOlderThan90Days: oldKeys.map((k) => ({
        userName: k.user?.name ?? "root",
        accessKeyId: k.id,
        ageDays: Math.floor((caller.now.getTime() - k.createdAt.getTime()) / 86_400_000),
      })),
    };
  });
}
