// Wildcard matching for policy patterns: `*` (any run) and `?` (one character).
//
// Patterns are compiled once into chunks separated by `*` and matched greedily, which is
// O(pattern × input) in the worst case. A RegExp built from a user-written pattern such as
// `*a*a*a*a*a*b` would backtrack exponentially on a long resource name.

/** A pattern token: literal text, or a wildcard. Literal text may contain `*` and `?`. */
export type GlobToken = string | typeof STAR | typeof ONE;
export const STAR: unique symbol = Symbol("*");
export const ONE: unique symbol = Symbol("?");

/** Literal characters, with `null` for a `?` position. */
type Chunk = (string | null)[];

export interface Glob {
  /** True when the pattern is `*` alone. */
  readonly matchesEverything: boolean;
  test(input: string): boolean;
}

class ChunkGlob implements Glob {
  readonly matchesEverything: boolean;

  constructor(
    private readonly chunks: Chunk[],
    private readonly caseInsensitive: boolean,
  ) {
    this.matchesEverything = chunks.length === 2 && chunks[0].length === 0 && chunks[1].length === 0;
  }

  test(raw: string): boolean {
    if (this.matchesEverything) return true;
    const input = this.caseInsensitive ? raw.toLowerCase() : raw;
    const chunks = this.chunks;
    const first = chunks[0];
    if (chunks.length === 1) return input.length === first.length && chunkAt(input, 0, first);
    const last = chunks[chunks.length - 1];
    const end = input.length - last.length;
    if (end < first.length) return false;
    if (!chunkAt(input, 0, first) || !chunkAt(input, end, last)) return false;
    let pos = first.length;
    for (let i = 1; i < chunks.length - 1; i++) {
      const chunk = chunks[i];
      if (chunk.length === 0) continue;
      let found = -1;
      for (let at = pos; at + chunk.length <= end; at++) {
        if (chunkAt(input, at, chunk)) {
          found = at;
          break;
        }
      }
      if (found < 0) return false;
      pos = found + chunk.length;
    }
    return true;
  }
}

function chunkAt(input: string, at: number, chunk: Chunk): boolean {
  for (let j = 0; j < chunk.length; j++) {
    const c = chunk[j];
    if (c !== null && input[at + j] !== c) return false;
  }
  return true;
}

/** Builds a glob from tokens. With `caseInsensitive`, input is lowercased before matching. */
export function compileGlob(tokens: readonly GlobToken[], caseInsensitive = false): Glob {
  const chunks: Chunk[] = [[]];
  for (const token of tokens) {
    if (token === STAR) chunks.push([]);
    else if (token === ONE) chunks[chunks.length - 1].push(null);
    else {
      const text = caseInsensitive ? token.toLowerCase() : token;
      const current = chunks[chunks.length - 1];
      for (const ch of text.split("")) current.push(ch);
    }
  }
  return new ChunkGlob(chunks, caseInsensitive);
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
