// parsePolicy: text → ParsedPolicy with a source range for every element, plus every finding
// (bad JSON, unknown or misspelt elements, wrong types, bad Effect, conflicting elements,
// malformed actions, resources, principals and condition values). It never throws.

import { item, member, memberName, members, SYNTAX_ERRORS, FindingList } from "./findings";
import { parseJson, type JsonNode, type JsonObject } from "./json";
import { checkAction, checkResource, readCondition, readPrincipal, readStringList } from "./parse-elements";
import type { Effect, Finding, Located, ParsedPolicy, ParsedStatement, PathElement, PolicyVersion, SourceRange } from "./types";

export interface ParseResult {
  /** Absent only when the text is not JSON or not a JSON object. */
  policy?: ParsedPolicy;
  findings: Finding[];
}

const POLICY_KEYS = ["Version", "Id", "Statement"] as const;
const STATEMENT_KEYS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"] as const;
const VERSIONS: readonly string[] = ["2012-10-17", "2008-10-17"];
const STATEMENT: PathElement[] = [{ value: "Statement" }];

/** The Access Analyzer path of a statement: `Statement`, or `Statement` then its index. */
export function statementPath(statement: ParsedStatement): PathElement[] {
  return statement.path === "Statement" ? STATEMENT : item(STATEMENT, statement.index);
}

/** The last document read: validating a document and then compiling it read it once. */
let last: { text: string; result: ParseResult } | undefined;

export function parsePolicy(text: string): ParseResult {
  if (last?.text !== text) last = { text, result: readPolicy(text) };
  // The parsed policy is shared (nothing changes it); the list of findings is the caller's own.
  const { policy, findings } = last.result;
  return policy ? { policy, findings: [...findings] } : { findings: [...findings] };
}

function readPolicy(text: string): ParseResult {
  const json = parseJson(text);
  const findings = new FindingList(text);
  if (!json.ok) {
    const { start } = findings.span(json.error.range);
    const details = `Fix the JSON syntax error at index ${start.offset} line ${start.line} column ${start.column}: ${json.error.message}.`;
    findings.add("JSON_SYNTAX_ERROR", details, [], json.error.range, { malformed: SYNTAX_ERRORS });
    return { findings: findings.items };
  }
  const root = json.value;
  if (root.kind !== "object") {
    findings.wrongType([], root, "a JSON object");
    return { findings: findings.items };
  }
  const byKey = members(root, [], findings, POLICY_KEYS);

  let version: Located<PolicyVersion> | undefined;
  const versionNode = byKey.get("Version")?.value;
  if (versionNode) {
    if (versionNode.kind === "string" && VERSIONS.includes(versionNode.value)) {
      version = { value: versionNode.value as PolicyVersion, range: versionNode.range };
    } else {
      const shown = versionNode.kind === "string" ? JSON.stringify(versionNode.value) : "a non-string value";
      findings.add("INVALID_VERSION", `The version ${shown} is not valid. Use one of the following versions: 2012-10-17, 2008-10-17.`, member([], "Version"), versionNode.range, {
        malformed: SYNTAX_ERRORS,
      });
    }
  }

  let id: Located<string> | undefined;
  const idNode = byKey.get("Id")?.value;
  if (idNode) {
    if (idNode.kind === "string") id = { value: idNode.value, range: idNode.range };
    else findings.wrongType(member([], "Id"), idNode, "a string");
  }

  const statements: ParsedStatement[] = [];
  const statementNode = byKey.get("Statement")?.value;
  const variables = version?.value === "2012-10-17";
  if (!statementNode) {
    findings.add("MISSING_STATEMENT", "Add a statement to the policy.", [], root.range, { malformed: SYNTAX_ERRORS });
  } else if (statementNode.kind === "object") {
    statements.push(parseStatement(statementNode, 0, STATEMENT, "Statement", findings, variables));
  } else if (statementNode.kind === "array") {
    if (statementNode.items.length === 0) findings.add("MISSING_STATEMENT", "The Statement array is empty. Add a statement to the policy.", STATEMENT, statementNode.range);
    statementNode.items.forEach((entry, index) => {
      const path = item(STATEMENT, index);
      if (entry.kind === "object") statements.push(parseStatement(entry, index, path, `Statement[${index}]`, findings, variables));
      else findings.wrongType(path, entry, "an object");
    });
  } else {
    findings.wrongType(STATEMENT, statementNode, "an object or an array of objects");
  }

  checkSids(statements, findings);
  return { policy: { version, id, statements, range: root.range }, findings: findings.items };
}

