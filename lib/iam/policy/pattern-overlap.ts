// Whether two wildcard patterns can match a common string, and the ARN shapes built on it: a
// policy Resource (with `*`, `?` and policy variables) against a resource type's ARN format
// from the Service Authorization Reference (with `${Variable}` parts). Both sides are read as
// globs: a variable or `*` is any run, `?` one character. As in resource matching (match.ts),
// the first five colon-separated fields of an ARN are compared one by one and the rest as a
// whole; a pattern with fewer fields is compared as one string.

const STAR = 0;
const ONE = 1;
/** One character, or STAR / ONE. */
export type Flat = (string | typeof STAR | typeof ONE)[];

/** A policy value: `*`, `?` and `${…}` (when variables apply) are wildcards; `${*}`, `${?}`, `${$}` are literals. */
export function flattenPattern(text: string, variables: boolean): Flat {
  const out: Flat = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (variables && ch === "$" && text[i + 1] === "{") {
      const close = text.indexOf("}", i + 2);
      if (close > 0) {
        const inner = text.slice(i + 2, close);
        out.push(inner === "*" || inner === "?" || inner === "$" ? inner : STAR);
        i = close;
        continue;
      }
    }
    out.push(ch === "*" ? STAR : ch === "?" ? ONE : ch);
  }
  return out;
}

/**
 * An ARN format: each `${Name}` is any run; the rest is literal. `${Partition}`, `${Region}` and
 * the like stand for at least one character (a real ARN never leaves those fields empty), but
 * `${Account}` may be empty: AWS-owned resources have no account (SSM's public parameters).
 */
export function flattenFormat(text: string, field = false): Flat {
  const out: Flat = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "{") {
      const close = text.indexOf("}", i + 2);
      if (close > 0) {
        if (field && text.slice(i + 2, close) !== "Account") out.push(ONE);
        if (out[out.length - 1] !== STAR) out.push(STAR);
        i = close;
        continue;
      }
    }
    out.push(text[i]);
  }
  return out;
}

/** Whether some string matches both globs (dynamic programming over both, O(|a|·|b|)). */
export function overlaps(a: Flat, b: Flat): boolean {
  const la = a.length;
  const lb = b.length;
  // next[j] = overlap(a[i+1..], b[j..]); cur[j] = overlap(a[i..], b[j..]).
  let next = new Uint8Array(lb + 1);
  let cur = new Uint8Array(lb + 1);
  next[lb] = 1;
  for (let j = lb - 1; j >= 0; j--) next[j] = b[j] === STAR && next[j + 1] ? 1 : 0;
  for (let i = la - 1; i >= 0; i--) {
    const x = a[i];
    cur[lb] = x === STAR && next[lb] ? 1 : 0;
    for (let j = lb - 1; j >= 0; j--) {
      const y = b[j];
      let v: boolean;
      if (x === STAR) v = next[j] === 1 || cur[j + 1] === 1;
      else if (y === STAR) v = cur[j + 1] === 1 || next[j] === 1;
      else v = (x === ONE || y === ONE || x === y) && next[j + 1] === 1;
      cur[j] = v ? 1 : 0;
    }
    [next, cur] = [cur, next];
  }
  return next[0] === 1;
}

/** An ARN split for overlap tests: the whole text, and its five fields and the rest when it has six. */
export interface ArnShape {
  whole: Flat;
  /** partition, service, region, account (ARN fields 1..4). */
  fields?: Flat[];
  rest?: Flat;
  /** The raw text of each field (one element when the ARN is shorter than six fields). */
  raw: string[];
  /** For quick rejections: each field's text when it has no wildcard, and the rest's literal start and end. */
  literalFields?: (string | undefined)[];
  restHead?: string;
  restTail?: string;
}

function literalOf(flat: Flat): string | undefined {
  let text = "";
  for (const c of flat) {
    if (typeof c !== "string") return undefined;
    text += c;
  }
  return text;
}

function head(flat: Flat): string {
  let text = "";
  for (const c of flat) {
    if (typeof c !== "string") break;
    text += c;
  }
  return text;
}

function tail(flat: Flat): string {
  let text = "";
  for (let i = flat.length - 1; i >= 0; i--) {
    const c = flat[i];
    if (typeof c !== "string") break;
    text = c + text;
  }
  return text;
}

export function arnShape(text: string, flatten: (part: string, field: boolean) => Flat): ArnShape | undefined {
  if (!text.startsWith("arn:")) return undefined;
  const whole = flatten(text, false);
  const parts: string[] = [];
  let from = 0;
  for (let n = 0; n < 5; n++) {
    const at = text.indexOf(":", from);
    if (at < 0) return { whole, raw: [text] };
    parts.push(text.slice(from, at));
    from = at + 1;
  }
  parts.push(text.slice(from));
  const fields = parts.slice(1, 5).map((part) => flatten(part, true));
  const rest = flatten(parts[5], false);
  return { whole, fields, rest, raw: parts, literalFields: fields.map(literalOf), restHead: head(rest), restTail: tail(rest) };
}

/** Whether a policy resource pattern and an ARN format can name a common resource. */
export function arnsOverlap(policy: ArnShape, format: ArnShape): boolean {
  if (!policy.fields || !policy.rest || !format.fields || !format.rest) return overlaps(policy.whole, format.whole);
  // Cheap tests first: different plain fields, or a literal start or end that cannot agree.
  for (let i = 0; i < 4; i++) {
    const a = policy.literalFields?.[i];
    const b = format.literalFields?.[i];
    if (a !== undefined && b !== undefined && a !== b) return false;
  }
  const ph = policy.restHead ?? "";
  const fh = format.restHead ?? "";
  if (!ph.startsWith(fh) && !fh.startsWith(ph)) return false;
  const pt = policy.restTail ?? "";
  const ft = format.restTail ?? "";
  if (!pt.endsWith(ft) && !ft.endsWith(pt)) return false;
  for (let i = 0; i < 4; i++) if (!overlaps(policy.fields[i], format.fields[i])) return false;
  return overlaps(policy.rest, format.rest);
}
