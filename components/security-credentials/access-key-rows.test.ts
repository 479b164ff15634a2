import { describe, expect, it } from "vitest";
import { formatDateTime } from "@/components/console-layout/time";
import { ACCESS_KEY_ROTATION_DAYS, ageInDays } from "@/lib/iam/access-key-rules";
import { formatAge, needsRotation, toAccessKeyTableRow } from "./access-key-rows";
import { ACCESS_KEY_USE_CASES, useCaseAdvice, useCaseStepError } from "./access-key-use-cases";

const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 3600_000);

describe("an access key's age and rotation", () => {
  it.each([
    [0, 0, "0 days", false],
    [0.9, 0, "0 days", false],
    [1, 1, "1 day", false],
    [89.99, 89, "89 days", false],
    [90, 90, "90 days", true],
    [400, 400, "400 days", true],
  ])("a key created %s days ago is %s whole days old (%s), rotation due: %s", (ago, days, text, due) => {
    expect(ageInDays(daysAgo(ago), NOW)).toBe(days);
    expect(formatAge(days)).toBe(text);
    expect(needsRotation(days)).toBe(due);
  });

  it("warns at the 90-day benchmark", () => {
    expect(ACCESS_KEY_ROTATION_DAYS).toBe(90);
  });

  it("never counts a clock skew into a negative age", () => {
    expect(ageInDays(new Date(NOW.getTime() + 60_000), NOW)).toBe(0);
  });
});

describe("an access key's row", () => {
  it("shows a key never used with dashes for service and region", () => {
    const row = toAccessKeyTableRow(
      { AccessKeyId: "AKIAEXAMPLE", Status: "Active", CreateDate: daysAgo(3), lastUsed: { service: "N/A", region: "N/A" } },
      NOW,
    );
    expect(row).toEqual({
      AccessKeyId: "AKIAEXAMPLE",
      Status: "Active",
      description: "",
      created: formatDateTime(daysAgo(3)),
      ageDays: 3,
      age: "3 days",
      needsRotation: false,
      lastUsed: "Never",
      lastUsedService: "-",
      lastUsedRegion: "-",
    });
  });

  it("shows where and when a key was last used, and its description", () => {
    const row = toAccessKeyTableRow(
      {
        AccessKeyId: "AKIAEXAMPLE",
        Status: "Inactive",
        CreateDate: daysAgo(120),
        description: "ci deploy",
        lastUsed: { date: new Date(NOW.getTime() - 2 * 3600_000), service: "s3", region: "N/A" },
      },
      NOW,
    );
    expect(row).toMatchObject({ Status: "Inactive", description: "ci deploy", age: "120 days", needsRotation: true, lastUsed: "2 hours ago", lastUsedService: "s3", lastUsedRegion: "-" });
  });
});

describe("the access key wizard's use cases", () => {
  it("lists AWS's six use cases in the console's order", () => {
    expect(ACCESS_KEY_USE_CASES.map((u) => u.label)).toEqual([
      "Command Line Interface (CLI)",
      "Local code",
      "Application running on an AWS compute service",
      "Third-party service",
      "Application running outside AWS",
      "Other",
    ]);
  });

  it("recommends an alternative for every use case but Other", () => {
    for (const u of ACCESS_KEY_USE_CASES) expect(u.alternatives.length > 0).toBe(u.value !== "other");
  });

  it.each([
    [undefined, false, "Choose a use case to continue."],
    ["cli", false, "Confirm that you understand the recommendation to continue."],
    ["cli", true, undefined],
    ["third-party", false, "Confirm that you understand the recommendation to continue."],
    ["outside-aws", false, undefined],
    ["other", false, undefined],
    ["nonsense", true, "Choose a use case to continue."],
  ])("use case %s, confirmed %s: %s", (value, confirmed, error) => {
    expect(useCaseStepError(value, confirmed)).toBe(error);
  });

  it("finds a use case's advice by its value", () => {
    expect(useCaseAdvice("local-code")?.label).toBe("Local code");
    expect(useCaseAdvice("x")).toBeUndefined();
  });
});
