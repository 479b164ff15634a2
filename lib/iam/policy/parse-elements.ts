// Readers for the statement elements whose values have structure: string lists (Action,
// Resource…), Principal and Condition. Each reports what is wrong and returns what it could read.

import { compileClause } from "./conditions/clause";
import { lookupOperator, type OperatorFamily } from "./conditions/index";
import { describe, item, member, memberName, members, SYNTAX_ERRORS, type FindingList } from "./findings";
import type { IssueCode } from "./issue-codes";
import type { JsonNode } from "./json";
import type { Located, ParsedConditionEntry, ParsedPrincipal, ParsedPrincipalEntry, PathElement, PrincipalKind } from "./types";

/** A string or an array of strings. Reports other types; an empty list is returned as []. */
export function readStringList(node: JsonNode, path: PathElement[], findings: FindingList): Located<string>[] | undefined {
  if (node.kind === "string") return [{ value: node.value, range: node.range }];
  if (node.kind !== "array") {
    findings.wrongType(path, node, "a string or an array of strings");
    return undefined;
  }
  const values: Located<string>[] = [];
  node.items.forEach((entry, i) => {
    if (entry.kind === "string") values.push({ value: entry.value, range: entry.range });
    else findings.wrongType(item(path, i), entry, "a string");
  });
  return values;
}

export const NO_VENDOR = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";

export function checkAction(value: Located<string>, path: PathElement[], findings: FindingList): void {
  const v = value.value;
  if (v === "*") return;
  const colons = v.split(":").length - 1;
  if (colons === 0 || v.startsWith(":")) {
    findings.add("INVALID_ACTION", `The action ${JSON.stringify(v)} has no service prefix; write it as service:Action, e.g. iam:ListUsers.`, path, value.range, {
      malformed: NO_VENDOR,
    });
  } else if (colons > 1) {
    findings.add("INVALID_ACTION", `The action ${JSON.stringify(v)} has more than one colon; write it as service:Action.`, path, value.range, {
      malformed: "Actions/Condition can contain only one colon.",
    });
  }
}

export function checkResource(value: Located<string>, path: PathElement[], findings: FindingList): void {
  const v = value.value;
  if (v === "*") return;
  const malformed = `Resource ${v} must be in ARN format or "*".`;
  if (!v.startsWith("arn:")) {
    findings.add("INVALID_ARN_PREFIX", `Add the required prefix (arn) to the resource ${JSON.stringify(v)}, or use "*".`, path, value.range, { malformed });
  } else if (v.split(":").length < 6 && !v.endsWith("*")) {
    findings.add(
      "MISSING_ARN_FIELD",
      "Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource.",
      path,
      value.range,
      { malformed },
    );
  }
}

const PRINCIPAL_KINDS: readonly PrincipalKind[] = ["AWS", "Service", "Federated", "CanonicalUser"];
const AWS_PRINCIPAL = /^(?:\*|\d{12}|arn:aws[a-z-]*:(?:iam|sts)::\d{12}:[^*?]+|A[A-Z0-9]{15,127})$/;

export function readPrincipal(node: JsonNode, path: PathElement[], findings: FindingList): ParsedPrincipal | undefined {
  if (node.kind === "string") {
    if (node.value === "*") return { kind: "wildcard", range: node.range };
    findings.add(
      "INVALID_PRINCIPAL_FORMAT",
      `The Principal element ${JSON.stringify(node.value)} is not valid. Use "*" or a key-value pair such as {"AWS": "123456789012"}.`,
      path,
      node.range,
      { malformed: `Invalid principal in policy: ${JSON.stringify(node.value)}` },
    );
    return undefined;
  }
  if (node.kind !== "object") {
    findings.wrongType(path, node, `"*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}`);
    return undefined;
  }
  if (node.entries.length === 0) {
    findings.add("EMPTY_OBJECT_PRINCIPAL", "This statement includes no principals and does not affect the policy. Specify principals.", path, node.range);
  }
  const entries: ParsedPrincipalEntry[] = [];
  for (const [key, entry] of members(node, path, findings, PRINCIPAL_KINDS, "INVALID_PRINCIPAL_KEY")) {
    const at = member(path, key);
    const values = readStringList(entry.value, at, findings);
    if (!values) continue;
    if (values.length === 0) {
      findings.add("EMPTY_ARRAY_PRINCIPAL", "This statement includes no principals and does not affect the policy. Specify principals.", at, entry.value.range);
    }
    values.forEach((value, i) => {
      const ok = key === "AWS" ? AWS_PRINCIPAL.test(value.value) : value.value !== "" && (value.value === "*" || !/[*?]/.test(value.value));
      if (ok) return;
      const wildcard = /[*?]/.test(value.value);
      findings.add(
        wildcard ? "UNSUPPORTED_WILDCARD_IN_PRINCIPAL" : "INVALID_PRINCIPAL_FORMAT",
        wildcard
          ? `Wildcards (*, ?) are not supported with the principal key ${key} in ${JSON.stringify(value.value)}. Replace the wildcard with a valid principal value.`
          : `The ${key} principal ${JSON.stringify(value.value)} is not valid.`,
        entry.value.kind === "array" ? item(at, i) : at,
        value.range,
        { malformed: `Invalid principal in policy: "${key}":${JSON.stringify(value.value)}` },
      );
    });
    entries.push({ type: key as PrincipalKind, values, range: entry.value.range });
  }
  return { kind: "map", entries, range: node.range };
}

