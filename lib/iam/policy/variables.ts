// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'company-wide'}`, and the
// escapes `${*}`, `${?}`, `${$}` for a literal `*`, `?`, `$`. Only Version 2012-10-17 has
// variables; otherwise the text is literal. A template is parsed once; at evaluation time only
// its variables are looked up. A substituted value is literal text (its `*` is not a wildcard).

import type { ContextView } from "./context";
import { ONE, STAR, wildcardTokens, type GlobToken } from "./glob";

export type TemplatePart =
  | { kind: "text"; text: string }
  | { kind: "star" }
  | { kind: "one" }
  | { kind: "variable"; key: string; defaultValue?: string; source: string };

export interface Template {
  readonly parts: readonly TemplatePart[];
  /** Keys of the variables without a default, in order of appearance, as written. */
  readonly variables: readonly string[];
  /** The tokens when the template has no variables (computed once). */
  readonly staticTokens?: readonly GlobToken[];
}

export interface TemplateOptions {
  /** Recognise `${…}` (Version 2012-10-17 only). */
  variables: boolean;
  /** Treat bare `*` and `?` as wildcards (StringLike, ArnLike, Action, Resource). */
  wildcards: boolean;
}

const VARIABLE = /^\s*([^,\s}][^,}]*?)\s*(?:,\s*'([^']*)'\s*)?$/;
const ESCAPED: Record<string, string> = { "*": "*", "?": "?", $: "$" };

export function parseTemplate(raw: string, options: TemplateOptions): Template {
  const parts: TemplatePart[] = [];
  const variables: string[] = [];
  const pushText = (text: string) => {
    if (!text) return;
    if (!options.wildcards) return parts.push({ kind: "text", text });
    for (const token of wildcardTokens(text)) {
      parts.push(token === STAR ? { kind: "star" } : token === ONE ? { kind: "one" } : { kind: "text", text: token });
    }
  };
  let rest = raw;
  while (options.variables) {
    const open = rest.indexOf("${");
    if (open < 0) break;
    const close = rest.indexOf("}", open + 2);
    if (close < 0) break;
    pushText(rest.slice(0, open));
    const inner = rest.slice(open + 2, close);
    const source = rest.slice(open, close + 1);
    const escaped = ESCAPED[inner];
    const match = escaped === undefined ? VARIABLE.exec(inner) : null;
    if (escaped !== undefined) parts.push({ kind: "text", text: escaped });
    else if (match) {
      parts.push({ kind: "variable", key: match[1], defaultValue: match[2], source });
      if (match[2] === undefined) variables.push(match[1]);
    } else pushText(source);
    rest = rest.slice(close + 1);
  }
  pushText(rest);
  const template: Template = { parts, variables };
  const dynamic = parts.some((part) => part.kind === "variable");
  return dynamic ? template : { ...template, staticTokens: toTokens(parts, () => "") };
}

export type Resolution = { ok: true; tokens: GlobToken[] } | { ok: false; unresolved: string[] };

/** Substitutes variables from the request context. A variable without a value (or default) fails. */
export function resolveTemplate(template: Template, context: ContextView): Resolution {
  if (template.staticTokens) return { ok: true, tokens: template.staticTokens as GlobToken[] };
  const unresolved: string[] = [];
  const tokens = toTokens(template.parts, (part) => {
    const value = context.single(part.key) ?? part.defaultValue;
    if (value === undefined) unresolved.push(part.key);
    return value ?? "";
  });
  return unresolved.length ? { ok: false, unresolved } : { ok: true, tokens };
}

function toTokens(
  parts: readonly TemplatePart[],
  valueOf: (part: Extract<TemplatePart, { kind: "variable" }>) => string,
): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (const part of parts) {
    if (part.kind === "star") tokens.push(STAR);
    else if (part.kind === "one") tokens.push(ONE);
    else {
      const text = part.kind === "text" ? part.text : valueOf(part);
      const last = tokens[tokens.length - 1];
      if (typeof last === "string") tokens[tokens.length - 1] = last + text;
      else if (text) tokens.push(text);
    }
  }
  return tokens;
}

/** The text of a template resolved without wildcards (StringEquals values), or the keys that failed. */
export function resolveText(template: Template, context: ContextView): { ok: true; text: string } | { ok: false; unresolved: string[] } {
  const resolved = resolveTemplate(template, context);
  if (!resolved.ok) return resolved;
  return { ok: true, text: resolved.tokens.map((t) => (typeof t === "string" ? t : t === STAR ? "*" : "?")).join("") };
}

/**
 * What a template with variables compiles to once its variables have values (a glob, a text…),
 * kept by those values: one principal's requests resolve a template the same way again and again,
 * so evaluation looks the variables up and reuses the result.
 */
/** The variables of a template that had no value. */
export class Unresolved {
  constructor(readonly keys: string[]) {}
}

export class TemplateCache<T> {
  private readonly results = new Map<string, T>();
  private readonly lookups: { lower: string; key: string; defaultValue?: string }[];

  constructor(
    private readonly template: Template,
    private readonly build: (tokens: GlobToken[]) => T,
    private readonly limit = 64,
  ) {
    this.lookups = template.parts.flatMap((part) => (part.kind === "variable" ? [{ lower: part.key.toLowerCase(), key: part.key, defaultValue: part.defaultValue }] : []));
  }

  get(context: ContextView): T | Unresolved {
    let key = "";
    let unresolved: string[] | undefined;
    for (const { lower, key: name, defaultValue } of this.lookups) {
      const values = context.getLower(lower);
      const value = values && values.length === 1 ? values[0] : defaultValue;
      if (value === undefined) (unresolved ??= []).push(name);
      else key += this.lookups.length === 1 ? value : `${value.length}:${value}`;
    }
    if (unresolved) return new Unresolved(unresolved);
    let result = this.results.get(key);
    if (result === undefined) {
      const resolved = resolveTemplate(this.template, context);
      if (!resolved.ok) return new Unresolved(resolved.unresolved);
      if (this.results.size >= this.limit) this.results.clear();
      result = this.build(resolved.tokens);
      this.results.set(key, result);
    }
    return result;
  }
}
