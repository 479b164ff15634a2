import "server-only";
import { db } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { listResourceArn } from "./arns";
import { QUOTAS } from "./limits";

// Account-level reads: the summary counts and quotas, the alias, and the security
// recommendations of the IAM dashboard.

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
