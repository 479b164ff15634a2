// evaluate: the decision for one request over the policies that apply, within one account
// (iam-facts §6):
//  1. a matching Deny in any policy → explicitDeny;
//  2. a resource-based Allow that names the caller itself grants on its own; one that names
//     the session's role still needs the permissions boundary and session policies; one that
//     names the account needs an identity-based Allow as well;
//  3. otherwise an identity-based Allow is needed, and the permissions boundary (when given)
//     and the session policies (when given) must allow too;
//  4. otherwise implicitDeny.
// A role trust policy (sts:AssumeRole*) and a cross-account resource policy must allow in
// any case. Service control policies (when given) limit every request: a Deny in any SCP is an
// explicit deny, and at every level of the organization (root, each OU, the account) some SCP
// must Allow, else implicitDeny; they never grant on their own. MatchedStatements follow the simulator: Allow statements when allowed, only the
// Deny statements on explicitDeny, none on implicitDeny; SCP statements are never listed (nor
// reported as near misses), as the simulator never lists them.

import { compilePolicy, isCompiledPolicy, statementsForService, type CompiledPolicy } from "./compile";
import { ContextView } from "./context";
import type { PrincipalStrength } from "./principal";
import { evaluateStatement, nearMissReason, type PreparedRequest } from "./statement";
import type {
  DenyReason,
  EvalDecision,
  EvaluationRequest,
  EvaluationResult,
  MatchedStatement,
  NearMiss,
  PolicySet,
  PolicySourceType,
  StatementElement,
  StatementRef,
} from "./types";

export interface PolicyInput {
  /** The policy ARN for managed policies, the policy name for inline ones. */
  id: string;
  type: PolicySourceType;
  document: string | CompiledPolicy;
}

export interface EvaluationPolicies {
  /** The principal's inline and managed policies (and, for users, their groups'). */
  identityPolicies: readonly PolicyInput[];
  /** Resource-based policies of the target (e.g. a simulator ResourcePolicy). */
  resourcePolicies?: readonly PolicyInput[];
  /** The target role's trust policy when evaluating sts:AssumeRole*: it must allow. */
  trustPolicy?: PolicyInput;
  /** The caller and the resource are in different accounts: both sides must allow. */
  crossAccount?: boolean;
  /** When non-empty, an Allow here is also required (AWS takes at most one). */
  permissionsBoundaries?: readonly PolicyInput[];
  /** When non-empty (a session with session policies), an Allow here is also required. */
  sessionPolicies?: readonly PolicyInput[];
  /**
   * The organization's service control policies, one array per level of the hierarchy (root,
   * each OU, the account). When given, every level must hold an Allow for the request and no
   * SCP may Deny it. Absent (or no levels): the account is not limited by SCPs.
   */
  serviceControlPolicies?: readonly (readonly PolicyInput[])[];
}

interface Hit {
  ref: StatementRef;
  strength?: PrincipalStrength;
}

const STRENGTH_RANK: Record<PrincipalStrength, number> = { direct: 3, issuer: 2, account: 1 };

function statementRef(input: PolicyInput, set: PolicySet, policy: CompiledPolicy, index: number): StatementRef {
  const s = policy.statements[index];
  return {
    sourcePolicyId: input.id,
    sourcePolicyType: input.type,
    policySet: set,
    statementIndex: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    startPosition: { ...s.simulatorStart },
    endPosition: { ...s.range.end },
    range: s.range,
  };
}

/** The lowercase service prefix of an action (`iam` of `IAM:ListUsers`). */
function serviceOf(action: string): string {
  const colon = action.indexOf(":");
  return action.slice(0, colon < 0 ? 0 : colon).toLowerCase();
}

function prepare(request: EvaluationRequest): PreparedRequest {
  return {
    action: request.action,
    actionLower: request.action.toLowerCase(),
    service: serviceOf(request.action),
    resource: request.resource,
    context: new ContextView(request.context),
    principal: request.principal,
  };
}

/** A statement that failed on one element; its NearMiss is built only when someone reads it. */
interface NearMissAt {
  input: PolicyInput;
  set: PolicySet;
  policy: CompiledPolicy;
  index: number;
  failed: StatementElement;
}

interface Collected {
  allows: Hit[];
  denies: Hit[];
  nearMisses: NearMissAt[];
  missing: string[];
}

function nearMissesOf(prepared: PreparedRequest, found: readonly NearMissAt[]): NearMiss[] {
  return found.map(({ input, set, policy, index, failed }) => ({
    ...statementRef(input, set, policy, index),
    failed,
    reason: nearMissReason(policy.statements[index], prepared, failed),
  }));
}

