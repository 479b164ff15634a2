import { describe, expect, it } from "vitest";
import { PASSWORD_EXPIRY_WARNING_DAYS, passwordExpiry } from "./password-expiry";

// Expiry maths with a fixed clock: the password was changed at CHANGED, and MaxPasswordAge days
// later it expires.

const CHANGED = new Date("2026-01-01T00:00:00Z");
const at = (days: number, ms = 0) => new Date(CHANGED.getTime() + days * 86_400_000 + ms);

describe("passwordExpiry", () => {
  it.each([null, undefined, 0])("with MaxPasswordAge %s never expires and never warns", (age) => {
    expect(passwordExpiry(age, CHANGED, at(5000))).toEqual({ expired: false, warn: false });
  });

  it.each([
    // [MaxPasswordAge, days since the change (+ ms), expired, daysLeft, warn]
    [90, 0, 0, false, 90, false],
    [90, 74, 1, false, 16, false],
    [90, 75, 0, false, 15, true],
    [90, 89, 1, false, 1, true],
    [90, 90, 0, false, 0, true],
    [90, 90, 1, true, 0, false],
    [90, 400, 0, true, 0, false],
    [1, 0, 0, false, 1, true],
    [1, 1, 1, true, 0, false],
    [1095, 1080, 0, false, 15, true],
  ] as const)("MaxPasswordAge %i, %i days (+%i ms) after the change: expired %s, %i days left, warn %s", (age, days, ms, expired, daysLeft, warn) => {
    expect(passwordExpiry(age, CHANGED, at(days, ms))).toEqual({ expiresAt: at(age), expired, daysLeft, warn });
  });

  it("warns in exactly the last 15 days", () => {
    expect(PASSWORD_EXPIRY_WARNING_DAYS).toBe(15);
    expect(passwordExpiry(30, CHANGED, at(15, -1)).warn).toBe(false);
    expect(passwordExpiry(30, CHANGED, at(15)).warn).toBe(true);
  });

  it("a shorter MaxPasswordAge applies at once to a password set long ago", () => {
    expect(passwordExpiry(1095, CHANGED, at(200)).expired).toBe(false);
    expect(passwordExpiry(180, CHANGED, at(200)).expired).toBe(true);
  });
});
