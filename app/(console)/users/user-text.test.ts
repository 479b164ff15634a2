import { describe, expect, it } from "vitest";
import { groupNameError } from "../groups/group-form-checks";
import { userNameError } from "./user-form-checks";
import { ageInDays, userListRow } from "./user-text";

const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 3600_000);

describe("the users table's texts", () => {
  it("writes ages in whole days", () => {
    expect(ageInDays(NOW, NOW)).toBe("0 days");
    expect(ageInDays(daysAgo(1), NOW)).toBe("1 day");
    expect(ageInDays(daysAgo(91.5), NOW)).toBe("91 days");
  });

  it("shows a user without password, keys or activity with dashes", () => {
    const row = userListRow(
      { userName: "dave", userId: "AIDA", arn: "arn:aws:iam::123456789012:user/dave", path: "/", createDate: daysAgo(2), groups: [], mfaDevices: 0, passwordEnabled: false, accessKeys: [] },
      NOW,
    );
    expect(row).toMatchObject({ lastActivity: "-", mfa: "-", passwordAge: "-", consoleLastSignIn: "-", accessKeyId: "-", activeKeyAge: "-", created: "2 days ago" });
  });

  it("shows a user's password, MFA and first active key", () => {
    const row = userListRow(
      {
        userName: "alice",
        userId: "AIDA",
        arn: "arn:aws:iam::123456789012:user/alice",
        path: "/",
        createDate: daysAgo(100),
        groups: ["Admins"],
        lastActivity: daysAgo(1),
        mfaDevices: 1,
        passwordEnabled: true,
        passwordChangedAt: daysAgo(5),
        accessKeys: [{ accessKeyId: "AKIAEXAMPLE", createDate: daysAgo(91) }],
      },
      NOW,
    );
    expect(row).toMatchObject({
      lastActivity: "1 day ago",
      mfa: "Virtual",
      passwordAge: "5 days",
      consoleLastSignIn: "Never",
      accessKeyId: "Active - AKIAEXAMPLE",
      activeKeyAge: "91 days",
    });
  });
});

describe("names checked as they are typed", () => {
  it.each([
    ["", "Enter a user name."],
    ["Samy", undefined],
    ["a+b=c,d.e@f_g-h", undefined],
    ["Samy Smith", "The user name contains characters that are not valid. Valid characters: A-Z, a-z, 0-9, and + = , . @ _ - (hyphen)"],
    ["x".repeat(65), "The user name must have no more than 64 characters."],
  ])("user name %j → %j", (name, error) => {
    expect(userNameError(name)).toBe(error);
  });

  it("group names may be up to 128 characters", () => {
    expect(groupNameError("x".repeat(128))).toBeUndefined();
    expect(groupNameError("x".repeat(129))).toBe("The user group name must have no more than 128 characters.");
    expect(groupNameError("QA Team")).toBe("The user group name can only contain alphanumeric characters and the following: +=,.@-_");
  });
});
