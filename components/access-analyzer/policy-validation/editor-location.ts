import type { EditorRange } from "@/components/policy-editor/types";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { parseJson, type FindingLocation, type JsonNode, type PathElement, type SourceRange } from "@/lib/iam/policy";

// A finding's location is in the document as stored; the console's editors show it indented
// (prettyJson). The place is found again in the shown text by its path (Statement[0].Resource),
// which indenting does not change, so a link opens the editor on the same element.

interface Located {
  range: SourceRange;
}

/** The range a path leads to: a value, or a member's name; as far as the path can be followed. */
function follow(root: JsonNode, path: readonly PathElement[]): { found: Located; depth: number } {
  let node: JsonNode = root;
  let found: Located = root;
  let depth = 0;
  for (const step of path) {
    if ("index" in step) {
      if (node.kind !== "array" || !node.items[step.index]) break;
      node = node.items[step.index];
      found = node;
    } else {
      const name = "key" in step ? step.key : step.value;
      // The last of duplicate keys is the one that counts (and the only one indenting keeps).
      const entry = node.kind === "object" ? node.entries.findLast((e) => e.key === name) : undefined;
      if (!entry) break;
      if ("key" in step) {
        found = { range: entry.keyRange };
        depth++;
        break;
      }
      node = entry.value;
      found = node;
    }
    depth++;
  }
  return { found, depth };
}

function fromSpan(location: FindingLocation): EditorRange {
  const { start, end } = location.span;
  return { start: { line: start.line, column: start.column + 1 }, end: { line: end.line, column: end.column + 1 } };
}

const singleLine = (r: SourceRange) => r.start.line === r.end.line;
const width = (r: SourceRange) => r.end.column - r.start.column;

/** Where the editor, showing `document` indented, has the place `location` names in the stored text. */
export function editorRangeOf(document: string, location: FindingLocation): EditorRange {
  const shown = prettyJson(document);
  if (shown === document) return fromSpan(location);
  const stored = parseJson(document);
  const indented = parseJson(shown);
  if (!stored.ok || !indented.ok) return fromSpan(location);
  const before = follow(stored.value, location.path);
  const after = follow(indented.value, location.path.slice(0, before.depth));
  const target = after.found.range;
  const source = before.found.range;
  const span = fromSpan(location);
  // Within one element on one line (a part of an ARN), the same part of the same text.
  if (before.depth === after.depth && singleLine(source) && singleLine(target) && width(source) === width(target) && singleLine(span) && span.start.line === source.start.line) {
    const shift = target.start.column - source.start.column;
    if (span.start.column >= source.start.column && span.end.column <= source.end.column) {
      return { start: { line: target.start.line, column: span.start.column + shift }, end: { line: target.start.line, column: span.end.column + shift } };
    }
  }
  return { start: { ...target.start }, end: { ...target.end } };
}
