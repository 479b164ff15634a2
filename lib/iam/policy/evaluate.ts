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
// any case. MatchedStatements follow the simulator: Allow statements when allowed, only the
// Deny statements on explicitDeny, none on implicitDeny.

import { compilePolicy, isCompiledPolicy, type CompiledPolicy } from "./compile";
import { ContextView } from "./context";
import type { PrincipalStrength } from "./principal";
import { evaluateStatement, type PreparedRequest } from "./statement";
import type {
  DenyReason,
  EvaluationRequest,
  EvaluationResult,
  MatchedStatement,
  NearMiss,
  PolicySet,
  PolicySourceType,
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
    startPosition: { line: s.range.start.line, column: s.range.start.column + 1 },
    endPosition: { ...s.range.end },
    range: s.range,
  };
}

export function evaluate(request: EvaluationRequest, policies: EvaluationPolicies): EvaluationResult {
  const prepared: PreparedRequest = {
    action: request.action,
    resource: request.resource,
    context: new ContextView(request.context),
    principal: request.principal,
  };
  const resourceInputs = [...(policies.resourcePolicies ?? []), ...(policies.trustPolicy ? [policies.trustPolicy] : [])];
  const sets: [PolicySet, readonly PolicyInput[]][] = [
    ["identity", policies.identityPolicies],
    ["resource", resourceInputs],
    ["permissionsBoundary", policies.permissionsBoundaries ?? []],
    ["session", policies.sessionPolicies ?? []],
  ];

  const allows: Record<PolicySet, Hit[]> = { identity: [], resource: [], permissionsBoundary: [], session: [] };
  const denies: Hit[] = [];
  const nearMisses: NearMiss[] = [];
  const missing = new Map<string, string>();

  for (const [set, inputs] of sets) {
    for (const input of inputs) {
      const policy = isCompiledPolicy(input.document) ? input.document : compilePolicy(input.document);
      policy.statements.forEach((statement, i) => {
        const outcome = evaluateStatement(statement, prepared, set === "resource");
        for (const key of outcome.missing) if (!missing.has(key.toLowerCase())) missing.set(key.toLowerCase(), key);
        if (outcome.applies) {
          const hit = { ref: statementRef(input, set, policy, i), strength: outcome.strength };
          (statement.effect === "Deny" ? denies : allows[set]).push(hit);
        } else if (outcome.nearMiss) {
          const failure = outcome.failures[0];
          nearMisses.push({ ...statementRef(input, set, policy, i), failed: failure.element, reason: failure });
        }
      });
    }
  }

  const boundaryGiven = (policies.permissionsBoundaries?.length ?? 0) > 0;
  const base = {
    nearMisses,
    missingContextValues: [...missing.values()],
    ...(boundaryGiven
      ? {
          permissionsBoundaryDecisionDetail: {
            allowedByPermissionsBoundary: allows.permissionsBoundary.length > 0 && !denies.some((d) => d.ref.policySet === "permissionsBoundary"),
          },
        }
      : {}),
  };

  if (denies.length > 0) {
    const first = (["identity", "resource", "permissionsBoundary", "session"] as const)
      .map((set) => denies.find((d) => d.ref.policySet === set))
      .find((d) => d !== undefined);
    return {
      ...base,
      decision: "explicitDeny",
      matchedStatements: denies.map((d) => d.ref),
      denyReason: explicitReason(first?.ref.policySet ?? "identity", policies.trustPolicy !== undefined),
    };
  }

  const reason = implicitReason(policies, allows);
  if (reason) return { ...base, decision: "implicitDeny", matchedStatements: [], denyReason: reason };
  const matched: MatchedStatement[] = [...allows.identity, ...allows.resource, ...allows.permissionsBoundary, ...allows.session].map((h) => h.ref);
  return { ...base, decision: "allowed", matchedStatements: matched };
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