/** Every statement of the inputs, into `out`: which apply (by effect), which nearly applied, which keys were missing. */
function collect(prepared: PreparedRequest, inputs: readonly PolicyInput[], set: PolicySet, out: Collected): void {
  if (inputs.length === 0) return;
  const service = prepared.service ?? serviceOf(prepared.action);
  const resourceBased = set === "resource";
  for (const input of inputs) {
    const policy = isCompiledPolicy(input.document) ? input.document : compilePolicy(input.document);
    for (const i of statementsForService(policy, service)) {
      const statement = policy.statements[i];
      const outcome = evaluateStatement(statement, prepared, resourceBased);
      for (const key of outcome.missing) out.missing.push(key);
      if (outcome.applies) {
        const hit = { ref: statementRef(input, set, policy, i), strength: outcome.strength };
        (statement.effect === "Deny" ? out.denies : out.allows).push(hit);
      } else if (outcome.failed) {
        out.nearMisses.push({ input, set, policy, index: i, failed: outcome.failed });
      }
    }
  }
}

const NO_INPUTS: readonly PolicyInput[] = Object.freeze([]);

function uniqueKeys(keys: readonly string[]): string[] {
  if (keys.length === 0) return [];
  const unique = new Map<string, string>();
  for (const key of keys) if (!unique.has(key.toLowerCase())) unique.set(key.toLowerCase(), key);
  return [...unique.values()];
}

export interface ApplicableStatements {
  /** Allow statements whose action, resource, principal (resource-based sets) and conditions all match. */
  allows: StatementRef[];
  /** Deny statements that match likewise. */
  denies: StatementRef[];
  /** Statements that failed on exactly one element. */
  nearMisses: NearMiss[];
  /** Condition keys and variables the statements about this request needed but the context lacks. */
  missingContextValues: string[];
}

/**
 * The statements of one policy set that apply to a request, without deciding anything: the
 * building block for callers that combine the sets by rules of their own (the policy
 * simulator). `evaluate` combines them by AWS's authorization logic.
 */
export function applicableStatements(request: EvaluationRequest, inputs: readonly PolicyInput[], set: PolicySet): ApplicableStatements {
  const prepared = prepare(request);
  const found: Collected = { allows: [], denies: [], nearMisses: [], missing: [] };
  collect(prepared, inputs, set, found);
  return {
    allows: found.allows.map((h) => h.ref),
    denies: found.denies.map((h) => h.ref),
    nearMisses: nearMissesOf(prepared, found.nearMisses),
    missingContextValues: uniqueKeys(found.missing),
  };
}

interface ScpVerdict {
  /** Some SCP statement denies the request. */
  denied: boolean;
  /** Every level has an SCP statement that allows the request. */
  allowedAtEveryLevel: boolean;
}

/**
 * The verdict of the SCPs. Their statements only decide: they never become StatementRefs, so
 * they cannot leak into MatchedStatements or near misses. Missing context keys go to `missing`.
 */
function scpVerdict(prepared: PreparedRequest, levels: readonly (readonly PolicyInput[])[], missing: string[]): ScpVerdict {
  const service = prepared.service ?? serviceOf(prepared.action);
  let denied = false;
  let allowedAtEveryLevel = true;
  for (const level of levels) {
    let allowed = false;
    for (const input of level) {
      const policy = isCompiledPolicy(input.document) ? input.document : compilePolicy(input.document);
      for (const i of statementsForService(policy, service)) {
        const statement = policy.statements[i];
        const outcome = evaluateStatement(statement, prepared, false);
        for (const key of outcome.missing) missing.push(key);
        if (!outcome.applies) continue;
        if (statement.effect === "Deny") denied = true;
        else allowed = true;
      }
    }
    if (!allowed) allowedAtEveryLevel = false;
  }
  return { denied, allowedAtEveryLevel };
}

