import { describe, expect, it } from "vitest";
import {
  consoleListInput,
  hrefWithQuery,
  lastPage,
  MAX_FILTER_LENGTH,
  MAX_PAGE,
  pageWindow,
  parseTableQuery,
  searchParam,
  tableQuerySearchParams,
  type TableQuery,
  type TableQueryOptions,
} from "./table-query";

const OPTIONS: TableQueryOptions = {
  sortableColumns: ["name", "created"],
  pageSizeOptions: [10, 20, 50],
  defaultPageSize: 20,
  defaultSort: { columnId: "name", descending: false },
};

const DEFAULT_QUERY: TableQuery = { page: 1, pageSize: 20, sort: { columnId: "name", descending: false }, filter: "" };

describe("parseTableQuery", () => {
  it("gives the defaults for a bare URL", () => {
    expect(parseTableQuery({}, OPTIONS)).toEqual(DEFAULT_QUERY);
    expect(parseTableQuery(new URLSearchParams(), OPTIONS)).toEqual(DEFAULT_QUERY);
  });

  it("reads page, size, sort, order and filter", () => {
    const params = new URLSearchParams("page=3&size=50&sort=created&order=desc&filter=ali");
    expect(parseTableQuery(params, OPTIONS)).toEqual({
      page: 3,
      pageSize: 50,
      sort: { columnId: "created", descending: true },
      filter: "ali",
    });
  });

  it("reads Next's searchParams record, taking the first of repeated values", () => {
    expect(parseTableQuery({ page: ["2", "5"], filter: "bob", sort: undefined }, OPTIONS)).toEqual({
      ...DEFAULT_QUERY,
      page: 2,
      filter: "bob",
    });
  });

  it.each([
    ["page=0", { page: 1 }],
    ["page=-2", { page: 1 }],
    ["page=1.5", { page: 1 }],
    ["page=abc", { page: 1 }],
    ["page=99999999999", { page: 1 }],
    [`page=${MAX_PAGE + 1}`, { page: MAX_PAGE }],
    ["size=7", { pageSize: 20 }],
    ["size=1000", { pageSize: 20 }],
    ["sort=password", { sort: { columnId: "name", descending: false } }],
  ])("falls back to the default for %s", (search, expected) => {
    expect(parseTableQuery(new URLSearchParams(search), OPTIONS)).toEqual({ ...DEFAULT_QUERY, ...expected });
  });

  it("applies an order alone to the default sort column", () => {
    expect(parseTableQuery(new URLSearchParams("order=desc"), OPTIONS).sort).toEqual({ columnId: "name", descending: true });
  });

  it("has no sort without a default or a valid column", () => {
    const unsorted: TableQueryOptions = { ...OPTIONS, defaultSort: undefined };
    expect(parseTableQuery(new URLSearchParams("order=desc"), unsorted).sort).toBeUndefined();
  });

  it("cuts a filter longer than the limit", () => {
    const long = "x".repeat(MAX_FILTER_LENGTH + 10);
    expect(parseTableQuery({ filter: long }, OPTIONS).filter).toHaveLength(MAX_FILTER_LENGTH);
  });

  it("reads only its own prefixed keys", () => {
    const params = new URLSearchParams("page=4&roles.page=2&roles.filter=ec2");
    expect(parseTableQuery(params, { ...OPTIONS, paramPrefix: "roles" })).toEqual({ ...DEFAULT_QUERY, page: 2, filter: "ec2" });
  });
});

describe("searchParam", () => {
  it("reads a param from Next's searchParams or from URLSearchParams, the first when repeated", () => {
    expect(searchParam({ finding: "access-key-old" }, "finding")).toBe("access-key-old");
    expect(searchParam({ finding: ["any", "none"] }, "finding")).toBe("any");
    expect(searchParam({}, "finding")).toBeUndefined();
    expect(searchParam(new URLSearchParams("finding=any&finding=none"), "finding")).toBe("any");
    expect(searchParam(new URLSearchParams(""), "finding")).toBeUndefined();
  });
});

describe("tableQuerySearchParams", () => {
  it("leaves defaults out of the URL", () => {
    expect(tableQuerySearchParams(DEFAULT_QUERY, OPTIONS).toString()).toBe("");
  });

  it("writes what differs from the defaults", () => {
    const params = tableQuerySearchParams(
      { page: 2, pageSize: 50, sort: { columnId: "created", descending: true }, filter: "a b" },
      OPTIONS,
    );
    expect(params.toString()).toBe("page=2&size=50&filter=a+b&sort=created&order=desc");
  });

  it("writes only the order when the default column is sorted the other way", () => {
    const params = tableQuerySearchParams({ ...DEFAULT_QUERY, sort: { columnId: "name", descending: true } }, OPTIONS);
    expect(params.toString()).toBe("order=desc");
  });

  it("keeps the page's other params and replaces its own", () => {
    const current = new URLSearchParams("tab=permissions&page=7&filter=old");
    const params = tableQuerySearchParams({ ...DEFAULT_QUERY, filter: "new" }, OPTIONS, current);
    expect(params.toString()).toBe("tab=permissions&filter=new");
    expect(current.toString()).toBe("tab=permissions&page=7&filter=old");
  });

  it("uses the prefix", () => {
    const params = tableQuerySearchParams({ ...DEFAULT_QUERY, page: 3 }, { ...OPTIONS, paramPrefix: "roles" });
    expect(params.toString()).toBe("roles.page=3");
  });

  it.each<TableQuery>([
    DEFAULT_QUERY,
    { page: 5, pageSize: 10, sort: { columnId: "created", descending: false }, filter: "dev ops" },
    { page: 1, pageSize: 50, sort: { columnId: "name", descending: true }, filter: "ü&=?" },
  ])("round-trips %j", (query) => {
    const url = new URL(hrefWithQuery("/users", tableQuerySearchParams(query, OPTIONS)), "http://console");
    expect(parseTableQuery(url.searchParams, OPTIONS)).toEqual(query);
  });
});

describe("paging helpers", () => {
  it("turns a page into an offset window", () => {
    expect(pageWindow({ page: 1, pageSize: 20 })).toEqual({ skip: 0, take: 20 });
    expect(pageWindow({ page: 3, pageSize: 50 })).toEqual({ skip: 100, take: 50 });
  });

  it("counts pages, with one page for no rows", () => {
    expect(lastPage(0, 20)).toBe(1);
    expect(lastPage(20, 20)).toBe(1);
    expect(lastPage(21, 20)).toBe(2);
  });

  it("writes hrefs without an empty question mark", () => {
    expect(hrefWithQuery("/users", new URLSearchParams())).toBe("/users");
    expect(hrefWithQuery("/users", new URLSearchParams("page=2"))).toBe("/users?page=2");
  });
});

describe("consoleListInput", () => {
  it("hands the list function the page, the filter and the sort column with its order", () => {
    const query: TableQuery = { page: 3, pageSize: 50, sort: { columnId: "created", descending: true }, filter: "ali" };
    expect(consoleListInput<"name" | "created">(query)).toEqual({ filter: "ali", sort: "created", descending: true, page: 3, pageSize: 50 });
  });

  it("leaves the sort to the list function when the table has none", () => {
    expect(consoleListInput({ page: 1, pageSize: 20, filter: "" })).toEqual({ filter: "", page: 1, pageSize: 20 });
  });
});
