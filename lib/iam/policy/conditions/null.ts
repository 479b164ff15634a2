// Null: "true" holds when the key is absent from the request context, "false" when it is
// present. It looks only at presence, so conditions/evaluate.ts handles it before the value
// comparisons; `test` is never called.

import { compiled, invalid, type ConditionOperator } from "./operator";

export const NULL_OPERATOR = "Null";

export const nullOperators: ConditionOperator[] = [
  {
    name: NULL_OPERATOR,
    negated: false,
    compile(value) {
      const lower = value.trim().toLowerCase();
      return lower === "true" || lower === "false" ? compiled(lower === "true") : invalid(`Null needs "true" or "false", not ${JSON.stringify(value)}.`);
    },
    parseRequest: (value) => value,
    test: () => false,
  },
];
