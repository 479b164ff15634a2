import "server-only";
import { db, type Prisma } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { deleteAttachment } from "./attachments";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { checkInput, consoleCalls, type Step } from "./console-calls";
import {
  CONSOLE_POLICY_TYPES,
  CONSOLE_POLICY_USAGES,
  POLICY_CONSOLE_PAGE_SIZE_DEFAULT,
  POLICY_CONSOLE_PAGE_SIZE_MAX,
  type ConsolePolicySort,
  type ConsolePolicyType,
  type ConsolePolicyUsage,
} from "./console-constants";
import { lockRow } from "./db-facts";
import { policyNotFound } from "./errors";
import { checkPolicyArn, deletePolicyRow, findPolicyForRequest, policyCounts, policyResourceContext, refuseAwsManaged } from "./policies";
import { deleteVersionRow } from "./policy-versions";
import { refuseProtected, TARGET_FACTS, TARGET_NOUN, targetContext, toTarget, type TargetKind } from "./policy-targets";

// The console's Policies table: name, type, "used as" and description, filtered, sorted and
// paged in the database (an account sees ~1,600 AWS managed policies). The console itself
// calls ListPolicies for this, so that is the permission and the recorded event. And the
// console's delete of a policy, which clears what is in the way first.

// The table's choices are in console-constants.ts, which the browser imports too; these
// re-exports serve the pages that take them from here.
export { CONSOLE_POLICY_TYPES, CONSOLE_POLICY_USAGES, type ConsolePolicyType, type ConsolePolicyUsage };

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
  sort?: { by: ConsolePolicySort; descending?: boolean };
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
    const pageSize = Math.min(Math.max(Math.floor(input.pageSize ?? POLICY_CONSOLE_PAGE_SIZE_DEFAULT), 1), POLICY_CONSOLE_PAGE_SIZE_MAX);
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

// ---- The console's delete -------------------------------------------------------------------

export interface DeletePolicyWithDependenciesOutput {
  PolicyName: string;
  PolicyArn: string;
  /** The entities it was detached from, each in name order. */
  DetachedFrom: { UserNames: string[]; GroupNames: string[]; RoleNames: string[] };
  /** Its versions other than the default one (which goes with the policy), newest first. */
  DeletedVersionIds: string[];
}

const TARGET_KINDS: readonly TargetKind[] = ["user", "group", "role"];

/**
 * What the console's "Delete" of a customer managed policy does: detaches it from every user,
 * group and role, deletes its versions other than the default, then deletes it
 * (DetachUserPolicy, DetachGroupPolicy, DetachRolePolicy, DeletePolicyVersion, DeletePolicy),
 * all authorized first and written in one transaction, so a denial changes nothing. A policy in
 * use as a permissions boundary is refused as DeletePolicy refuses it: the boundary must be
 * removed first. AWS managed policies are refused as DeletePolicy refuses them.
 */
export async function deletePolicyWithDependencies(caller: Caller, input: { PolicyArn: string }): Promise<DeletePolicyWithDependenciesOutput> {
  const deletePolicy: OperationSpec = { eventName: "DeletePolicy", readOnly: false, params: { PolicyArn: input.PolicyArn } };
  const arn = await checkInput(caller, deletePolicy, () => checkPolicyArn(input.PolicyArn));
  return consoleCalls(caller, deletePolicy, async ({ tx, check, during }) => {
    const found = await findPolicyForRequest(tx, caller.accountId, arn);
    const onPolicy = (spec: OperationSpec): Step => ({
      spec,
      checks: [{ action: `iam:${spec.eventName}`, resource: arn, context: policyResourceContext(found) }],
    });
    const deleteStep = onPolicy(deletePolicy);
    if (!found || found.accountId === null) {
      await check(deleteStep);
      refuseAwsManaged(caller, "iam:DeletePolicy", arn);
      throw policyNotFound(arn);
    }
    // Under the lock no entity can attach it, nor a version be added, while it goes.
    if (!(await lockRow(tx, "Policy", found.id))) throw policyNotFound(arn);
    const attachments = await tx.policyAttachment.findMany({
      where: { policyId: found.id },
      select: { user: { select: TARGET_FACTS.user }, group: { select: TARGET_FACTS.group }, role: { select: TARGET_FACTS.role } },
    });
    const targets = TARGET_KINDS.flatMap((kind) =>
      attachments
        .flatMap((a) => (a[kind] ? [toTarget(kind, a[kind])] : []))
        .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())),
    );
    const { defaultVersionId, versions } = await tx.policy.findUniqueOrThrow({
      where: { id: found.id },
      select: { defaultVersionId: true, versions: { select: { versionId: true } } },
    });
    const versionIds = versions
      .map((v) => v.versionId)
      .filter((v) => v !== defaultVersionId)
      .sort((a, b) => Number.parseInt(b.slice(1), 10) - Number.parseInt(a.slice(1), 10));

    const detaches = [];
    for (const target of targets) {
      const noun = TARGET_NOUN[target.kind];
      const step: Step = {
        spec: { eventName: `Detach${noun}Policy`, readOnly: false, params: { [`${noun}Name`]: target.name, PolicyArn: arn } },
        checks: [{ action: `iam:Detach${noun}Policy`, resource: target.arn, context: { ...targetContext(target), "iam:PolicyARN": arn } }],
      };
      await check(step);
      refuseProtected(target);
      detaches.push({ step, target });
    }
    const versionDeletes = [];
    for (const versionId of versionIds) {
      const step = onPolicy({ eventName: "DeletePolicyVersion", readOnly: false, params: { PolicyArn: arn, VersionId: versionId } });
      await check(step);
      versionDeletes.push({ step, versionId });
    }
    await check(deleteStep);

    for (const { step, target } of detaches) {
      during(step);
      await deleteAttachment(tx, target, found, arn);
    }
    for (const { step, versionId } of versionDeletes) {
      during(step);
      await deleteVersionRow(tx, found, arn, versionId);
    }
    during(deleteStep);
    await deletePolicyRow(tx, found, arn);
    const names = (kind: TargetKind) => targets.filter((t) => t.kind === kind).map((t) => t.name);
    return {
      PolicyName: found.name,
      PolicyArn: found.arn,
      DetachedFrom: { UserNames: names("user"), GroupNames: names("group"), RoleNames: names("role") },
      DeletedVersionIds: versionIds,
    };
  });
}
