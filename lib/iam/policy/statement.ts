// Evaluates one compiled statement against a request: each element gives its verdict and,
// when it fails, the reason. The reasons feed near misses and explanations.

import type { CompiledStatement } from "./compile";
import { evaluateClause } from "./conditions/clause";
import type { ContextView } from "./context";
import { actionElementMentionsService, matchAction, matchResource } from "./match";
import { matchPrincipal, type PrincipalStrength } from "./principal";
import type { ConditionMismatch, MismatchReason, RequestPrincipal } from "./types";

export interface PreparedRequest {
  action: string;
  resource: string;
  context: ContextView;
  principal?: RequestPrincipal;
}

export interface StatementOutcome {
  applies: boolean;
  /** For resource-based policies: how the Principal element named the caller. */
  strength?: PrincipalStrength;
  /** One reason per failed element. */
  failures: MismatchReason[];
  /** Failed on exactly one element, and is about the request's service: worth showing. */
  nearMiss: boolean;
  /** Condition keys and variables the statement needed but the context lacks. */
  missing: string[];
}

const NO_MATCH: StatementOutcome = { applies: false, failures: [], nearMiss: false, missing: [] };

export function evaluateStatement(statement: CompiledStatement, request: PreparedRequest, resourceBased: boolean): StatementOutcome {
  if (!statement.usable) return NO_MATCH;
  const failures: MismatchReason[] = [];

  const action = matchAction(statement.action, request.action);
  if (!action.matches) {
    failures.push({
      element: "action",
      statementElement: statement.action.element,
      patterns: statement.action.patterns.map((p) => p.source),
      excludedBy: action.pattern,
    });
    // A statement about another service is not interesting: stop here (the hot path).
    if (!actionElementMentionsService(statement.action, request.action)) return { ...NO_MATCH, failures };
  }

  let strength: PrincipalStrength | undefined;
  if (resourceBased) {
    const principal = statement.principal;
    const verdict = principal ? matchPrincipal(principal, request.principal) : { matches: false };
    if (verdict.matches) strength = verdict.strength;
    else failures.push({ element: "principal", statementElement: principal?.element ?? "Principal", principals: principal?.shown ?? [] });
  }

  const unresolved: string[] = [];
  let resourceMatches = true;
  if (statement.resource) {
    const verdict = matchResource(statement.resource, request.resource, request.context);
    unresolved.push(...verdict.unresolved);
    resourceMatches = verdict.matches;
    if (!verdict.matches) {
      failures.push({
        element: "resource",
        statementElement: statement.resource.element,
        patterns: statement.resource.patterns.map((p) => p.source),
        excludedBy: verdict.pattern,
        unresolvedVariables: verdict.unresolved,
      });
    }
  }

  const mismatches: ConditionMismatch[] = [];
  const missingKeys: string[] = [];
  for (const clause of statement.conditions) {
    const verdict = evaluateClause(clause, request.context);
    if (verdict.missing) missingKeys.push(clause.key);
    for (const key of clause.variables) if (!request.context.has(key)) missingKeys.push(key);
    if (verdict.matches) continue;
    mismatches.push({
      operator: clause.operator,
      key: clause.key,
      missing: verdict.missing,
      requestValues: verdict.requestValues,
      policyValues: clause.policyValues,
      unresolvedVariables: verdict.unresolved,
    });
  }
  if (mismatches.length > 0) failures.push({ element: "condition", conditions: mismatches });

  // Keys count as missing only for statements that would otherwise be about this request.
  const relevant = action.matches && (!resourceBased || strength !== undefined) && (resourceMatches || unresolved.length > 0);
  return {
    applies: failures.length === 0,
    strength,
    failures,
    nearMiss: failures.length === 1,
    missing: relevant ? [...unresolved, ...missingKeys] : [],
  };
}
