import { describe, expect, it } from "vitest";
import { csvQuote, parseCsv } from "./csv";
import { seededRandom } from "./seeded-random";

describe("csvQuote", () => {
  it.each([
    ["alice", "alice"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    ["", ""],
  ])("writes %j as %j", (value, written) => {
    expect(csvQuote(value)).toBe(written);
  });
});

describe("parseCsv", () => {
  it.each<[string, string, string[][]]>([
    ["nothing", "", []],
    ["one record", "a,b,c", [["a", "b", "c"]]],
    ["a last line break ends no record", "a,b\n", [["a", "b"]]],
    ["records by \\n", "h1,h2\nv1,v2\nw1,w2", [["h1", "h2"], ["v1", "v2"], ["w1", "w2"]]],
    ["records by \\r\\n and \\r", "a,b\r\nc,d\re,f\r\n", [["a", "b"], ["c", "d"], ["e", "f"]]],
    ["an empty line is a record of one empty field", "a\n\nb", [["a"], [""], ["b"]]],
    ["empty fields", ",a,,\n", [["", "a", "", ""]]],
    ["a quoted comma", 'user,"x,y",z', [["user", "x,y", "z"]]],
    ["doubled quotes", '"say ""hi""",2', [['say "hi"', "2"]]],
    ["a quoted line break continues the record", 'a,"two\nlines",b\nc', [["a", "two\nlines", "b"], ["c"]]],
    ["a quoted \\r\\n is kept", '"x\r\ny"\r\nz', [["x\r\ny"], ["z"]]],
    ["a last record of one quoted empty field", 'a\n""', [["a"], [""]]],
    ["quoted and plain records mixed", 'p,q\n"r,s",t\nu,v\n', [["p", "q"], ["r,s", "t"], ["u", "v"]]],
  ])("%s", (_, text, records) => {
    expect(parseCsv(text)).toEqual(records);
  });

  it("reads back what csvQuote wrote", () => {
    const rows = [
      ["user", "arn", "note"],
      ["a,b", 'q"uote', "line\nbreak"],
      ["plain", "", "x\r\ny"],
    ];
    expect(parseCsv(rows.map((r) => r.map(csvQuote).join(",")).join("\n"))).toEqual(rows);
  });

  it.each([
    ["with line breaks \\n only", ["a", "b", ",", '"', "\n", ""]],
    ["with \\r too", ["a", ",", '"', "\n", "\r", ""]],
  ])("reads back 2,000 random tables %s", (_, alphabet) => {
    const next = seededRandom(20261127);
    const pick = () => alphabet[Math.floor(next() * alphabet.length)];
    for (let n = 0; n < 2_000; n++) {
      const rows = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(next() * 3) }, () => Array.from({ length: Math.floor(next() * 5) }, pick).join("")),
      );
      // Each record ends with a line break, so a last record of one empty field is kept.
      const text = rows.map((r) => `${r.map(csvQuote).join(",")}\n`).join("");
      expect(parseCsv(text), JSON.stringify(text)).toEqual(rows);
    }
  });
});
