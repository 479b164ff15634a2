// parsePolicy: text → ParsedPolicy with a source range for every element, plus every finding
// (bad JSON, unknown or misspelt elements, wrong types, bad Effect, conflicting elements,
// malformed actions, resources, principals and condition values). It never throws.

import { childPath, FindingList, members } from "./findings";
import { parseJson, type JsonNode, type JsonObject } from "./json";
import { checkAction, checkResource, readCondition, readPrincipal, readStringList } from "./parse-elements";
import type { Effect, Finding, Located, ParsedPolicy, ParsedStatement, PolicyVersion } from "./types";

export interface ParseResult {
  /** Absent only when the text is not JSON or not a JSON object. */
  policy?: ParsedPolicy;
  findings: Finding[];
}

const POLICY_KEYS = ["Version", "Id", "Statement"] as const;
const STATEMENT_KEYS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"] as const;
const VERSIONS: readonly string[] = ["2012-10-17", "2008-10-17"];

export function parsePolicy(text: string): ParseResult {
  const json = parseJson(text);
  const findings = new FindingList();
  if (!json.ok) {
    findings.error("json.syntax", json.error.message, "", json.error.range);
    return { findings: findings.items };
  }
  const root = json.value;
  if (root.kind !== "object") {
    findings.wrongType("", root, "a JSON object");
    return { findings: findings.items };
  }
  const byKey = members(root, "", findings, POLICY_KEYS, "policy.unknownKey");

  let version: Located<PolicyVersion> | undefined;
  const versionNode = byKey.get("Version")?.value;
  if (versionNode) {
    if (versionNode.kind === "string" && VERSIONS.includes(versionNode.value)) {
      version = { value: versionNode.value as PolicyVersion, range: versionNode.range };
    } else {
      findings.error("policy.invalidVersion", `Version must be "2012-10-17" or "2008-10-17".`, "Version", versionNode.range);
    }
  }

  let id: Located<string> | undefined;
  const idNode = byKey.get("Id")?.value;
  if (idNode) {
    if (idNode.kind === "string") id = { value: idNode.value, range: idNode.range };
    else findings.wrongType("Id", idNode, "a string");
  }

  const statements: ParsedStatement[] = [];
  const statementNode = byKey.get("Statement")?.value;
  const variables = version?.value === "2012-10-17";
  if (!statementNode) {
    findings.error("policy.missingStatement", "The policy has no Statement.", "", root.range);
  } else if (statementNode.kind === "object") {
    statements.push(parseStatement(statementNode, 0, "Statement", findings, variables));
  } else if (statementNode.kind === "array") {
    statementNode.items.forEach((item, index) => {
      const path = childPath("Statement", index);
      if (item.kind === "object") statements.push(parseStatement(item, index, path, findings, variables));
      else findings.wrongType(path, item, "an object");
    });
  } else {
    findings.wrongType("Statement", statementNode, "an object or an array of objects");
  }

  checkSids(statements, findings);
  return { policy: { version, id, statements, range: root.range }, findings: findings.items };
}

function parseStatement(node: JsonObject, index: number, path: string, findings: FindingList, variables: boolean): ParsedStatement {
  const byKey = members(node, path, findings, STATEMENT_KEYS, "statement.unknownKey");
  const statement: ParsedStatement = { index, path, range: node.range };
  const at = (key: string) => childPath(path, key);

  const sid = byKey.get("Sid")?.value;
  if (sid) {
    if (sid.kind === "string") statement.sid = { value: sid.value, range: sid.range };
    else findings.wrongType(at("Sid"), sid, "a string");
  }

  const effect = byKey.get("Effect")?.value;
  if (!effect) {
    findings.error("statement.missingEffect", `The statement has no Effect; it must be "Allow" or "Deny".`, path, node.range);
  } else if (effect.kind === "string" && (effect.value === "Allow" || effect.value === "Deny")) {
    statement.effect = { value: effect.value as Effect, range: effect.range };
  } else {
    const shown = effect.kind === "string" ? JSON.stringify(effect.value) : "a non-string value";
    findings.error("statement.invalidEffect", `Effect must be "Allow" or "Deny" (case-sensitive), not ${shown}.`, at("Effect"), effect.range);
  }

  const principal = pick(byKey, "Principal", "NotPrincipal", path, findings);
  if (principal) {
    const value = readPrincipal(principal.node, at(principal.element), findings);
    if (value) statement.principal = { element: principal.element, value };
  }

  const action = pick(byKey, "Action", "NotAction", path, findings);
  if (!action) {
    findings.error("statement.missingAction", "Policy statement must contain actions.", path, node.range);
  } else {
    const values = readStringList(action.node, at(action.element), findings);
    if (values) {
      if (values.length === 0) findings.error("statement.missingAction", "Policy statement must contain actions.", at(action.element), action.node.range);
      values.forEach((v, i) => checkAction(v, listPath(at(action.element), action.node, i), findings));
      statement.action = { element: action.element, values, range: action.node.range };
    }
  }

  const resource = pick(byKey, "Resource", "NotResource", path, findings);
  if (resource) {
    const values = readStringList(resource.node, at(resource.element), findings);
    if (values) {
      if (values.length === 0) findings.error("statement.missingResource", "Policy statement must contain resources.", at(resource.element), resource.node.range);
      values.forEach((v, i) => checkResource(v, listPath(at(resource.element), resource.node, i), findings));
      statement.resource = { element: resource.element, values, range: resource.node.range };
    }
  }

  const condition = byKey.get("Condition")?.value;
  if (condition) {
    const entries = readCondition(condition, at("Condition"), findings, variables);
    if (entries) statement.condition = { entries, range: condition.range };
  }
  return statement;
}

function listPath(path: string, node: JsonNode, index: number): string {
  return node.kind === "array" ? childPath(path, index) : path;
}

/** The element of a positive/negative pair (Action/NotAction…); reports when both appear. */
function pick<E extends string>(
  byKey: ReturnType<typeof members>,
  positive: E,
  negative: E,
  path: string,
  findings: FindingList,
): { element: E; node: JsonNode } | undefined {
  const pos = byKey.get(positive);
  const neg = byKey.get(negative);
  if (pos && neg) {
    findings.error(
      "statement.conflictingElements",
      `A statement cannot have both ${positive} and ${negative}.`,
      childPath(path, negative),
      neg.keyRange,
    );
  }
  if (pos) return { element: positive, node: pos.value };
  if (neg) return { element: negative, node: neg.value };
  return undefined;
}

function checkSids(statements: ParsedStatement[], findings: FindingList): void {
  const seen = new Set<string>();
  for (const statement of statements) {
    const sid = statement.sid;
    if (!sid) continue;
    const path = childPath(statement.path, "Sid");
    if (sid.value !== "" && seen.has(sid.value)) {
      findings.error("statement.duplicateSid", "Statement IDs (SID) in a single policy must be unique.", path, sid.range);
    }
    seen.add(sid.value);
    if (!/^[A-Za-z0-9]*$/.test(sid.value)) {
      findings.warning("statement.sidCharacters", "The IAM documentation allows only A-Z, a-z and 0-9 in a Sid.", path, sid.range);
    }
  }
}
