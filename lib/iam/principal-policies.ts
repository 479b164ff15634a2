import "server-only";
import type { Tx, Db } from "@/lib/db";
import type { Caller } from "./caller";

// Gathers the policies that apply to a principal: attached managed policies (their default
// versions), inline policies, and for users the policies of their groups; plus the
// permissions boundary. One query per principal kind.

export type PolicySourceType = "user" | "group" | "role" | "aws-managed" | "user-managed";

export interface PolicySource {
  /** The policy ARN for managed policies, the policy name for inline ones (as AWS's simulator shows). */
  id: string;
  type: PolicySourceType;
  document: string;
}

export interface PrincipalPolicies {
  identity: PolicySource[];
  /** The permissions boundary's document, when one is set. */
  boundary?: PolicySource;
  /** Principal tags, for aws:PrincipalTag/… */
  tags: Record<string, string>;
}

const managedWithDefault = {
  policy: { select: { arn: true, accountId: true, defaultVersionId: true, versions: { select: { versionId: true, document: true } } } },
} as const;

type ManagedRow = {
  policy: { arn: string; accountId: string | null; defaultVersionId: string; versions: { versionId: string; document: string }[] };
};

function managed(row: ManagedRow["policy"]): PolicySource {
  const version = row.versions.find((v) => v.versionId === row.defaultVersionId);
  if (!version) throw new Error(`Policy ${row.arn} has no default version ${row.defaultVersionId}.`);
  return { id: row.arn, type: row.accountId ? "user-managed" : "aws-managed", document: version.document };
}

export async function loadPrincipalPolicies(prisma: Db | Tx, caller: Caller): Promise<PrincipalPolicies> {
  if (caller.userId) {
    const user = await prisma.user.findUnique({
      where: { id: caller.userId },
      select: {
        attachments: { select: managedWithDefault },
        inlinePolicies: { select: { name: true, document: true } },
        permissionsBoundary: managedWithDefault.policy,
        tags: { select: { key: true, value: true } },
        memberships: {
          select: {
            group: {
              select: {
                attachments: { select: managedWithDefault },
                inlinePolicies: { select: { name: true, document: true } },
              },
            },
          },
        },
      },
    });
    if (!user) return { identity: [], tags: {} };
    const identity: PolicySource[] = [
      ...user.inlinePolicies.map((p) => ({ id: p.name, type: "user" as const, document: p.document })),
      ...user.attachments.map((a) => managed(a.policy)),
      ...user.memberships.flatMap((m) => [
        ...m.group.inlinePolicies.map((p) => ({ id: p.name, type: "group" as const, document: p.document })),
        ...m.group.attachments.map((a) => managed(a.policy)),
      ]),
    ];
    return {
      identity,
      boundary: user.permissionsBoundary ? managed(user.permissionsBoundary) : undefined,
      tags: Object.fromEntries(user.tags.map((t) => [t.key, t.value])),
    };
  }
  if (caller.roleId) {
    const role = await prisma.role.findUnique({
      where: { id: caller.roleId },
      select: {
        attachments: { select: managedWithDefault },
        inlinePolicies: { select: { name: true, document: true } },
        permissionsBoundary: managedWithDefault.policy,
        tags: { select: { key: true, value: true } },
      },
    });
    if (!role) return { identity: [], tags: {} };
    return {
      identity: [
        ...role.inlinePolicies.map((p) => ({ id: p.name, type: "role" as const, document: p.document })),
        ...role.attachments.map((a) => managed(a.policy)),
      ],
      boundary: role.permissionsBoundary ? managed(role.permissionsBoundary) : undefined,
      tags: Object.fromEntries(role.tags.map((t) => [t.key, t.value])),
    };
  }
  return { identity: [], tags: {} };
}
