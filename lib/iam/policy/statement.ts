// Evaluates one compiled statement against a request: each element gives its verdict and,
// when it fails, the reason. The reasons feed near misses and explanations.

import type { CompiledStatement } from "./compile";
import { clauseHolds, evaluateClause } from "./conditions/clause";
import type { ContextView } from "./context";
import { actionElementMentionsService, actionMatches, matchAction, matchResource, resourceMatches } from "./match";
import { matchPrincipal, type PrincipalStrength } from "./principal";
import type { ConditionMismatch, MismatchReason, RequestPrincipal, StatementElement } from "./types";

export interface PreparedRequest {
  action: string;
  resource: string;
  context: ContextView;
  principal?: RequestPrincipal;
  /** `action` lowercased; computed when absent. */
  actionLower?: string;
  /** The action's service prefix, lowercased; computed when absent. */
  service?: string;
}

export interface StatementOutcome {
  applies: boolean;
  /** For resource-based policies: how the Principal element named the caller. */
  strength?: PrincipalStrength;
  /** The one element that failed, when exactly one did (a near miss; nearMissReason says why). */
  failed?: StatementElement;
  /** Condition keys and variables the statement needed but the context lacks. */
  missing: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);
const NO_MATCH: StatementOutcome = Object.freeze({ applies: false, missing: NONE });
const FAILED_ON: Record<StatementElement, StatementOutcome> = {
  action: Object.freeze({ applies: false, missing: NONE, failed: "action" }),
  principal: Object.freeze({ applies: false, missing: NONE, failed: "principal" }),
  resource: Object.freeze({ applies: false, missing: NONE, failed: "resource" }),
  condition: Object.freeze({ applies: false, missing: NONE, failed: "condition" }),
};
/** Variables of the Resource element that had no value; reused from one statement to the next. */
const unresolved: string[] = [];

/**
 * The hot path of every authorization: each element gives a yes or no without allocating;
 * the reason of a near miss (exactly one element failed) is worked out by nearMissReason, when
 * someone asks for it.
 */
export function evaluateStatement(statement: CompiledStatement, request: PreparedRequest, resourceBased: boolean): StatementOutcome {
  if (!statement.usable) return NO_MATCH;
  const { context } = request;
  let failed = 0;

  const actionOk = actionMatches(statement.action, request.actionLower ?? request.action.toLowerCase());
  if (!actionOk) {
    // A statement about another service is not interesting: stop here.
    if (!actionElementMentionsService(statement.action, request.action)) return NO_MATCH;
    failed++;
  }

  let strength: PrincipalStrength | undefined;
  if (resourceBased) {
    const verdict = statement.principal ? matchPrincipal(statement.principal, request.principal) : undefined;
    if (verdict?.matches) strength = verdict.strength;
    else failed++;
  }

  unresolved.length = 0;
  const resourceOk = statement.resource ? resourceMatches(statement.resource, request.resource, context, unresolved) : true;
  if (!resourceOk) failed++;

  let conditionsOk = true;
  for (const clause of statement.conditions) {
    if (!clauseHolds(clause, context)) {
      conditionsOk = false;
      break;
    }
  }
  if (!conditionsOk) failed++;

  // Keys count as missing only for statements that would otherwise be about this request.
  const relevant = actionOk && (!resourceBased || strength !== undefined) && (resourceOk || unresolved.length > 0);
  const missing = relevant ? missingKeys(statement, context, unresolved) : NONE;
  if (failed === 0) return { applies: true, strength, missing };
  if (failed > 1) return missing === NONE ? NO_MATCH : { applies: false, strength, missing };
  const element: StatementElement = !actionOk ? "action" : resourceBased && strength === undefined ? "principal" : !resourceOk ? "resource" : "condition";
  return missing === NONE && strength === undefined ? FAILED_ON[element] : { applies: false, strength, missing, failed: element };
}

/** Why a statement failed on one element. */
export function nearMissReason(statement: CompiledStatement, request: PreparedRequest, element: StatementElement): MismatchReason {
  switch (element) {
    case "action":
      return actionReason(statement, request);
    case "principal":
      return principalReason(statement);
    case "resource":
      return resourceReason(statement, request);
    case "condition":
      return conditionReason(statement, request.context);
  }
}

function missingKeys(statement: CompiledStatement, context: ContextView, unresolved: readonly string[]): readonly string[] {
  let missing: string[] | undefined = unresolved.length > 0 ? [...unresolved] : undefined;
  for (const clause of statement.conditions) {
    if (context.getLower(clause.lowerKey) === undefined) (missing ??= []).push(clause.key);
    for (const key of clause.variables) if (!context.has(key)) (missing ??= []).push(key);
  }
  return missing ?? NONE;
}

function actionReason(statement: CompiledStatement, request: PreparedRequest): MismatchReason {
  const verdict = matchAction(statement.action, request.action);
  return { element: "action", statementElement: statement.action.element, patterns: statement.action.patterns.map((p) => p.source), excludedBy: verdict.pattern };
}

function principalReason(statement: CompiledStatement): MismatchReason {
  const principal = statement.principal;
  return { element: "principal", statementElement: principal?.element ?? "Principal", principals: principal?.shown ?? [] };
}

function resourceReason(statement: CompiledStatement, request: PreparedRequest): MismatchReason {
  const resource = statement.resource!;
  const verdict = matchResource(resource, request.resource, request.context);
  return {
    element: "resource",
    statementElement: resource.element,
    patterns: resource.patterns.map((p) => p.source),
    excludedBy: verdict.pattern,
    unresolvedVariables: verdict.unresolved,
  };
}

function conditionReason(statement: CompiledStatement, context: ContextView): MismatchReason {
  const conditions: ConditionMismatch[] = [];
  for (const clause of statement.conditions) {
    const verdict = evaluateClause(clause, context);
    if (verdict.matches) continue;
    conditions.push({
      operator: clause.operator,
      key: clause.key,
      missing: verdict.missing,
      requestValues: verdict.requestValues,
      policyValues: clause.policyValues,
      unresolvedVariables: verdict.unresolved,
    });
  }
  return { element: "condition", conditions };
}
