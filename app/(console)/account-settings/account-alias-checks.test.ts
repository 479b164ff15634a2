import { describe, expect, it } from "vitest";
import { accountAliasError } from "./account-alias-checks";

// The account alias dialog's checks: each flags what CreateAccountAlias would refuse.

describe("Account alias: checks", () => {
  it.each(["demo", "e2e-alias-test", "a1b", "123", "12345678901", "1234567890123", "a".repeat(63), "my-company-2"])("accepts %j", (alias) => {
    expect(accountAliasError(alias)).toBeUndefined();
  });

  it.each([
    ["", "Enter an alias."],
    ["ab", "The alias must be 3 to 63 characters long."],
    ["a".repeat(64), "The alias must be 3 to 63 characters long."],
    ["Demo", "The alias can contain only lowercase letters (a-z), numbers (0-9) and hyphens (-)."],
    ["my_company", "The alias can contain only lowercase letters (a-z), numbers (0-9) and hyphens (-)."],
    ["my company", "The alias can contain only lowercase letters (a-z), numbers (0-9) and hyphens (-)."],
    ["-demo", "The alias must start and end with a lowercase letter or a number, and cannot contain two hyphens in a row."],
    ["demo-", "The alias must start and end with a lowercase letter or a number, and cannot contain two hyphens in a row."],
    ["my--company", "The alias must start and end with a lowercase letter or a number, and cannot contain two hyphens in a row."],
    ["123456789012", "The alias cannot be a 12-digit number."],
  ])("refuses %j", (alias, error) => {
    expect(accountAliasError(alias)).toBe(error);
  });
});
