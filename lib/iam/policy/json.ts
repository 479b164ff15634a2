// A strict JSON (RFC 8259) parser that keeps the source range of every value and key, so
// findings and matched statements can point at text. It never throws.

import type { SourcePosition, SourceRange } from "./types";

interface NodeBase {
  range: SourceRange;
}
export interface JsonObject extends NodeBase {
  kind: "object";
  entries: JsonEntry[];
}
export interface JsonEntry {
  key: string;
  keyRange: SourceRange;
  value: JsonNode;
}
export interface JsonArray extends NodeBase {
  kind: "array";
  items: JsonNode[];
}
export interface JsonString extends NodeBase {
  kind: "string";
  value: string;
}
export interface JsonNumber extends NodeBase {
  kind: "number";
  value: number;
  /** The number exactly as written (`1.50`), which is what condition values compare. */
  raw: string;
}
export interface JsonBoolean extends NodeBase {
  kind: "boolean";
  value: boolean;
}
export interface JsonNull extends NodeBase {
  kind: "null";
}
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export type JsonParseResult =
  | { ok: true; value: JsonNode }
  | { ok: false; error: { message: string; range: SourceRange } };

const MAX_DEPTH = 64;

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly range: SourceRange,
  ) {}
}

class Parser {
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonNode {
    this.skipWhitespace();
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`Unexpected ${this.describe()} after the end of the document`);
    return value;
  }

  private position(): SourcePosition {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private fail(message: string, start = this.position()): never {
    const end = this.pos < this.text.length ? { line: start.line, column: start.column + 1 } : start;
    throw new SyntaxFailure(message, { start, end });
  }

  private describe(): string {
    if (this.pos >= this.text.length) return "end of input";
    const ch = this.text[this.pos];
    return `character ${JSON.stringify(ch)}`;
  }

  private skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const ch = t.charCodeAt(this.pos);
      if (ch === 0x20 || ch === 0x09) this.pos++;
      else if (ch === 0x0a || ch === 0x0d) {
        this.pos++;
        if (ch === 0x0d && t.charCodeAt(this.pos) === 0x0a) this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else break;
    }
  }

  private parseValue(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail("The document is nested too deeply");
    const ch = this.text[this.pos];
    if (ch === "{") return this.parseObject(depth);
    if (ch === "[") return this.parseArray(depth);
    if (ch === '"') {
      const start = this.position();
      const value = this.parseString();
      return { kind: "string", value, range: { start, end: this.position() } };
    }
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return this.parseNumber();
    for (const [word, make] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        const start = this.position();
        this.pos += word.length;
        return make({ start, end: this.position() });
      }
    }
    this.fail(`Unexpected ${this.describe()}; expected a value`);
  }

  private parseObject(depth: number): JsonObject {
    const start = this.position();
    this.pos++; // {
    const entries: JsonEntry[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { kind: "object", entries, range: { start, end: this.position() } };
    }
    for (;;) {
      if (this.text[this.pos] !== '"') this.fail(`Unexpected ${this.describe()}; expected a property name in double quotes`);
      const keyStart = this.position();
      const key = this.parseString();
      const keyRange = { start: keyStart, end: this.position() };
      this.skipWhitespace();
      if (this.text[this.pos] !== ":") this.fail(`Unexpected ${this.describe()}; expected ':' after property name`);
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth + 1);
      entries.push({ key, keyRange, value });
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ",") {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (next === "}") {
        this.pos++;
        return { kind: "object", entries, range: { start, end: this.position() } };
      }
      this.fail(`Unexpected ${this.describe()}; expected ',' or '}'`);
    }
  }

  private parseArray(depth: number): JsonArray {
    const start = this.position();
    this.pos++; // [
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return { kind: "array", items, range: { start, end: this.position() } };
    }
    for (;;) {
      items.push(this.parseValue(depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos];
      if (next === ",") {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (next === "]") {
        this.pos++;
        return { kind: "array", items, range: { start, end: this.position() } };
      }
      this.fail(`Unexpected ${this.describe()}; expected ',' or ']'`);
    }
  }

  /** Parses a string starting at the opening quote; leaves pos after the closing quote. */
  private parseString(): string {
    const t = this.text;
    this.pos++; // opening quote
    let out = "";
    let chunkStart = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail("Unterminated string");
      const code = t.charCodeAt(this.pos);
      if (code === 0x22) {
        out += t.slice(chunkStart, this.pos);
        this.pos++;
        return out;
      }
      if (code < 0x20) this.fail("Control characters must be escaped in strings");
      if (code !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(chunkStart, this.pos);
      const escape = t[this.pos + 1];
      const simple = escape === undefined ? undefined : ESCAPES[escape];
      if (simple !== undefined) {
        out += simple;
        this.pos += 2;
      } else if (escape === "u") {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("Invalid \\u escape in string");
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        this.fail("Invalid escape in string");
      }
      chunkStart = this.pos;
    }
  }

  private parseNumber(): JsonNumber {
    const start = this.position();
    const match = NUMBER.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail("Invalid number");
    const raw = match[0];
    this.pos += raw.length;
    return { kind: "number", value: Number(raw), raw, range: { start, end: this.position() } };
  }
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
const LITERALS: [string, (range: SourceRange) => JsonNode][] = [
  ["true", (range) => ({ kind: "boolean", value: true, range })],
  ["false", (range) => ({ kind: "boolean", value: false, range })],
  ["null", (range) => ({ kind: "null", range })],
];

export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: new Parser(text).parseDocument() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: { message: e.message, range: e.range } };
    throw e;
  }
}
