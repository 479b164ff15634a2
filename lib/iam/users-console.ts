import "server-only";
import { db, Prisma, type Db, type Tx } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { iamArn, listResourceArn } from "./arns";
import { authorize, type ExtraContext } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { lockRow } from "./db-facts";
import { noSuchUser } from "./errors";
import { loadPrincipalPolicies } from "./principal-policies";
import { resourceTagContext, toTags } from "./tags";
import { authorizeOnUser, EXISTING_USER_NAME_MAX, findUser, type UserDetailRow } from "./users";
import { checkEnum, checkName } from "./validation";

// What the IAM console does with users beyond single API calls: the users table (one page,
// filtered and sorted in the database, with the columns AWS's console shows), the list of what
// deleting a user removes, and the console's delete, which removes all of it in one transaction.

// ---- The users table ------------------------------------------------------------------------

export const CONSOLE_USER_SORTS = [
  "userName",
  "path",
  "groups",
  "lastActivity",
  "mfa",
  "passwordAge",
  "consoleLastSignIn",
  "accessKeyId",
  "accessKeyAge",
  "creationTime",
] as const;
export type ConsoleUserSort = (typeof CONSOLE_USER_SORTS)[number];

export const CONSOLE_PAGE_SIZE_DEFAULT = 25;
export const CONSOLE_PAGE_SIZE_MAX = 1000;

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
// input). `newestFirst` marks ages: the smallest age is the latest date.
const USER_SORT_SQL: Record<ConsoleUserSort, { expr: string; newestFirst?: boolean }> = {
  userName: { expr: `u."nameKey"` },
  path: { expr: `u."path"` },
  creationTime: { expr: `u."createdAt"` },
  consoleLastSignIn: { expr: `u."passwordLastUsed"` },
  groups: { expr: `(SELECT count(*) FROM "GroupMembership" m WHERE m."userId" = u.id)` },
  mfa: {
    expr: `(SELECT count(*) FROM "MfaDevice" d WHERE d."accountId" = u."accountId" AND d."userId" = u.id AND d."enableDate" IS NOT NULL)`,
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

export function orderSql(sort: { expr: string; newestFirst?: boolean }, descending: boolean | undefined): Prisma.Sql {
  const desc = Boolean(descending) !== Boolean(sort.newestFirst);
  return Prisma.raw(`${sort.expr} ${desc ? "DESC" : "ASC"} NULLS LAST`);
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
 * The console's users table, one page at a time, in two queries whatever the page size: the
 * page (sorted and filtered in the database, its columns gathered by correlated subqueries
 * over indexed lookups) and the count.
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
    const pattern = containsPattern(input.filter);
    const prisma = await db();
    const where = Prisma.sql`u."accountId" = ${caller.accountId} AND u."nameKey" LIKE ${pattern} ESCAPE '\\'`;
    const [rows, counted] = await Promise.all([
      prisma.$queryRaw<ConsoleUserSqlRow[]>(Prisma.sql`
        WITH page AS (
          SELECT u.id, row_number() OVER (ORDER BY ${orderSql(USER_SORT_SQL[sort], input.descending)}, u."nameKey", u.id) AS ord
          FROM "User" u
          WHERE ${where}
          ORDER BY ord
          LIMIT ${pageSize} OFFSET ${offset}
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
        ORDER BY p.ord`),
      prisma.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM "User" u WHERE ${where}`),
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

interface Step {
  eventName: string;
  resource: string;
  context: ExtraContext;
  params: Record<string, unknown>;
}

/** The API calls AWS's console makes to delete a user and everything in its way, in its order. */
function deletionSteps(user: UserDetailRow, { deps, mfaTags }: LoadedDependencies): Step[] {
  const UserName = user.name;
  const onUser = resourceTagContext(toTags(user.tags));
  const boundary: ExtraContext = deps.PermissionsBoundaryArn ? { "iam:PermissionsBoundary": deps.PermissionsBoundaryArn } : {};
  const step = (eventName: string, params: Record<string, unknown>, context: ExtraContext = onUser, resource = user.arn): Step => ({
    eventName,
    resource,
    context,
    params,
  });
  return [
    ...(deps.LoginProfile ? [step("DeleteLoginProfile", { UserName })] : []),
    ...deps.AccessKeys.map((k) => step("DeleteAccessKey", { UserName, AccessKeyId: k.AccessKeyId })),
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

const stepSpec = (s: Step): OperationSpec => ({ eventName: s.eventName, readOnly: false, params: s.params });

/**
 * What the console's "Delete user" does: removes the user's password, access keys, MFA devices,
 * inline and attached policies and group memberships, then the user — here in one transaction,
 * after every underlying action (iam:DeleteLoginProfile, iam:DeleteAccessKey,
 * iam:DeactivateMFADevice, iam:DeleteVirtualMFADevice, iam:DeleteUserPolicy,
 * iam:DetachUserPolicy, iam:RemoveUserFromGroup, iam:DeleteUser) has been authorized, so a
 * denial changes nothing. Each call the console would have made is recorded as its own event;
 * a denial is recorded under the call that was denied. Returns what was removed.
 */
export async function deleteUserWithDependencies(caller: Caller, input: { UserName: string }): Promise<UserDependencies> {
  let steps: Step[] = [];
  let current: Step | undefined;
  let removed: UserDependencies;
  try {
    const userName = checkName(input.UserName, "userName", EXISTING_USER_NAME_MAX);
    const prisma = await db();
    // The caller's own policies, read once before the transaction: inside it, authorization
    // then runs no query of its own.
    const policies = isRoot(caller) ? undefined : await loadPrincipalPolicies(prisma, caller);
    removed = await prisma.$transaction(
      async (tx) => {
        const found = await findUser(tx, caller.accountId, userName);
        if (!found) {
          current = { eventName: "DeleteUser", resource: iamArn(caller.accountId, "user", "/", userName), context: {}, params: { UserName: userName } };
          await authorize(caller, "iam:DeleteUser", current.resource, { policies });
          throw noSuchUser(userName);
        }
        // Under the lock no new key, device, policy or membership can reach the user; read it
        // again under the lock for the tags and boundary that authorization sees.
        if (!(await lockRow(tx, "User", found.id))) throw noSuchUser(userName);
        const user = await findUser(tx, caller.accountId, userName);
        if (!user) throw noSuchUser(userName);
        const loaded = await loadDependencies(tx, user);
        steps = deletionSteps(user, loaded);
        for (const step of steps) {
          current = step;
          await authorize(caller, `iam:${step.eventName}`, step.resource, { context: step.context, policies });
        }
        current = undefined;
        const userId = user.id;
        await tx.loginProfile.deleteMany({ where: { userId } });
        await tx.accessKey.deleteMany({ where: { userId } });
        await tx.mfaDevice.deleteMany({ where: { userId } });
        await tx.inlinePolicy.deleteMany({ where: { userId } });
        await tx.policyAttachment.deleteMany({ where: { userId } });
        await tx.groupMembership.deleteMany({ where: { userId } });
        await tx.user.delete({ where: { id: userId } });
        return loaded.deps;
      },
      { timeout: 30_000 },
    );
  } catch (err) {
    const spec = current ? stepSpec(current) : { eventName: "DeleteUser", readOnly: false, params: { ...input } };
    await operation(caller, spec, () => Promise.reject(err));
    throw err;
  }
  for (const step of steps) await operation(caller, stepSpec(step), async () => undefined);
  return removed;
}
