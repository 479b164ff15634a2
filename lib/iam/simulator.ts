import "server-only";
import { db } from "@/lib/db";
import {
  contextKeysOf,
  getContextKeysForCustomPolicy as contextKeysForCustomPolicy,
  principalSimulationPolicies,
  simulateCustomPolicy as simulateCustom,
  simulatePolicies,
  SimulationInputError,
  type PolicyExclusion,
  type SimulateCustomPolicyInput,
  type SimulatePolicyResponse,
  type SimulatePrincipalPolicyInput,
  type SimulationPolicies,
  type SimulationPolicy,
} from "@/lib/iam/policy";
import { operation } from "./activity";
import { authorize } from "./authorize";
import type { Caller } from "./caller";
import { IamError } from "./errors";
import { loadEntityPolicies, type PolicySource } from "./principal-policies";

// The policy simulator APIs over the database: SimulateCustomPolicy, SimulatePrincipalPolicy,
// GetContextKeysForCustomPolicy, GetContextKeysForPrincipalPolicy, and the console's list of
// a principal's policies to tick in and out of a simulation. The evaluation itself is
// lib/iam/policy/simulate.ts; here are the principal's policies, authorization and events.

export type {
  ContextEntry,
  PolicyExclusion,
  ResourceExplanation,
  SimulateCustomPolicyInput,
  SimulatePolicyResponse,
  SimulatePrincipalPolicyInput,
  SimulationEvaluationResult,
} from "@/lib/iam/policy";

/** The pure simulator's input errors are AWS errors with the same code and message. */
function asIamError<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof SimulationInputError) throw new IamError(err.code, err.message);
    throw err;
  }
}

// ---- SimulateCustomPolicy, GetContextKeysForCustomPolicy --------------------------------------

export function simulateCustomPolicy(caller: Caller, input: SimulateCustomPolicyInput): Promise<SimulatePolicyResponse> {
  return operation(caller, { eventName: "SimulateCustomPolicy", readOnly: true, params: { ...input } }, async () => {
    await authorize(caller, "iam:SimulateCustomPolicy", "*");
    return asIamError(() => simulateCustom(input, { accountId: caller.accountId }));
  });
}

export interface GetContextKeysForCustomPolicyInput {
  PolicyInputList: string[];
}

export interface GetContextKeysOutput {
  ContextKeyNames: string[];
}

export function getContextKeysForCustomPolicy(caller: Caller, input: GetContextKeysForCustomPolicyInput): Promise<GetContextKeysOutput> {
  return operation(caller, { eventName: "GetContextKeysForCustomPolicy", readOnly: true, params: { ...input } }, async () => {
    await authorize(caller, "iam:GetContextKeysForCustomPolicy", "*");
    return asIamError(() => contextKeysForCustomPolicy(input));
  });
}

// ---- The principal behind PolicySourceArn -------------------------------------------------------

const SOURCE_ARN = /^arn:[^:]+:iam::(\d{12}):(user|group|role)\/(?:.*\/)?([^/]+)$/;

interface PolicySourceEntity {
  type: "user" | "group" | "role";
  id: string;
  name: string;
  arn: string;
}

/**
 * Reads PolicySourceArn (a user, group or role of the caller's account, found by name whatever
 * the path, as AWS does), authorizes `action` on it, then loads it.
 */
async function resolveSource(caller: Caller, policySourceArn: string | undefined, action: string): Promise<PolicySourceEntity> {
  if (policySourceArn === undefined || policySourceArn === null) {
    throw new IamError("ValidationError", "1 validation error detected: Value null at 'policySourceArn' failed to satisfy constraint: Member must not be null");
  }
  const match = SOURCE_ARN.exec(policySourceArn);
  if (!match) throw new IamError("InvalidInput", `Invalid ARN provided in the request: ${policySourceArn}`);
  const [, account, type, name] = match;
  if (account !== caller.accountId) {
    throw new IamError("InvalidInput", `Invalid Policy Source Arn: caller's account ${caller.accountId} does not have access to policies in account ${account}.`);
  }
  await authorize(caller, action, policySourceArn);
  const prisma = await db();
  const where = { accountId_nameKey: { accountId: caller.accountId, nameKey: name.toLowerCase() } };
  const select = { id: true, name: true, arn: true } as const;
  const row =
    type === "user"
      ? await prisma.user.findUnique({ where, select })
      : type === "group"
        ? await prisma.group.findUnique({ where, select })
        : await prisma.role.findUnique({ where, select });
  if (!row) throw new IamError("NoSuchEntity", "Unable to retrieve specified IAM entity.");
  return { type: type as PolicySourceEntity["type"], ...row };
}

/** A policy as the simulator names it: inline "user_NAME_POLICY", managed by its name (AWS's SourcePolicyId). */
function toSimulationPolicy(source: PolicySource): SimulationPolicy {
  const attachedTo = { type: source.holder.type, name: source.holder.name };
  if (source.type === "aws-managed" || source.type === "user-managed") {
    return {
      SourcePolicyId: source.name,
      kind: source.type === "aws-managed" ? "aws-managed" : "customer-managed",
      policyName: source.name,
      policyArn: source.id,
      attachedTo,
      document: source.document,
    };
  }
  return {
    SourcePolicyId: `${source.holder.type}_${source.holder.name}_${source.name}`,
    kind: "inline",
    policyName: source.name,
    attachedTo,
    document: source.document,
  };
}

async function attachedPolicies(entity: PolicySourceEntity): Promise<SimulationPolicies> {
  const loaded = await loadEntityPolicies(await db(), entity);
  if (!loaded) throw new IamError("NoSuchEntity", "Unable to retrieve specified IAM entity.");
  return { identity: loaded.identity.map(toSimulationPolicy), permissionsBoundary: loaded.boundary && toSimulationPolicy(loaded.boundary) };
}

