// Property tests of the wildcard matchers against a naive reference written here: a memoized
// recursive glob matcher (`*` any run, `?` exactly one character), plus the ARN rules of the
// resource matcher as match.ts documents them. Inputs come from a seeded PRNG, so every run
// checks the same cases and a failure names the seed and the case.

import { describe, expect, it } from "vitest";
import { ContextView } from "./context";
import { compileActionPattern, compileResourcePattern } from "./match";
import { seededRandom } from "@/lib/seeded-random";

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Rand, items: readonly T[]): T => items[int(rand, items.length)];
const stringOf = (rand: Rand, alphabet: readonly string[], maxLength: number) => {
  let out = "";
  for (let i = int(rand, maxLength + 1); i > 0; i--) out += pick(rand, alphabet);
  return out;
};

// ---- Reference implementation -------------------------------------------------------------

/** Whether `text` matches the glob `pattern` (`*` any run, `?` one character), case-sensitively. */
function refGlob(pattern: string, text: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (p: number, t: number): boolean => {
    const key = p * (text.length + 1) + t;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (p === pattern.length) result = t === text.length;
    else if (pattern[p] === "*") result = go(p + 1, t) || (t < text.length && go(p, t + 1));
    else if (t === text.length) result = false;
    else result = (pattern[p] === "?" || pattern[p] === text[t]) && go(p + 1, t + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

const refAction = (pattern: string, action: string) => refGlob(pattern.toLowerCase(), action.toLowerCase());

/** Splits at the 5th colon: [the five fields, the resource part], or undefined with fewer colons. */
function splitArn(text: string): [string[], string] | undefined {
  const parts = text.split(":");
  if (parts.length < 6) return undefined;
  return [parts.slice(0, 5), parts.slice(5).join(":")];
}

/**
 * The resource rules of match.ts: `*` alone, or a pattern with fewer than five colons, is one glob
 * over the whole resource (so `*` crosses `:`). Otherwise each of the five fields before the
 * resource part is matched within its own field, and the resource part (after the 5th colon)
 * as a glob in which `*` crosses `/` and `:`.
 */
function refResource(pattern: string, resource: string): boolean {
  const p = splitArn(pattern);
  if (pattern === "*" || !p) return refGlob(pattern, resource);
  const r = splitArn(resource);
  if (!r) return false;
  return p[0].every((field, i) => refGlob(field, r[0][i])) && refGlob(p[1], r[1]);
}

// ---- Generators ---------------------------------------------------------------------------

const ACTION_ALPHABET = ["a", "b", "A", "B", ":", "*", "?"];
const ACTION_INPUT_ALPHABET = ["a", "b", "A", "B", ":"];
const RESOURCE_ALPHABET = ["a", "b", "B", "/", ":", "*", "?"];
const RESOURCE_INPUT_ALPHABET = ["a", "b", "B", "/", ":"];

/** A text the pattern should match: each `*` becomes a random run, each `?` a random character. */
function instantiate(rand: Rand, pattern: string, alphabet: readonly string[]): string {
  let out = "";
  for (const ch of pattern) {
    if (ch === "*") out += stringOf(rand, alphabet, 3);
    else if (ch === "?") out += pick(rand, alphabet);
    else out += rand() < 0.15 ? (rand() < 0.5 ? ch.toUpperCase() : ch.toLowerCase()) : ch;
  }
  return out;
}

/** A random small edit: insert, delete or replace one character. */
function mutate(rand: Rand, text: string, alphabet: readonly string[]): string {
  const at = int(rand, text.length + 1);
  const op = int(rand, 3);
  if (op === 0 || text.length === 0) return text.slice(0, at) + pick(rand, alphabet) + text.slice(at);
  const i = Math.min(at, text.length - 1);
  return text.slice(0, i) + (op === 1 ? "" : pick(rand, alphabet)) + text.slice(i + 1);
}

/** An input for a pattern: a match made from it, a near variant of one, or unrelated text. */
function inputFor(rand: Rand, pattern: string, alphabet: readonly string[], maxLength: number): string {
  const roll = rand();
  if (roll < 0.4) return instantiate(rand, pattern, alphabet);
  if (roll < 0.75) return mutate(rand, instantiate(rand, pattern, alphabet), alphabet);
  return stringOf(rand, alphabet, maxLength);
}

/** Resource patterns: free text, or ARN-shaped (six or more colon-separated fields). */
function resourcePattern(rand: Rand): string {
  if (rand() < 0.3) return stringOf(rand, RESOURCE_ALPHABET, 12);
  const fields = Array.from({ length: 5 }, () => (rand() < 0.4 ? "" : stringOf(rand, RESOURCE_ALPHABET.filter((c) => c !== ":"), 3)));
  return `${fields.join(":")}:${stringOf(rand, RESOURCE_ALPHABET, 8)}`;
}

function resourceInput(rand: Rand, pattern: string): string {
  if (rand() < 0.15) {
    const fields = Array.from({ length: 5 }, () => stringOf(rand, RESOURCE_INPUT_ALPHABET.filter((c) => c !== ":"), 3));
    return `${fields.join(":")}:${stringOf(rand, RESOURCE_INPUT_ALPHABET, 8)}`;
  }
  return inputFor(rand, pattern, RESOURCE_INPUT_ALPHABET, 14).replace(/[A-Z]/g, (c) => (rand() < 0.5 ? c : c.toLowerCase()));
}

const SEEDS = [1, 42, 2024, 0xdecaf];
const PATTERNS_PER_SEED = 750;
const INPUTS_PER_PATTERN = 8;
const none = new ContextView({});

const actionTest = (pattern: string, action: string) => compileActionPattern(pattern).test(action);
const resourceTest = (pattern: string, resource: string) => compileResourcePattern(pattern, { variables: false }).test(resource, none).matches;

/** Runs `check` over generated cases and fails with the first disagreement, named. */
function forAll(seed: number, make: (rand: Rand) => [string, string], check: (pattern: string, input: string) => string | undefined): number {
  const rand = seededRandom(seed);
  let checked = 0;
  for (let i = 0; i < PATTERNS_PER_SEED * INPUTS_PER_PATTERN; i++) {
    const [pattern, input] = make(rand);
    const failure = check(pattern, input);
    if (failure) expect.fail(`seed ${seed}, case ${i}: pattern ${JSON.stringify(pattern)}, input ${JSON.stringify(input)}: ${failure}`);
    checked++;
  }
  return checked;
}

/** One pattern, then INPUTS_PER_PATTERN inputs for it. */
function casesOf(patternOf: (rand: Rand) => string, inputOf: (rand: Rand, pattern: string) => string): (rand: Rand) => [string, string] {
  let pattern = "";
  let n = 0;
  return (rand) => {
    if (n++ % INPUTS_PER_PATTERN === 0) pattern = patternOf(rand);
    return [pattern, inputOf(rand, pattern)];
  };
}

const actionCases = () =>
  casesOf(
    (rand) => stringOf(rand, ACTION_ALPHABET, 10),
    (rand, pattern) => inputFor(rand, pattern, ACTION_INPUT_ALPHABET, 12),
  );
const resourceCases = () => casesOf(resourcePattern, resourceInput);

// ---- Sanity of the reference itself ---------------------------------------------------------

describe("reference glob (sanity)", () => {
  it.each([
    ["", "", true],
    ["", "a", false],
    ["*", "", true],
    ["a*b", "ab", true],
    ["a*b", "a:/b", true],
    ["a?b", "ab", false],
    ["a?b", "axb", true],
    ["*a*a*b", "aaaa", false],
  ])("%j vs %j → %s", (pattern, text, expected) => {
    expect(refGlob(pattern, text)).toBe(expected);
  });

  it.each([
    ["arn:aws:iam::*:user/*", "arn:aws:iam::123:user/a/b", true],
    ["arn:aws:iam::*:user/*", "arn:aws:iam::1:2:user/a", false],
    ["arn:aws:iam::*", "arn:aws:iam::123:user/a", true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x:y", true],
    ["*", "anything:at:all", true],
  ])("resource %j vs %j → %s", (pattern, resource, expected) => {
    expect(refResource(pattern, resource)).toBe(expected);
  });
});

// ---- Agreement with the reference -----------------------------------------------------------

describe.each(SEEDS)("matchers agree with the reference (seed %i)", (seed) => {
  it("action matcher (case-insensitive)", () => {
    let positives = 0;
    const checked = forAll(seed, actionCases(), (pattern, action) => {
      const expected = refAction(pattern, action);
      if (expected) positives++;
      const actual = actionTest(pattern, action);
      return actual === expected ? undefined : `matcher says ${actual}, reference ${expected}`;
    });
    expect(checked).toBe(PATTERNS_PER_SEED * INPUTS_PER_PATTERN);
    // The generator must exercise both outcomes substantially.
    expect(positives).toBeGreaterThan(checked / 5);
    expect(positives).toBeLessThan(checked * 0.8);
  });

  it("action matcher: testLower agrees with test on lowercased input", () => {
    forAll(seed, actionCases(), (pattern, action) => {
      const compiled = compileActionPattern(pattern);
      const lower = action.toLowerCase();
      return compiled.testLower(lower) === compiled.test(action) ? undefined : "testLower and test disagree";
    });
  });

  it("resource matcher (case-sensitive, ARN fields)", () => {
    let positives = 0;
    const checked = forAll(seed, resourceCases(), (pattern, resource) => {
      const expected = refResource(pattern, resource);
      if (expected) positives++;
      const actual = resourceTest(pattern, resource);
      return actual === expected ? undefined : `matcher says ${actual}, reference ${expected}`;
    });
    expect(positives).toBeGreaterThan(checked / 10);
    expect(positives).toBeLessThan(checked * 0.8);
  });
});

// ---- Properties -----------------------------------------------------------------------------

describe.each(SEEDS)("matcher properties (seed %i)", (seed) => {
  it("`*` matches every action and every resource", () => {
    forAll(seed, actionCases(), (_pattern, action) => (actionTest("*", action) ? undefined : "`*` missed an action"));
    forAll(seed, resourceCases(), (_pattern, resource) => (resourceTest("*", resource) ? undefined : "`*` missed a resource"));
  });

  it("an action pattern without wildcards matches only itself, ignoring case", () => {
    forAll(seed, actionCases(), (pattern, action) => {
      const literal = pattern.replace(/[*?]/g, "");
      const expected = literal.toLowerCase() === action.toLowerCase();
      if (actionTest(literal, action) !== expected) return `literal ${JSON.stringify(literal)} gave ${!expected}`;
      if (!actionTest(literal, literal.toUpperCase())) return "literal missed its upper-case self";
      return undefined;
    });
  });

  it("a resource pattern without wildcards matches only itself, case-sensitively", () => {
    forAll(seed, resourceCases(), (pattern, resource) => {
      const literal = pattern.replace(/[*?]/g, "");
      if (resourceTest(literal, resource) !== (literal === resource)) return `literal ${JSON.stringify(literal)} disagrees`;
      if (!resourceTest(literal, literal)) return "literal missed itself";
      if (/[a-z]/.test(literal) && resourceTest(literal, literal.toUpperCase())) return "literal matched its upper-case form";
      return undefined;
    });
  });

  it("appending `*` never loses a match", () => {
    forAll(seed, actionCases(), (pattern, action) => (actionTest(pattern, action) && !actionTest(`${pattern}*`, action) ? "action match lost" : undefined));
    forAll(seed, resourceCases(), (pattern, resource) =>
      resourceTest(pattern, resource) && !resourceTest(`${pattern}*`, resource) ? "resource match lost" : undefined,
    );
  });

  it("replacing a character of the pattern by `?` or `*` never loses a match", () => {
    const rand = seededRandom(seed ^ 0x5eed);
    forAll(seed, actionCases(), (pattern, action) => {
      if (pattern.length === 0 || !actionTest(pattern, action)) return undefined;
      const at = int(rand, pattern.length);
      const wider = pattern.slice(0, at) + pick(rand, ["?", "*"]) + pattern.slice(at + 1);
      // `?` widens only a single non-wildcard character; `*` always widens.
      if (wider[at] === "?" && pattern[at] === "*") return undefined;
      return actionTest(wider, action) ? undefined : `widened ${JSON.stringify(wider)} lost the match`;
    });
  });

  it("an action matches every instantiation of its pattern", () => {
    const rand = seededRandom(seed ^ 0xbeef);
    forAll(seed, actionCases(), (pattern) => {
      const action = instantiate(rand, pattern, ACTION_INPUT_ALPHABET);
      return actionTest(pattern, action) ? undefined : `instantiation ${JSON.stringify(action)} missed`;
    });
  });

  it("`*` in an ARN field stays within the field; in the resource part it crosses `:` and `/`", () => {
    const rand = seededRandom(seed ^ 0xa2);
    for (let i = 0; i < 500; i++) {
      const tail = stringOf(rand, RESOURCE_INPUT_ALPHABET, 8);
      const region = stringOf(rand, ["a", "b"], 3);
      expect(resourceTest("arn:aws:s3:*:1:*", `arn:aws:s3:${region}:1:${tail}`)).toBe(true);
      expect(resourceTest("arn:aws:s3:*:1:*", `arn:aws:s3:${region}:x:1:${tail}`)).toBe(false);
      expect(resourceTest("arn:aws:*", `arn:aws:s3:${region}:x:1:${tail}`)).toBe(true);
    }
  });
});
