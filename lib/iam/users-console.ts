import "server-only";
import { db, Prisma, type Db, type Tx } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { iamArn, listResourceArn } from "./arns";
import { authorize, type ExtraContext } from "./authorize";
import type { Caller } from "./caller";
import { checkInput, consoleCalls, type Step } from "./console-calls";
import { CONSOLE_PAGE_SIZE_DEFAULT, CONSOLE_PAGE_SIZE_MAX, CONSOLE_USER_SORTS, type ConsoleUserSort } from "./console-constants";
import { lockRow } from "./db-facts";
import { noSuchUser } from "./errors";
import { resourceTagContext, toTags } from "./tags";
import { authorizeOnUser, EXISTING_USER_NAME_MAX, findUser, type UserDetailRow } from "./users";
import { checkEnum, checkName } from "./validation";

// What the IAM console does with users beyond single API calls: the users table (one page,
// filtered and sorted in the database, with the columns AWS's console shows), the list of what
// deleting a user removes, and the console's delete, which removes all of it in one transaction.

// ---- The users table ------------------------------------------------------------------------

// The table's choices are in console-constants.ts, which the browser imports too; these
// re-exports serve the pages that take them from here.
export { CONSOLE_PAGE_SIZE_MAX, type ConsoleUserSort };

export interface ConsoleListInput<S extends string> {
  /** Case-insensitive substring of the name. */
  filter?: string;
  sort?: S;
  descending?: boolean;
  /** From 1; out-of-range values are clamped, as a table's URL may be edited by hand. */
  page?: number;
  pageSize?: number;
}

export interface ConsolePage {
  /** Rows matching the filter, on every page. */
  total: number;
  page: number;
  pageSize: number;
}

export interface ConsoleUser {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: Date;
  /** Group names, in name order. */
  groups: string[];
  /** The user's latest recorded request (any activity event under its ARN). */
  lastActivity?: Date;
  /** Enabled MFA devices. */
  mfaDevices: number;
  /** Whether the user has a console password (a login profile). */
  passwordEnabled: boolean;
  /** When the password was last set: the console shows its age. */
  passwordChangedAt?: Date;
  /** Console last sign-in. */
  passwordLastUsed?: Date;
  /** Active access keys, oldest first: the console shows the ID and the age. */
  accessKeys: { accessKeyId: string; createDate: Date }[];
}

// Each sort key is an SQL expression over "User" u, written here and nowhere else (never from
// input). `newestFirst` marks ages: the smallest age is the latest date. `notNull` marks
// expressions that are never null, ordered without NULLS LAST: so sorted by name, in either
// direction, a page follows the (accountId, nameKey) index and reads only its own rows.
const USER_SORT_SQL: Record<ConsoleUserSort, SortSql> = {
  userName: { expr: `u."nameKey"`, notNull: true },
  path: { expr: `u."path"`, notNull: true },
  creationTime: { expr: `u."createdAt"`, notNull: true },
  consoleLastSignIn: { expr: `u."passwordLastUsed"` },
  groups: { expr: `(SELECT count(*) FROM "GroupMembership" m WHERE m."userId" = u.id)`, notNull: true },
  mfa: {
    expr: `(SELECT count(*) FROM "MfaDevice" d WHERE d."accountId" = u."accountId" AND d."userId" = u.id AND d."enableDate" IS NOT NULL)`,
    notNull: true,
  },
  lastActivity: {
    expr: `(SELECT max(e."eventTime") FROM "ActivityEvent" e WHERE e."accountId" = u."accountId" AND e."principalArn" = u.arn)`,
  },
  passwordAge: { expr: `(SELECT lp."passwordChangedAt" FROM "LoginProfile" lp WHERE lp."userId" = u.id)`, newestFirst: true },
  accessKeyId: {
    expr: `(SELECT min(k.id) FROM "AccessKey" k WHERE k."accountId" = u."accountId" AND k."userId" = u.id AND k.status = 'Active')`,
  },
  accessKeyAge: {
    expr: `(SELECT min(k."createdAt") FROM "AccessKey" k WHERE k."accountId" = u."accountId" AND k."userId" = u.id AND k.status = 'Active')`,
    newestFirst: true,
  },
};