// ---- SimulatePrincipalPolicy, GetContextKeysForPrincipalPolicy -----------------------------------

/**
 * SimulatePrincipalPolicy: the principal's policies (a user's include its groups'), less
 * PolicyExclusionList, plus PolicyInputList, with PermissionsBoundaryPolicyInputList in place
 * of its boundary. CallerArn defaults to the user's ARN when the source is a user.
 */
export function simulatePrincipalPolicy(caller: Caller, input: SimulatePrincipalPolicyInput): Promise<SimulatePolicyResponse> {
  return operation(caller, { eventName: "SimulatePrincipalPolicy", readOnly: true, params: { ...input } }, async () => {
    const entity = await resolveSource(caller, input.PolicySourceArn, "iam:SimulatePrincipalPolicy");
    const attached = await attachedPolicies(entity);
    return asIamError(() =>
      simulatePolicies(
        principalSimulationPolicies(attached, input),
        { ...input, CallerArn: input.CallerArn ?? (entity.type === "user" ? entity.arn : undefined) },
        { accountId: caller.accountId },
      ),
    );
  });
}

export interface GetContextKeysForPrincipalPolicyInput {
  PolicySourceArn: string;
  PolicyInputList?: string[];
}

/** The keys the principal's policies (a user's with its groups', and its boundary) and PolicyInputList refer to. */
export function getContextKeysForPrincipalPolicy(caller: Caller, input: GetContextKeysForPrincipalPolicyInput): Promise<GetContextKeysOutput> {
  return operation(caller, { eventName: "GetContextKeysForPrincipalPolicy", readOnly: true, params: { ...input } }, async () => {
    const entity = await resolveSource(caller, input.PolicySourceArn, "iam:GetContextKeysForPrincipalPolicy");
    const attached = await attachedPolicies(entity);
    return asIamError(() => {
      const policies = principalSimulationPolicies(attached, { PolicyInputList: input.PolicyInputList });
      const documents = [...policies.identity, ...(policies.permissionsBoundary ? [policies.permissionsBoundary] : [])].map((p) => p.document);
      return { ContextKeyNames: contextKeysOf(documents) };
    });
  });
}

// ---- The console's list of a principal's policies ------------------------------------------------

export interface SimulationPolicyListing {
  /** The SourcePolicyId the simulator reports for it. */
  SourcePolicyId: string;
  PolicyName: string;
  PolicyType: "inline" | "aws-managed" | "user-managed";
  /** Managed policies. */
  PolicyArn?: string;
  /** The user, group or role the policy is embedded in or attached to. */
  AttachmentType: "user" | "group" | "role";
  AttachmentName: string;
  /** For a user: the group through which the policy applies. */
  Via?: string;
  Document: string;
  /** The PolicyExclusionList entry that leaves this policy out of a simulation. */
  Exclusion: PolicyExclusion;
}

export interface ListPoliciesForSimulationOutput {
  /** The principal's ARN (with its path). */
  PolicySourceArn: string;
  /** Identity-based policies, each managed policy once. */
  Policies: SimulationPolicyListing[];
  PermissionsBoundary?: SimulationPolicyListing;
}

function toListing(policy: SimulationPolicy, source: PolicySourceEntity, boundary: boolean): SimulationPolicyListing {
  const holder = policy.attachedTo!;
  const type = policy.kind === "inline" ? "inline" : policy.kind === "aws-managed" ? "aws-managed" : "user-managed";
  const exclusion: PolicyExclusion = boundary
    ? { PolicyType: "permission-boundary" }
    : policy.kind === "inline"
      ? { InlinePolicyIdentifier: { PolicyName: policy.policyName!, AttachmentType: holder.type, AttachmentName: holder.name } }
      : // AWS matches exclusion ARNs written without the policy's path.
        { PolicyArn: policy.policyArn!.replace(/:policy\/(?:.*\/)?([^/]+)$/, ":policy/$1") };
  return {
    SourcePolicyId: policy.SourcePolicyId,
    PolicyName: policy.policyName!,
    PolicyType: type,
    ...(policy.policyArn ? { PolicyArn: policy.policyArn } : {}),
    AttachmentType: holder.type,
    AttachmentName: holder.name,
    ...(source.type === "user" && holder.type === "group" ? { Via: holder.name } : {}),
    Document: policy.document,
    Exclusion: exclusion,
  };
}

/**
 * Console extension (no AWS API): the policies SimulatePrincipalPolicy would use for a
 * principal, for the simulator page's checkboxes. Authorized as iam:SimulatePrincipalPolicy
 * on the principal, because SimulatePrincipalPolicy reveals these policies anyway (their
 * names and statement positions) to whoever may call it.
 */
export function listPoliciesForSimulation(caller: Caller, input: { PolicySourceArn: string }): Promise<ListPoliciesForSimulationOutput> {
  return operation(caller, { eventName: "ListPoliciesForSimulation", readOnly: true, params: { ...input } }, async () => {
    const entity = await resolveSource(caller, input.PolicySourceArn, "iam:SimulatePrincipalPolicy");
    const attached = await attachedPolicies(entity);
    const seen = new Set<string>();
    const policies = attached.identity.filter((p) => {
      if (!p.policyArn) return true;
      if (seen.has(p.policyArn)) return false;
      seen.add(p.policyArn);
      return true;
    });
    return {
      PolicySourceArn: entity.arn,
      Policies: policies.map((p) => toListing(p, entity, false)),
      ...(attached.permissionsBoundary ? { PermissionsBoundary: toListing(attached.permissionsBoundary, entity, true) } : {}),
    };
  });
}
