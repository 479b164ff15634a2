import { describe, expect, it } from "vitest";
import { filterSearchParams, parseEventHistoryFilters, pickerValue, rangeError, rangeFromPicker, rangeTimes } from "./event-history-query";

// The Event history page's filters in its URL: read back as written, malformed values left out,
// paging reset when they change, and time ranges resolved at the time of the read.

const NOW = new Date("2026-06-01T12:00:00Z");

describe("the filters in the URL", () => {
  it("are read back as they were written, and a change goes back to the first page", () => {
    const current = new URLSearchParams("filter=dave&page=3&cursor=abc&size=20");
    const params = filterSearchParams(
      { eventName: "ListUsers", eventSource: "iam", outcome: "AccessDenied", range: { type: "relative", amount: 7, unit: "day" } },
      current,
    );
    expect(params.toString()).toBe("filter=dave&size=20&eventName=ListUsers&eventSource=iam&outcome=AccessDenied&range=7d");
    expect(parseEventHistoryFilters(params)).toEqual({
      eventName: "ListUsers",
      eventSource: "iam",
      outcome: "AccessDenied",
      range: { type: "relative", amount: 7, unit: "day" },
    });
  });

  it("an absolute range is two times; 'all' and empty texts leave no parameter", () => {
    const range = { type: "absolute" as const, start: "2026-05-01T00:00:00.000Z", end: "2026-05-02T00:00:00.000Z" };
    const params = filterSearchParams({ eventName: "", eventSource: "", outcome: "all", range }, new URLSearchParams());
    expect(params.toString()).toBe("start=2026-05-01T00%3A00%3A00.000Z&end=2026-05-02T00%3A00%3A00.000Z");
    expect(parseEventHistoryFilters(params).range).toEqual(range);
  });

  it("malformed values are left out", () => {
    expect(parseEventHistoryFilters({ outcome: "maybe", range: "7y", start: "yesterday", end: "2026-05-02T00:00:00Z" })).toEqual({
      eventName: "",
      eventSource: "",
      outcome: "all",
    });
    expect(parseEventHistoryFilters({ range: "0d" }).range).toBeUndefined();
  });
});

describe("time ranges", () => {
  it("a relative range ends now; an absolute one is what it says; none is no bounds", () => {
    expect(rangeTimes({ type: "relative", amount: 15, unit: "minute" }, NOW)).toEqual({ startTime: new Date("2026-06-01T11:45:00Z"), endTime: NOW });
    expect(rangeTimes({ type: "relative", amount: 2, unit: "week" }, NOW).startTime).toEqual(new Date("2026-05-18T12:00:00Z"));
    expect(rangeTimes({ type: "absolute", start: "2026-05-01T00:00:00Z", end: "2026-05-02T00:00:00Z" }, NOW)).toEqual({
      startTime: new Date("2026-05-01T00:00:00Z"),
      endTime: new Date("2026-05-02T00:00:00Z"),
    });
    expect(rangeTimes(undefined, NOW)).toEqual({});
  });

  it("the picker's values become ranges and back; months and years count in days, seconds in minutes", () => {
    expect(rangeFromPicker({ type: "relative", amount: 1, unit: "hour", key: "1h" })).toEqual({ type: "relative", amount: 1, unit: "hour" });
    expect(rangeFromPicker({ type: "relative", amount: 2, unit: "month" })).toEqual({ type: "relative", amount: 60, unit: "day" });
    expect(rangeFromPicker({ type: "relative", amount: 90, unit: "second" })).toEqual({ type: "relative", amount: 2, unit: "minute" });
    expect(rangeFromPicker({ type: "absolute", startDate: "2026-05-01T00:00:00+00:00", endDate: "2026-05-01T06:30:00+00:00" })).toEqual({
      type: "absolute",
      start: "2026-05-01T00:00:00.000Z",
      end: "2026-05-01T06:30:00.000Z",
    });
    expect(rangeFromPicker(null)).toBeUndefined();
    expect(pickerValue({ type: "relative", amount: 1, unit: "hour" })).toEqual({ type: "relative", amount: 1, unit: "hour", key: "1h" });
    expect(pickerValue({ type: "relative", amount: 3, unit: "hour" })).toEqual({ type: "relative", amount: 3, unit: "hour" });
  });

  it("the picker refuses an end before the start", () => {
    expect(rangeError({ type: "absolute", startDate: "2026-05-02T00:00:00Z", endDate: "2026-05-01T00:00:00Z" })).toBe("The start must be before the end.");
    expect(rangeError({ type: "absolute", startDate: "", endDate: "2026-05-01T00:00:00Z" })).toBe("Enter a start and an end date and time.");
    expect(rangeError({ type: "relative", amount: 1, unit: "day" })).toBeUndefined();
  });
});
