import { describe, expect, it } from "vitest";
import { readNames, readString, readStrings, readTags } from "./action-input";

describe("server action input", () => {
  it("reads strings and lists of strings, nothing else", () => {
    expect(readString("a")).toBe("a");
    expect(readString(1)).toBeUndefined();
    expect(readStrings([])).toEqual([]);
    expect(readStrings(["a", "b"])).toEqual(["a", "b"]);
    expect(readStrings(["a", 1])).toBeUndefined();
    expect(readStrings("a")).toBeUndefined();
    expect(readStrings(["a", "b", "c"], 2)).toBeUndefined();
    expect(readStrings(Array.from({ length: 101 }, () => "x"))).toBeUndefined();
  });

  it("names must be a non-empty list of non-empty strings", () => {
    expect(readNames(["bob"])).toEqual(["bob"]);
    expect(readNames([])).toBeUndefined();
    expect(readNames(["bob", ""])).toBeUndefined();
  });

  it("tags: absent is none; only { Key, Value } strings, copied without extra fields", () => {
    expect(readTags(undefined)).toEqual([]);
    expect(readTags([{ Key: "team", Value: "", extra: 1 }])).toEqual([{ Key: "team", Value: "" }]);
    expect(readTags([{ Key: "team" }])).toBeUndefined();
    expect(readTags([null])).toBeUndefined();
    expect(readTags({ Key: "a", Value: "b" })).toBeUndefined();
  });
});
