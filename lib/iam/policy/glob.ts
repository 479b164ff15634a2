// Wildcard matching for policy patterns: `*` (any run) and `?` (one character).
//
// Patterns are compiled once into chunks separated by `*` and matched greedily, which is
// O(pattern × input) in the worst case. A RegExp built from a user-written pattern such as
// `*a*a*a*a*a*b` would backtrack exponentially on a long resource name.

/** A pattern token: literal text, or a wildcard. Literal text may contain `*` and `?`. */
export type GlobToken = string | typeof STAR | typeof ONE;
export const STAR: unique symbol = Symbol("*");
export const ONE: unique symbol = Symbol("?");

/** Literal text between stars: its characters (`null` for a `?`), and the text itself when it has no `?`. */
interface Chunk {
  chars: (string | null)[];
  text?: string;
}

export interface Glob {
  /** True when the pattern is `*` alone. */
  readonly matchesEverything: boolean;
  test(input: string): boolean;
  /** `test` of `input.slice(start, end)` without copying it; a case-insensitive glob takes the input lowercased. */
  testRange(input: string, start: number, end: number): boolean;
}

class ChunkGlob implements Glob {
  readonly matchesEverything: boolean;

  constructor(
    private readonly chunks: Chunk[],
    private readonly caseInsensitive: boolean,
  ) {
    this.matchesEverything = chunks.length === 2 && chunks[0].chars.length === 0 && chunks[1].chars.length === 0;
  }

  test(raw: string): boolean {
    const input = this.caseInsensitive ? raw.toLowerCase() : raw;
    return this.testRange(input, 0, input.length);
  }

  testRange(input: string, start: number, end: number): boolean {
    if (this.matchesEverything) return true;
    const chunks = this.chunks;
    const first = chunks[0];
    if (chunks.length === 1) return end - start === first.chars.length && chunkAt(input, start, first);
    const last = chunks[chunks.length - 1];
    const lastAt = end - last.chars.length;
    if (lastAt < start + first.chars.length) return false;
    if (!chunkAt(input, start, first) || !chunkAt(input, lastAt, last)) return false;
    let pos = start + first.chars.length;
    for (let i = 1; i < chunks.length - 1; i++) {
      const chunk = chunks[i];
      if (chunk.chars.length === 0) continue;
      const found = findChunk(input, chunk, pos, lastAt);
      if (found < 0) return false;
      pos = found + chunk.chars.length;
    }
    return true;
  }
}

function chunkAt(input: string, at: number, chunk: Chunk): boolean {
  if (chunk.text !== undefined) return input.startsWith(chunk.text, at);
  const chars = chunk.chars;
  for (let j = 0; j < chars.length; j++) {
    const c = chars[j];
    if (c !== null && input[at + j] !== c) return false;
  }
  return true;
}

/** The first place at or after `from` where the chunk fits and ends by `limit`, or -1. */
function findChunk(input: string, chunk: Chunk, from: number, limit: number): number {
  const length = chunk.chars.length;
  if (chunk.text !== undefined) {
    const at = input.indexOf(chunk.text, from);
    return at >= 0 && at + length <= limit ? at : -1;
  }
  for (let at = from; at + length <= limit; at++) if (chunkAt(input, at, chunk)) return at;
  return -1;
}

/** Builds a glob from tokens. With `caseInsensitive`, input is lowercased before matching. */
export function compileGlob(tokens: readonly GlobToken[], caseInsensitive = false): Glob {
  const chunks: (string | null)[][] = [[]];
  for (const token of tokens) {
    if (token === STAR) chunks.push([]);
    else if (token === ONE) chunks[chunks.length - 1].push(null);
    else {
      const text = caseInsensitive ? token.toLowerCase() : token;
      const current = chunks[chunks.length - 1];
      for (const ch of text.split("")) current.push(ch);
    }
  }
  return new ChunkGlob(
    chunks.map((chars) => (chars.includes(null) ? { chars } : { chars, text: chars.join("") })),
    caseInsensitive,
  );
}

/** Tokens of plain pattern text, where every `*` and `?` is a wildcard. */
export function wildcardTokens(text: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  let literal = "";
  for (const ch of text) {
    if (ch === "*" || ch === "?") {
      if (literal) tokens.push(literal);
      literal = "";
      tokens.push(ch === "*" ? STAR : ONE);
    } else literal += ch;
  }
  if (literal) tokens.push(literal);
  return tokens;
}

/** Splits tokens on `sep` in literal text into at most `maxParts` parts (the last keeps the rest). */
export function splitTokens(tokens: readonly GlobToken[], sep: string, maxParts: number): GlobToken[][] {
  const parts: GlobToken[][] = [[]];
  for (const token of tokens) {
    if (typeof token !== "string") {
      parts[parts.length - 1].push(token);
      continue;
    }
    let rest = token;
    let at = rest.indexOf(sep);
    while (at >= 0 && parts.length < maxParts) {
      if (at > 0) parts[parts.length - 1].push(rest.slice(0, at));
      parts.push([]);
      rest = rest.slice(at + sep.length);
      at = rest.indexOf(sep);
    }
    if (rest) parts[parts.length - 1].push(rest);
  }
  return parts;
}

/** Whether the last token is a `*` (a segment-final wildcard may run past `:` in ARNs). */
export function endsWithStar(tokens: readonly GlobToken[]): boolean {
  return tokens.length > 0 && tokens[tokens.length - 1] === STAR;
}

/** The literal text of tokens without wildcards, or undefined when there is a wildcard. */
export function literalText(tokens: readonly GlobToken[]): string | undefined {
  let out = "";
  for (const token of tokens) {
    if (typeof token !== "string") return undefined;
    out += token;
  }
  return out;
}


/** The literal text a pattern starts with, up to its first wildcard. */
export function literalPrefix(tokens: readonly GlobToken[]): string {
  return typeof tokens[0] === "string" ? tokens[0] : "";
}
