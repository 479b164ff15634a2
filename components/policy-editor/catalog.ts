import type { CatalogData } from "@/lib/iam/policy/catalog";
import type { EditorCatalog, EditorConditionKey, EditorService } from "./completions";

// The IAM action catalog (services, actions, resource types, condition keys), fetched once per
// page from GET /api/policy-catalog when the first editor asks for it. No Monaco here: the
// policy simulator's action picker shares the same download. Failing to load it only costs
// the completions: the editor works without.

export const POLICY_CATALOG_URL = "/api/policy-catalog";

let loading: Promise<CatalogData | null> | undefined;
let editorCatalog: Promise<EditorCatalog | null> | undefined;

/** The catalog as the server sends it, or null when it could not be loaded. */
export function loadCatalogData(): Promise<CatalogData | null> {
  loading ??= fetch(POLICY_CATALOG_URL, { credentials: "same-origin" })
    .then(async (response) => (response.ok ? ((await response.json()) as CatalogData) : null))
    .catch(() => null);
  return loading;
}

export function loadEditorCatalog(): Promise<EditorCatalog | null> {
  editorCatalog ??= loadCatalogData().then((data) => (data ? toEditorCatalog(data) : null));
  return editorCatalog;
}

const GLOBAL_KEY_HELP = "A global condition key: available in requests to every service.";

export function toEditorCatalog(data: CatalogData): EditorCatalog {
  const services = new Map<string, EditorService>();
  for (const s of data.services) {
    services.set(s.prefix.toLowerCase(), {
      prefix: s.prefix,
      name: s.name,
      actions: s.actions.map(([name, accessLevel, description]) => ({ name, accessLevel, description })),
      resourceTypes: s.resourceTypes.map(([name, arn]) => ({ name, arn })),
      conditionKeys: s.conditionKeys.map(([key, type]): EditorConditionKey => ({ key, type })),
    });
  }
  return {
    services,
    globalConditionKeys: data.globalConditionKeys.map(([key, type]) => ({ key, type, description: GLOBAL_KEY_HELP })),
  };
}
