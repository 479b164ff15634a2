import { describe, expect, it } from "vitest";
import { queryRows } from "./query-rows";
import { defineTable } from "./table-config";
import type { TableQuery } from "./table-query";

interface Row {
  name: string;
  used?: number;
  status: "ok" | "warning";
}

const CONFIG = defineTable<Row>({
  resourceName: { singular: "user", plural: "users" },
  getRowId: (r) => r.name,
  columns: [
    { id: "name", header: "User", cell: (r) => r.name, value: (r) => r.name },
    { id: "used", header: "Last used", cell: (r) => String(r.used ?? "-"), value: (r) => r.used, filterable: false },
    { id: "status", header: "Status", cell: (r) => r.status, filterValue: (r) => (r.status === "ok" ? "No findings" : "Console access without MFA") },
  ],
});

const ROWS: Row[] = [
  { name: "<root_account>", used: 5, status: "ok" },
  { name: "user10", used: 1, status: "warning" },
  { name: "alice", status: "warning" },
  { name: "user9", used: 3, status: "ok" },
  { name: "Bob", used: 3, status: "warning" },
];

const query = (q: Partial<TableQuery>): TableQuery => ({ page: 1, pageSize: 10, filter: "", ...q });
const names = (q: Partial<TableQuery>) => queryRows(ROWS, CONFIG, query(q)).rows.map((r) => r.name);

describe("queryRows", () => {
  it("keeps the given order without a sort", () => {
    expect(names({})).toEqual(ROWS.map((r) => r.name));
  });

  it.each([
    ["ali", ["alice"]],
    ["  USER ", ["user10", "user9"]],
    ["without mfa", ["user10", "alice", "Bob"]],
    // The "used" column is not filterable.
    ["3", []],
  ])("filters by %j on the filterable columns only, case-insensitively", (filter, expected) => {
    const result = queryRows(ROWS, CONFIG, query({ filter }));
    expect(result.rows.map((r) => r.name)).toEqual(expected);
    expect(result.totalCount).toBe(expected.length);
  });

  it("sorts text as the client table does: case-insensitive, numbers in order", () => {
    expect(names({ sort: { columnId: "name", descending: false } })).toEqual(["<root_account>", "alice", "Bob", "user9", "user10"]);
    expect(names({ sort: { columnId: "name", descending: true } })).toEqual(["user10", "user9", "Bob", "alice", "<root_account>"]);
  });

  it("puts empty values last in both directions and keeps ties in the given order", () => {
    expect(names({ sort: { columnId: "used", descending: false } })).toEqual(["user10", "user9", "Bob", "<root_account>", "alice"]);
    expect(names({ sort: { columnId: "used", descending: true } })).toEqual(["<root_account>", "user9", "Bob", "user10", "alice"]);
  });

  it("ignores a sort on a column without values", () => {
    expect(names({ sort: { columnId: "status", descending: true } })).toEqual(ROWS.map((r) => r.name));
  });

  it("returns one page, and the last page for a page past the end", () => {
    expect(queryRows(ROWS, CONFIG, query({ pageSize: 2, page: 2 }))).toEqual({ rows: [ROWS[2], ROWS[3]], totalCount: 5, page: 2 });
    expect(queryRows(ROWS, CONFIG, query({ pageSize: 2, page: 9 }))).toEqual({ rows: [ROWS[4]], totalCount: 5, page: 3 });
    expect(queryRows([], CONFIG, query({ page: 4 }))).toEqual({ rows: [], totalCount: 0, page: 1 });
  });
});
