import "server-only";
import { db, Prisma } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { iamArn, listResourceArn } from "./arns";
import { authorize, type ExtraContext } from "./authorize";
import type { Caller } from "./caller";
import { checkInput, consoleCalls, type Step } from "./console-calls";
import { ROLE_CONSOLE_PAGE_SIZE_DEFAULT, ROLE_CONSOLE_PAGE_SIZE_MAX, type RoleConsoleSortColumn } from "./console-constants";
import { lockRow } from "./db-facts";
import { noSuchRole } from "./errors";
import { deleteEmptyProfile, profileContext, takeRoleFromProfile } from "./instance-profiles";
import { assertRoleModifiable, isProtectedRolePath } from "./role-validation";
import { findRole, isServiceLinkedRole, roleContext, type RoleLastUsed } from "./roles";
import { describeTrustedEntities } from "./trusted-entities";
import { checkName, NAME_LIMITS } from "./validation";

// What the console's Roles pages need beyond the API: the roles table (trusted entities, last
// activity, creation time; paged, filtered and sorted in the database) and the delete that
// clears a role's dependencies first, as the console's delete dialog does. The create wizard's
// calls are in console-roles.ts.

// The table's choices are in console-constants.ts, which the browser imports too.
export type { RoleConsoleSortColumn };

export interface ListRolesForConsoleInput {
  /** Text the role name, or a principal its trust policy names, contains (case-insensitively). */
  filter?: string;
  sort?: { columnId: RoleConsoleSortColumn; descending: boolean };
  /** 1-based; a page past the last is clamped to the last. */
  page?: number;
  pageSize?: number;
}

export interface ConsoleRoleRow {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: Date;
  /** "AWS Service: ec2", "Account: 123456789012", "Identity Provider: …" */
  trustedEntities: string[];
  serviceLinked: boolean;
  RoleLastUsed: RoleLastUsed;
}

export interface ListRolesForConsoleOutput {
  items: ConsoleRoleRow[];
  /** Roles matching the filter, on every page. */
  totalCount: number;
  page: number;
  pageSize: number;
}

function orderBy(sort: ListRolesForConsoleInput["sort"]): Prisma.RoleOrderByWithRelationInput[] {
  const dir = sort?.descending ? "desc" : "asc";
  switch (sort?.columnId) {
    case "created":
      return [{ createdAt: dir }, { nameKey: "asc" }, { id: "asc" }];
    case "lastActivity":
      // Roles never used come last either way.
      return [{ lastUsedDate: { sort: dir, nulls: "last" } }, { nameKey: "asc" }, { id: "asc" }];
    default:
      return [{ nameKey: dir }, { id: dir }];
  }
}

function wholeNumber(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(Math.max(1, Math.floor(value)), max);
}

/**
 * Roles whose name, or any principal their trust policy names, contains the text
 * (case-insensitively). An account holds at most 1,000 roles, so the IDs fit one query.
 */