export function evaluate(request: EvaluationRequest, policies: EvaluationPolicies): EvaluationResult {
  const prepared = prepare(request);
  const resourceInputs = policies.trustPolicy ? [...(policies.resourcePolicies ?? NO_INPUTS), policies.trustPolicy] : (policies.resourcePolicies ?? NO_INPUTS);
  const sets: [PolicySet, readonly PolicyInput[]][] = [
    ["identity", policies.identityPolicies],
    ["resource", resourceInputs],
    ["permissionsBoundary", policies.permissionsBoundaries ?? NO_INPUTS],
    ["session", policies.sessionPolicies ?? NO_INPUTS],
  ];

  const allows: Record<PolicySet, Hit[]> = { identity: [], resource: [], permissionsBoundary: [], session: [] };
  const denies: Hit[] = [];
  const nearMisses: NearMissAt[] = [];
  const missing: string[] = [];
  for (const [set, inputs] of sets) if (inputs.length > 0) collect(prepared, inputs, set, { allows: allows[set], denies, nearMisses, missing });
  const scp = policies.serviceControlPolicies?.length ? scpVerdict(prepared, policies.serviceControlPolicies, missing) : undefined;

  const boundaryGiven = (policies.permissionsBoundaries?.length ?? 0) > 0;
  const detail = boundaryGiven
    ? { allowedByPermissionsBoundary: allows.permissionsBoundary.length > 0 && !denies.some((d) => d.ref.policySet === "permissionsBoundary") }
    : undefined;
  const result = (decision: EvalDecision, matchedStatements: MatchedStatement[], denyReason?: DenyReason) =>
    resultOf(decision, matchedStatements, denyReason, uniqueKeys(missing), detail, prepared, nearMisses);

  // When several policy types deny, AWS names only one: the other sets first, then the SCPs.
  if (denies.length === 0 && scp?.denied) return result("explicitDeny", [], "explicit deny in a service control policy");
  if (denies.length > 0) {
    const first = (["identity", "resource", "permissionsBoundary", "session"] as const)
      .map((set) => denies.find((d) => d.ref.policySet === set))
      .find((d) => d !== undefined);
    return result(
      "explicitDeny",
      denies.map((d) => d.ref),
      explicitReason(first?.ref.policySet ?? "identity", policies.trustPolicy !== undefined),
    );
  }

  if (scp && !scp.allowedAtEveryLevel) return result("implicitDeny", [], "no service control policy allows");
  const reason = implicitReason(policies, allows);
  if (reason) return result("implicitDeny", [], reason);
  return result(
    "allowed",
    [...allows.identity, ...allows.resource, ...allows.permissionsBoundary, ...allows.session].map((h) => h.ref),
  );
}

/**
 * The result, with its near misses worked out on first read: authorization only needs the
 * decision, while explanations (the simulator, AccessDenied details) read them.
 */
function resultOf(
  decision: EvalDecision,
  matchedStatements: MatchedStatement[],
  denyReason: DenyReason | undefined,
  missingContextValues: string[],
  permissionsBoundaryDecisionDetail: EvaluationResult["permissionsBoundaryDecisionDetail"],
  prepared: PreparedRequest,
  found: readonly NearMissAt[],
): EvaluationResult {
  let nearMisses: NearMiss[] | undefined;
  const result: EvaluationResult = {
    decision,
    matchedStatements,
    get nearMisses(): NearMiss[] {
      return (nearMisses ??= nearMissesOf(prepared, found));
    },
    set nearMisses(value: NearMiss[]) {
      nearMisses = value;
    },
    missingContextValues,
  };
  if (denyReason) result.denyReason = denyReason;
  if (permissionsBoundaryDecisionDetail) result.permissionsBoundaryDecisionDetail = permissionsBoundaryDecisionDetail;
  return result;
}

function explicitReason(set: PolicySet, trust: boolean): DenyReason {
  switch (set) {
    case "identity":
      return "explicit deny in an identity-based policy";
    case "resource":
      return trust ? "explicit deny in the role trust policy" : "explicit deny in a resource-based policy";
    case "permissionsBoundary":
      return "explicit deny in a permissions boundary";
    case "session":
      return "explicit deny in a session policy";
  }
}

/** Why there is no Allow, or undefined when the request is allowed. */
function implicitReason(policies: EvaluationPolicies, allows: Record<PolicySet, Hit[]>): DenyReason | undefined {
  let strength: PrincipalStrength | undefined;
  for (const hit of allows.resource) {
    if (hit.strength && (!strength || STRENGTH_RANK[hit.strength] > STRENGTH_RANK[strength])) strength = hit.strength;
  }
  const trust = policies.trustPolicy !== undefined;
  const crossAccount = policies.crossAccount === true;
  if ((trust || crossAccount) && !strength) return trust ? "no role trust policy allows" : "no resource-based policy allows";

  const needIdentity = crossAccount || strength === undefined || strength === "account";
  const needLimits = crossAccount || strength !== "direct";
  if (needIdentity && allows.identity.length === 0) return "no identity-based policy allows";
  if (needLimits && (policies.permissionsBoundaries?.length ?? 0) > 0 && allows.permissionsBoundary.length === 0) {
    return "no permissions boundary allows";
  }
  if (needLimits && (policies.sessionPolicies?.length ?? 0) > 0 && allows.session.length === 0) return "no session policy allows";
  return undefined;
}
