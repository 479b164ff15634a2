import { describe, expect, it } from "vitest";
import { jsonCursorContext, policyElementAt } from "./json-context";

/** The context at the `|` in the text (the bar is removed). */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf("|");
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  return { ...jsonCursorContext(text, offset), text };
}

describe("jsonCursorContext", () => {
  it("finds a value being typed in an Action array", () => {
    const c = at('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get|"]}]}');
    expect(c).toMatchObject({ at: "value", path: ["Statement", 0, "Action", 0], inString: true, prefix: "s3:Get" });
    expect(c.text.slice(c.tokenStart, c.tokenEnd)).toBe('"s3:Get"');
  });

  it("counts array items", () => {
    expect(at('{"Statement": [{}, {"Action": ["a:b", "c:d", "|"]}]}').path).toEqual(["Statement", 1, "Action", 2]);
  });

  it("finds a single-statement object and a string value", () => {
    expect(at('{"Statement": {"Effect": "Allow", "Resource": "arn:aws:s3|"}}')).toMatchObject({
      at: "value",
      path: ["Statement", "Resource"],
      prefix: "arn:aws:s3",
    });
  });

  it("finds a key position in a condition block, before any quote", () => {
    expect(at('{"Statement": [{"Condition": {"StringEquals": { | }}}]}')).toMatchObject({
      at: "key",
      path: ["Statement", 0, "Condition", "StringEquals"],
      inString: false,
      prefix: "",
    });
  });

  it("finds a key being typed, after other members", () => {
    expect(at('{"Statement": [{"Condition": {"Bool": {"aws:SecureTransport": "true", "aws:Multi|"}}}]}')).toMatchObject({
      at: "key",
      path: ["Statement", 0, "Condition", "Bool"],
      inString: true,
      prefix: "aws:Multi",
    });
  });

  it("finds a value position after a colon", () => {
    expect(at('{"Version": |')).toMatchObject({ at: "value", path: ["Version"], inString: false });
  });

  it("is not fooled by brackets, colons and escaped quotes inside strings", () => {
    expect(at('{"Statement": [{"Sid": "a{[:,\\"x", "Action": "|')).toMatchObject({
      at: "value",
      path: ["Statement", 0, "Action"],
      inString: true,
    });
  });

  it("treats an unclosed string as ending at the line's end", () => {
    const c = at('{"Statement": [{"Action": "s3:|\n}]}');
    expect(c).toMatchObject({ inString: true, prefix: "s3:" });
    expect(c.tokenEnd).toBe(c.text.indexOf("\n"));
  });

  it("is at a key at the start of an object", () => {
    expect(at("{|")).toMatchObject({ at: "key", path: [] });
    expect(at("|")).toMatchObject({ at: "value", path: [] });
  });
});

describe("policyElementAt", () => {
  it("names the statement element of a path", () => {
    expect(policyElementAt(["Statement", 0, "Action", 1])).toEqual({ element: "Action", rest: [1] });
    expect(policyElementAt(["Statement", "NotResource"])).toEqual({ element: "NotResource", rest: [] });
    expect(policyElementAt(["Statement", 2, "Condition", "StringLike"])).toEqual({ element: "Condition", rest: ["StringLike"] });
    expect(policyElementAt(["Version"])).toEqual({ element: "Version", rest: [] });
  });

  it("is undefined outside the policy elements", () => {
    expect(policyElementAt([])).toBeUndefined();
    expect(policyElementAt(["Statement", 0])).toBeUndefined();
    expect(policyElementAt(["Statement", 0, "Actions"])).toBeUndefined();
    expect(policyElementAt(["Other", "Action"])).toBeUndefined();
  });
});