function parseStatement(node: JsonObject, index: number, path: PathElement[], name: string, findings: FindingList, variables: boolean): ParsedStatement {
  const byKey = members(node, path, findings, STATEMENT_KEYS);
  const statement: ParsedStatement = { index, path: name, range: node.range };
  const at = (key: string) => member(path, key);

  const sid = byKey.get("Sid")?.value;
  if (sid) {
    if (sid.kind === "string") statement.sid = { value: sid.value, range: sid.range };
    else findings.wrongType(at("Sid"), sid, "a string");
  }

  const effect = byKey.get("Effect")?.value;
  if (!effect) {
    findings.add("MISSING_EFFECT", "Add an Effect element to the policy statement with a value of Allow or Deny.", path, node.range, { malformed: SYNTAX_ERRORS });
  } else if (effect.kind === "string" && (effect.value === "Allow" || effect.value === "Deny")) {
    statement.effect = { value: effect.value as Effect, range: effect.range };
  } else {
    const shown = effect.kind === "string" ? JSON.stringify(effect.value) : "a non-string value";
    findings.add("INVALID_EFFECT", `The effect ${shown} is not valid. Use Allow or Deny (case-sensitive).`, at("Effect"), effect.range, { malformed: SYNTAX_ERRORS });
  }

  const principal = pick(byKey, "Principal", "NotPrincipal", path, findings);
  if (principal) {
    const value = readPrincipal(principal.node, at(principal.element), findings);
    if (value) statement.principal = { element: principal.element, value };
  }

  const action = pick(byKey, "Action", "NotAction", path, findings);
  const noActions = "Policy statement must contain actions.";
  if (!action) {
    findings.add("MISSING_ACTION", "Add an Action or NotAction element to the policy statement.", path, node.range, { malformed: noActions });
  } else {
    const values = readStringList(action.node, at(action.element), findings);
    if (values) {
      if (values.length === 0) {
        findings.add("EMPTY_ARRAY_ACTION", "This statement includes no actions and does not affect the policy. Specify actions.", at(action.element), action.node.range, {
          malformed: noActions,
        });
      }
      values.forEach((v, i) => checkAction(v, listPath(at(action.element), action.node, i), findings));
      statement.action = { element: action.element, values, range: action.node.range };
    }
  }

  const resource = pick(byKey, "Resource", "NotResource", path, findings);
  if (resource) {
    const values = readStringList(resource.node, at(resource.element), findings);
    if (values) {
      if (values.length === 0) {
        findings.add("EMPTY_ARRAY_RESOURCE", "This statement includes no resources and does not affect the policy. Specify resources.", at(resource.element), resource.node.range, {
          malformed: "Policy statement must contain resources.",
        });
      }
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

/** The path of value `index` of an element written as a string or as an array of strings. */
export function valuePath(statement: ParsedStatement, element: string, elementRange: SourceRange, value: Located<string>, index: number): PathElement[] {
  const at = member(statementPath(statement), element);
  const { start } = elementRange;
  return start.line === value.range.start.line && start.column === value.range.start.column ? at : item(at, index);
}

/** The path of the i-th value of a string-or-array element. */
function listPath(path: PathElement[], node: { kind: string }, index: number): PathElement[] {
  return node.kind === "array" ? item(path, index) : path;
}

/** The element of a positive/negative pair (Action/NotAction…); reports when both appear. */
function pick<E extends string>(
  byKey: ReturnType<typeof members>,
  positive: E,
  negative: E,
  path: PathElement[],
  findings: FindingList,
): { element: E; node: JsonNode } | undefined {
  const pos = byKey.get(positive);
  const neg = byKey.get(negative);
  if (pos && neg) {
    findings.add(
      "UNSUPPORTED_ELEMENT_COMBINATION",
      `The policy elements ${positive} and ${negative} can not be used in the same statement. Remove one of these elements.`,
      memberName(path, negative),
      neg.keyRange,
      { malformed: SYNTAX_ERRORS },
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
    const path = member(statementPath(statement), "Sid");
    if (sid.value === "") {
      findings.add("EMPTY_SID_VALUE", "Add a value to the empty string in the Sid element.", path, sid.range);
      continue;
    }
    if (seen.has(sid.value)) {
      findings.add("UNIQUE_SIDS_REQUIRED", `The Sid ${JSON.stringify(sid.value)} is used by another statement. Statement IDs must be unique in a policy.`, path, sid.range, {
        malformed: "Statement IDs (SID) in a single policy must be unique.",
      });
    }
    seen.add(sid.value);
    if (!/^[A-Za-z0-9]*$/.test(sid.value)) {
      findings.add("UNSUPPORTED_SID", "Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9].", path, sid.range);
    }
  }
}
