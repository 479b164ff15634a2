// The checks that need to know AWS's services: actions that do not exist (or wildcards that
// match none), condition keys that do not exist or are compared with the wrong operator type,
// resource ARNs that fit no resource type of their service, and resources the statement's
// actions cannot apply to. Everything derived from a catalog (compiled ARN formats, expanded
// action patterns) is kept per catalog, since a catalog never changes.

import type { CatalogAction, CatalogService, ConditionKeyType, PolicyCatalog } from "./catalog";
import { lookupOperator, type OperatorFamily, type OperatorSpec } from "./conditions/index";
import { member, memberName, type FindingList } from "./findings";
import { compileGlob, wildcardTokens } from "./glob";
import { statementPath, valuePath } from "./parse";
import { arnShape, arnsOverlap, flattenFormat, flattenPattern, type ArnShape } from "./pattern-overlap";
import type { Located, ParsedConditionEntry, ParsedPolicy, ParsedStatement } from "./types";

interface FormatEntry {
  /** `owner/type`: the service whose resource type it is, and the type's name. */
  id: string;
  shape: ArnShape;
}

interface Derived {
  /** By the ARN format's service field. */
  formats?: Map<string, FormatEntry[]>;
  expansions: Map<string, Expansion | null>;
  /** The resource types a Resource value can name (an editor validates the same values keystroke after keystroke). */
  resources: Map<string, FormatEntry[]>;
  /** "Did you mean" for unknown action names, by service and name. */
  suggestions: Map<string, string | undefined>;
}

/** What an action pattern stands for: the service and its matching actions. */
export interface Expansion {
  service: CatalogService;
  actions: CatalogAction[];
}

const derivedByCatalog = new WeakMap<PolicyCatalog, Derived>();
const MAX_EXPANSIONS = 10_000;

function derived(catalog: PolicyCatalog): Derived {
  let d = derivedByCatalog.get(catalog);
  if (!d) derivedByCatalog.set(catalog, (d = { expansions: new Map(), resources: new Map(), suggestions: new Map() }));
  return d;
}

function formatIndex(catalog: PolicyCatalog): Map<string, FormatEntry[]> {
  const d = derived(catalog);
  if (d.formats) return d.formats;
  const formats = new Map<string, FormatEntry[]>();
  for (const prefix of catalog.prefixes) {
    const service = catalog.service(prefix);
    if (!service) continue;
    for (const type of service.resourceTypes.values()) {
      const shape = arnShape(type.arnFormat, flattenFormat);
      if (!shape?.fields) continue;
      const field = shape.raw[2];
      // A format whose service field is a variable (AWS Backup's recovery points) fits any ARN: it tells nothing.
      if (field.includes("${") || field.includes("*")) continue;
      let list = formats.get(field);
      if (!list) formats.set(field, (list = []));
      list.push({ id: `${prefix}/${type.name.toLowerCase()}`, shape });
    }
  }
  return (d.formats = formats);
}

const WILDCARD = /[*?]/;
/** Longer values are no action or ARN AWS has (an ARN has at most 2,048 characters); they are not looked up. */
const MAX_VALUE_LENGTH = 2048;

/**
 * The actions an Action value stands for, or null when that cannot be known here (`*`, a
 * wildcard in the service prefix, a malformed or unknown-service action).
 */
export function expandAction(catalog: PolicyCatalog, pattern: string): Expansion | null {
  const { expansions } = derived(catalog);
  const lower = pattern.toLowerCase();
  const cached = expansions.get(lower);
  if (cached !== undefined) return cached;
  const result = computeExpansion(catalog, lower);
  if (expansions.size >= MAX_EXPANSIONS) expansions.clear();
  expansions.set(lower, result);
  return result;
}

