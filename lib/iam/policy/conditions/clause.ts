// One condition clause: an operator, a key, and its values. The shared rules live here:
//  - several policy values are OR'ed; a negated operator holds when the request value
//    differs from all of them;
//  - key absent: positive operators fail, negated ones hold, …IfExists holds,
//    ForAllValues holds, ForAnyValue fails;
//  - ForAnyValue: some request value passes; ForAllValues: every request value passes;
//  - without a set operator, a multivalued request key is tested like ForAnyValue for
//    positive operators and must differ everywhere for negated ones;
//  - a request value that is not of the operator's type (a number test on "abc") fails.

import type { ContextView } from "../context";
import type { ParsedConditionEntry, SourceRange } from "../types";
import { lookupOperator, type OperatorSpec } from "./index";

export interface CompiledClause {
  spec: OperatorSpec;
  operator: string;
  key: string;
  lowerKey: string;
  policyValues: string[];
  values: unknown[];
  /** Variable keys used by the values. */
  variables: string[];
  /** A value failed to compile: the clause never holds. */
  broken: boolean;
  range: SourceRange;
}

export interface ClauseProblem {
  message: string;
  /** Index into the entry's values, or undefined for the operator itself. */
  valueIndex?: number;
}

export function compileClause(
  entry: ParsedConditionEntry,
  variables: boolean,
): { clause?: CompiledClause; problems: ClauseProblem[] } {
  const spec = lookupOperator(entry.operator.value);
  if (!spec) return { problems: [{ message: `Unknown condition operator ${JSON.stringify(entry.operator.value)}.` }] };
  const problems: ClauseProblem[] = [];
  const values: unknown[] = [];
  const used: string[] = [];
  entry.values.forEach((value, valueIndex) => {
    const result = spec.operator.compile(value.value, { variables });
    if (!result.ok) return problems.push({ message: result.error, valueIndex });
    values.push(result.value);
    used.push(...result.variables);
  });
  const clause: CompiledClause = {
    spec,
    operator: entry.operator.value,
    key: entry.key.value,
    lowerKey: entry.key.value.toLowerCase(),
    policyValues: entry.values.map((v) => v.value),
    values,
    variables: used,
    broken: problems.length > 0,
    range: entry.range,
  };
  return { clause, problems };
}

export interface ClauseVerdict {
  matches: boolean;
  /** The key was absent from the request context. */
  missing: boolean;
  requestValues: string[];
  /** Variables in the policy values that had no value. */
  unresolved: string[];
}

/**
 * Whether one request value satisfies the operator: positive operators, equal to some policy
 * value; negated ones, equal to none. A value not of the operator's type fails. Variables without
 * a value are added to `unresolved` when given.
 */
function valuePasses(clause: CompiledClause, raw: string, context: ContextView, unresolved: Set<string> | undefined): boolean {
  const { operator } = clause.spec;
  const parsed = operator.parseRequest(raw);
  if (parsed === undefined) return false;
  let hit = false;
  for (const policy of clause.values) {
    const result = operator.test(parsed, policy, context);
    if (result === true) {
      hit = true;
      break;
    }
    if (unresolved && typeof result === "object") for (const key of result.unresolved) unresolved.add(key);
  }
  return operator.negated ? !hit : hit;
}

function holds(clause: CompiledClause, request: readonly string[] | undefined, context: ContextView, unresolved: Set<string> | undefined): boolean {
  if (clause.broken) return false;
  const { spec } = clause;
  if (spec.isNull) {
    for (const wantsAbsent of clause.values) if (wantsAbsent === (request === undefined)) return true;
    return false;
  }
  if (request === undefined) {
    if (spec.ifExists) return true;
    if (spec.set) return spec.set === "ForAllValues";
    return spec.operator.negated;
  }
  if (spec.set === "ForAllValues" || (!spec.set && spec.operator.negated)) {
    for (const value of request) if (!valuePasses(clause, value, context, unresolved)) return false;
    return true;
  }
  for (const value of request) if (valuePasses(clause, value, context, unresolved)) return true;
  return false;
}

/** Whether the clause holds (the evaluation hot path: no reasons, no allocation). */
export function clauseHolds(clause: CompiledClause, context: ContextView): boolean {
  return holds(clause, context.getLower(clause.lowerKey), context, undefined);
}

/** Whether the clause holds, with what the request had and the variables that had no value. */
export function evaluateClause(clause: CompiledClause, context: ContextView): ClauseVerdict {
  const request = context.getLower(clause.lowerKey);
  const unresolved = new Set<string>();
  const matches = holds(clause, request, context, unresolved);
  return { matches, missing: request === undefined, requestValues: request ? [...request] : [], unresolved: [...unresolved] };
}
