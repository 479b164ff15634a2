import "server-only";
import { db } from "@/lib/db";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { IamError } from "./errors";
import { cutPage, decodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";
import { INLINE_POLICY_SIZE_MAX } from "./limits";
import { checkIdentityPolicy, checkPolicyDocumentParam, policySize } from "./policy-documents";
import {
  existing,
  lockTarget,
  ownerColumn,
  refuseProtected,
  resolveTarget,
  TARGET_NOUN,
  targetContext,
  type TargetInput,
  type TargetKind,
} from "./policy-targets";
import { resourceTagContext } from "./tags";
import { checkName, NAME_LIMITS } from "./validation";

// Inline policies embedded in one user, group or role. The sizes of a principal's inline
// policies add up against one quota (user 2,048, group 5,120, role 10,240 characters without
// white space), summed with the principal's row locked so concurrent puts cannot pass it.

export const noSuchInlinePolicy = (kind: TargetKind, policyName: string) =>
  new IamError("NoSuchEntity", `The ${kind} policy with name ${policyName} cannot be found.`);

const checkPolicyName = (value: string | undefined) => checkName(value, "policyName", NAME_LIMITS.policyName);

// ---- Put ------------------------------------------------------------------------------------

function put<K extends TargetKind>(caller: Caller, kind: K, input: TargetInput<K> & { PolicyName: string; PolicyDocument: string }): Promise<Record<string, never>> {
  const noun = TARGET_NOUN[kind];
  return operation(caller, { eventName: `Put${noun}Policy`, readOnly: false, params: { ...input } }, async () => {
    const target = await resolveTarget(caller, kind, input);
    const policyName = checkPolicyName(input.PolicyName);
    const document = checkPolicyDocumentParam(input.PolicyDocument);
    await authorize(caller, `iam:Put${noun}Policy`, target.arn, { context: targetContext(target) });
    existing(target);
    refuseProtected(target);
    checkIdentityPolicy(document, `inline-${kind}`);
    const column = ownerColumn(kind);
    await (await db()).$transaction(async (tx) => {
      const id = await lockTarget(tx, target);
      const others = await tx.inlinePolicy.findMany({ where: { [column]: id, NOT: { name: policyName } }, select: { document: true } });
      const total = others.reduce((sum, p) => sum + policySize(p.document), policySize(document));
      const max = INLINE_POLICY_SIZE_MAX[kind];
      if (total > max) throw new IamError("LimitExceeded", `Maximum policy size of ${max} bytes exceeded for ${kind} ${target.name}`);
      // A policy of the same name is replaced.
      const same = await tx.inlinePolicy.findFirst({ where: { [column]: id, name: policyName }, select: { id: true } });
      if (same) {
        await tx.inlinePolicy.update({ where: { id: same.id }, data: { document, updatedAt: caller.now } });
      } else {
        await tx.inlinePolicy.create({
          data: { accountId: caller.accountId, name: policyName, [column]: id, document, createdAt: caller.now, updatedAt: caller.now },
        });
      }
    });
    return {};
  });
}

export const putUserPolicy = (caller: Caller, input: { UserName: string; PolicyName: string; PolicyDocument: string }) => put(caller, "user", input);
export const putGroupPolicy = (caller: Caller, input: { GroupName: string; PolicyName: string; PolicyDocument: string }) => put(caller, "group", input);
export const putRolePolicy = (caller: Caller, input: { RoleName: string; PolicyName: string; PolicyDocument: string }) => put(caller, "role", input);

// ---- Get ------------------------------------------------------------------------------------

type GetOutput<K extends TargetKind> = TargetInput<K> & { PolicyName: string; PolicyDocument: string };

function get<K extends TargetKind>(caller: Caller, kind: K, input: TargetInput<K> & { PolicyName: string }): Promise<GetOutput<K>> {
  const noun = TARGET_NOUN[kind];
  return operation(caller, { eventName: `Get${noun}Policy`, readOnly: true, params: { ...input } }, async () => {
    const target = await resolveTarget(caller, kind, input);
    const policyName = checkPolicyName(input.PolicyName);
    await authorize(caller, `iam:Get${noun}Policy`, target.arn, { context: resourceTagContext(target.tags) });
    const id = existing(target);
    const row = await (await db()).inlinePolicy.findFirst({ where: { [ownerColumn(kind)]: id, name: policyName }, select: { name: true, document: true } });
    if (!row) throw noSuchInlinePolicy(kind, policyName);
    return { [`${noun}Name`]: target.name, PolicyName: row.name, PolicyDocument: row.document } as GetOutput<K>;
  });
}

export const getUserPolicy = (caller: Caller, input: { UserName: string; PolicyName: string }) => get(caller, "user", input);
export const getGroupPolicy = (caller: Caller, input: { GroupName: string; PolicyName: string }) => get(caller, "group", input);
export const getRolePolicy = (caller: Caller, input: { RoleName: string; PolicyName: string }) => get(caller, "role", input);

// ---- List -----------------------------------------------------------------------------------

export type ListInlineInput<K extends TargetKind> = TargetInput<K> & PageInput;
export type ListInlineOutput = { PolicyNames: string[] } & PageOutput;

/** Names in order (exact, as inline policy names are stored). */
function list<K extends TargetKind>(caller: Caller, kind: K, input: ListInlineInput<K>): Promise<ListInlineOutput> {
  const noun = TARGET_NOUN[kind];
  return operation(caller, { eventName: `List${noun}Policies`, readOnly: true, params: { ...input } }, async () => {
    const target = await resolveTarget(caller, kind, input);
    const limit = maxItems(input);
    const after = decodeMarker(input.Marker);
    await authorize(caller, `iam:List${noun}Policies`, target.arn, { context: resourceTagContext(target.tags) });
    const id = existing(target);
    const rows = await (await db()).inlinePolicy.findMany({
      where: { [ownerColumn(kind)]: id, ...(after !== undefined ? { name: { gt: after } } : {}) },
      orderBy: { name: "asc" },
      take: limit + 1,
      select: { name: true },
    });
    const { items, ...rest } = cutPage(rows, limit, (r) => r.name);
    return { PolicyNames: items.map((r) => r.name), ...rest };
  });
}

export const listUserPolicies = (caller: Caller, input: ListInlineInput<"user">) => list(caller, "user", input);
export const listGroupPolicies = (caller: Caller, input: ListInlineInput<"group">) => list(caller, "group", input);
export const listRolePolicies = (caller: Caller, input: ListInlineInput<"role">) => list(caller, "role", input);

// ---- Delete ---------------------------------------------------------------------------------

function remove<K extends TargetKind>(caller: Caller, kind: K, input: TargetInput<K> & { PolicyName: string }): Promise<Record<string, never>> {
  const noun = TARGET_NOUN[kind];
  return operation(caller, { eventName: `Delete${noun}Policy`, readOnly: false, params: { ...input } }, async () => {
    const target = await resolveTarget(caller, kind, input);
    const policyName = checkPolicyName(input.PolicyName);
    await authorize(caller, `iam:Delete${noun}Policy`, target.arn, { context: targetContext(target) });
    const id = existing(target);
    refuseProtected(target);
    const { count } = await (await db()).inlinePolicy.deleteMany({ where: { [ownerColumn(kind)]: id, name: policyName } });
    if (count === 0) throw noSuchInlinePolicy(kind, policyName);
    return {};
  });
}

export const deleteUserPolicy = (caller: Caller, input: { UserName: string; PolicyName: string }) => remove(caller, "user", input);
export const deleteGroupPolicy = (caller: Caller, input: { GroupName: string; PolicyName: string }) => remove(caller, "group", input);
export const deleteRolePolicy = (caller: Caller, input: { RoleName: string; PolicyName: string }) => remove(caller, "role", input);