function computeExpansion(catalog: PolicyCatalog, lower: string): Expansion | null {
  if (lower.length > MAX_VALUE_LENGTH) return null;
  const parts = lower.split(":");
  if (parts.length !== 2 || WILDCARD.test(parts[0])) return null;
  const service = catalog.service(parts[0]);
  if (!service) return null;
  const name = parts[1];
  if (!WILDCARD.test(name)) {
    const action = service.actions.get(name);
    return { service, actions: action ? [action] : [] };
  }
  const glob = compileGlob(wildcardTokens(name), true);
  const actions: CatalogAction[] = [];
  for (const [key, action] of service.actions) if (glob.test(key)) actions.push(action);
  return { service, actions };
}

export function checkAgainstCatalog(policy: ParsedPolicy, catalog: PolicyCatalog, findings: FindingList): void {
  const variables = policy.version?.value === "2012-10-17";
  for (const statement of policy.statements) {
    const expansions = checkActions(statement, catalog, findings);
    for (const entry of statement.condition?.entries ?? []) checkConditionKey(statement, entry, catalog, findings);
    const matched = checkResources(statement, catalog, variables, findings);
    checkApplicability(statement, expansions, matched, findings);
  }
}

// ---- Actions ------------------------------------------------------------------------------

function checkActions(s: ParsedStatement, catalog: PolicyCatalog, findings: FindingList): (Expansion | null)[] {
  const action = s.action;
  if (!action) return [];
  return action.values.map((value, i) => {
    const v = value.value;
    const parts = v.split(":");
    if (v === "*" || v.length > MAX_VALUE_LENGTH || parts.length !== 2 || parts[0] === "" || WILDCARD.test(parts[0])) return null;
    const at = valuePath(s, action.element, action.range, value, i);
    const expansion = expandAction(catalog, v);
    if (!expansion) {
      const hint = closest(parts[0].toLowerCase(), catalog.prefixes);
      findings.add("INVALID_SERVICE_IN_ACTION", `The service ${parts[0]} specified in the action ${v} does not exist.${didYouMean(hint)}`, at, value.range);
    } else if (expansion.actions.length === 0) {
      if (WILDCARD.test(parts[1])) {
        findings.add("INVALID_ACTION", `The action ${v} matches no action of the service ${expansion.service.prefix}.`, at, value.range);
      } else {
        const hint = suggestAction(catalog, expansion.service, parts[1]);
        findings.add("INVALID_ACTION", `The action ${v} does not exist.${didYouMean(hint && `${expansion.service.prefix}:${hint}`)}`, at, value.range);
      }
    }
    return expansion;
  });
}

// ---- Condition keys -----------------------------------------------------------------------

/** Operator families a key type may be compared with (an ARN is also a string). */
const FAMILIES_FOR_TYPE: Record<string, readonly OperatorFamily[]> = {
  // Many String keys hold ARNs (kms:EncryptionContext:…-arn), and AWS's own policies compare them with ArnLike.
  String: ["String", "Arn"],
  ARN: ["Arn", "String"],
  Numeric: ["Numeric"],
  Date: ["Date"],
  Bool: ["Bool"],
  IPAddress: ["IpAddress"],
  Binary: ["Binary"],
};

/** Date keys that are also numbers (seconds since the epoch). */
const NUMERIC_DATES = new Set(["aws:epochtime"]);

function checkConditionKey(s: ParsedStatement, entry: ParsedConditionEntry, catalog: PolicyCatalog, findings: FindingList): void {
  const key = entry.key.value;
  const colon = key.indexOf(":");
  if (colon <= 0) return;
  const prefix = key.slice(0, colon);
  const at = memberName(member(member(statementPath(s), "Condition"), entry.operator.value), key);
  const definition = catalog.conditionKey(key);
  if (!definition) {
    // Web identity providers' keys take the provider's host name as prefix (`oidc.eks.….amazonaws.com/id/…:sub`):
    // an open-ended set, of which the reference lists only some.
    if (/[./]/.test(prefix)) return;
    if (prefix.toLowerCase() === "aws") {
      const hint = closest(key, catalog.globalConditionKeys.map((k) => k.key), true);
      findings.add("INVALID_GLOBAL_CONDITION_KEY", `The condition key ${key} does not exist. Use a valid condition key.${didYouMean(hint)}`, at, entry.key.range);
    } else if (!catalog.hasConditionKeyPrefix(prefix) && !catalog.service(prefix)) {
      findings.add("INVALID_SERVICE", `The service ${prefix} in the condition key ${key} does not exist. Use a valid service name.`, at, entry.key.range);
    } else {
      findings.add("INVALID_SERVICE_CONDITION_KEY", `The condition key ${key} does not exist in the service ${prefix}. Use a valid condition key.`, at, entry.key.range);
    }
    return;
  }
  const spec = lookupOperator(entry.operator.value);
  if (!spec || spec.isNull) return;
  checkKeyType(key, definition.type, spec, at, entry, findings);
}

