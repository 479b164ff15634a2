// compilePolicy: parse once, compile every pattern and condition value once, and cache the
// result by a hash of the text, so evaluation never re-parses JSON or rebuilds matchers.
// Statements that could not be read (no valid Effect, no Action) are kept but never match;
// callers validate documents (parsePolicy findings) before storing them.

import { compileClause, type CompiledClause } from "./conditions/clause";
import { hashText } from "./hash";
import { compileActionPattern, compileResourcePattern, type ActionElement, type ResourceElement } from "./match";
import { parsePolicy } from "./parse";
import { compilePrincipal, type CompiledPrincipal } from "./principal";
import type { Effect, Finding, ParsedStatement, PolicyVersion, SourcePosition, SourceRange } from "./types";

export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: Effect;
  range: SourceRange;
  /**
   * Where AWS's policy simulator says the statement starts: just after the token before it —
   * the `[` of the Statement list, or the previous statement's `}` (the comma is not counted)
   * — or just after the statement's own `{` when Statement is a single object.
   */
  simulatorStart: SourcePosition;
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

function compileStatement(statement: ParsedStatement, variables: boolean, simulatorStart: SourcePosition): CompiledStatement {
  const conditions: CompiledClause[] = [];
  for (const entry of statement.condition?.entries ?? []) {
    const { clause } = compileClause(entry, variables);
    // An unknown operator makes the whole statement unusable rather than silently ignored.
    if (!clause) return unusable(statement, simulatorStart);
    conditions.push(clause);
  }
  if (!statement.effect || !statement.action) return unusable(statement, simulatorStart);
  return {
    index: statement.index,
    sid: statement.sid?.value,
    effect: statement.effect.value,
    range: statement.range,
    simulatorStart,
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

function unusable(statement: ParsedStatement, simulatorStart: SourcePosition): CompiledStatement {
  return {
    index: statement.index,
    sid: statement.sid?.value,
    effect: statement.effect?.value ?? "Allow",
    range: statement.range,
    simulatorStart,
    action: { element: "Action", patterns: [] },
    conditions: [],
    usable: false,
  };
}

function compileText(text: string, hash: string): CompiledPolicy {
  const { policy, findings } = parsePolicy(text);
  const version = policy?.version?.value;
  const variables = version === "2012-10-17";
  const lines = lineStarts(text);
  return {
    kind: "CompiledPolicy",
    hash,
    text,
    version,
    statements: (policy?.statements ?? []).map((s) => compileStatement(s, variables, simulatorStart(text, lines, s))),
    findings,
  };
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/** AWS's StartPosition of a statement (see CompiledStatement.simulatorStart). */
function simulatorStart(text: string, lines: readonly number[], statement: ParsedStatement): SourcePosition {
  const own = { line: statement.range.start.line, column: statement.range.start.column + 1 };
  if (statement.path === "Statement") return own;
  let at = lines[statement.range.start.line - 1] + statement.range.start.column - 2;
  const skipBack = () => {
    while (at >= 0 && WHITESPACE.has(text[at])) at--;
  };
  skipBack();
  if (text[at] === ",") {
    at--;
    skipBack();
  } else if (text[at] !== "[") return own;
  return positionAfter(lines, at);
}

/** Offsets where each line starts; a line ends at \n, \r\n or a lone \r, as the JSON reader counts. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return starts;
}

function positionAfter(lines: readonly number[], offset: number): SourcePosition {
  let line = lines.length;
  while (line > 1 && lines[line - 1] > offset) line--;
  return { line, column: offset - lines[line - 1] + 2 };
}

// ---- Cache -----------------------------------------------------------------------------

const DEFAULT_LIMIT = 1000;
let limit = DEFAULT_LIMIT;

interface CacheEntry {
  policy: CompiledPolicy;
  /** Used since it was last passed over for eviction ("second chance" LRU: a hit only sets this). */
  used: boolean;
}

// Keyed by the text itself: the engine hashes it natively (and remembers the hash on the string),
// which is what makes a hit cheap enough for every authorization, and keys cannot collide.
const cache = new Map<string, CacheEntry>();

/** Compiles a policy document (text, or an object rendered as JSON), from the cache when possible. */
export function compilePolicy(document: string | object): CompiledPolicy {
  const text = typeof document === "string" ? document : JSON.stringify(document, null, 4);
  const hit = cache.get(text);
  if (hit) {
    hit.used = true;
    return hit.policy;
  }
  const policy = compileText(text, hashText(text));
  cache.set(text, { policy, used: false });
  evict();
  return policy;
}

/** Drops the least recently used documents beyond the limit; a used one moves to the back once. */
function evict(): void {
  while (cache.size > limit) {
    const [text, entry] = cache.entries().next().value as [string, CacheEntry];
    cache.delete(text);
    if (entry.used) {
      entry.used = false;
      cache.set(text, entry);
    }
  }
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
  evict();
}

// ---- Statements by service -------------------------------------------------------------

const byService = new WeakMap<CompiledPolicy, Map<string, readonly number[]>>();

/**
 * The indexes of the statements that can concern an action of `service` (lowercase): usable
 * statements whose Action names the service or has a wildcard in its prefix, and those with
 * NotAction. Any other statement neither applies to such an action nor nearly applies, so
 * evaluation skips it. Computed once per policy and service.
 */
export function statementsForService(policy: CompiledPolicy, service: string): readonly number[] {
  let index = byService.get(policy);
  if (!index) byService.set(policy, (index = new Map()));
  let found = index.get(service);
  if (!found) {
    found = [];
    policy.statements.forEach((s, i) => {
      const { element, patterns } = s.action;
      if (s.usable && (element === "NotAction" || patterns.some((p) => p.service === undefined || p.service === service))) (found as number[]).push(i);
    });
    index.set(service, found);
  }
  return found;
}

