import { describe, expect, it } from "vitest";
import { POLICY_GENERATION_MAX_DAYS } from "@/lib/iam/access-analyzer/policy-generation";
import { MAX_DAYS, rangeTimes, readTimeRange, timeRangeError } from "./time-range";

const NOW = new Date("2026-06-01T12:00:00Z");

describe("Generate policy's time period", () => {
  it("allows as many days as Access Analyzer", () => {
    expect(MAX_DAYS).toBe(POLICY_GENERATION_MAX_DAYS);
  });

  it("reads the last N days as the N days before now", () => {
    expect(rangeTimes({ type: "relative", amount: 7, unit: "day" }, NOW)).toEqual({ startTime: new Date("2026-05-25T12:00:00Z"), endTime: NOW });
    expect(rangeTimes({ type: "relative", amount: 2, unit: "week" }, NOW)?.startTime).toEqual(new Date("2026-05-18T12:00:00Z"));
  });

  it("reads a custom range of days from the first day's start to the last day's end, not past now", () => {
    expect(rangeTimes({ type: "absolute", startDate: "2026-05-01", endDate: "2026-05-10" }, NOW)).toEqual({
      startTime: new Date("2026-05-01T00:00:00.000Z"),
      endTime: new Date("2026-05-10T23:59:59.999Z"),
    });
    expect(rangeTimes({ type: "absolute", startDate: "2026-05-30", endDate: "2026-06-01" }, NOW)?.endTime).toEqual(NOW);
    expect(rangeTimes({ type: "absolute", startDate: "May 1", endDate: "2026-05-10" }, NOW)).toBeUndefined();
  });

  it("says what is wrong with a range", () => {
    expect(timeRangeError({ type: "relative", amount: 90, unit: "day" }, NOW)).toBeUndefined();
    expect(timeRangeError({ type: "relative", amount: 91, unit: "day" }, NOW)).toBe("Choose a time period of 90 days or less.");
    expect(timeRangeError({ type: "absolute", startDate: "2026-03-03", endDate: "2026-06-01" }, NOW)).toBe("Choose a time period of 90 days or less.");
    expect(timeRangeError({ type: "absolute", startDate: "2026-03-04", endDate: "2026-06-01" }, NOW)).toBeUndefined();
    expect(timeRangeError({ type: "absolute", startDate: "2026-06-02", endDate: "2026-06-03" }, NOW)).toBe("The start date can't be in the future.");
    expect(timeRangeError({ type: "absolute", startDate: "2026-05-10", endDate: "2026-05-01" }, NOW)).toBe("The end date must be after the start date.");
    expect(timeRangeError(null, NOW)).toBe("Choose a time period.");
  });

  it("reads only ranges of the picker's shape", () => {
    expect(readTimeRange({ type: "relative", amount: 7, unit: "day", key: "x" })).toEqual({ type: "relative", amount: 7, unit: "day" });
    expect(readTimeRange({ type: "absolute", startDate: "2026-05-01", endDate: "2026-05-02" })).toEqual({ type: "absolute", startDate: "2026-05-01", endDate: "2026-05-02" });
    for (const bad of [null, "7d", { type: "relative", amount: 0, unit: "day" }, { type: "relative", amount: 1, unit: "fortnight" }, { type: "absolute", startDate: 1 }]) {
      expect(readTimeRange(bad)).toBeUndefined();
    }
  });
});