function conditionValueText(node: JsonNode): string | undefined {
  if (node.kind === "string") return node.value;
  if (node.kind === "number") return node.raw;
  if (node.kind === "boolean") return String(node.value);
  return undefined;
}

/** Why an operator name is not one: Null takes neither IfExists nor a set qualifier. */
function unknownOperator(name: string): [IssueCode, string] {
  const base = name.replace(/^For(?:Any|All)Values?:/, "");
  if (base === "NullIfExists") return ["NULL_WITH_IF_EXISTS", "The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix."];
  if (base === "Null" && base !== name) {
    return ["NULL_WITH_QUALIFIER", "Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers; use Null on its own."];
  }
  return ["INVALID_CONDITION_OPERATOR", `The condition operator ${JSON.stringify(name)} is not valid. Use a valid condition operator.`];
}

/** The Access Analyzer check for a value an operator cannot read. */
const VALUE_MISMATCH: Record<OperatorFamily, IssueCode> = {
  String: "TYPE_MISMATCH_STRING",
  Arn: "TYPE_MISMATCH_STRING",
  Binary: "TYPE_MISMATCH_STRING",
  Numeric: "TYPE_MISMATCH_NUMBER",
  Date: "TYPE_MISMATCH_DATE",
  Bool: "TYPE_MISMATCH_BOOLEAN",
  Null: "TYPE_MISMATCH_BOOLEAN",
  IpAddress: "TYPE_MISMATCH_IP_RANGE",
};

function emptyValues(operator: string): IssueCode {
  if (operator.startsWith("ForAllValues:")) return "EMPTY_ARRAY_CONDITION_FORALLVALUES";
  if (operator.startsWith("ForAnyValue:")) return "EMPTY_ARRAY_CONDITION_FORANYVALUE";
  if (operator.endsWith("IfExists")) return "EMPTY_ARRAY_CONDITION_IFEXISTS";
  return "EMPTY_ARRAY_CONDITION";
}

export function readCondition(node: JsonNode, path: PathElement[], findings: FindingList, variables: boolean): ParsedConditionEntry[] | undefined {
  if (node.kind !== "object") {
    findings.wrongType(path, node, "an object of operators");
    return undefined;
  }
  if (node.entries.length === 0) {
    findings.add("EMPTY_OBJECT_CONDITION", "This condition block is empty and it does not affect the policy. Specify conditions.", path, node.range);
  }
  const entries: ParsedConditionEntry[] = [];
  for (const [operatorName, operatorEntry] of members(node, path, findings, undefined)) {
    const operatorPath = member(path, operatorName);
    const block = operatorEntry.value;
    if (block.kind !== "object") {
      findings.wrongType(operatorPath, block, "an object of condition keys");
      continue;
    }
    const spec = lookupOperator(operatorName);
    if (!spec) {
      const [code, details] = unknownOperator(operatorName);
      findings.add(code, details, memberName(path, operatorName), operatorEntry.keyRange, { malformed: SYNTAX_ERRORS });
    }
    for (const [key, keyEntry] of members(block, operatorPath, findings, undefined)) {
      const keyPath = member(operatorPath, key);
      if (!key.includes(":") || key.startsWith(":")) {
        findings.add("INVALID_CONDITION_KEY_FORMAT", `The condition key ${JSON.stringify(key)} is not valid. Use the format service:keyname.`, memberName(operatorPath, key), keyEntry.keyRange, {
          malformed: NO_VENDOR,
        });
      }
      const list = keyEntry.value.kind === "array";
      const items = keyEntry.value.kind === "array" ? keyEntry.value.items : [keyEntry.value];
      const values: Located<string>[] = [];
      const paths: PathElement[][] = [];
      items.forEach((entry, i) => {
        const text = conditionValueText(entry);
        const at = list ? item(keyPath, i) : keyPath;
        if (text === undefined) {
          findings.add("DATA_TYPE_MISMATCH", `A condition value must be a string, number or boolean, not ${describe(entry)}.`, at, entry.range, { malformed: SYNTAX_ERRORS });
        } else {
          values.push({ value: text, range: entry.range });
          paths.push(at);
        }
      });
      if (list && items.length === 0) {
        findings.add(emptyValues(operatorName), `There are no values for the condition key ${key}. Specify condition values.`, keyPath, keyEntry.value.range, {
          malformed: SYNTAX_ERRORS,
        });
      }
      const entry: ParsedConditionEntry = {
        operator: { value: operatorName, range: operatorEntry.keyRange },
        key: { value: key, range: keyEntry.keyRange },
        values,
        range: { start: keyEntry.keyRange.start, end: keyEntry.value.range.end },
      };
      if (spec) {
        for (const problem of compileClause(entry, variables).problems) {
          if (problem.valueIndex === undefined) continue;
          findings.add(VALUE_MISMATCH[spec.family], problem.message, paths[problem.valueIndex], values[problem.valueIndex].range, { malformed: SYNTAX_ERRORS });
        }
      }
      entries.push(entry);
    }
  }
  return entries;
}
