import type { EditorRange } from "./types";

// A place in a policy document carried in a page's URL, so a link can open an editor at it:
// `?line=7&column=5&endLine=7&endColumn=12`, 1-based as editors count (end exclusive). Pages
// read it with revealRangeFromQuery and give it to the PolicyEditor's `revealRange`.

type Param = "line" | "column" | "endLine" | "endColumn";

/** The query parameters of a range. */
export function revealRangeParams(range: EditorRange): Record<Param, string> {
  return {
    line: String(range.start.line),
    column: String(range.start.column),
    endLine: String(range.end.line),
    endColumn: String(range.end.column),
  };
}

/** The range a page's query names; undefined unless line and column are positive integers. A missing end is the start. */
export function revealRangeFromQuery(query: Record<string, string | string[] | undefined>): EditorRange | undefined {
  const read = (name: Param) => {
    const value = query[name];
    const n = typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : undefined;
    return n !== undefined && n >= 1 ? n : undefined;
  };
  const line = read("line");
  const column = read("column");
  if (line === undefined || column === undefined) return undefined;
  const endLine = read("endLine") ?? line;
  const endColumn = read("endColumn") ?? (endLine === line ? column : 1);
  const endsBefore = endLine < line || (endLine === line && endColumn < column);
  return { start: { line, column }, end: endsBefore ? { line, column } : { line: endLine, column: endColumn } };
}
