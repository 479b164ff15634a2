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
import { compileGlob, literalPrefix, wildcardTokens, type Glob } from "./glob";
import { parseTemplate, TemplateCache, Unresolved, type Template } from "./variables";

export interface ActionPattern {
  readonly source: string;
  /** Lowercased service prefix (`iam`), or undefined when the prefix has wildcards. */
  readonly service?: string;
  test(action: string): boolean;
  /** `test` for an action already lowercased. */
  testLower(action: string): boolean;
}

export function compileActionPattern(source: string): ActionPattern {
  const glob = compileGlob(wildcardTokens(source), true);
  const colon = source.indexOf(":");
  const prefix = colon < 0 ? undefined : source.slice(0, colon).toLowerCase();
  const service = prefix !== undefined && !/[*?]/.test(prefix) ? prefix : undefined;
  return { source, service, test: (action) => glob.test(action), testLower: (action) => glob.testRange(action, 0, action.length) };
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
const MATCH: PatternVerdict = Object.freeze({ matches: true });
const NO_MATCH: PatternVerdict = Object.freeze({ matches: false });

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
    return { source, variables: [], test: (resource) => (glob.test(resource) ? MATCH : NO_MATCH) };
  }
  const head = source.slice(0, split);
  // The five fields before the resource part, matched one by one unless they are plain text.
  const prefix: Glob[] | undefined = /[*?]/.test(head) ? head.split(":").map((segment) => compileGlob(wildcardTokens(segment))) : undefined;
  const template: Template = parseTemplate(source.slice(split + 1), { variables: options.variables, wildcards: true });
  const staticGlob = template.staticTokens ? compileGlob(template.staticTokens) : undefined;
  const resolved = staticGlob ? undefined : new TemplateCache(template, (tokens) => compileGlob(tokens));
  // Text every matching resource starts with: a cheap first test that rejects most.
  const start = prefix ? head.slice(0, head.search(/[*?]/)) : `${head}:${template.staticTokens ? literalPrefix(template.staticTokens) : ""}`;
  return {
    source,
    variables: template.variables,
    test(resource, context) {
      if (!resource.startsWith(start)) return NO_MATCH;
      const at = nthColon(resource, ARN_SEGMENTS - 1);
      if (at < 0) return NO_MATCH;
      if (prefix) {
        let from = 0;
        for (let i = 0; i < prefix.length; i++) {
          const end = resource.indexOf(":", from);
          if (!prefix[i].testRange(resource, from, end)) return NO_MATCH;
          from = end + 1;
        }
      } else if (at !== split) return NO_MATCH;
      const glob = staticGlob ?? resolved!.get(context);
      if (glob instanceof Unresolved) return { matches: false, unresolved: glob.keys };
      return glob.testRange(resource, at + 1, resource.length) ? MATCH : NO_MATCH;
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

/** Whether the element matches an action given in lowercase (the evaluation hot path: no allocation). */
export function actionMatches(element: ActionElement, lowerAction: string): boolean {
  let hit = false;
  for (const p of element.patterns) {
    if (p.testLower(lowerAction)) {
      hit = true;
      break;
    }
  }
  return element.element === "Action" ? hit : !hit;
}

/** Whether the element matches a resource; variables without a value are added to `unresolved`. */
export function resourceMatches(element: ResourceElement, resource: string, context: ContextView, unresolved: string[]): boolean {
  let hit = false;
  for (const pattern of element.patterns) {
    const verdict = pattern.test(resource, context);
    if (verdict.unresolved) for (const key of verdict.unresolved) unresolved.push(key);
    if (verdict.matches) {
      hit = true;
      break;
    }
  }
  return element.element === "Resource" ? hit : !hit;
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