export function clampPage(input: ConsoleListInput<string>) {
  const pageSize = Math.min(CONSOLE_PAGE_SIZE_MAX, Math.max(1, Math.floor(input.pageSize ?? CONSOLE_PAGE_SIZE_DEFAULT) || CONSOLE_PAGE_SIZE_DEFAULT));
  const page = Math.max(1, Math.floor(input.page ?? 1) || 1);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** `%text%` for LIKE, with the wildcards in the text taken literally (escape character `\`). */
export function containsPattern(filter: string | undefined): string {
  return `%${(filter ?? "").trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface SortSql {
  expr: string;
  newestFirst?: boolean;
  notNull?: boolean;
}

/** Empty values last in either direction; NULLS LAST is left out where there are none. */
export function orderSql(sort: SortSql, descending: boolean | undefined): Prisma.Sql {
  const desc = Boolean(descending) !== Boolean(sort.newestFirst);
  return Prisma.raw(`${sort.expr} ${desc ? "DESC" : "ASC"}${sort.notNull ? "" : " NULLS LAST"}`);
}

type ConsoleUserSqlRow = {
  id: string;
  name: string;
  path: string;
  arn: string;
  createdAt: Date;
  passwordLastUsed: Date | null;
  passwordChangedAt: Date | null;
  groups: string[];
  mfaDevices: number;
  lastActivity: Date | null;
  accessKeys: { accessKeyId: string; createDate: string }[];
};

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * The two queries behind one page of the users table: the page's rows first, chosen with
 * their sort value, and only then their columns (correlated subqueries over indexed lookups);
 * and the count. Exported so that tests can look at the plans.
 */
export function usersTableSql(
  accountId: string,
  q: { sort: ConsoleUserSort; descending?: boolean; filter?: string; pageSize: number; offset: number },
): { page: Prisma.Sql; count: Prisma.Sql } {
  const filter = (q.filter ?? "").trim();
  const where = filter
    ? Prisma.sql`u."accountId" = ${accountId} AND u."nameKey" LIKE ${containsPattern(filter)} ESCAPE '\\'`
    : Prisma.sql`u."accountId" = ${accountId}`;
  const sort = USER_SORT_SQL[q.sort];
  return {
    page: Prisma.sql`
      WITH page AS (
        SELECT u.id, ${Prisma.raw(sort.expr)} AS "sortValue"
        FROM "User" u
        WHERE ${where}
        ORDER BY ${orderSql(sort, q.descending)}, u."nameKey", u.id
        LIMIT ${q.pageSize} OFFSET ${q.offset}
      )
      SELECT u.id, u.name, u.path, u.arn, u."createdAt", u."passwordLastUsed", lp."passwordChangedAt",
        COALESCE((
          SELECT json_agg(g.name ORDER BY g."nameKey")
          FROM "GroupMembership" m JOIN "Group" g ON g.id = m."groupId"
          WHERE m."userId" = u.id
        ), '[]'::json) AS groups,
        (SELECT count(*)::int FROM "MfaDevice" d
          WHERE d."accountId" = u."accountId" AND d."userId" = u.id AND d."enableDate" IS NOT NULL) AS "mfaDevices",
        (SELECT max(e."eventTime") FROM "ActivityEvent" e
          WHERE e."accountId" = u."accountId" AND e."principalArn" = u.arn) AS "lastActivity",
        COALESCE((
          SELECT json_agg(json_build_object('accessKeyId', k.id, 'createDate', k."createdAt") ORDER BY k."createdAt", k.id)
          FROM "AccessKey" k
          WHERE k."accountId" = u."accountId" AND k."userId" = u.id AND k.status = 'Active'
        ), '[]'::json) AS "accessKeys"
      FROM page p
      JOIN "User" u ON u.id = p.id
      LEFT JOIN "LoginProfile" lp ON lp."userId" = u.id
      ORDER BY ${orderSql({ ...sort, expr: `p."sortValue"` }, q.descending)}, u."nameKey", u.id`,
    count: Prisma.sql`SELECT count(*)::int AS total FROM "User" u WHERE ${where}`,
  };
}

/**
 * The console's users table, one page at a time, in two queries whatever the page size (see
 * usersTableSql).
 *
 * Authorized by iam:ListUsers on the users path, as the table itself is. AWS's console reads
 * each column with more calls per user and shows a column as unavailable when one is denied:
 * iam:ListGroupsForUser (groups), iam:ListMFADevices (MFA), iam:GetLoginProfile (password age),
 * iam:ListAccessKeys and iam:GetAccessKeyLastUsed (access key, last activity); this simulation
 * answers them all under iam:ListUsers.
 */
export function listUsersForConsole(
  caller: Caller,
  input: ConsoleListInput<ConsoleUserSort> = {},
): Promise<{ users: ConsoleUser[] } & ConsolePage> {
  return operation(caller, { eventName: "ListUsers", readOnly: true, params: { ...input } }, async () => {
    const sort = checkEnum(input.sort, "sort", CONSOLE_USER_SORTS, "userName");
    const { page, pageSize, offset } = clampPage(input);
    await authorize(caller, "iam:ListUsers", listResourceArn(caller.accountId, "user"));
    const sql = usersTableSql(caller.accountId, { sort, descending: input.descending, filter: input.filter, pageSize, offset });
    const prisma = await db();
    const [rows, counted] = await Promise.all([
      prisma.$queryRaw<ConsoleUserSqlRow[]>(sql.page),
      prisma.$queryRaw<{ total: number }[]>(sql.count),
    ]);
    return {
      users: rows.map((r) => ({
        userName: r.name,
        userId: r.id,
        arn: r.arn,
        path: r.path,
        createDate: asDate(r.createdAt),
        groups: r.groups,
        ...(r.lastActivity ? { lastActivity: asDate(r.lastActivity) } : {}),
        mfaDevices: Number(r.mfaDevices),
        passwordEnabled: r.passwordChangedAt !== null,
        ...(r.passwordChangedAt ? { passwordChangedAt: asDate(r.passwordChangedAt) } : {}),
        ...(r.passwordLastUsed ? { passwordLastUsed: asDate(r.passwordLastUsed) } : {}),
        accessKeys: r.accessKeys.map((k) => ({ accessKeyId: k.accessKeyId, createDate: asDate(k.createDate) })),
      })),
      total: Number(counted[0]?.total ?? 0),
      page,
      pageSize,
    };
  });
}

// ---- What deleting a user removes -----------------------------------------------------------

export interface UserDependencies {
  UserName: string;
  Arn: string;
  LoginProfile: boolean;
  AccessKeys: { AccessKeyId: string; Status: string }[];
  SigningCertificates: { CertificateId: string; Status: string }[];
  SSHPublicKeys: { SSHPublicKeyId: string; Status: string }[];
  /** HTTPS Git credentials (CodeCommit), Amazon Keyspaces credentials. */
  ServiceSpecificCredentials: { ServiceSpecificCredentialId: string; ServiceName: string; ServiceUserName: string }[];
  /** Assigned MFA devices; virtual ones are deleted too, others only deactivated. */
  MFADevices: { SerialNumber: string; Virtual: boolean }[];
  InlinePolicyNames: string[];
  AttachedPolicies: { PolicyName: string; PolicyArn: string }[];
  Groups: { GroupName: string; Arn: string }[];
  /** Not in the way of a delete, but gone with the user. */
  PermissionsBoundaryArn?: string;
}

interface LoadedDependencies {
  deps: UserDependencies;
  /** Each virtual MFA device's tags, for aws:ResourceTag on DeleteVirtualMFADevice. */
  mfaTags: Map<string, { key: string; value: string }[]>;
}

/** One query at a time: this also runs inside the delete's transaction (see findUser). */
async function loadDependencies(prisma: Db | Tx, user: UserDetailRow): Promise<LoadedDependencies> {
  const userId = user.id;
  const loginProfile = await prisma.loginProfile.findUnique({ where: { userId }, select: { userId: true } });
  const accessKeys = await prisma.accessKey.findMany({ where: { userId }, select: { id: true, status: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const signingCertificates = await prisma.signingCertificate.findMany({
    where: { userId },
    select: { id: true, status: true },
    orderBy: [{ uploadDate: "asc" }, { id: "asc" }],
  });
  const sshPublicKeys = await prisma.sshPublicKey.findMany({ where: { userId }, select: { id: true, status: true }, orderBy: [{ uploadDate: "asc" }, { id: "asc" }] });
  const serviceCredentials = await prisma.serviceSpecificCredential.findMany({
    where: { userId },
    select: { id: true, serviceName: true, serviceUserName: true },
    orderBy: [{ createDate: "asc" }, { id: "asc" }],
  });
  const mfaDevices = await prisma.mfaDevice.findMany({ where: { userId }, select: { serialNumber: true, type: true }, orderBy: { serialNumber: "asc" } });
  const mfaTags =
    mfaDevices.length === 0
      ? []
      : await prisma.tag.findMany({
          where: { mfaSerialNumber: { in: mfaDevices.map((d) => d.serialNumber) } },
          select: { mfaSerialNumber: true, key: true, value: true },
        });
  const inlinePolicies = await prisma.inlinePolicy.findMany({ where: { userId }, select: { name: true }, orderBy: { name: "asc" } });
  const attachments = await prisma.policyAttachment.findMany({
    where: { userId },
    select: { policy: { select: { name: true, arn: true } } },
    orderBy: { policy: { nameKey: "asc" } },
  });
  const memberships = await prisma.groupMembership.findMany({
    where: { userId },
    select: { group: { select: { name: true, arn: true } } },
    orderBy: { group: { nameKey: "asc" } },
  });
  const deps: UserDependencies = {
    UserName: user.name,
    Arn: user.arn,
    LoginProfile: loginProfile !== null,
    AccessKeys: accessKeys.map((k) => ({ AccessKeyId: k.id, Status: k.status })),
    SigningCertificates: signingCertificates.map((c) => ({ CertificateId: c.id, Status: c.status })),
    SSHPublicKeys: sshPublicKeys.map((k) => ({ SSHPublicKeyId: k.id, Status: k.status })),
    ServiceSpecificCredentials: serviceCredentials.map((c) => ({
      ServiceSpecificCredentialId: c.id,
      ServiceName: c.serviceName,
      ServiceUserName: c.serviceUserName,
    })),
    MFADevices: mfaDevices.map((d) => ({ SerialNumber: d.serialNumber, Virtual: d.type === "virtual" })),
    InlinePolicyNames: inlinePolicies.map((p) => p.name),
    AttachedPolicies: attachments.map((a) => ({ PolicyName: a.policy.name, PolicyArn: a.policy.arn })),
    Groups: memberships.map((m) => ({ GroupName: m.group.name, Arn: m.group.arn })),
    ...(user.permissionsBoundary ? { PermissionsBoundaryArn: user.permissionsBoundary.arn } : {}),
  };
  return {
    deps,
    mfaTags: new Map(mfaDevices.map((d) => [d.serialNumber, mfaTags.filter((t) => t.mfaSerialNumber === d.serialNumber)])),
  };
}

/** The reads AWS's console makes to list what a user's deletion removes. */
export const USER_DEPENDENCY_READS = [
  "iam:GetLoginProfile",
  "iam:ListAccessKeys",
  "iam:ListMFADevices",
  "iam:ListUserPolicies",
  "iam:ListAttachedUserPolicies",
  "iam:ListGroupsForUser",
  "iam:ListSigningCertificates",
  "iam:ListSSHPublicKeys",
  "iam:ListServiceSpecificCredentials",
] as const;

/** What the delete confirmation lists. Authorized by each read the console makes for it. */
export function listUserDependencies(caller: Caller, input: { UserName: string }): Promise<UserDependencies> {
  return operation(caller, { eventName: "ListUserDependencies", readOnly: true, params: { ...input } }, async () => {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const prisma = await db();
    let user = await findUser(prisma, caller.accountId, userName);
    for (const action of USER_DEPENDENCY_READS) user = await authorizeOnUser(caller, action, userName, user);
    if (!user) throw noSuchUser(userName);
    return (await loadDependencies(prisma, user)).deps;
  });
}

// ---- The console's delete -------------------------------------------------------------------

/** The API calls AWS's console makes to delete a user and everything in its way, in its order. */
function deletionSteps(user: UserDetailRow, { deps, mfaTags }: LoadedDependencies): Step[] {
  const UserName = user.name;
  const onUser = resourceTagContext(toTags(user.tags));
  const boundary: ExtraContext = deps.PermissionsBoundaryArn ? { "iam:PermissionsBoundary": deps.PermissionsBoundaryArn } : {};
  const step = (eventName: string, params: Record<string, unknown>, context: ExtraContext = onUser, resource = user.arn): Step => ({
    spec: { eventName, readOnly: false, params },
    checks: [{ action: `iam:${eventName}`, resource, context }],
  });
  return [
    ...(deps.LoginProfile ? [step("DeleteLoginProfile", { UserName })] : []),
    ...deps.AccessKeys.map((k) => step("DeleteAccessKey", { UserName, AccessKeyId: k.AccessKeyId })),
    ...deps.SigningCertificates.map((c) => step("DeleteSigningCertificate", { UserName, CertificateId: c.CertificateId })),
    ...deps.SSHPublicKeys.map((k) => step("DeleteSSHPublicKey", { UserName, SSHPublicKeyId: k.SSHPublicKeyId })),
    ...deps.ServiceSpecificCredentials.map((c) =>
      step("DeleteServiceSpecificCredential", { UserName, ServiceSpecificCredentialId: c.ServiceSpecificCredentialId }),
    ),
    ...deps.MFADevices.flatMap((d) => [
      step("DeactivateMFADevice", { UserName, SerialNumber: d.SerialNumber }),
      ...(d.Virtual
        ? [step("DeleteVirtualMFADevice", { SerialNumber: d.SerialNumber }, resourceTagContext(toTags(mfaTags.get(d.SerialNumber) ?? [])), d.SerialNumber)]
        : []),
    ]),
    ...deps.InlinePolicyNames.map((PolicyName) => step("DeleteUserPolicy", { UserName, PolicyName }, { ...onUser, ...boundary })),
    ...deps.AttachedPolicies.map((p) =>
      step("DetachUserPolicy", { UserName, PolicyArn: p.PolicyArn }, { ...onUser, ...boundary, "iam:PolicyARN": p.PolicyArn }),
    ),
    ...deps.Groups.map((g) => step("RemoveUserFromGroup", { GroupName: g.GroupName, UserName }, {}, g.Arn)),
    step("DeleteUser", { UserName }),
  ];
}

/**
 * What the console's "Delete user" does: removes the user's password, access keys, signing
 * certificates, SSH public keys, service-specific credentials, MFA devices, inline and attached
 * policies and group memberships, then the user — here in one transaction, after every
 * underlying action (iam:DeleteLoginProfile, iam:DeleteAccessKey, iam:DeleteSigningCertificate,
 * iam:DeleteSSHPublicKey, iam:DeleteServiceSpecificCredential, iam:DeactivateMFADevice,
 * iam:DeleteVirtualMFADevice, iam:DeleteUserPolicy, iam:DetachUserPolicy,
 * iam:RemoveUserFromGroup, iam:DeleteUser) has been authorized, so a denial changes nothing. Each call the console would have made is recorded as its own event;
 * a denial is recorded under the call that was denied. Returns what was removed.
 */
export async function deleteUserWithDependencies(caller: Caller, input: { UserName: string }): Promise<UserDependencies> {
  const fallback: OperationSpec = { eventName: "DeleteUser", readOnly: false, params: { ...input } };
  const userName = await checkInput(caller, fallback, () => checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX));
  return consoleCalls(caller, fallback, async ({ tx, check, during }) => {
    const found = await findUser(tx, caller.accountId, userName);
    if (!found) {
      await check({
        spec: { eventName: "DeleteUser", readOnly: false, params: { UserName: userName } },
        checks: [{ action: "iam:DeleteUser", resource: iamArn(caller.accountId, "user", "/", userName), context: {} }],
      });
      throw noSuchUser(userName);
    }
    // Under the lock no new key, device, policy or membership can reach the user; read it
    // again under the lock for the tags and boundary that authorization sees.
    if (!(await lockRow(tx, "User", found.id))) throw noSuchUser(userName);
    const user = await findUser(tx, caller.accountId, userName);
    if (!user) throw noSuchUser(userName);
    const loaded = await loadDependencies(tx, user);
    for (const step of deletionSteps(user, loaded)) await check(step);
    during("DeleteUser");
    const userId = user.id;
    await tx.loginProfile.deleteMany({ where: { userId } });
    await tx.accessKey.deleteMany({ where: { userId } });
    await tx.signingCertificate.deleteMany({ where: { userId } });
    await tx.sshPublicKey.deleteMany({ where: { userId } });
    await tx.serviceSpecificCredential.deleteMany({ where: { userId } });
    await tx.mfaDevice.deleteMany({ where: { userId } });
    await tx.inlinePolicy.deleteMany({ where: { userId } });
    await tx.policyAttachment.deleteMany({ where: { userId } });
    await tx.groupMembership.deleteMany({ where: { userId } });
    await tx.user.delete({ where: { id: userId } });
    return loaded.deps;
  });
}