async function matchingRoleIds(accountId: string, text: string): Promise<string[]> {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await (await db()).$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT r.id FROM "Role" r
    WHERE r."accountId" = ${accountId}
      AND (r."nameKey" LIKE ${pattern}
        OR EXISTS (
          SELECT 1 FROM jsonb_path_query(r."assumeRolePolicyDocument"::jsonb, 'lax $.Statement[*].Principal.**') AS p(v)
          WHERE jsonb_typeof(p.v) = 'string' AND lower(p.v #>> '{}') LIKE ${pattern}))`);
  return rows.map((r) => r.id);
}

/** The console's roles table: one page, with what the API's ListRoles leaves out. */
export function listRolesForConsole(caller: Caller, input: ListRolesForConsoleInput = {}): Promise<ListRolesForConsoleOutput> {
  return operation(caller, { eventName: "ListRoles", readOnly: true, params: { ...input } }, async () => {
    await authorize(caller, "iam:ListRoles", listResourceArn(caller.accountId, "role"));
    const pageSize = wholeNumber(input.pageSize, ROLE_CONSOLE_PAGE_SIZE_DEFAULT, ROLE_CONSOLE_PAGE_SIZE_MAX);
    const filter = (input.filter ?? "").trim();
    const prisma = await db();
    const where: Prisma.RoleWhereInput = { accountId: caller.accountId };
    if (filter) where.id = { in: await matchingRoleIds(caller.accountId, filter) };
    const totalCount = await prisma.role.count({ where });
    const lastPage = Math.max(1, Math.ceil(totalCount / pageSize));
    const page = Math.min(wholeNumber(input.page, 1, Number.MAX_SAFE_INTEGER), lastPage);
    const rows = await prisma.role.findMany({ where, orderBy: orderBy(input.sort), skip: (page - 1) * pageSize, take: pageSize });
    return {
      items: rows.map((r) => ({
        RoleName: r.name,
        RoleId: r.id,
        Arn: r.arn,
        Path: r.path,
        ...(r.description ? { Description: r.description } : {}),
        CreateDate: r.createdAt,
        trustedEntities: describeTrustedEntities(r.assumeRolePolicyDocument),
        serviceLinked: isServiceLinkedRole(r),
        RoleLastUsed: {
          ...(r.lastUsedDate ? { LastUsedDate: r.lastUsedDate } : {}),
          ...(r.lastUsedRegion ? { Region: r.lastUsedRegion } : {}),
        },
      })),
      totalCount,
      page,
      pageSize,
    };
  });
}

export interface DeleteRoleWithDependenciesOutput {
  RemovedFromInstanceProfiles: string[];
  /** The instance profile the console made with the role (the role's name, holding only it) goes too. */
  DeletedInstanceProfiles: string[];
  DetachedPolicyArns: string[];
  DeletedInlinePolicyNames: string[];
}

/**
 * The console's "Delete role": removes the role from its instance profiles (deleting the one
 * the console created for it), detaches its managed policies, deletes its inline policies,
 * then deletes the role (RemoveRoleFromInstanceProfile, DeleteInstanceProfile,
 * DetachRolePolicy, DeleteRolePolicy, DeleteRole), all authorized first and written in one
 * transaction, so a denial changes nothing. Each call leaves its own activity event.
 */
export async function deleteRoleWithDependencies(caller: Caller, input: { RoleName: string }): Promise<DeleteRoleWithDependenciesOutput> {
  const fallback: OperationSpec = { eventName: "DeleteRole", readOnly: false, params: { RoleName: input.RoleName } };
  const name = await checkInput(caller, fallback, () => checkName(input.RoleName, "roleName", NAME_LIMITS.roleName));
  return consoleCalls(caller, fallback, async ({ tx, check, during }) => {
    const row = await findRole(tx, caller.accountId, name);
    const onRole = (eventName: string, params: Record<string, unknown>, context: ExtraContext = {}): Step => ({
      spec: { eventName, readOnly: false, params: { RoleName: row?.name ?? name, ...params } },
      checks: [{ action: `iam:${eventName}`, resource: row?.arn ?? iamArn(caller.accountId, "role", "/", name), context: { ...roleContext(row), ...context } }],
    });
    const deleteRole = onRole("DeleteRole", {});
    if (!row || isProtectedRolePath(row.path)) {
      // AccessDenied first; then what AWS answers for a missing or service-linked role.
      await check(deleteRole);
      if (!row) throw noSuchRole(name);
      assertRoleModifiable(row);
    }
    // Under the lock no profile, policy or attachment can reach the role while it goes.
    if (!(await lockRow(tx, "Role", row.id))) throw noSuchRole(name);
    const profiles = await tx.instanceProfile.findMany({
      where: { roleId: row.id },
      select: { id: true, name: true, arn: true, tags: { select: { key: true, value: true } } },
      orderBy: { nameKey: "asc" },
    });
    const attachments = await tx.policyAttachment.findMany({ where: { roleId: row.id }, select: { policy: { select: { arn: true } } } });
    const inline = await tx.inlinePolicy.findMany({ where: { roleId: row.id }, select: { name: true }, orderBy: { name: "asc" } });
    const policyArns = attachments.map((a) => a.policy.arn).sort();

    const fromProfiles = [];
    for (const p of profiles) {
      const onProfile = (eventName: string, params: Record<string, unknown>): Step => ({
        spec: { eventName, readOnly: false, params: { InstanceProfileName: p.name, ...params } },
        checks: [{ action: `iam:${eventName}`, resource: p.arn, context: profileContext(p) }],
      });
      const remove = onProfile("RemoveRoleFromInstanceProfile", { RoleName: row.name });
      await check(remove);
      // The console made this one with the role: it goes with it.
      const drop = p.name === row.name ? onProfile("DeleteInstanceProfile", {}) : undefined;
      if (drop) await check(drop);
      fromProfiles.push({ profile: p, remove, drop });
    }
    for (const arn of policyArns) await check(onRole("DetachRolePolicy", { PolicyArn: arn }, { "iam:PolicyARN": arn }));
    for (const p of inline) await check(onRole("DeleteRolePolicy", { PolicyName: p.name }));
    await check(deleteRole);

    for (const { profile, remove, drop } of fromProfiles) {
      during(remove);
      await takeRoleFromProfile(tx, profile, row);
      if (drop) {
        during(drop);
        await deleteEmptyProfile(tx, profile);
      }
    }
    during("DetachRolePolicy");
    await tx.policyAttachment.deleteMany({ where: { roleId: row.id } });
    during("DeleteRolePolicy");
    await tx.inlinePolicy.deleteMany({ where: { roleId: row.id } });
    during(deleteRole);
    await tx.role.delete({ where: { id: row.id } });
    return {
      RemovedFromInstanceProfiles: profiles.map((p) => p.name),
      DeletedInstanceProfiles: fromProfiles.filter((p) => p.drop).map((p) => p.profile.name),
      DetachedPolicyArns: policyArns,
      DeletedInlinePolicyNames: inline.map((p) => p.name),
    };
  });
}
