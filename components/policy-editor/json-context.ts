// Where the cursor is in a (possibly unfinished) JSON document: at a key or a value, under
// which path, inside which string. The editor's completions for actions, resources and
// condition keys are chosen from this. A tolerant scan, not a parser: it never fails, it just
// reads as far as the cursor.

export type JsonPathSegment = string | number;

export interface JsonCursorContext {
  /** `key`: an object member's name is expected or being typed; `value`: a value is. */
  at: "key" | "value";
  /** The keys and indexes leading to the cursor's container, then the member's key for values. */
  path: JsonPathSegment[];
  /** The cursor is inside a string literal. */
  inString: boolean;
  /** The string's text before the cursor (unescaped); "" when not in a string. */
  prefix: string;
  /** Offset of the string's opening quote, or the cursor when not in a string. */
  tokenStart: number;
  /** Offset just after the string's closing quote when it has one on the same line, else the cursor. */
  tokenEnd: number;
}

interface ObjectFrame {
  kind: "object";
  key: string | undefined;
  /** A key is expected (after `{` or `,`), as opposed to a value (after `:`). */
  expectKey: boolean;
}

interface ArrayFrame {
  kind: "array";
  index: number;
}

type Frame = ObjectFrame | ArrayFrame;

/** Reads a string starting at `start` (the quote): its value and the offset after it (or the end). */
function readString(text: string, start: number, limit: number): { value: string; end: number; closed: boolean } {
  let value = "";
  let i = start + 1;
  while (i < limit) {
    const ch = text[i];
    if (ch === '"') return { value, end: i + 1, closed: true };
    if (ch === "\n") break;
    if (ch === "\\" && i + 1 < limit) {
      const next = text[i + 1];
      value += next === "n" ? "\n" : next === "t" ? "\t" : next === "u" ? "" : next;
      i += next === "u" ? 6 : 2;
      continue;
    }
    value += ch;
    i++;
  }
  return { value, end: i, closed: false };
}

export function jsonCursorContext(text: string, offset: number): JsonCursorContext {
  const stack: Frame[] = [];
  let i = 0;
  while (i < offset) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (ch === '"') {
      const s = readString(text, i, text.length);
      if (s.end > offset || (!s.closed && s.end >= offset)) {
        // The cursor is inside this string.
        const prefix = readString(text, i, offset).value;
        return contextAt(stack, true, prefix, i, s.closed ? s.end : offset);
      }
      if (top?.kind === "object" && top.expectKey) top.key = s.value;
      i = s.end;
      continue;
    }
    switch (ch) {
      case "{":
        stack.push({ kind: "object", key: undefined, expectKey: true });
        break;
      case "[":
        stack.push({ kind: "array", index: 0 });
        break;
      case "}":
      case "]":
        stack.pop();
        break;
      case ":":
        if (top?.kind === "object") top.expectKey = false;
        break;
      case ",":
        if (top?.kind === "object") {
          top.expectKey = true;
          top.key = undefined;
        } else if (top?.kind === "array") top.index++;
        break;
    }
    i++;
  }
  return contextAt(stack, false, "", offset, offset);
}

function contextAt(stack: Frame[], inString: boolean, prefix: string, tokenStart: number, tokenEnd: number): JsonCursorContext {
  const path: JsonPathSegment[] = [];
  for (const [n, frame] of stack.entries()) {
    const last = n === stack.length - 1;
    if (frame.kind === "array") path.push(frame.index);
    else if (!last || !frame.expectKey) {
      if (frame.key !== undefined) path.push(frame.key);
    }
  }
  const top = stack[stack.length - 1];
  const at = top?.kind === "object" && top.expectKey ? "key" : "value";
  return { at, path, inString, prefix, tokenStart, tokenEnd };
}

/** The policy element a path is in: `Action` for `["Statement", 0, "Action", 2]`, with the statement's path. */
export interface PolicyElementContext {
  element: "Version" | "Sid" | "Effect" | "Principal" | "NotPrincipal" | "Action" | "NotAction" | "Resource" | "NotResource" | "Condition";
  /** Below the element: for Condition, `[operator]` or `[operator, key]`. */
  rest: JsonPathSegment[];
}

const STATEMENT_ELEMENTS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);

export function policyElementAt(path: readonly JsonPathSegment[]): PolicyElementContext | undefined {
  if (path.length === 1 && path[0] === "Version") return { element: "Version", rest: [] };
  if (path[0] !== "Statement") return undefined;
  // "Statement": {...} or "Statement": [{...}]
  const at = typeof path[1] === "number" ? 2 : 1;
  const element = path[at];
  if (typeof element !== "string" || !STATEMENT_ELEMENTS.has(element)) return undefined;
  return { element: element as PolicyElementContext["element"], rest: path.slice(at + 1) };
}
