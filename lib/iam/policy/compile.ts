// compilePolicy: parse once, compile every pattern and condition value once, and cache the
// result by a hash of the text, so evaluation never re-parses JSON or rebuilds matchers.
// Statements that could not be read (no valid Effect, no Action) are kept but never match;
// callers validate documents (parsePolicy findings) before storing them.

import { compileClause, type CompiledClause } from "./conditions/clause";
import { hashText } from "./hash";
import { compileActionPattern, compileResourcePattern, type ActionElement, type ResourceElement } from "./match";
import { parsePolicy } from "./parse";
import { compilePrincipal, type CompiledPrincipal } from "./principal";
import type { Effect, Finding, ParsedStatement, PolicyVersion, SourceRange } from "./types";

export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: Effect;
  range: SourceRange;
  principal?: CompiledPrincipal;
  action: ActionElement;
  /** Absent in trust policies, which have no Resource element. */
  resource?: ResourceElement;
  conditions: CompiledClause[];
  /** False when the statement could not be read; it then never matches. */
  usable: boolean;
}

export interface CompiledPolicy {
  readonly kind: "CompiledPolicy";
  readonly hash: string;
  /** The text the positions refer to (objects are rendered with 4-space indentation). */
  readonly text: string;
  readonly version?: PolicyVersion;
  readonly statements: readonly CompiledStatement[];
  readonly findings: readonly Finding[];
}

export function isCompiledPolicy(value: unknown): value is CompiledPolicy {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "CompiledPolicy";
}

function compileStatement(statement: ParsedStatement, variables: boolean): CompiledStatement {
  const conditions: CompiledClause[] = [];
  for (const entry of statement.condition?.entries ?? []) {
    const { clause } = compileClause(entry, variables);
    // An unknown operator makes the whole statement unusable rather than silently ignored.
    if (!clause) return unusable(statement);
    conditions.push(clause);
  }
  if (!statement.effect || !statement.action) return unusable(statement);
  return {
    index: statement.index,
    sid: statement.sid?.value,
    effect: statement.effect.value,
    range: statement.range,
    principal: statement.principal && compilePrincipal(statement.principal.element, statement.principal.value),
    action: { element: statement.action.element, patterns: statement.action.values.map((v) => compileActionPattern(v.value)) },
    resource: statement.resource && {
      element: statement.resource.element,
      patterns: statement.resource.values.map((v) => compileResourcePattern(v.value, { variables })),
    },
    conditions,
    usable: true,
  };
}

function unusable(statement: ParsedStatement): CompiledStatement {
  return {
    index: statement.index,
    sid: statement.sid?.value,
    effect: statement.effect?.value ?? "Allow",
    range: statement.range,
    action: { element: "Action", patterns: [] },
    conditions: [],
    usable: false,
  };
}

function compileText(text: string, hash: string): CompiledPolicy {
  const { policy, findings } = parsePolicy(text);
  const version = policy?.version?.value;
  const variables = version === "2012-10-17";
  return {
    kind: "CompiledPolicy",
    hash,
    text,
    version,
    statements: (policy?.statements ?? []).map((s) => compileStatement(s, variables)),
    findings,
  };
}

// ---- Cache -----------------------------------------------------------------------------

const DEFAULT_LIMIT = 1000;
let limit = DEFAULT_LIMIT;
const cache = new Map<string, CompiledPolicy>();

/** Compiles a policy document (text, or an object rendered as JSON), from the cache when possible. */
export function compilePolicy(document: string | object): CompiledPolicy {
  const text = typeof document === "string" ? document : JSON.stringify(document, null, 4);
  const hash = hashText(text);
  const hit = cache.get(hash);
  if (hit && hit.text === text) {
    cache.delete(hash); // refresh its place in the LRU order
    cache.set(hash, hit);
    return hit;
  }
  const compiled = compileText(text, hash);
  if (!hit) {
    // On a hash collision (hit with other text) the newcomer is simply not cached.
    cache.set(hash, compiled);
    while (cache.size > limit) cache.delete(cache.keys().next().value as string);
  }
  return compiled;
}

export function clearPolicyCache(): void {
  cache.clear();
}

export function policyCacheSize(): number {
  return cache.size;
}

/** Sets the number of compiled documents kept (least recently used ones go first). */
export function setPolicyCacheLimit(entries: number): void {
  limit = Math.max(1, Math.floor(entries));
  while (cache.size > limit) cache.delete(cache.keys().next().value as string);
}
