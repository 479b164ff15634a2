// Helpers for collecting findings while walking a document. Every check reports and goes on,
// so one pass lists all the problems.

import type { JsonNode, JsonObject } from "./json";
import type { Finding, SourceRange } from "./types";

export class FindingList {
  readonly items: Finding[] = [];

  error(code: string, message: string, path: string, range?: SourceRange): void {
    this.items.push(range ? { code, message, path, range } : { code, message, path });
  }

  warning(code: string, message: string, path: string, range?: SourceRange): void {
    this.items.push({ code, message, path, ...(range ? { range } : {}), severity: "warning" });
  }

  wrongType(path: string, node: JsonNode, expected: string): void {
    this.error("element.invalidType", `${path || "The policy"} must be ${expected}, not ${describe(node)}.`, path, node.range);
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

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * The members of an object by key (the last one wins, as JSON.parse does), reporting
 * duplicates and keys outside `allowed`.
 */
export function members(
  object: JsonObject,
  path: string,
  findings: FindingList,
  allowed: readonly string[] | undefined,
  unknownCode: string,
): Map<string, JsonObject["entries"][number]> {
  const byKey = new Map<string, JsonObject["entries"][number]>();
  for (const entry of object.entries) {
    const at = childPath(path, entry.key);
    if (byKey.has(entry.key)) {
      findings.warning("json.duplicateKey", `Duplicate key ${JSON.stringify(entry.key)}; the last one is used.`, at, entry.keyRange);
    }
    if (allowed && !allowed.includes(entry.key)) {
      const hint = allowed.find((a) => a.toLowerCase() === entry.key.toLowerCase());
      const suggestion = hint ? ` Did you mean ${JSON.stringify(hint)}? Element names are case-sensitive.` : ` Expected one of: ${allowed.join(", ")}.`;
      findings.error(unknownCode, `Unknown element ${JSON.stringify(entry.key)}.${suggestion}`, at, entry.keyRange);
      continue;
    }
    byKey.set(entry.key, entry);
  }
  return byKey;
}
