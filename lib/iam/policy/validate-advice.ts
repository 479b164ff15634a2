// Best-practice checks that IAM itself does not enforce: access more open than it looks
// (Allow with NotAction or NotPrincipal, iam:PassRole on every role), redundant statements,
// actions and resources, and condition values and ARNs that will not do what they seem to.

import type { PolicyCatalog } from "./catalog";
import { parseCidr } from "./conditions/ip";
import { lookupOperator } from "./conditions/index";
import { item, member, memberName, type FindingList } from "./findings";
import type { IssueCode } from "./issue-codes";
import { compileActionPattern, compileResourcePattern, type ActionPattern } from "./match";
import { ContextView } from "./context";
import { statementPath, valuePath } from "./parse";
import type { Located, ParsedConditionEntry, ParsedPolicy, ParsedStatement, PathElement } from "./types";
import type { Grammar } from "./validate";
import { expandAction } from "./validate-catalog";

export function adviseStatements(policy: ParsedPolicy, grammar: Grammar, findings: FindingList, catalog: PolicyCatalog | undefined): void {
  const variables = policy.version?.value === "2012-10-17";
  for (const s of policy.statements) {
    checkNegations(s, grammar, findings);
    if (grammar !== "trust") for (const rule of SENSITIVE_ACTIONS) checkSensitiveAction(s, rule, findings);
    checkActionShapes(s, findings);
    checkResourceShapes(s, variables, findings);
    checkPrincipalValues(s, findings);
    checkConditions(s, variables, findings);
    checkRedundantActions(s, catalog, findings);
    checkRedundantResources(s, findings);
  }
  checkRedundantStatements(policy.statements, findings);
}

const actionPatterns = new Map<string, ActionPattern>();

/** Action values compile to the same pattern every time; keep the recent ones. */
function actionPattern(value: string): ActionPattern {
  let pattern = actionPatterns.get(value);
  if (!pattern) {
    if (actionPatterns.size >= 4096) actionPatterns.clear();
    pattern = compileActionPattern(value);
    actionPatterns.set(value, pattern);
  }
  return pattern;
}

function isWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}

// ---- Allow with NotAction / NotPrincipal --------------------------------------------------

function checkNegations(s: ParsedStatement, grammar: Grammar, findings: FindingList): void {
  if (s.effect?.value !== "Allow") return;
  const path = statementPath(s);
  if (s.principal?.element === "NotPrincipal" && grammar !== "trust") {
    findings.add("ALLOW_WITH_NOT_PRINCIPAL", "Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.", memberName(path, "NotPrincipal"), s.principal.value.range);
  }
  if (s.action?.element === "NotAction" && grammar !== "trust" && grammar !== "rcp") {
    findings.add(
      "ALLOW_WITH_NOT_ACTION",
      "Using Allow with NotAction allows every action that is not listed, including the actions of services added later. We recommend that you list the allowed actions instead.",
      memberName(path, "NotAction"),
      s.action.range,
    );
  }
}

// ---- iam:PassRole and iam:CreateServiceLinkedRole on every resource -----------------------

interface SensitiveAction {
  action: string;
  /** The resource type an ARN must name to limit the action (`role/…`). */
  resourcePrefix: string;
  /** The condition key that limits it instead. */
  limitingKey: string;
  codes: {
    star: IssueCode;
    starActionStarResource: IssueCode;
    notActionStarResource: IssueCode;
    notResource: IssueCode;
    starActionNotResource: IssueCode;
    notActionNotResource: IssueCode;
  };
}

const SENSITIVE_ACTIONS: SensitiveAction[] = [
  {
    action: "iam:PassRole",
    resourcePrefix: "role/",
    limitingKey: "iam:PassedToService",
    codes: {
      star: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
      starActionStarResource: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
      notActionStarResource: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
      notResource: "PASS_ROLE_WITH_NOT_RESOURCE",
      starActionNotResource: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
      notActionNotResource: "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE",
    },
  },
  {
    action: "iam:CreateServiceLinkedRole",
    resourcePrefix: "role/",
    limitingKey: "iam:AWSServiceName",
    codes: {
      star: "CREATE_SLR_WITH_STAR_IN_RESOURCE",
      starActionStarResource: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
      notActionStarResource: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
      notResource: "CREATE_SLR_WITH_NOT_RESOURCE",
      starActionNotResource: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE",
      notActionNotResource: "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE",
    },
  },
];

const PROBE_ACCOUNT = "999999999999";
const EMPTY_CONTEXT = new ContextView({});

/** Whether a Resource value names every role (`*`, `arn:aws:iam::*:role/*`…). */
function coversAllRoles(resource: string, rule: SensitiveAction): boolean {
  if (resource === "*") return true;
  const pattern = compileResourcePattern(resource.replace(/:\d{12}:/, `:${PROBE_ACCOUNT}:`), { variables: false });
  return pattern.test(`arn:aws:iam::${PROBE_ACCOUNT}:${rule.resourcePrefix}zz9-any-role-name`, EMPTY_CONTEXT).matches;
}

