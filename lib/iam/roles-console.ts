import "server-only";
import { db, Prisma } from "@/lib/db";
import { operation } from "./activity";
import { iamArn, listResourceArn } from "./arns";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { lockRow } from "./db-facts";
import { noSuchRole } from "./errors";
import { loadPrincipalPolicies } from "./principal-policies";
import { isProtectedRolePath } from "./role-validation";
import { assertRoleModifiable, findRole, isServiceLinkedRole, roleContext, type RoleLastUsed } from "./roles";
import { resourceTagContext, toTags } from "./tags";
import { describeTrustedEntities } from "./trusted-entities";
import { checkName, NAME_LIMITS } from "./validation";

// What the console's Roles pages need beyond the API: the roles table (trusted entities, last
// activity, creation time; paged, filtered and sorted in the database) and the delete that
// clears a role's dependencies first, as the console's delete dialog does.

export const ROLE_CONSOLE_SORT_COLUMNS = ["name", "created", "lastActivity"] as const;
export type RoleConsoleSortColumn = (typeof ROLE_CONSOLE_SORT_COLUMNS)[number];
export const ROLE_CONSOLE_PAGE_SIZE_DEFAULT = 20;
export const ROLE_CONSOLE_PAGE_SIZE_MAX = 100;

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
  DetachedPolicyArns: string[];
  DeletedInlinePolicyNames: string[];
}

/**
 * The console's "Delete role": removes the role from its instance profiles, detaches its
 * managed policies, deletes its inline policies, then deletes the role, all in one
 * transaction. Every underlying action is authorized first, so the delete happens entirely
 * or not at all; each one then leaves its own activity event, as the console's API calls do.
 */
export function deleteRoleWithDependencies(caller: Caller, input: { RoleName: string }): Promise<DeleteRoleWithDependenciesOutput> {
  return operation(caller, { eventName: "DeleteRole", readOnly: false, params: { ...input } }, async () => {
    const name = checkName(input.RoleName, "roleName", NAME_LIMITS.roleName);
    const prisma = await db();
    const policies = await loadPrincipalPolicies(prisma, caller);
    const done = await prisma.$transaction(async (tx) => {
      const row = await findRole(tx, caller.accountId, name);
      const roleArn = row?.arn ?? iamArn(caller.accountId, "role", "/", name);
      const context = roleContext(row);
      if (!row || isProtectedRolePath(row.path)) {
        // AccessDenied first; then what AWS answers for a missing or service-linked role.
        await authorize(caller, "iam:DeleteRole", roleArn, { context, policies, tx });
        if (!row) throw noSuchRole(name);
        assertRoleModifiable(row);
      }
      if (!(await lockRow(tx, "Role", row.id))) throw noSuchRole(name);
      const [profiles, attachments, inline] = await Promise.all([
        tx.instanceProfile.findMany({
          where: { roleId: row.id },
          select: { id: true, name: true, arn: true, tags: { select: { key: true, value: true } } },
          orderBy: { nameKey: "asc" },
        }),
        tx.policyAttachment.findMany({ where: { roleId: row.id }, select: { policy: { select: { arn: true } } } }),
        tx.inlinePolicy.findMany({ where: { roleId: row.id }, select: { name: true }, orderBy: { name: "asc" } }),
      ]);
      const policyArns = attachments.map((a) => a.policy.arn).sort();
      for (const p of profiles) {
        await authorize(caller, "iam:RemoveRoleFromInstanceProfile", p.arn, { context: resourceTagContext(toTags(p.tags)), policies, tx });
      }
      for (const arn of policyArns) {
        await authorize(caller, "iam:DetachRolePolicy", row.arn, { context: { ...context, "iam:PolicyARN": arn }, policies, tx });
      }
      // DeleteRolePolicy is authorized on the role: one answer for all its inline policies.
      if (inline.length > 0) await authorize(caller, "iam:DeleteRolePolicy", row.arn, { context, policies, tx });
      await authorize(caller, "iam:DeleteRole", row.arn, { context, policies, tx });

      await tx.instanceProfile.updateMany({ where: { roleId: row.id }, data: { roleId: null } });
      // Attachments and inline policies go with the role (ON DELETE CASCADE).
      await tx.role.delete({ where: { id: row.id } });
      return { roleName: row.name, profiles: profiles.map((p) => p.name), policyArns, inline: inline.map((p) => p.name) };
    });
    // The calls the console makes, each in the event history like any other.
    const event = (eventName: string, params: Record<string, unknown>) =>
      operation(caller, { eventName, readOnly: false, params }, async () => undefined);
    for (const p of done.profiles) await event("RemoveRoleFromInstanceProfile", { InstanceProfileName: p, RoleName: done.roleName });
    for (const arn of done.policyArns) await event("DetachRolePolicy", { RoleName: done.roleName, PolicyArn: arn });
    for (const p of done.inline) await event("DeleteRolePolicy", { RoleName: done.roleName, PolicyName: p });
    return { RemovedFromInstanceProfiles: done.profiles, DetachedPolicyArns: done.policyArns, DeletedInlinePolicyNames: done.inline };
  });
}
