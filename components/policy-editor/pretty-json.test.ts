import { describe, expect, it } from "vitest";
import { prettyJson } from "./pretty-json";

describe("prettyJson", () => {
  it("indents stored policy documents and leaves text that is not JSON", () => {
    expect(prettyJson('{"Version":"2012-10-17"}')).toBe('{\n    "Version": "2012-10-17"\n}');
    expect(prettyJson("not json")).toBe("not json");
  });
});