function checkSensitiveAction(s: ParsedStatement, rule: SensitiveAction, findings: FindingList): void {
  const action = s.action;
  const resource = s.resource;
  if (s.effect?.value !== "Allow" || !action || !resource) return;
  if (s.condition?.entries.some((e) => e.key.value.toLowerCase() === rule.limitingKey.toLowerCase())) return;
  const target = rule.action.toLowerCase();
  let viaWildcard = false;
  if (action.element === "Action") {
    const hit = action.values.find((v) => actionPattern(v.value).test(target));
    if (!hit) return;
    viaWildcard = isWildcard(hit.value);
  } else if (action.values.some((v) => actionPattern(v.value).test(target))) {
    return; // NotAction that excludes it
  }
  const notAction = action.element === "NotAction";
  const path = statementPath(s);
  const star = " can be overly permissive because it allows " + rule.action + " permissions on multiple resources.";
  const fix = ` We recommend that you specify resource ARNs or add the ${rule.limitingKey} condition key to your statement.`;
  if (resource.element === "NotResource") {
    const code = notAction ? rule.codes.notActionNotResource : viaWildcard ? rule.codes.starActionNotResource : rule.codes.notResource;
    const what = notAction ? "Using NotAction with NotResource" : viaWildcard ? "Using an action with a wildcard (*) and NotResource" : `Using the ${rule.action} action with NotResource`;
    findings.add(code, what + star + fix, memberName(path, "NotResource"), resource.range);
    return;
  }
  const broad = resource.values.findIndex((v) => coversAllRoles(v.value, rule));
  if (broad < 0) return;
  const value = resource.values[broad];
  const code = notAction ? rule.codes.notActionStarResource : viaWildcard ? rule.codes.starActionStarResource : rule.codes.star;
  const what = notAction
    ? "Using a resource with wildcards (*) and NotAction"
    : viaWildcard
      ? "Using wildcards (*) in the action and the resource"
      : `Using the ${rule.action} action with wildcards (*) in the resource`;
  findings.add(code, what + star + fix, valuePath(s, "Resource", resource.range, value, broad), value.range);
}

// ---- Shapes of actions, resources, principals ---------------------------------------------

const VARIABLE_IN_ELEMENT = "Policy variables are supported in the Resource and Condition elements. Remove the policy variable from this element.";

function checkActionShapes(s: ParsedStatement, findings: FindingList): void {
  const action = s.action;
  if (!action) return;
  action.values.forEach((value, i) => {
    const at = () => valuePath(s, action.element, action.range, value, i);
    const colon = value.value.indexOf(":");
    if (value.value.includes("${")) findings.add("VARIABLE_UNSUPPORTED_IN_ELEMENT", VARIABLE_IN_ELEMENT, at(), value.range);
    else if (colon > 0 && isWildcard(value.value.slice(0, colon))) {
      findings.add("WILDCARD_IN_SERVICE_NAME", "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.", at(), value.range);
    }
  });
}

const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]);

function checkResourceShapes(s: ParsedStatement, variables: boolean, findings: FindingList): void {
  const resource = s.resource;
  if (!resource) return;
  resource.values.forEach((value, i) => {
    const v = value.value;
    const at = () => valuePath(s, resource.element, resource.range, value, i);
    if (v.includes("${") && !variables) {
      findings.add("VARIABLE_UNSUPPORTED_IN_VERSION", 'To include variables in your policy, use "Version": "2012-10-17"; otherwise ${…} is plain text.', at(), value.range);
    }
    const fields = v.split(":");
    if (fields[0] !== "arn" || fields.length < 6) return;
    const [, partition, service, , account] = fields;
    const plain = (text: string) => !isWildcard(text) && !text.includes("${");
    if (plain(partition) && !PARTITIONS.has(partition)) {
      findings.add("INVALID_PARTITION", `The resource ARN partition ${partition} is not valid. Use one of the following values: ${[...PARTITIONS].join(", ")}.`, at(), value.range);
    }
    if (isWildcard(service)) {
      findings.add("WILDCARD_IN_SERVICE_NAME", "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.", at(), value.range);
    } else if (service !== service.toLowerCase()) {
      findings.add("INVALID_ARN_SERVICE_CASE", `Update the service name ${service} in the resource ARN to use all lowercase letters.`, at(), value.range);
    }
    if (plain(account) && account !== "" && account !== "aws" && !/^\d{12}$/.test(account)) {
      findings.add("INVALID_ARN_ACCOUNT", `The resource ARN account ID ${account} is not valid. Provide a 12-digit account ID.`, at(), value.range);
    }
  });
}

