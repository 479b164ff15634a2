// Action and Resource matching. Patterns are compiled once; each matcher returns its verdict
// with the reason.
//
// Actions: case-insensitive, `*` and `?` anywhere.
// Resources: case-sensitive. In an ARN pattern (6 colon-separated segments) each of the first
// five segments is matched on its own, and `*` in the resource part crosses `/` and `:`.
// A shorter pattern is matched against the whole ARN, so a final `*` runs past `:`
// (`arn:aws:iam::*`). `*` alone matches everything. Variables (Version 2012-10-17) are
// recognised in the resource part only; a pattern whose variable has no value matches nothing.

import type { ContextView } from "./context";
import { compileGlob, wildcardTokens, type Glob } from "./glob";
import { parseTemplate, resolveTemplate, type Template } from "./variables";

export interface ActionPattern {
  readonly source: string;
  /** Lowercased service prefix (`iam`), or undefined when the prefix has wildcards. */
  readonly service?: string;
  test(action: string): boolean;
}

export function compileActionPattern(source: string): ActionPattern {
  const glob = compileGlob(wildcardTokens(source), true);
  const colon = source.indexOf(":");
  const prefix = colon < 0 ? undefined : source.slice(0, colon).toLowerCase();
  const service = prefix !== undefined && !/[*?]/.test(prefix) ? prefix : undefined;
  return { source, service, test: (action) => glob.test(action) };
}

export interface PatternVerdict {
  matches: boolean;
  /** Variables that had no value; the pattern then matches nothing. */
  unresolved?: string[];
}

export interface ResourcePattern {
  readonly source: string;
  readonly variables: readonly string[];
  test(resource: string, context: ContextView): PatternVerdict;
}

const ARN_SEGMENTS = 6;

/** Index of the n-th occurrence of `:` (1-based n), or -1. */
function nthColon(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(":", at + 1);
    if (at < 0) return -1;
  }
  return at;
}

export function compileResourcePattern(source: string, options: { variables: boolean }): ResourcePattern {
  const split = nthColon(source, ARN_SEGMENTS - 1);
  if (source === "*" || split < 0) {
    const glob = compileGlob(wildcardTokens(source));
    return { source, variables: [], test: (resource) => ({ matches: glob.test(resource) }) };
  }
  const prefix: Glob[] = source
    .slice(0, split)
    .split(":")
    .map((segment) => compileGlob(wildcardTokens(segment)));
  const template: Template = parseTemplate(source.slice(split + 1), { variables: options.variables, wildcards: true });
  const staticGlob = template.staticTokens ? compileGlob(template.staticTokens) : undefined;
  return {
    source,
    variables: template.variables,
    test(resource, context) {
      const at = nthColon(resource, ARN_SEGMENTS - 1);
      if (at < 0) return { matches: false };
      const segments = resource.slice(0, at).split(":");
      for (let i = 0; i < prefix.length; i++) if (!prefix[i].test(segments[i])) return { matches: false };
      const rest = resource.slice(at + 1);
      if (staticGlob) return { matches: staticGlob.test(rest) };
      const resolved = resolveTemplate(template, context);
      if (!resolved.ok) return { matches: false, unresolved: resolved.unresolved };
      return { matches: compileGlob(resolved.tokens).test(rest) };
    },
  };
}

// ---- Elements ----------------------------------------------------------------------------

export interface ActionElement {
  element: "Action" | "NotAction";
  patterns: readonly ActionPattern[];
}

export interface ActionVerdict {
  matches: boolean;
  /** Action: the pattern that matched. NotAction: the pattern that excluded the action. */
  pattern?: string;
}

export function matchAction(element: ActionElement, action: string): ActionVerdict {
  const hit = element.patterns.find((p) => p.test(action));
  if (element.element === "Action") return hit ? { matches: true, pattern: hit.source } : { matches: false };
  return hit ? { matches: false, pattern: hit.source } : { matches: true };
}

/** Whether the element names the request's service at all (used to pick near misses). */
export function actionElementMentionsService(element: ActionElement, action: string): boolean {
  const colon = action.indexOf(":");
  const service = action.slice(0, colon < 0 ? 0 : colon).toLowerCase();
  return element.element === "NotAction" || element.patterns.some((p) => p.service === undefined || p.service === service);
}

export interface ResourceElement {
  element: "Resource" | "NotResource";
  patterns: readonly ResourcePattern[];
}

export interface ResourceVerdict {
  matches: boolean;
  /** Resource: the pattern that matched. NotResource: the pattern that excluded the resource. */
  pattern?: string;
  unresolved: string[];
}

export function matchResource(element: ResourceElement, resource: string, context: ContextView): ResourceVerdict {
  const unresolved: string[] = [];
  let hit: string | undefined;
  for (const pattern of element.patterns) {
    const verdict = pattern.test(resource, context);
    if (verdict.unresolved) unresolved.push(...verdict.unresolved);
    if (verdict.matches) {
      hit = pattern.source;
      break;
    }
  }
  const matches = element.element === "Resource" ? hit !== undefined : hit === undefined;
  return { matches, pattern: hit, unresolved };
}
