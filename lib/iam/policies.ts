import "server-only";
import { db, Prisma } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { page, pageQuery } from "./listing";
import type { PageInput, PageOutput } from "./paging";
import { checkEnum, checkPathPrefix } from "./validation";

export interface Policy {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  Description?: string;
  CreateDate: Date;
  UpdateDate: Date;
}

export const POLICY_SCOPES = ["All", "AWS", "Local"] as const;
export const POLICY_USAGE_FILTERS = ["PermissionsPolicy", "PermissionsBoundary"] as const;

export interface ListPoliciesInput extends PageInput {
  Scope?: (typeof POLICY_SCOPES)[number];
  OnlyAttached?: boolean;
  PathPrefix?: string;
  PolicyUsageFilter?: (typeof POLICY_USAGE_FILTERS)[number];
}

/** Policies visible to an account: its own customer managed policies and every AWS managed one. */
function visibleTo(accountId: string, scope: (typeof POLICY_SCOPES)[number]): Prisma.PolicyWhereInput {
  if (scope === "AWS") return { accountId: null };
  if (scope === "Local") return { accountId };
  return { OR: [{ accountId }, { accountId: null }] };
}

export function listPolicies(caller: Caller, input: ListPoliciesInput = {}): Promise<{ Policies: Policy[] } & PageOutput> {
  return operation(caller, { eventName: "ListPolicies", readOnly: true, params: { ...input } }, async () => {
    const scope = checkEnum(input.Scope, "scope", POLICY_SCOPES, "All");
    const usage = input.PolicyUsageFilter && checkEnum(input.PolicyUsageFilter, "policyUsageFilter", POLICY_USAGE_FILTERS, "PermissionsPolicy");
    const pathPrefix = checkPathPrefix(input.PathPrefix);
    await authorize(caller, "iam:ListPolicies", "*");
    const accountId = caller.accountId;
    const q = pageQuery(input);
    const attachedHere = { some: { accountId } };
    const boundaryHere = { OR: [{ boundaryOfUsers: { some: { accountId } } }, { boundaryOfRoles: { some: { accountId } } }] };
    const where: Prisma.PolicyWhereInput = {
      AND: [
        visibleTo(accountId, scope),
        { path: { startsWith: pathPrefix } },
        // Any managed policy can serve as a permissions policy; only those in use as a
        // boundary count as boundaries.
        usage === "PermissionsBoundary"
          ? boundaryHere
          : !input.OnlyAttached
            ? {}
            : usage === "PermissionsPolicy"
              ? { attachments: attachedHere }
              : { OR: [{ attachments: attachedHere }, boundaryHere] },
        q.after,
      ],
    };
    const prisma = await db();
    const rows = await prisma.policy.findMany({
      where,
      orderBy: q.orderBy,
      take: q.take,
      select: {
        id: true,
        nameKey: true,
        name: true,
        arn: true,
        path: true,
        defaultVersionId: true,
        isAttachable: true,
        createdAt: true,
        updatedAt: true,
        _count: {
          select: {
            attachments: { where: { accountId } },
            boundaryOfUsers: { where: { accountId } },
            boundaryOfRoles: { where: { accountId } },
          },
        },
      },
    });
    const { items, ...rest } = page(rows, q.limit);
    return {
      Policies: items.map((r) => ({
        PolicyName: r.name,
        PolicyId: r.id,
        Arn: r.arn,
        Path: r.path,
        DefaultVersionId: r.defaultVersionId,
        AttachmentCount: r._count.attachments,
        PermissionsBoundaryUsageCount: r._count.boundaryOfUsers + r._count.boundaryOfRoles,
        IsAttachable: r.isAttachable,
        CreateDate: r.createdAt,
        UpdateDate: r.updatedAt,
      })),
      ...rest,
    };
  });
}