function checkPrincipalValues(s: ParsedStatement, findings: FindingList): void {
  const principal = s.principal;
  if (principal?.value.kind !== "map") return;
  const path = member(statementPath(s), principal.element);
  for (const entry of principal.value.entries) {
    entry.values.forEach((value, i) => {
      const at = () => (entry.range.start.column === value.range.start.column && entry.range.start.line === value.range.start.line ? member(path, entry.type) : item(member(path, entry.type), i));
      if (value.value.includes("${")) findings.add("VARIABLE_UNSUPPORTED_IN_ELEMENT", VARIABLE_IN_ELEMENT, at(), value.range);
      if (entry.type !== "AWS") return;
      if (/^AROA[A-Z0-9]+$/.test(value.value)) {
        findings.add("INVALID_ROLE_REFERENCE", `The Principal element includes the IAM role ID ${value.value}. We recommend that you use a role ARN instead.`, at(), value.range);
      } else if (/^AIDA[A-Z0-9]+$/.test(value.value)) {
        findings.add("INVALID_USER_REFERENCE", `The Principal element includes the IAM user ID ${value.value}. We recommend that you use a user ARN instead.`, at(), value.range);
      }
    });
  }
}

// ---- Conditions ---------------------------------------------------------------------------

const TAG_KEYS = /^(?:aws:(?:request|resource|principal)tag|iam:resourcetag)\/?$/i;

function checkConditions(s: ParsedStatement, variables: boolean, findings: FindingList): void {
  const entries = s.condition?.entries ?? [];
  const conditionPath = member(statementPath(s), "Condition");
  const seen = new Map<string, ParsedConditionEntry>();
  for (const entry of entries) {
    const operatorPath = member(conditionPath, entry.operator.value);
    const keyPath = member(operatorPath, entry.key.value);
    const sameBlock = `${entry.operator.value}\u0000${entry.key.value.toLowerCase()}`;
    const twin = seen.get(sameBlock);
    if (twin && twin.key.value !== entry.key.value) {
      findings.add(
        "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
        `The condition key ${entry.key.value} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.`,
        memberName(operatorPath, entry.key.value),
        entry.key.range,
        { also: [{ path: memberName(operatorPath, twin.key.value), range: twin.key.range }] },
      );
    }
    seen.set(sameBlock, entry);
    if (TAG_KEYS.test(entry.key.value)) {
      findings.add(
        "MISSING_TAG_KEY_IN_CONDITION",
        `The condition key ${entry.key.value} must include a tag key to control access based on tags. Use the format ${entry.key.value.replace(/\/$/, "")}/tag-key.`,
        memberName(operatorPath, entry.key.value),
        entry.key.range,
      );
    }
    const spec = lookupOperator(entry.operator.value);
    if (!spec) continue;
    const valueAt = (i: number) => (entry.values.length === 1 && entry.range.end.column === entry.values[0].range.end.column && entry.range.end.line === entry.values[0].range.end.line ? keyPath : item(keyPath, i));
    if (spec.family === "Bool" && new Set(entry.values.map((v) => v.value.toLowerCase())).size > 1) {
      findings.add("INVALID_CONDITION_MULTIPLE_BOOLEAN", `The condition key ${entry.key.value} does not support multiple Boolean values. Use a single Boolean value.`, keyPath, entry.range);
    }
    entry.values.forEach((value, i) => {
      if (value.value.includes("${") && !variables && (spec.family === "String" || spec.family === "Arn")) {
        findings.add("VARIABLE_UNSUPPORTED_IN_VERSION", 'To include variables in your policy, use "Version": "2012-10-17"; otherwise ${…} is plain text.', valueAt(i), value.range);
      }
      if (spec.family === "String" && !spec.operator.name.includes("Like") && /[*?]/.test(stripVariables(value.value))) {
        findings.add(
          "WILDCARD_WITHOUT_LIKE_OPERATOR",
          `The value ${JSON.stringify(value.value)} includes a * or ? character, which ${entry.operator.value} compares literally. If you meant a wildcard, use a Like operator such as StringLike.`,
          valueAt(i),
          value.range,
        );
      }
      if (spec.family === "IpAddress") checkIpRange(value, valueAt(i), findings);
    });
  }
}

function stripVariables(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, "");
}

function checkIpRange(value: Located<string>, at: PathElement[], findings: FindingList): void {
  const block = parseCidr(value.value);
  if (!block || block.prefix === (block.v6 ? 128 : 32)) return;
  const width = BigInt(block.v6 ? 128 : 32);
  const hostBits = (BigInt(1) << (width - BigInt(block.prefix))) - BigInt(1);
  if ((block.bits & hostBits) === BigInt(0)) return;
  const network = block.bits & ~hostBits;
  findings.add(
    "IMPROVE_IP_RANGE",
    `The non-zero bits in the IP address after the masked bits are ignored. Replace ${value.value} with ${formatAddress(network, block.v6)}/${block.prefix}.`,
    at,
    value.range,
  );
}

