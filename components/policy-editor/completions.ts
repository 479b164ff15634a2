// What to suggest where: service prefixes and actions in Action/NotAction, ARN templates in
// Resource/NotResource, condition keys in Condition blocks, and what a value under the cursor
// means (hover). Pure: the catalog and the text come in, suggestions go out; Monaco glue is in
// policy-language.ts.

import { jsonCursorContext, policyElementAt, type JsonCursorContext } from "./json-context";

// ---- The catalog, as the editor uses it -----------------------------------------------------

export interface EditorAction {
  /** `GetObject` */
  name: string;
  /** `Read`, `Write`, `List`, `Tagging`, `Permissions management`. */
  accessLevel: string;
  description: string;
}

export interface EditorResourceType {
  /** `object` */
  name: string;
  /** `arn:${Partition}:s3:::${BucketName}/${ObjectName}` */
  arn: string;
}

export interface EditorConditionKey {
  /** `s3:prefix`, `aws:MultiFactorAuthPresent` */
  key: string;
  /** `String`, `Bool`, `ArrayOfString`… */
  type: string;
  description?: string;
}

export interface EditorService {
  /** `s3` */
  prefix: string;
  /** `Amazon S3` */
  name: string;
  actions: readonly EditorAction[];
  resourceTypes: readonly EditorResourceType[];
  conditionKeys: readonly EditorConditionKey[];
}

export interface EditorCatalog {
  /** By lower-case prefix. */
  services: ReadonlyMap<string, EditorService>;
  globalConditionKeys: readonly EditorConditionKey[];
}

// ---- Suggestions ---------------------------------------------------------------------------

export type SuggestionKind = "service" | "action" | "wildcard" | "resource" | "conditionKey" | "value";

export interface Suggestion {
  kind: SuggestionKind;
  label: string;
  /** The text of the JSON string, without quotes. A snippet when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  detail?: string;
  documentation?: string;
  /** Open the suggestions again after inserting (after a service prefix). */
  retrigger?: boolean;
  /** Lower sorts first. */
  sortText?: string;
}

/** Service prefixes the document's actions use, lower-case, in first-seen order. */
export function servicesInDocument(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(/"([a-zA-Z0-9-]+):[A-Za-z0-9*?]+"/g)) {
    const prefix = m[1].toLowerCase();
    if (prefix !== "arn" && prefix !== "aws") seen.add(prefix);
  }
  return [...seen];
}

export function suggestionsAt(text: string, offset: number, catalog: EditorCatalog): { context: JsonCursorContext; suggestions: Suggestion[] } {
  const context = jsonCursorContext(text, offset);
  const element = policyElementAt(context.path);
  if (!element) return { context, suggestions: [] };
  const { rest } = element;
  switch (element.element) {
    case "Action":
    case "NotAction":
      if (context.at !== "value" || rest.length > 1) break;
      return { context, suggestions: actionSuggestions(context.prefix, catalog) };
    case "Resource":
    case "NotResource":
      if (context.at !== "value" || rest.length > 1) break;
      return { context, suggestions: resourceSuggestions(context.prefix, text, catalog) };
    case "Condition":
      if (context.at === "key" && rest.length === 1) {
        return { context, suggestions: conditionKeySuggestions(context.prefix, text, catalog) };
      }
      if (context.at === "value" && (rest.length === 2 || rest.length === 3) && typeof rest[1] === "string") {
        return { context, suggestions: conditionValueSuggestions(rest[1], catalog) };
      }
      break;
  }
  return { context, suggestions: [] };
}

function actionSuggestions(prefix: string, catalog: EditorCatalog): Suggestion[] {
  const colon = prefix.indexOf(":");
  if (colon < 0) {
    const services = [...catalog.services.values()].map(
      (s): Suggestion => ({
        kind: "service",
        label: `${s.prefix}:`,
        insertText: `${s.prefix}:`,
        detail: s.name,
        documentation: `${s.actions.length} actions`,
        retrigger: true,
      }),
    );
    return [{ kind: "wildcard", label: "*", insertText: "*", detail: "All actions of all services", sortText: "0" }, ...services];
  }
  const service = catalog.services.get(prefix.slice(0, colon).toLowerCase());
  if (!service) return [];
  return [
    {
      kind: "wildcard",
      label: `${service.prefix}:*`,
      insertText: `${service.prefix}:*`,
      detail: `All ${service.name} actions`,
      sortText: "0",
    },
    ...service.actions.map(
      (a): Suggestion => ({
        kind: "action",
        label: `${service.prefix}:${a.name}`,
        insertText: `${service.prefix}:${a.name}`,
        detail: a.accessLevel,
        documentation: a.description,
      }),
    ),
  ];
}

/** `arn:${Partition}:s3:::${BucketName}` → a snippet with tab stops for each variable. */
export function arnSnippet(template: string): string {
  let n = 0;
  return template.replace(/\$\{([^}]*)\}|([$}\\])/g, (whole, variable: string | undefined, special: string | undefined) => {
    if (special) return `\\${special}`;
    if (variable === "Partition") return "aws";
    return `\${${++n}:${variable}}`;
  });
}

