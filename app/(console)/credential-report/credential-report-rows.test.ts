import { describe, expect, it } from "vitest";
import { matchesFinding, parseFindingFilter, reportFileName, type CredentialReportRow } from "./credential-report-rows";

// The Credential report page's finding filter, read from the URL the dashboard links to, and
// the name of the file "Download credentials report" saves.

const row = (findings: CredentialReportRow["findings"]): CredentialReportRow => ({
  user: "alice",
  root: false,
  arn: "arn:aws:iam::123456789012:user/alice",
  created: "100 days ago",
  createdAt: 0,
  password: "Enabled",
  passwordLastUsed: "Never",
  mfa: false,
  accessKeys: ["-", "-"],
  certificates: "-",
  findings,
});

const ALICE = row([
  { type: "console-without-mfa", text: "Console access without MFA" },
  { type: "access-key-old", text: "Access key 1 is 100 days old" },
]);
const CLEAN = row([]);

describe("parseFindingFilter", () => {
  it.each([
    ["console-without-mfa", "console-without-mfa"],
    ["access-key-unused", "access-key-unused"],
    ["any", "any"],
    ["none", "none"],
    [undefined, ""],
    ["", ""],
    ["toString", ""],
    ["ACCESS-KEY-OLD", ""],
  ])("reads %j as %j", (value, expected) => {
    expect(parseFindingFilter(value)).toBe(expected);
  });
});

describe("matchesFinding", () => {
  it.each([
    ["", ALICE, true],
    ["", CLEAN, true],
    ["any", ALICE, true],
    ["any", CLEAN, false],
    ["none", ALICE, false],
    ["none", CLEAN, true],
    ["access-key-old", ALICE, true],
    ["password-unused", ALICE, false],
    ["console-without-mfa", CLEAN, false],
  ] as const)("filter %j on %#", (filter, r, expected) => {
    expect(matchesFinding(r, filter)).toBe(expected);
  });
});

describe("reportFileName", () => {
  it("names the file after the report's generation time, with colons replaced", () => {
    expect(reportFileName("2026-11-27T13:45:07.123Z")).toBe("status_reports_2026-11-27T13_45_07+00_00.csv");
    expect(reportFileName("2026-11-27T13:45:07Z")).toBe("status_reports_2026-11-27T13_45_07+00_00.csv");
  });
});
