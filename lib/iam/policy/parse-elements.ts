// Readers for the statement elements whose values have structure: string lists (Action,
// Resource…), Principal and Condition. Each reports what is wrong and returns what it could read.

import { compileClause } from "./conditions/clause";
import { lookupOperator } from "./conditions/index";
import { childPath, describe, members, type FindingList } from "./findings";
import type { JsonNode } from "./json";
import type { Located, ParsedConditionEntry, ParsedPrincipal, ParsedPrincipalEntry, PrincipalKind } from "./types";

/** A string or an array of strings. Reports other types; an empty list is returned as []. */
export function readStringList(node: JsonNode, path: string, findings: FindingList): Located<string>[] | undefined {
  if (node.kind === "string") return [{ value: node.value, range: node.range }];
  if (node.kind !== "array") {
    findings.wrongType(path, node, "a string or an array of strings");
    return undefined;
  }
  const values: Located<string>[] = [];
  node.items.forEach((item, i) => {
    if (item.kind === "string") values.push({ value: item.value, range: item.range });
    else findings.wrongType(childPath(path, i), item, "a string");
  });
  return values;
}

export function checkAction(value: Located<string>, path: string, findings: FindingList): void {
  if (value.value === "*") return;
  const colons = value.value.split(":").length - 1;
  if (colons === 0 || value.value.startsWith(":")) {
    findings.error("action.noVendor", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", path, value.range);
  } else if (colons > 1) {
    findings.error("action.tooManyColons", "Actions/Condition can contain only one colon.", path, value.range);
  }
}

export function checkResource(value: Located<string>, path: string, findings: FindingList): void {
  const v = value.value;
  if (v === "*") return;
  const colons = v.split(":").length - 1;
  if (!v.startsWith("arn:") || (colons < 5 && !v.endsWith("*"))) {
    findings.error("resource.notArn", `Resource ${v} must be in ARN format or "*".`, path, value.range);
  }
}

const PRINCIPAL_KINDS: readonly PrincipalKind[] = ["AWS", "Service", "Federated", "CanonicalUser"];
const AWS_PRINCIPAL = /^(?:\*|\d{12}|arn:aws[a-z-]*:(?:iam|sts)::\d{12}:[^*?]+|A[A-Z0-9]{15,127})$/;

export function readPrincipal(node: JsonNode, path: string, findings: FindingList): ParsedPrincipal | undefined {
  if (node.kind === "string") {
    if (node.value === "*") return { kind: "wildcard", range: node.range };
    findings.error("principal.invalid", `Invalid principal in policy: ${JSON.stringify(node.value)}`, path, node.range);
    return undefined;
  }
  if (node.kind !== "object") {
    findings.wrongType(path, node, `"*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}`);
    return undefined;
  }
  const entries: ParsedPrincipalEntry[] = [];
  for (const [key, entry] of members(node, path, findings, PRINCIPAL_KINDS, "principal.unknownType")) {
    const at = childPath(path, key);
    const values = readStringList(entry.value, at, findings);
    if (!values) continue;
    for (const value of values) {
      const ok = key === "AWS" ? AWS_PRINCIPAL.test(value.value) : value.value !== "" && (value.value === "*" || !/[*?]/.test(value.value));
      if (!ok) findings.error("principal.invalid", `Invalid principal in policy: "${key}":${JSON.stringify(value.value)}`, at, value.range);
    }
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

export function readCondition(node: JsonNode, path: string, findings: FindingList, variables: boolean): ParsedConditionEntry[] | undefined {
  if (node.kind !== "object") {
    findings.wrongType(path, node, "an object of operators");
    return undefined;
  }
  const entries: ParsedConditionEntry[] = [];
  for (const [operatorName, operatorEntry] of members(node, path, findings, undefined, "")) {
    const operatorPath = childPath(path, operatorName);
    const block = operatorEntry.value;
    if (block.kind !== "object") {
      findings.wrongType(operatorPath, block, "an object of condition keys");
      continue;
    }
    if (!lookupOperator(operatorName)) {
      findings.error("condition.unknownOperator", `Unknown condition operator ${JSON.stringify(operatorName)}.`, operatorPath, operatorEntry.keyRange);
    }
    for (const [key, keyEntry] of members(block, operatorPath, findings, undefined, "")) {
      const keyPath = childPath(operatorPath, key);
      if (!key.includes(":") || key.startsWith(":")) {
        findings.error("condition.noVendor", "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.", keyPath, keyEntry.keyRange);
      }
      const items = keyEntry.value.kind === "array" ? keyEntry.value.items : [keyEntry.value];
      const values: Located<string>[] = [];
      items.forEach((item, i) => {
        const text = conditionValueText(item);
        if (text === undefined) {
          const itemPath = keyEntry.value.kind === "array" ? childPath(keyPath, i) : keyPath;
          findings.error("element.invalidType", `${itemPath} must be a string, number or boolean, not ${describe(item)}.`, itemPath, item.range);
        } else values.push({ value: text, range: item.range });
      });
      if (keyEntry.value.kind === "array" && items.length === 0) {
        findings.error("condition.noValues", `${keyPath} has no values.`, keyPath, keyEntry.value.range);
      }
      const entry: ParsedConditionEntry = {
        operator: { value: operatorName, range: operatorEntry.keyRange },
        key: { value: key, range: keyEntry.keyRange },
        values,
        range: { start: keyEntry.keyRange.start, end: keyEntry.value.range.end },
      };
      const { problems } = compileClause(entry, variables);
      for (const problem of problems) {
        if (problem.valueIndex !== undefined) {
          findings.error("condition.invalidValue", problem.message, keyPath, values[problem.valueIndex].range);
        }
      }
      entries.push(entry);
    }
  }
  return entries;
}
