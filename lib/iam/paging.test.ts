import { describe, expect, it } from "vitest";
import { IamError } from "./errors";
import { cutPage, decodeMarker, DEFAULT_MAX_ITEMS, encodeMarker, maxItems } from "./paging";

describe("Marker / MaxItems", () => {
  it("MaxItems defaults to 100 and accepts 1 to 1000", () => {
    expect(DEFAULT_MAX_ITEMS).toBe(100);
    expect(maxItems({})).toBe(100);
    expect(maxItems({ MaxItems: 1 })).toBe(1);
    expect(maxItems({ MaxItems: 1000 })).toBe(1000);
  });

  it.each([
    [0, "greater than or equal to 1"],
    [-5, "greater than or equal to 1"],
    [1001, "less than or equal to 1000"],
  ])("MaxItems %i fails with ValidationError naming the broken bound", (n, bound) => {
    expect(() => maxItems({ MaxItems: n })).toThrow(
      new IamError("ValidationError", `1 validation error detected: Value '${n}' at 'maxItems' failed to satisfy constraint: Member must have value ${bound}`),
    );
    try {
      maxItems({ MaxItems: n });
    } catch (err) {
      expect((err as IamError).code).toBe("ValidationError");
    }
  });

  it("a marker round-trips its position and is URL-safe", () => {
    for (const after of ["alice", "a\u0000AIDAEXAMPLE", "ünïcode/+=", ""]) {
      const marker = encodeMarker(after);
      expect(marker).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeMarker(marker)).toBe(after);
    }
    expect(decodeMarker(undefined)).toBeUndefined();
  });

  it.each(["", "%%%", "bm90IGpzb24", Buffer.from("[]").toString("base64url"), Buffer.from('{"after":1}').toString("base64url")])(
    "marker %j fails with InvalidInput",
    (marker) => {
      expect(() => decodeMarker(marker)).toThrow(new IamError("InvalidInput", "Invalid Marker."));
    },
  );

  it("cutPage returns at most the limit and a marker only when more remain", () => {
    const rows = ["a", "b", "c"];
    expect(cutPage(rows, 3, (r) => r)).toEqual({ items: rows, IsTruncated: false });
    const cut = cutPage(rows, 2, (r) => r);
    expect(cut.items).toEqual(["a", "b"]);
    expect(cut.IsTruncated).toBe(true);
    expect(decodeMarker(cut.Marker)).toBe("b");
  });
});
