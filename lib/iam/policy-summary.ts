import { compileActionPattern, parsePolicy, type ActionPattern, type ParsedStatement, type PolicyCatalog } from "@/lib/iam/policy";
import type { AccessLevel } from "@/lib/iam/policy/catalog";

// The console's policy summary: one row per service that a document allows (and one per
// service it denies), with the access levels granted (Full or Limited), the resources and
// the request conditions. Pure: the action catalog (lib/iam/policy/catalog.ts) comes in as an
// argument, so the browser can compute it too.

export type { AccessLevel };
export const ACCESS_LEVELS: readonly AccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];

/** What the summary reads from a catalog: services, their names, each action's access level. */
export interface SummaryCatalog {
  /** Service prefixes, e.g. "s3", "iam". */
  services(): readonly string[];
  /** "Amazon S3" for "s3"; undefined for an unknown service. */
  serviceName(service: string): string | undefined;
  /** The service's actions (names without the prefix); undefined for an unknown service. */
  actions(service: string): readonly { name: string; accessLevel: AccessLevel }[] | undefined;
}

/** A PolicyCatalog (lib/iam/policy/catalog.ts) serves as it is. */
type Catalog = SummaryCatalog | Pick<PolicyCatalog, "prefixes" | "service">;

function view(catalog: Catalog): SummaryCatalog {
  if ("services" in catalog) return catalog;
  const lists = new Map<string, readonly { name: string; accessLevel: AccessLevel }[] | undefined>();
  return {
    services: () => catalog.prefixes,
    serviceName: (service) => catalog.service(service)?.name,
    actions: (service) => {
      if (!lists.has(service)) {
        const found = catalog.service(service);
        lists.set(service, found ? [...found.actions.values()] : undefined);
      }
      return lists.get(service);
    },
  };
}

export interface AccessLevelGrant {
  level: AccessLevel;
  scope: "Full" | "Limited";
  /** The actions of this level the statements grant (or deny), in catalog order. */
  actions: string[];
  /** How many actions of this level the service has. */
  total: number;
}

export interface SummaryCondition {
  key: string;
  operator: string;
  values: string[];
}

export interface PolicySummaryRow {
  effect: "Allow" | "Deny";
  service: string;
  serviceName: string;
  /** "Full access", or e.g. "Full: List Limited: Read, Write", as the console prints it. */
  accessLevel: string;
  levels: AccessLevelGrant[];
  /** "All resources", one ARN, "All resources except: …", or "Multiple". */
  resource: string;
  resources: string[];
  /** "None", "key | operator | values", or "Multiple". */
  requestCondition: string;
  conditions: SummaryCondition[];
}

export interface PolicySummary {
  /** Services the document allows, by service name. */
  allow: PolicySummaryRow[];
  /** Services the document explicitly denies, by service name. */
  deny: PolicySummaryRow[];
  /** Service prefixes the catalog does not know ("Unrecognized services"). */
  unrecognizedServices: string[];
  /** Actions of known services that match no action ("Unrecognized actions"). */
  unrecognizedActions: string[];
}

interface Accumulator {
  effect: "Allow" | "Deny";
  service: string;
  granted: Set<string>;
  resources: Set<string>;
  notResources: Set<string>;
  allResources: boolean;
  conditions: Map<string, SummaryCondition>;
}

/** The summary of a policy document; undefined when the document does not parse. */
export function getPolicySummary(document: string, source: Catalog): PolicySummary | undefined {
  const catalog = view(source);
  const { policy } = parsePolicy(document);
  if (!policy) return undefined;
  const rows = new Map<string, Accumulator>();
  const unrecognizedServices = new Set<string>();
  const unrecognizedActions = new Set<string>();
  const services = catalog.services();

  for (const statement of policy.statements) {
    const effect = statement.effect?.value;
    if (!effect || !statement.action) continue;
    const matched = statement.action.element === "Action"
      ? matchActions(statement.action.values.map((v) => v.value), services, catalog, unrecognizedServices, unrecognizedActions)
      : matchNotActions(statement.action.values.map((v) => v.value), services, catalog);
    for (const [service, names] of matched) {
      if (names.size === 0) continue;
      const key = `${effect}\u0000${service}`;
      let row = rows.get(key);
      if (!row) {
        row = { effect, service, granted: new Set(), resources: new Set(), notResources: new Set(), allResources: false, conditions: new Map() };
        rows.set(key, row);
      }
      for (const n of names) row.granted.add(n);
      addResources(row, statement);
      for (const c of statement.condition?.entries ?? []) {
        const condition = { key: c.key.value, operator: c.operator.value, values: c.values.map((v) => v.value) };
        row.conditions.set(JSON.stringify(condition), condition);
      }
    }
  }

  const finished = [...rows.values()].map((row) => toRow(row, catalog));
  const byName = (a: PolicySummaryRow, b: PolicySummaryRow) => a.serviceName.localeCompare(b.serviceName) || a.service.localeCompare(b.service);
  return {
    allow: finished.filter((r) => r.effect === "Allow").sort(byName),
    deny: finished.filter((r) => r.effect === "Deny").sort(byName),
    unrecognizedServices: [...unrecognizedServices].sort(),
    unrecognizedActions: [...unrecognizedActions].sort(),
  };
}

