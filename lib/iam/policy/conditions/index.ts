// The one list of condition operators, and the reading of a full operator name:
// [ForAnyValue:|ForAllValues:] Operator [IfExists]. Names are case-sensitive, as AWS writes them.

import { arnOperators } from "./arn";
import { binaryOperators } from "./binary";
import { boolOperators } from "./bool";
import { dateOperators } from "./date";
import { ipOperators } from "./ip";
import { NULL_OPERATOR, nullOperators } from "./null";
import { numericOperators } from "./numeric";
import type { ConditionOperator } from "./operator";
import { stringOperators } from "./string";

export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  ...stringOperators,
  ...numericOperators,
  ...dateOperators,
  ...boolOperators,
  ...binaryOperators,
  ...ipOperators,
  ...arnOperators,
  ...nullOperators,
];

const BY_NAME = new Map(CONDITION_OPERATORS.map((op) => [op.name, op]));

export type SetOperator = "ForAnyValue" | "ForAllValues";

/** The kind of value an operator compares, named as the IAM User Guide groups them. */
export type OperatorFamily = "String" | "Numeric" | "Date" | "Bool" | "Binary" | "IpAddress" | "Arn" | "Null";

const FAMILIES: [string, OperatorFamily][] = [
  ["String", "String"],
  ["Numeric", "Numeric"],
  ["Date", "Date"],
  ["Bool", "Bool"],
  ["Binary", "Binary"],
  ["IpAddress", "IpAddress"],
  ["NotIpAddress", "IpAddress"],
  ["Arn", "Arn"],
  ["Null", "Null"],
];

function familyOf(operator: ConditionOperator): OperatorFamily {
  const found = FAMILIES.find(([prefix]) => operator.name.startsWith(prefix));
  if (!found) throw new Error(`Condition operator ${operator.name} has no family`);
  return found[1];
}

export interface OperatorSpec {
  /** The name as written in the policy. */
  name: string;
  operator: ConditionOperator;
  family: OperatorFamily;
  set?: SetOperator;
  ifExists: boolean;
  /** The Null operator tests presence only. */
  isNull: boolean;
}

const IF_EXISTS = "IfExists";

export function lookupOperator(name: string): OperatorSpec | undefined {
  let rest = name;
  let set: SetOperator | undefined;
  for (const prefix of ["ForAnyValue", "ForAllValues"] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      set = prefix;
      rest = rest.slice(prefix.length + 1);
      break;
    }
  }
  let operator = BY_NAME.get(rest);
  let ifExists = false;
  if (!operator && rest.endsWith(IF_EXISTS)) {
    operator = BY_NAME.get(rest.slice(0, -IF_EXISTS.length));
    ifExists = true;
  }
  if (!operator) return undefined;
  const isNull = operator.name === NULL_OPERATOR;
  if (isNull && (ifExists || set)) return undefined;
  return { name, operator, family: familyOf(operator), set, ifExists, isNull };
}

export type { ConditionOperator } from "./operator";
