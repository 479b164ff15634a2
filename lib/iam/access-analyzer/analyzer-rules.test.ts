import { describe, expect, it } from "vitest";
import { analyzerNameError, readTrackingPeriod } from "./analyzer-rules";

// The console's checks of the analyzer form, the same limits CreateAnalyzer applies.

describe("analyzer form checks", () => {
  it("reads a tracking period of 1 to 365 whole days", () => {
    expect(readTrackingPeriod(" 90 ")).toEqual({ days: 90 });
    expect(readTrackingPeriod("1")).toEqual({ days: 1 });
    expect(readTrackingPeriod("365")).toEqual({ days: 365 });
    for (const text of ["0", "366", "1.5", "-3", "ninety", "1e2"]) {
      expect(readTrackingPeriod(text)).toEqual({ error: "The tracking period must be a whole number of days from 1 to 365." });
    }
    expect(readTrackingPeriod("")).toEqual({ error: "Enter the tracking period in days." });
  });

  it("accepts names CreateAnalyzer accepts", () => {
    expect(analyzerNameError("UnusedAccessAnalyzer-2026-06-01")).toBeUndefined();
    expect(analyzerNameError("a.b_c-d")).toBeUndefined();
    expect(analyzerNameError("")).toBe("Enter a name for the analyzer.");
    expect(analyzerNameError("1st")).toBe("The name must start with a letter and contain only letters, numbers, periods (.), hyphens (-) and underscores (_).");
    expect(analyzerNameError("has space")).toBe("The name must start with a letter and contain only letters, numbers, periods (.), hyphens (-) and underscores (_).");
    expect(analyzerNameError(`A${"b".repeat(255)}`)).toBe("The name must have no more than 255 characters.");
  });
});
