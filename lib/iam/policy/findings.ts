// Helpers for collecting findings while walking a document. Every check reports and goes on,
// so one pass lists all the problems. Ranges from the JSON parser (1-based line and column)
// become Access Analyzer spans (column and offset from 0) here, in one place.

import { findingTypeOf, learnMoreLink, type IssueCode } from "./issue-codes";
import type { JsonNode, JsonObject } from "./json";
import type { Finding, PathElement, Position, SourcePosition, SourceRange, Span } from "./types";

/** IAM's MalformedPolicyDocument message when it has no more specific one. */
export const SYNTAX_ERRORS = "Syntax errors in policy.";

/** Line starts of a text, with the JSON parser's line breaks (LF, CR, CRLF). */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0a) this.starts.push(i + 1);
      else if (ch === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(p: SourcePosition): Position {
    const start = this.starts[Math.min(p.line, this.starts.length) - 1];
    const offset = Math.min(start + p.column - 1, this.text.length);
    return { line: p.line, column: p.column - 1, offset };
  }

  span(range: SourceRange): Span {
    return { start: this.position(range.start), end: this.position(range.end) };
  }
}

export interface FindingOptions {
  /** IAM's MalformedPolicyDocument message, when IAM refuses the document for this reason. */
  malformed?: string;
  /** More places that belong to the same finding. */
  also?: { path: PathElement[]; range: SourceRange }[];
}

/** The line index of the last text (parsing and validating one document both need it). */
let lastIndex: LineIndex | undefined;

function lineIndex(text: string): LineIndex {
  if (lastIndex?.text !== text) lastIndex = new LineIndex(text);
  return lastIndex;
}

export class FindingList {
  readonly items: Finding[] = [];
  private index?: LineIndex;

  constructor(private readonly text: string) {}

  private get lines(): LineIndex {
    return (this.index ??= lineIndex(this.text));
  }

  span(range: SourceRange): Span {
    return this.lines.span(range);
  }

  add(code: IssueCode, details: string, path: PathElement[], range: SourceRange, options: FindingOptions = {}): void {
    const link = learnMoreLink(code);
    const locations = [{ path, span: this.lines.span(range) }];
    for (const more of options.also ?? []) locations.push({ path: more.path, span: this.lines.span(more.range) });
    const finding: Finding = { findingType: findingTypeOf(code), issueCode: code, findingDetails: details, locations };
    if (link) finding.learnMoreLink = link;
    if (options.malformed !== undefined) finding.malformedPolicyDocument = options.malformed;
    this.items.push(finding);
  }

  /** A JSON value of the wrong type: IAM answers "Syntax errors in policy.". */
  wrongType(path: PathElement[], node: JsonNode, expected: string): void {
    const what = path.length === 0 ? "The policy" : pathText(path);
    this.add("DATA_TYPE_MISMATCH", `${what} must be ${expected}, not ${describe(node)}.`, path, node.range, { malformed: SYNTAX_ERRORS });
  }
}

export function describe(node: JsonNode): string {
  switch (node.kind) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "null":
      return "null";
  }
}

/** `Statement[1].Condition.StringEquals.aws:username`: a path as people write it. */
export function pathText(path: readonly PathElement[]): string {
  let out = "";
  for (const step of path) {
    if ("index" in step) out += `[${step.index}]`;
    else {
      const name = "key" in step ? step.key : step.value;
      out += out ? `.${name}` : name;
    }
  }
  return out;
}

export function member(path: readonly PathElement[], name: string): PathElement[] {
  return [...path, { value: name }];
}

export function item(path: readonly PathElement[], index: number): PathElement[] {
  return [...path, { index }];
}

export function memberName(path: readonly PathElement[], name: string): PathElement[] {
  return [...path, { key: name }];
}

/**
 * The members of an object by key (the last one wins, as JSON.parse does), reporting
 * duplicates and keys outside `allowed` (INVALID_POLICY_ELEMENT, IAM: "Syntax errors in policy.").
 */
export function members(
  object: JsonObject,
  path: readonly PathElement[],
  findings: FindingList,
  allowed: readonly string[] | undefined,
  unknown: "INVALID_POLICY_ELEMENT" | "INVALID_PRINCIPAL_KEY" = "INVALID_POLICY_ELEMENT",
): Map<string, JsonObject["entries"][number]> {
  const noun = unknown === "INVALID_PRINCIPAL_KEY" ? "principal key" : "policy element";
  const byKey = new Map<string, JsonObject["entries"][number]>();
  for (const entry of object.entries) {
    const at = memberName(path, entry.key);
    if (byKey.has(entry.key)) {
      findings.add("DUPLICATE_JSON_KEY", `Duplicate key ${JSON.stringify(entry.key)}; the last one is used.`, at, entry.keyRange);
    }
    if (allowed && !allowed.includes(entry.key)) {
      const hint = allowed.find((a) => a.toLowerCase() === entry.key.toLowerCase());
      const suggestion = hint ? ` Did you mean ${JSON.stringify(hint)}? Element names are case-sensitive.` : ` Expected one of: ${allowed.join(", ")}.`;
      findings.add(unknown, `The ${noun} ${JSON.stringify(entry.key)} is not valid.${suggestion}`, at, entry.keyRange, {
        malformed: SYNTAX_ERRORS,
      });
      continue;
    }
    byKey.set(entry.key, entry);
  }
  return byKey;
}
