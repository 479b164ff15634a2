// NumericEquals, NumericNotEquals, NumericLessThan, NumericLessThanEquals, NumericGreaterThan,
// NumericGreaterThanEquals. Integers or decimals; no variables, no wildcards.

import { compiled, invalid, memoized, type ConditionOperator } from "./operator";

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(value: string): number | undefined {
  const trimmed = value.trim();
  if (!NUMBER.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

const parseRequestNumber = memoized(parseNumber);

function numeric(name: string, negated: boolean, compare: (request: number, policy: number) => boolean): ConditionOperator<number, number> {
  return {
    name,
    negated,
    compile(value) {
      const n = parseNumber(value);
      return n === undefined ? invalid(`${name} needs a number, not ${JSON.stringify(value)}.`) : compiled(n);
    },
    parseRequest: parseRequestNumber,
    test: (request, policy) => compare(request, policy),
  };
}

export const numericOperators: ConditionOperator[] = [
  numeric("NumericEquals", false, (r, p) => r === p),
  numeric("NumericNotEquals", true, (r, p) => r === p),
  numeric("NumericLessThan", false, (r, p) => r < p),
  numeric("NumericLessThanEquals", false, (r, p) => r <= p),
  numeric("NumericGreaterThan", false, (r, p) => r > p),
  numeric("NumericGreaterThanEquals", false, (r, p) => r >= p),
];
