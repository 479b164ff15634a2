// The interface every condition operator implements. An operator only compares one request
// value with one policy value; conditions/evaluate.ts applies the shared rules (several
// values OR'ed, negation, IfExists, ForAnyValue/ForAllValues, missing keys).

import type { ContextView } from "../context";

export type CompileResult<T> = { ok: true; value: T; variables: readonly string[] } | { ok: false; error: string };

/** `unresolved`: the policy value has variables without a value; it matches nothing. */
export type ValueTest = boolean | { unresolved: string[] };

export interface ConditionOperator<Policy = unknown, Request = unknown> {
  /** AWS's name without prefix or suffix, e.g. `StringNotLike`. */
  readonly name: string;
  /**
   * Negated operators (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`…) hold when the request
   * value differs from every policy value, and when the key is absent.
   */
  readonly negated: boolean;
  /** Compiles one policy value once. `variables` is true for Version 2012-10-17. */
  compile(value: string, options: { variables: boolean }): CompileResult<Policy>;
  /** Interprets one request value; undefined when it is not of the operator's type. */
  parseRequest(value: string): Request | undefined;
  /** The positive comparison of one request value with one policy value. */
  test(request: Request, policy: Policy, context: ContextView): ValueTest;
}

export function compiled<T>(value: T, variables: readonly string[] = []): CompileResult<T> {
  return { ok: true, value, variables };
}

export function invalid(error: string): CompileResult<never> {
  return { ok: false, error };
}

/** A parser of request values with its recent results kept: the same values come with request after request. */
export function memoized<T>(parse: (value: string) => T | undefined, limit = 256): (value: string) => T | undefined {
  const results = new Map<string, T | undefined>();
  return (value) => {
    if (results.has(value)) return results.get(value);
    const result = parse(value);
    if (results.size >= limit) results.clear();
    results.set(value, result);
    return result;
  };
}
