import { describe, expect, it } from "vitest";
import {
  compareValues,
  defaultPreferences,
  defineTable,
  headerCounter,
  matchesCountText,
  matchesFilter,
  normalizePreferences,
  tableQueryOptions,
} from "./table-config";

interface Row {
  id: string;
  name: string;
  created: Date;
  note?: string;
}

const CONFIG = defineTable<Row>({
  resourceName: { singular: "user", plural: "users" },
  getRowId: (r) => r.id,
  columns: [
    { id: "name", header: "User name", cell: (r) => r.name, value: (r) => r.name, isRowHeader: true, alwaysVisible: true },
    { id: "created", header: "Creation time", cell: (r) => r.created.toISOString(), value: (r) => r.created, filterable: false },
    { id: "note", header: "Note", cell: (r) => r.note ?? "-", hiddenByDefault: true },
  ],
  defaultSort: { columnId: "name", descending: false },
});

describe("tableQueryOptions", () => {
  it("lists the columns with a value as sortable and picks the default page size", () => {
    expect(tableQueryOptions(CONFIG)).toEqual({
      sortableColumns: ["name", "created"],
      pageSizeOptions: [10, 20, 50, 100],
      defaultPageSize: 20,
      defaultSort: { columnId: "name", descending: false },
    });
  });

  it("falls back to the first page size offered when 20 is not", () => {
    expect(tableQueryOptions({ ...CONFIG, pageSizeOptions: [25, 50] }).defaultPageSize).toBe(25);
  });
});

describe("compareValues", () => {
  it("orders text case-insensitively and numerically", () => {
    const names = ["bob", "Alice", "user10", "user9", "carol"];
    expect([...names].sort(compareValues)).toEqual(["Alice", "bob", "carol", "user9", "user10"]);
  });

  it("orders dates, numbers and booleans by value", () => {
    expect(compareValues(new Date("2024-01-02"), new Date("2024-01-01"))).toBeGreaterThan(0);
    expect(compareValues(2, 10)).toBeLessThan(0);
    expect(compareValues(false, true)).toBeLessThan(0);
  });

  it("puts empty values last", () => {
    // Array#sort always puts undefined at the end itself: compare the others directly.
    expect(["b", "", "a", null].sort(compareValues)).toEqual(["a", "b", "", null]);
    expect(compareValues(undefined, "a")).toBeGreaterThan(0);
    expect(compareValues(null, undefined)).toBe(0);
  });
});

describe("matchesFilter", () => {
  it("matches any value, case-insensitively, ignoring surrounding spaces", () => {
    expect(matchesFilter(["Alice", "admins"], "  ADMIN ")).toBe(true);
    expect(matchesFilter(["Alice", 42], "42")).toBe(true);
    expect(matchesFilter(["Alice"], "bob")).toBe(false);
  });

  it("matches everything with an empty filter", () => {
    expect(matchesFilter([], "   ")).toBe(true);
  });
});

describe("preferences", () => {
  it("shows all columns but the hidden-by-default ones", () => {
    expect(defaultPreferences(CONFIG)).toEqual({
      pageSize: 20,
      wrapLines: false,
      stripedRows: false,
      contentDisplay: [
        { id: "name", visible: true },
        { id: "created", visible: true },
        { id: "note", visible: false },
      ],
    });
  });

  it("keeps stored order and choices, drops unknown columns and appends new ones", () => {
    const stored = {
      pageSize: 50,
      wrapLines: true,
      stripedRows: true,
      contentDisplay: [
        { id: "created", visible: false },
        { id: "gone", visible: true },
        { id: "name", visible: true },
      ],
    };
    expect(normalizePreferences(stored, CONFIG)).toEqual({
      pageSize: 50,
      wrapLines: true,
      stripedRows: true,
      contentDisplay: [
        { id: "created", visible: false },
        { id: "name", visible: true },
        { id: "note", visible: false },
      ],
    });
  });

  it("never hides an always-visible column and rejects a page size not offered", () => {
    const stored = { pageSize: 13, contentDisplay: [{ id: "name", visible: false }, { id: "name", visible: true }] };
    const prefs = normalizePreferences(stored, CONFIG);
    expect(prefs.pageSize).toBe(20);
    expect(prefs.contentDisplay[0]).toEqual({ id: "name", visible: true });
    expect(prefs.contentDisplay.filter((d) => d.id === "name")).toHaveLength(1);
  });

  it.each([null, "text", 42, { contentDisplay: "nope" }])("falls back to the defaults for %j", (stored) => {
    expect(normalizePreferences(stored, CONFIG)).toEqual(defaultPreferences(CONFIG));
  });
});

describe("headerCounter", () => {
  it("counts like the console", () => {
    expect(headerCounter(3, 0)).toBe("(3)");
    expect(headerCounter(3, 1)).toBe("(1/3)");
    expect(headerCounter(100, 0, true)).toBe("(100+)");
    expect(headerCounter(100, 2, true)).toBe("(2/100+)");
  });
});

describe("matchesCountText", () => {
  it("counts matches, open-ended when more follow uncounted", () => {
    expect(matchesCountText(1)).toBe("1 match");
    expect(matchesCountText(7)).toBe("7 matches");
    expect(matchesCountText(50, true)).toBe("50+ matches");
  });
});
