import { describe, expect, it } from "vitest";
import { ContextView } from "./context";
import { ONE, STAR } from "./glob";
import { parseTemplate, resolveTemplate, resolveText } from "./variables";

const on = { variables: true, wildcards: true };

describe("parseTemplate", () => {
  it("splits text, wildcards and variables", () => {
    expect(parseTemplate("home/${aws:username}/*?", on).parts).toEqual([
      { kind: "text", text: "home/" },
      { kind: "variable", key: "aws:username", defaultValue: undefined, source: "${aws:username}" },
      { kind: "text", text: "/" },
      { kind: "star" },
      { kind: "one" },
    ]);
  });

  it("reads defaults, with spaces around the comma", () => {
    const [part] = parseTemplate("${aws:PrincipalTag/team , 'company-wide'}", on).parts;
    expect(part).toMatchObject({ kind: "variable", key: "aws:PrincipalTag/team", defaultValue: "company-wide" });
    expect(parseTemplate("${aws:PrincipalTag/team, 'x'}", on).variables).toEqual([]);
  });

  it("treats ${*} ${?} ${$} as literal characters", () => {
    const t = parseTemplate("a${*}b${?}c${$}", on);
    expect(t.staticTokens).toEqual(["a*b?c$"]);
  });

  it("keeps unclosed or empty ${ as text", () => {
    expect(parseTemplate("a${b", on).staticTokens).toEqual(["a${b"]);
    expect(parseTemplate("a${}*", on).staticTokens).toEqual(["a${}", STAR]);
  });

  it("is literal when variables are off", () => {
    expect(parseTemplate("${aws:username}?", { variables: false, wildcards: true }).staticTokens).toEqual(["${aws:username}", ONE]);
    expect(parseTemplate("${aws:username}?", { variables: false, wildcards: false }).staticTokens).toEqual(["${aws:username}?"]);
  });
});

describe("resolveTemplate", () => {
  const ctx = new ContextView({ "aws:username": "bob*", "aws:TagKeys": ["a", "b"] });
  it("substitutes case-insensitively, literally", () => {
    expect(resolveTemplate(parseTemplate("u/${AWS:USERNAME}/*", on), ctx)).toEqual({ ok: true, tokens: ["u/bob*/", STAR] });
  });
  it("fails on a key without a value, or with several", () => {
    expect(resolveTemplate(parseTemplate("${aws:userid}", on), ctx)).toEqual({ ok: false, unresolved: ["aws:userid"] });
    expect(resolveText(parseTemplate("${aws:TagKeys}", on), ctx)).toEqual({ ok: false, unresolved: ["aws:TagKeys"] });
  });
});
