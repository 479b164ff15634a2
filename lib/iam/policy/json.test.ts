import { describe, expect, it } from "vitest";
import { parseJson, type JsonNode } from "./json";

function ok(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("parseJson", () => {
  it("keeps 1-based line/column ranges for every value, end exclusive", () => {
    const root = ok('{\n  "a": [1, "x"],\n  "b": {"c": null}\n}');
    expect(root.range).toEqual({ start: { line: 1, column: 1 }, end: { line: 4, column: 2 } });
    if (root.kind !== "object") throw new Error("object expected");
    const [a, b] = root.entries;
    expect(a.keyRange).toEqual({ start: { line: 2, column: 3 }, end: { line: 2, column: 6 } });
    expect(a.value.range).toEqual({ start: { line: 2, column: 8 }, end: { line: 2, column: 16 } });
    if (a.value.kind !== "array") throw new Error("array expected");
    expect(a.value.items[1]).toEqual({ kind: "string", value: "x", range: { start: { line: 2, column: 12 }, end: { line: 2, column: 15 } } });
    expect(b.value.range).toEqual({ start: { line: 3, column: 8 }, end: { line: 3, column: 19 } });
  });

  it("counts CRLF and CR as one line break", () => {
    const root = ok('{\r\n"a":\r1}');
    if (root.kind !== "object") throw new Error("object expected");
    expect(root.entries[0].value.range.start).toEqual({ line: 3, column: 1 });
  });

  it("decodes escapes and keeps numbers as written", () => {
    const root = ok('["a\\"b\\\\c\\u00e9\\n", -1.50e2, true, false, null]');
    if (root.kind !== "array") throw new Error("array expected");
    expect(root.items[0]).toMatchObject({ value: 'a"b\\cé\n' });
    expect(root.items[1]).toMatchObject({ kind: "number", value: -150, raw: "-1.50e2" });
    expect(root.items.slice(2).map((n) => n.kind)).toEqual(["boolean", "boolean", "null"]);
  });

  it.each([
    ["", 1, 1, "end of input"],
    ['{"a": 1,}', 1, 9, "expected a property name"],
    ['{"a" 1}', 1, 6, "expected ':'"],
    ['{\n  "a": [1 2]\n}', 2, 11, "expected ',' or ']'"],
    ['{"a": tru}', 1, 7, "expected a value"],
    ['{"a": "x', 1, 9, "Unterminated string"],
    ['{"a": "\t"}', 1, 8, "Control characters"],
    ['{"a": "\\x"}', 1, 8, "Invalid escape"],
    ['{"a": 01}', 1, 8, "expected ',' or '}'"],
    ["{} {}", 1, 4, "after the end"],
    ["{'a': 1}", 1, 2, "double quotes"],
    ["// c\n{}", 1, 1, "expected a value"],
  ])("rejects %j at %i:%i (%s)", (text, line, column, message) => {
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.range.start).toEqual({ line, column });
    expect(result.error.message).toContain(message);
  });

  it("never throws, even on deep nesting or garbage", () => {
    expect(parseJson("[".repeat(10000)).ok).toBe(false);
    let seed = 7;
    const alphabet = '{}[]",:\\ \nau0-1.eE';
    for (let i = 0; i < 2000; i++) {
      let text = "";
      for (let j = 0; j < 20; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += alphabet[seed % alphabet.length];
      }
      const result = parseJson(text);
      let native = true;
      try {
        JSON.parse(text);
      } catch {
        native = false;
      }
      expect(result.ok, text).toBe(native);
    }
  });
});
