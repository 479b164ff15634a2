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

export function evaluateClause(clause: CompiledClause, context: ContextView): ClauseVerdict {
  const request = context.get(clause.key);
  const requestValues = request ? [...request] : [];
  const unresolved = new Set<string>();
  const verdict = (matches: boolean): ClauseVerdict => ({
    matches: matches && !clause.broken,
    missing: request === undefined,
    requestValues,
    unresolved: [...unresolved],
  });
  const { spec } = clause;
  if (spec.isNull) {
    return verdict(clause.values.some((wantsAbsent) => wantsAbsent === (request === undefined)));
  }
  if (request === undefined) {
    if (spec.ifExists) return verdict(true);
    if (spec.set) return verdict(spec.set === "ForAllValues");
    return verdict(spec.operator.negated);
  }
  // passes(v): does one request value satisfy the operator (positive: equals some policy
  // value; negated: equals none)? undefined when the value is not of the operator's type.
  const passes = (raw: string): boolean => {
    const parsed = spec.operator.parseRequest(raw);
    if (parsed === undefined) return false;
    let hit = false;
    for (const policy of clause.values) {
      const result = spec.operator.test(parsed, policy, context);
      if (result === true) {
        hit = true;
        break;
      }
      if (typeof result === "object") result.unresolved.forEach((key) => unresolved.add(key));
    }
    return spec.operator.negated ? !hit : hit;
  };
  if (spec.set === "ForAllValues" || (!spec.set && spec.operator.negated)) return verdict(request.every(passes));
  return verdict(request.some(passes));
}
