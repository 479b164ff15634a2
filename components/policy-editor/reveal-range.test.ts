import { describe, expect, it } from "vitest";
import { revealRangeFromQuery, revealRangeParams } from "./reveal-range";

describe("reveal range in a URL", () => {
  it("goes into the query and comes back", () => {
    const range = { start: { line: 7, column: 5 }, end: { line: 8, column: 12 } };
    expect(revealRangeFromQuery(revealRangeParams(range))).toEqual(range);
  });

  it("takes a position without an end as an empty range", () => {
    expect(revealRangeFromQuery({ line: "3", column: "9" })).toEqual({ start: { line: 3, column: 9 }, end: { line: 3, column: 9 } });
  });

  it("ignores what is not a position", () => {
    for (const query of [{}, { line: "7" }, { line: "0", column: "1" }, { line: "x", column: "1" }, { line: ["1", "2"], column: "1" }, { line: "1.5", column: "2" }]) {
      expect(revealRangeFromQuery(query)).toBeUndefined();
    }
  });

  it("does not let the end come before the start", () => {
    expect(revealRangeFromQuery({ line: "5", column: "4", endLine: "2", endColumn: "1" })).toEqual({ start: { line: 5, column: 4 }, end: { line: 5, column: 4 } });
  });
});
