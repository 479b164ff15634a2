import "server-only";
import { db, type Prisma } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { policyCounts } from "./policies";

// The console's Policies table: name, type, "used as" and description, filtered, sorted and
// paged in the database (an account sees ~1,600 AWS managed policies). The console itself
// calls ListPolicies for this, so that is the permission and the recorded event.

export const CONSOLE_POLICY_TYPES = ["AWS managed", "AWS managed - job function", "Customer managed"] as const;
export type ConsolePolicyType = (typeof CONSOLE_POLICY_TYPES)[number];
export const CONSOLE_POLICY_USAGES = ["Permissions policy", "Permissions boundary", "None"] as const;
export type ConsolePolicyUsage = (typeof CONSOLE_POLICY_USAGES)[number];
export const CONSOLE_POLICY_SORTS = ["name", "type"] as const;
export const CONSOLE_PAGE_SIZE_DEFAULT = 25;
export const CONSOLE_PAGE_SIZE_MAX = 100;

export interface ConsolePolicyRow {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  type: ConsolePolicyType;
  /** "Permissions policy (2)", "Permissions boundary (1)", both joined by ", ", or "None". */
  usedAs: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  Description?: string;
}

export interface ListPoliciesForConsoleInput {
  /** Matches the policy name or description, case-insensitively. */
  filter?: string;
  type?: ConsolePolicyType;
  usage?: ConsolePolicyUsage;
  /** By name (the default) or by type; "type" groups AWS managed before customer managed. */
  sort?: { by: (typeof CONSOLE_POLICY_SORTS)[number]; descending?: boolean };
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface ListPoliciesForConsoleOutput {
  items: ConsolePolicyRow[];
  /** Rows matching the filters, over all pages. */
  total: number;
  page: number;
  pageSize: number;
}

export function consolePolicyType(row: { accountId: string | null; path: string }): ConsolePolicyType {
  if (row.accountId !== null) return "Customer managed";
  return row.path === "/job-function/" ? "AWS managed - job function" : "AWS managed";
}

export function usedAsText(attachments: number, boundaries: number): string {
  const parts = [
    ...(attachments > 0 ? [`Permissions policy (${attachments})`] : []),
    ...(boundaries > 0 ? [`Permissions boundary (${boundaries})`] : []),
  ];
  return parts.length > 0 ? parts.join(", ") : "None";
}

function typeWhere(accountId: string, type: ConsolePolicyType | undefined): Prisma.PolicyWhereInput {
  switch (type) {
    case undefined:
      return { OR: [{ accountId }, { accountId: null }] };
    case "AWS managed":
      return { accountId: null, NOT: { path: "/job-function/" } };
    case "AWS managed - job function":
      return { accountId: null, path: "/job-function/" };
    case "Customer managed":
      return { accountId };
  }
}

function usageWhere(accountId: string, usage: ConsolePolicyUsage | undefined): Prisma.PolicyWhereInput {
  const here = { accountId };
  switch (usage) {
    case undefined:
      return {};
    case "Permissions policy":
      return { attachments: { some: here } };
    case "Permissions boundary":
      return { OR: [{ boundaryOfUsers: { some: here } }, { boundaryOfRoles: { some: here } }] };
    case "None":
      return { attachments: { none: here }, boundaryOfUsers: { none: here }, boundaryOfRoles: { none: here } };
  }
}

function filterWhere(filter: string | undefined): Prisma.PolicyWhereInput {
  const text = filter?.trim();
  if (!text) return {};
  return { OR: [{ nameKey: { contains: text.toLowerCase() } }, { description: { contains: text, mode: "insensitive" } }] };
}

export function listPoliciesForConsole(caller: Caller, input: ListPoliciesForConsoleInput = {}): Promise<ListPoliciesForConsoleOutput> {
  return operation(caller, { eventName: "ListPolicies", readOnly: true, params: { ...input } }, async () => {
    await authorize(caller, "iam:ListPolicies", "*");
    const accountId = caller.accountId;
    const pageSize = Math.min(Math.max(Math.floor(input.pageSize ?? CONSOLE_PAGE_SIZE_DEFAULT), 1), CONSOLE_PAGE_SIZE_MAX);
    const pageNumber = Math.max(Math.floor(input.page ?? 1), 1);
    const where: Prisma.PolicyWhereInput = {
      AND: [typeWhere(accountId, input.type), usageWhere(accountId, input.usage), filterWhere(input.filter)],
    };
    const direction = input.sort?.descending ? ("desc" as const) : ("asc" as const);
    const orderBy: Prisma.PolicyOrderByWithRelationInput[] =
      input.sort?.by === "type"
        ? [{ accountId: { sort: direction, nulls: direction === "asc" ? "first" : "last" } }, { nameKey: "asc" }, { id: "asc" }]
        : [{ nameKey: direction }, { id: direction }];
    const prisma = await db();
    const [total, rows] = await Promise.all([
      prisma.policy.count({ where }),
      prisma.policy.findMany({
        where,
        orderBy,
        skip: (pageNumber - 1) * pageSize,
        take: pageSize,
        select: { id: true, accountId: true, name: true, arn: true, path: true, description: true, _count: policyCounts(accountId) },
      }),
    ]);
    return {
      items: rows.map((r) => {
        const boundaries = r._count.boundaryOfUsers + r._count.boundaryOfRoles;
        return {
          PolicyName: r.name,
          PolicyId: r.id,
          Arn: r.arn,
          type: consolePolicyType(r),
          usedAs: usedAsText(r._count.attachments, boundaries),
          AttachmentCount: r._count.attachments,
          PermissionsBoundaryUsageCount: boundaries,
          ...(r.description ? { Description: r.description } : {}),
        };
      }),
      total,
      page: pageNumber,
      pageSize,
    };
  });
}