function matchActions(
  patterns: string[],
  services: readonly string[],
  catalog: SummaryCatalog,
  unrecognizedServices: Set<string>,
  unrecognizedActions: Set<string>,
): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const source of patterns) {
    const pattern = compileActionPattern(source);
    // "*" or a wildcard in the prefix: try every service.
    const candidates = pattern.service !== undefined ? [pattern.service] : services;
    if (pattern.service !== undefined && catalog.actions(pattern.service) === undefined) {
      unrecognizedServices.add(pattern.service);
      continue;
    }
    let any = false;
    for (const service of candidates) {
      const names = matching(service, catalog, pattern);
      if (names.length === 0) continue;
      any = true;
      const set = out.get(service) ?? new Set<string>();
      for (const n of names) set.add(n);
      out.set(service, set);
    }
    if (!any && pattern.service !== undefined) unrecognizedActions.add(source);
  }
  return out;
}

/** NotAction: every action of every service that no pattern names. */
function matchNotActions(patterns: string[], services: readonly string[], catalog: SummaryCatalog): Map<string, Set<string>> {
  const compiled = patterns.map(compileActionPattern);
  const out = new Map<string, Set<string>>();
  for (const service of services) {
    const names = actionsOf(catalog, service).filter((a) => !compiled.some((p) => p.test(`${service}:${a.name}`))).map((a) => a.name);
    if (names.length > 0) out.set(service, new Set(names));
  }
  return out;
}

function actionsOf(catalog: SummaryCatalog, service: string): readonly { name: string; accessLevel: AccessLevel }[] {
  return catalog.actions(service) ?? [];
}

function matching(service: string, catalog: SummaryCatalog, pattern: ActionPattern): string[] {
  return actionsOf(catalog, service).filter((a) => pattern.test(`${service}:${a.name}`)).map((a) => a.name);
}

function addResources(row: Accumulator, statement: ParsedStatement): void {
  const r = statement.resource;
  if (!r) return;
  const values = r.values.map((v) => v.value);
  if (r.element === "NotResource") {
    for (const v of values) row.notResources.add(v);
  } else if (values.includes("*")) {
    row.allResources = true;
  } else {
    for (const v of values) row.resources.add(v);
  }
}

function toRow(row: Accumulator, catalog: SummaryCatalog): PolicySummaryRow {
  const actions = actionsOf(catalog, row.service);
  const levels: AccessLevelGrant[] = [];
  for (const level of ACCESS_LEVELS) {
    const ofLevel = actions.filter((a) => a.accessLevel === level);
    const granted = ofLevel.filter((a) => row.granted.has(a.name)).map((a) => a.name);
    if (granted.length === 0) continue;
    levels.push({ level, scope: granted.length === ofLevel.length ? "Full" : "Limited", actions: granted, total: ofLevel.length });
  }
  const full = levels.filter((l) => l.scope === "Full").map((l) => l.level);
  const limited = levels.filter((l) => l.scope === "Limited").map((l) => l.level);
  const everyLevel = ACCESS_LEVELS.filter((level) => actions.some((a) => a.accessLevel === level));
  const accessLevel =
    limited.length === 0 && full.length === everyLevel.length
      ? "Full access"
      : [full.length ? `Full: ${full.join(", ")}` : "", limited.length ? `Limited: ${limited.join(", ")}` : ""].filter(Boolean).join(" ");

  let resources: string[];
  let resource: string;
  if (row.allResources) {
    resources = ["*"];
    resource = "All resources";
  } else if (row.resources.size === 0 && row.notResources.size > 0) {
    resources = [...row.notResources];
    resource = `All resources except: ${resources.join(", ")}`;
  } else {
    resources = [...row.resources, ...row.notResources];
    resource = resources.length === 1 && row.notResources.size === 0 ? resources[0] : "Multiple";
  }

  const conditions = [...row.conditions.values()];
  const requestCondition =
    conditions.length === 0 ? "None" : conditions.length === 1 ? `${conditions[0].key} | ${conditions[0].operator} | ${conditions[0].values.join(", ")}` : "Multiple";

  return {
    effect: row.effect,
    service: row.service,
    serviceName: catalog.serviceName(row.service) ?? row.service,
    accessLevel,
    levels,
    resource,
    resources,
    requestCondition,
    conditions,
  };
}