function formatAddress(bits: bigint, v6: boolean): string {
  if (!v6) return [24, 16, 8, 0].map((shift) => Number((bits >> BigInt(shift)) & BigInt(255))).join(".");
  const groups: string[] = [];
  for (let shift = 112; shift >= 0; shift -= 16) groups.push(Number((bits >> BigInt(shift)) & BigInt(0xffff)).toString(16));
  return groups.join(":");
}

// ---- Redundancy ---------------------------------------------------------------------------

/** Action values wholly covered by another value of the same element. */
function checkRedundantActions(s: ParsedStatement, catalog: PolicyCatalog | undefined, findings: FindingList): void {
  const action = s.action;
  if (!action || action.values.length < 2) return;
  const values = action.values;
  // With a catalog, what each value stands for; without one (or when unknowable), its text.
  const sets = values.map((v) => {
    const expansion = catalog ? expandAction(catalog, v.value) : null;
    return expansion && expansion.actions.length > 0 ? new Set(expansion.actions.map((a) => `${a.service}:${a.name.toLowerCase()}`)) : undefined;
  });
  const patterns = values.map((v) => actionPattern(v.value));
  values.forEach((value, i) => {
    const mine = value.value.toLowerCase();
    const coveredBy = values.findIndex((other, j) => {
      if (j === i) return false;
      const theirs = other.value.toLowerCase();
      if (theirs === mine) return j < i;
      const a = sets[i];
      const b = sets[j];
      if (a && b) {
        if (a.size > b.size || ![...a].every((x) => b.has(x))) return false;
        return a.size < b.size || j < i;
      }
      // Text only: a value without wildcards is covered by a pattern that matches it.
      return !isWildcard(mine) && patterns[j].test(mine);
    });
    if (coveredBy < 0) return;
    findings.add(
      "REDUNDANT_ACTION",
      `The action ${value.value} is redundant because ${values[coveredBy].value} provides the same permissions. Update the policy to remove the redundant action.`,
      valuePath(s, action.element, action.range, value, i),
      value.range,
    );
  });
}

/** Resource values without wildcards or variables that another value of the element already matches. */
function checkRedundantResources(s: ParsedStatement, findings: FindingList): void {
  const resource = s.resource;
  if (!resource || resource.values.length < 2) return;
  const values = resource.values;
  const patterns = values.map((v) => (v.value.includes("${") ? undefined : compileResourcePattern(v.value, { variables: false })));
  values.forEach((value, i) => {
    const v = value.value;
    const coveredBy = values.findIndex((other, j) => {
      if (j === i) return false;
      if (other.value === v) return j < i;
      const pattern = patterns[j];
      return pattern !== undefined && !isWildcard(v) && !v.includes("${") && pattern.test(v, EMPTY_CONTEXT).matches;
    });
    if (coveredBy < 0) return;
    findings.add(
      "REDUNDANT_RESOURCE",
      `The resource ARN ${v} is redundant because ${values[coveredBy].value} references the same resource. Review the use of wildcards (*).`,
      valuePath(s, resource.element, resource.range, value, i),
      value.range,
    );
  });
}

/** Statements that say exactly what an earlier one says (Sid aside). */
function checkRedundantStatements(statements: readonly ParsedStatement[], findings: FindingList): void {
  const seen = new Map<string, ParsedStatement>();
  for (const s of statements) {
    if (!s.effect || !s.action) continue;
    const key = canonical(s);
    const earlier = seen.get(key);
    if (earlier) {
      findings.add(
        "REDUNDANT_STATEMENT",
        `This statement is redundant because it provides identical permissions to ${earlier.path}. Update the policy to remove the redundant statement.`,
        statementPath(s),
        s.range,
        { also: [{ path: statementPath(earlier), range: earlier.range }] },
      );
    } else seen.set(key, s);
  }
}

function canonical(s: ParsedStatement): string {
  const sorted = (values: readonly Located<string>[], fold = false) => [...new Set(values.map((v) => (fold ? v.value.toLowerCase() : v.value)))].sort();
  const principal =
    s.principal &&
    (s.principal.value.kind === "wildcard"
      ? [s.principal.element, "*"]
      : [s.principal.element, ...s.principal.value.entries.map((e) => [e.type, sorted(e.values)]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))]);
  const condition = (s.condition?.entries ?? []).map((e) => [e.operator.value, e.key.value.toLowerCase(), sorted(e.values)]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return JSON.stringify([
    s.effect?.value,
    s.action?.element,
    s.action && sorted(s.action.values, true),
    s.resource?.element,
    s.resource && sorted(s.resource.values),
    principal,
    condition,
  ]);
}
