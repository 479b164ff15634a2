import "server-only";
import type { Tx, Db } from "@/lib/db";
import type { Caller } from "./caller";

// Gathers the policies that apply to a user, group or role: attached managed policies (their
// default versions), inline policies, and for users the policies of their groups; plus the
// permissions boundary. One query per entity. authorize reads a caller's policies through it,
// the policy simulator any principal's. When the account's password policy has
// AllowUsersToChangePassword, every user also holds a grant that no policy carries (see
// accountPasswordPolicyGrant), so authorize and the simulator agree on it.

export type PolicySourceType = "user" | "group" | "role" | "aws-managed" | "user-managed";

/** The user, group or role a policy is embedded in or attached to. */
export interface PolicyHolder {
  type: "user" | "group" | "role";
  name: string;
}

export interface PolicySource {
  /** The policy ARN for managed policies, the policy name for inline ones. */
  id: string;
  type: PolicySourceType;
  document: string;
  /** The inline policy's name, or the managed policy's name. */
  name: string;
  /** Where the policy sits: for a user's group policies, the group. */
  holder: PolicyHolder;
  /** Set on a grant that is not a policy of the principal but a setting of its account. */
  origin?: "account-password-policy";
}

export interface PrincipalPolicies {
  identity: PolicySource[];
  /** The permissions boundary's document, when one is set. */
  boundary?: PolicySource;
  /** Principal tags, for aws:PrincipalTag/… (groups have none). */
  tags: Record<string, string>;
}

export interface PolicyEntity {
  type: "user" | "group" | "role";
  /** The entity's unique ID (AIDA…, AGPA…, AROA…). */
  id: string;
}

const managedWithDefault = {
  policy: { select: { arn: true, name: true, accountId: true, defaultVersionId: true, versions: { select: { versionId: true, document: true } } } },
} as const;

const inlineSelect = { select: { name: true, document: true } } as const;

type ManagedRow = { arn: string; name: string; accountId: string | null; defaultVersionId: string; versions: { versionId: string; document: string }[] };

function managed(row: ManagedRow, holder: PolicyHolder): PolicySource {
  const version = row.versions.find((v) => v.versionId === row.defaultVersionId);
  if (!version) throw new Error(`Policy ${row.arn} has no default version ${row.defaultVersionId}.`);
  return { id: row.arn, type: row.accountId ? "user-managed" : "aws-managed", document: version.document, name: row.name, holder };
}

function inline(row: { name: string; document: string }, holder: PolicyHolder): PolicySource {
  return { id: row.name, type: holder.type, document: row.document, name: row.name, holder };
}

const tagMap = (tags: { key: string; value: string }[]) => Object.fromEntries(tags.map((t) => [t.key, t.value]));

/**
 * The name the AllowUsersToChangePassword grant goes by. The space and parentheses keep it
 * apart from any inline policy, whose names cannot hold them.
 */
export const ACCOUNT_PASSWORD_POLICY_GRANT_NAME = "AllowUsersToChangePassword (account password policy)";

/** `*`, `?` and `$` in an ARN written as policy literals, so a path holding them matches only itself. */
const literalArn = (arn: string) => arn.replace(/[*?$]/g, (c) => `\${${c}}`);

/**
 * What AllowUsersToChangePassword gives every IAM user of the account without attaching a
 * policy (iam-facts §7): iam:ChangePassword on its own user and iam:GetAccountPasswordPolicy.
 * It sits with the identity policies, so an explicit Deny (or a boundary) still wins.
 */
export function accountPasswordPolicyGrant(user: { name: string; arn: string }): PolicySource {
  const document = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "ChangeOwnPassword", Effect: "Allow", Action: "iam:ChangePassword", Resource: literalArn(user.arn) },
      { Sid: "ViewPasswordPolicy", Effect: "Allow", Action: "iam:GetAccountPasswordPolicy", Resource: "*" },
    ],
  });
  return {
    id: ACCOUNT_PASSWORD_POLICY_GRANT_NAME,
    type: "user",
    document,
    name: ACCOUNT_PASSWORD_POLICY_GRANT_NAME,
    holder: { type: "user", name: user.name },
    origin: "account-password-policy",
  };
}

/** The policies of one user (with its groups'), group or role; undefined when it does not exist. */
export async function loadEntityPolicies(prisma: Db | Tx, entity: PolicyEntity): Promise<PrincipalPolicies | undefined> {
  if (entity.type === "user") {
    const user = await prisma.user.findUnique({
      where: { id: entity.id },
      select: {
        name: true,
        arn: true,
        account: { select: { passwordPolicy: { select: { allowUsersToChangePassword: true } } } },
        attachments: { select: managedWithDefault },
        inlinePolicies: inlineSelect,
        permissionsBoundary: managedWithDefault.policy,
        tags: { select: { key: true, value: true } },
        memberships: {
          orderBy: { group: { nameKey: "asc" } },
          select: { group: { select: { name: true, attachments: { select: managedWithDefault }, inlinePolicies: inlineSelect } } },
        },
      },
    });
    if (!user) return undefined;
    const self: PolicyHolder = { type: "user", name: user.name };
    return {
      identity: [
        ...user.inlinePolicies.map((p) => inline(p, self)),
        ...user.attachments.map((a) => managed(a.policy, self)),
        ...user.memberships.flatMap(({ group }) => {
          const holder: PolicyHolder = { type: "group", name: group.name };
          return [...group.inlinePolicies.map((p) => inline(p, holder)), ...group.attachments.map((a) => managed(a.policy, holder))];
        }),
        ...(user.account.passwordPolicy?.allowUsersToChangePassword ? [accountPasswordPolicyGrant(user)] : []),
      ],
      boundary: user.permissionsBoundary ? managed(user.permissionsBoundary, self) : undefined,
      tags: tagMap(user.tags),
    };
  }
  if (entity.type === "group") {
    const group = await prisma.group.findUnique({
      where: { id: entity.id },
      select: { name: true, attachments: { select: managedWithDefault }, inlinePolicies: inlineSelect },
    });
    if (!group) return undefined;
    const self: PolicyHolder = { type: "group", name: group.name };
    return { identity: [...group.inlinePolicies.map((p) => inline(p, self)), ...group.attachments.map((a) => managed(a.policy, self))], tags: {} };
  }
  const role = await prisma.role.findUnique({
    where: { id: entity.id },
    select: {
      name: true,
      attachments: { select: managedWithDefault },
      inlinePolicies: inlineSelect,
      permissionsBoundary: managedWithDefault.policy,
      tags: { select: { key: true, value: true } },
    },
  });
  if (!role) return undefined;
  const self: PolicyHolder = { type: "role", name: role.name };
  return {
    identity: [...role.inlinePolicies.map((p) => inline(p, self)), ...role.attachments.map((a) => managed(a.policy, self))],
    boundary: role.permissionsBoundary ? managed(role.permissionsBoundary, self) : undefined,
    tags: tagMap(role.tags),
  };
}

/** The policies that apply to a caller: its user's or its session's role's; none for root. */
export async function loadPrincipalPolicies(prisma: Db | Tx, caller: Caller): Promise<PrincipalPolicies> {
  const entity: PolicyEntity | undefined = caller.userId
    ? { type: "user", id: caller.userId }
    : caller.roleId
      ? { type: "role", id: caller.roleId }
      : undefined;
  return (entity && (await loadEntityPolicies(prisma, entity))) ?? { identity: [], tags: {} };
}