function checkKeyType(key: string, type: ConditionKeyType, spec: OperatorSpec, at: ReturnType<typeof memberName>, entry: ParsedConditionEntry, findings: FindingList): void {
  const multivalued = type.startsWith("ArrayOf");
  const base = multivalued ? type.slice("ArrayOf".length) : type;
  const allowed = FAMILIES_FOR_TYPE[base] ?? [];
  const numericDate = spec.family === "Numeric" && NUMERIC_DATES.has(key.toLowerCase());
  if (allowed.length > 0 && !allowed.includes(spec.family) && !numericDate) {
    findings.add(
      "TYPE_MISMATCH",
      `Use the operator type ${allowed[0]} instead of operator ${entry.operator.value} for the condition key ${key}, which is of type ${type}.`,
      at,
      entry.key.range,
    );
  }
  if (multivalued && !spec.set) {
    findings.add(
      "MISSING_QUALIFIER",
      `The request context key ${key} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.`,
      at,
      entry.key.range,
    );
  } else if (!multivalued && spec.set === "ForAllValues") {
    findings.add(
      "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
      `Using ForAllValues qualifier with the single-valued condition key ${key} can be overly permissive (it also holds when the key is absent). We recommend that you remove ForAllValues:.`,
      at,
      entry.key.range,
    );
  }
}

// ---- Resources ----------------------------------------------------------------------------

/** For each Resource value, the resource types it can name (undefined: not knowable here). */
type Matches = (FormatEntry[] | undefined)[];

function checkResources(s: ParsedStatement, catalog: PolicyCatalog, variables: boolean, findings: FindingList): Matches {
  const resource = s.resource;
  if (!resource) return [];
  return resource.values.map((value, i) => {
    const shape = value.value === "*" || value.value.length > MAX_VALUE_LENGTH ? undefined : arnShape(value.value, (part) => flattenPattern(part, variables));
    if (!shape?.fields) return undefined;
    const service = shape.raw[2];
    if (service === "" || /[*?${}A-Z]/.test(service)) return undefined;
    const index = formatIndex(catalog);
    const own = index.get(service);
    if (!own) return undefined;
    const matched = resourceTypesOf(catalog, value.value, variables, shape, own);
    if (matched.length === 0) reportArnMismatch(shape, own, valuePath(s, resource.element, resource.range, value, i), value, findings);
    return matched;
  });
}

function resourceTypesOf(catalog: PolicyCatalog, value: string, variables: boolean, shape: ArnShape, own: FormatEntry[]): FormatEntry[] {
  const { resources } = derived(catalog);
  const key = `${variables ? "v" : "-"}${value}`;
  let matched = resources.get(key);
  if (!matched) {
    matched = [];
    for (const f of own) if (arnsOverlap(shape, f.shape)) matched.push(f);
    if (resources.size >= MAX_EXPANSIONS) resources.clear();
    resources.set(key, matched);
  }
  return matched;
}