function resourceSuggestions(prefix: string, text: string, catalog: EditorCatalog): Suggestion[] {
  const services = new Set(servicesInDocument(text));
  const typed = /^arn:[^:]*:([^:]+)/.exec(prefix)?.[1]?.toLowerCase();
  if (typed) services.add(typed);
  const suggestions: Suggestion[] = [{ kind: "wildcard", label: "*", insertText: "*", detail: "All resources", sortText: "0" }];
  for (const prefixName of services) {
    const service = catalog.services.get(prefixName);
    if (!service) continue;
    for (const r of service.resourceTypes) {
      suggestions.push({
        kind: "resource",
        label: r.arn,
        insertText: arnSnippet(r.arn),
        snippet: true,
        detail: `${service.prefix} ${r.name}`,
        documentation: `The ARN of a ${service.name} ${r.name} resource. Fill in the parts, or use * for any value.`,
      });
    }
  }
  return suggestions;
}

function conditionKeySuggestions(prefix: string, text: string, catalog: EditorCatalog): Suggestion[] {
  const services = new Set(servicesInDocument(text));
  const typed = /^([a-zA-Z0-9-]+):/.exec(prefix)?.[1]?.toLowerCase();
  if (typed && typed !== "aws") services.add(typed);
  const keys: EditorConditionKey[] = [...catalog.globalConditionKeys];
  for (const s of services) keys.push(...(catalog.services.get(s)?.conditionKeys ?? []));
  return keys.map((k, i) => ({
    kind: "conditionKey",
    label: k.key,
    insertText: k.key,
    detail: k.type,
    documentation: k.description,
    sortText: String(i).padStart(5, "0"),
  }));
}

function conditionValueSuggestions(key: string, catalog: EditorCatalog): Suggestion[] {
  const found = findConditionKey(key, catalog);
  if (found?.type.toLowerCase() !== "bool") return [];
  return ["true", "false"].map((v) => ({ kind: "value", label: v, insertText: v, detail: found.key }));
}

// ---- Hovers --------------------------------------------------------------------------------

export interface HoverHelp {
  /** Markdown. */
  contents: string;
  /** The string literal's offsets, quotes included. */
  start: number;
  end: number;
}

/** Help for the action or condition key in the string at `offset`, if the catalog knows it. */
export function hoverAt(text: string, offset: number, catalog: EditorCatalog): HoverHelp | undefined {
  const context = jsonCursorContext(text, offset);
  if (!context.inString) return undefined;
  const element = policyElementAt(context.path);
  if (!element) return undefined;
  const value = stringAt(text, context.tokenStart);
  if (value === undefined) return undefined;
  const span = { start: context.tokenStart, end: context.tokenEnd };

  if ((element.element === "Action" || element.element === "NotAction") && context.at === "value") {
    const help = actionHelp(value, catalog);
    return help ? { contents: help, ...span } : undefined;
  }
  if (element.element === "Condition" && context.at === "key" && element.rest.length === 1) {
    const key = findConditionKey(value, catalog);
    return key ? { contents: `**${key.key}** (${key.type})${key.description ? `\n\n${key.description}` : ""}`, ...span } : undefined;
  }
  return undefined;
}

function stringAt(text: string, quote: number): string | undefined {
  const end = text.indexOf('"', quote + 1);
  if (end < 0) return undefined;
  const raw = text.slice(quote + 1, end);
  return raw.includes("\\") ? undefined : raw;
}

const MAX_LISTED = 12;

function actionHelp(value: string, catalog: EditorCatalog): string | undefined {
  const colon = value.indexOf(":");
  if (colon < 0) return value === "*" ? "**\\***: every action of every service." : undefined;
  const service = catalog.services.get(value.slice(0, colon).toLowerCase());
  if (!service) return undefined;
  const pattern = value.slice(colon + 1);
  if (!/[*?]/.test(pattern)) {
    const action = service.actions.find((a) => a.name.toLowerCase() === pattern.toLowerCase());
    if (!action) return undefined;
    return `**${service.prefix}:${action.name}** — ${service.name}\n\nAccess level: ${action.accessLevel}\n\n${action.description}`;
  }
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  const matched = service.actions.filter((a) => re.test(a.name));
  const listed = matched
    .slice(0, MAX_LISTED)
    .map((a) => `- ${service.prefix}:${a.name} (${a.accessLevel})`)
    .join("\n");
  const more = matched.length > MAX_LISTED ? `\n- … and ${matched.length - MAX_LISTED} more` : "";
  return `**${value}** matches ${matched.length} of ${service.actions.length} ${service.name} actions${matched.length ? `:\n\n${listed}${more}` : "."}`;
}

function findConditionKey(key: string, catalog: EditorCatalog): EditorConditionKey | undefined {
  const lower = key.toLowerCase();
  const prefix = lower.slice(0, lower.indexOf(":"));
  const candidates = prefix === "aws" ? catalog.globalConditionKeys : (catalog.services.get(prefix)?.conditionKeys ?? []);
  return (
    candidates.find((k) => k.key.toLowerCase() === lower) ??
    // Keys with a tag or name part: aws:RequestTag/${TagKey}, s3:ExistingObjectTag/<key>.
    candidates.find((k) => {
      const slash = k.key.indexOf("/");
      return slash > 0 && lower.startsWith(k.key.slice(0, slash + 1).toLowerCase());
    })
  );
}
