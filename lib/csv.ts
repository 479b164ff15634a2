// CSV as RFC 4180 has it, for the files the console writes (credential reports, event history,
// new credentials) and the credential report it reads back. Plain module: the browser uses it too.

/** A field as written: quoted, with its quotes doubled, when it holds a comma, a quote or a line break. */
export function csvQuote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Splits CSV text into records of fields. Quoted fields may hold commas, doubled quotes and
 * line breaks; records end with \n, \r\n or \r, and a last line break ends no further record.
 */
export function parseCsv(text: string): string[][] {
  // Text with \r is read character by character. Otherwise the lines are split at once, and
  // only a line with quotes is read field by field: a report of 10,000 users is read on every
  // page of its table.
  if (text.includes("\r")) return readRecords(text);
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const records: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (!line.includes('"')) {
      records.push(line.split(","));
      continue;
    }
    // An odd number of quotes leaves a quoted field open: its line break is part of it.
    let open = quotes(line) % 2 === 1;
    while (open && i + 1 < lines.length) {
      const next = lines[++i];
      line += `\n${next}`;
      if (quotes(next) % 2 === 1) open = false;
    }
    records.push(...readRecords(line));
  }
  return records;
}

function quotes(line: string): number {
  let n = 0;
  for (let at = line.indexOf('"'); at !== -1; at = line.indexOf('"', at + 1)) n++;
  return n;
}

/** The records of `text`, read character by character. */
function readRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = fieldQuoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
      fieldQuoted = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      fieldQuoted = false;
    } else field += ch;
  }
  if (field !== "" || fieldQuoted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