function reportArnMismatch(shape: ArnShape, formats: FormatEntry[], at: ReturnType<typeof valuePath>, value: Located<string>, findings: FindingList): void {
  const [, , service, region, account] = shape.raw;
  const literal = (text: string) => text !== "" && !/[*?]|\$\{/.test(text);
  const fieldOf = (f: FormatEntry, i: number) => f.shape.raw[i];
  if (literal(region) && formats.every((f) => fieldOf(f, 3) === "")) {
    findings.add("ARN_REGION_NOT_ALLOWED", `The service ${service} does not support specifying a Region in the resource ARN. Remove ${region}.`, at, value.range);
  } else if (region === "" && formats.every((f) => fieldOf(f, 3) !== "")) {
    findings.add("MISSING_ARN_REGION", `Add a Region to the resource ARN ${value.value}, or use "*".`, at, value.range);
  } else if (literal(account) && formats.every((f) => fieldOf(f, 4) === "")) {
    findings.add("ARN_ACCOUNT_NOT_ALLOWED", `The service ${service} does not support specifying an account ID in the resource ARN. Remove ${account}.`, at, value.range);
  } else {
    const examples = formats.slice(0, 3).map((f) => f.shape.raw.join(":"));
    findings.add(
      "INVALID_ARN_RESOURCE",
      `Resource ARN ${value.value} does not match the expected ARN format of any ${service} resource type (for example ${examples.join(", ")}). Update the resource portion of the ARN.`,
      at,
      value.range,
    );
  }
}

/**
 * Resources that none of the statement's actions can apply to. Actions that list no resource
 * types apply to "*" in the reference, but some are authorized against real ARNs (iam:ListUsers
 * against a path ARN), so they count as applying to anything.
 */
function checkApplicability(s: ParsedStatement, expansions: (Expansion | null)[], matched: Matches, findings: FindingList): void {
  const action = s.action;
  const resource = s.resource;
  if (action?.element !== "Action" || resource?.element !== "Resource") return;
  if (expansions.length === 0 || expansions.some((e) => e === null)) return;
  const known = expansions as Expansion[];
  const applicable = new Set<string>();
  let appliesToAnything = false;
  for (const expansion of known) {
    for (const a of expansion.actions) {
      if (a.resourceTypes.length === 0) appliesToAnything = true;
      for (const t of a.resourceTypes) applicable.add(`${a.service}/${t.name.toLowerCase()}`);
    }
  }
  if (applicable.size === 0) return;

  if (!appliesToAnything) {
    resource.values.forEach((value, i) => {
      const types = matched[i];
      if (!types || types.length === 0 || types.some((t) => applicable.has(t.id))) return;
      const kinds = [...new Set(types.map((t) => t.id.replace("/", " ")))].join(", ");
      findings.add(
        "RESOURCE_MISMATCH",
        `None of the actions in this statement apply to ${value.value} (resource type ${kinds} in the Service Authorization Reference), so the statement grants or denies nothing there.`,
        valuePath(s, "Resource", resource.range, value, i),
        value.range,
      );
    });
  }
}

// ---- Suggestions --------------------------------------------------------------------------

function suggestAction(catalog: PolicyCatalog, service: CatalogService, name: string): string | undefined {
  const { suggestions } = derived(catalog);
  const key = `${service.prefix}:${name.toLowerCase()}`;
  if (suggestions.has(key)) return suggestions.get(key);
  const hint = closest(name, [...service.actions.values()].map((a) => a.name), true);
  if (suggestions.size >= MAX_EXPANSIONS) suggestions.clear();
  suggestions.set(key, hint);
  return hint;
}

function didYouMean(hint: string | undefined): string {
  return hint ? ` Did you mean ${hint}?` : "";
}

/** The candidate nearest to `word` by edit distance, when it is near enough to be a typo. */
function closest(word: string, candidates: readonly string[], ignoreCase = false): string | undefined {
  const target = ignoreCase ? word.toLowerCase() : word;
  const limit = Math.max(2, Math.floor(target.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const c = ignoreCase ? candidate.toLowerCase() : candidate;
    if (Math.abs(c.length - target.length) >= bestDistance) continue;
    const d = editDistance(target, c, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return prev[b.length];
}
