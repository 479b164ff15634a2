import { describe, expect, it } from "vitest";
import {
  codeForStep,
  ENABLE_WINDOW,
  matchConsecutiveTotp,
  matchTotp,
  newSeed,
  otpauthUri,
  timeStep,
  TOTP_WINDOW,
  totpCode,
} from "./totp";

// RFC 6238 with AWS's parameters, on a fixed clock: the RFC's own vectors, the window either side
// of the current step, replay of a spent step, and the pair of consecutive codes of enable/resync.

/** RFC 6238's SHA-1 secret, the ASCII "12345678901234567890", as base32. */
const RFC_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const BASE32 = /^[A-Z2-7]+$/;

const NOW = new Date("2026-06-01T12:00:10Z");
const T = timeStep(NOW);
const SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("TOTP codes", () => {
  // RFC 6238 Appendix B, SHA-1 column.
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("at %i s the 8-digit code is %s, and the 6-digit code its last six digits", (seconds, code) => {
    const at = new Date(seconds * 1000);
    expect(totpCode(RFC_SEED, at, 8)).toBe(code);
    expect(totpCode(RFC_SEED, at)).toBe(code.slice(2));
  });

  it("change every 30 seconds", () => {
    expect(timeStep(new Date(59_000))).toBe(1);
    expect(timeStep(new Date(60_000))).toBe(2);
    expect(totpCode(RFC_SEED, new Date(59_000))).toBe("287082");
    expect(totpCode(RFC_SEED, new Date(30_000))).toBe("287082");
    expect(totpCode(RFC_SEED, new Date(60_000))).not.toBe("287082");
  });
});

describe("newSeed", () => {
  it("is 64 base32 characters: 40 random bytes, as AWS's seeds", () => {
    const seeds = new Set(Array.from({ length: 20 }, () => newSeed()));
    expect(seeds.size).toBe(20);
    for (const seed of seeds) {
      expect(seed).toHaveLength(64);
      expect(seed).toMatch(BASE32);
      // And usable: a code comes out.
      expect(totpCode(seed, NOW)).toMatch(/^\d{6}$/);
    }
  });
});

describe("matchTotp (sign-in)", () => {
  it(`accepts the current step and ${TOTP_WINDOW} either side, and no further`, () => {
    expect(TOTP_WINDOW).toBe(1);
    const results = [-2, -1, 0, 1, 2].map((d) => matchTotp(SEED, codeForStep(SEED, T + d), NOW));
    expect(results).toEqual([null, T - 1, T, T + 1, null]);
  });

  it("refuses a step that is not later than the last one accepted", () => {
    const code = codeForStep(SEED, T);
    expect(matchTotp(SEED, code, NOW, TOTP_WINDOW, T - 1)).toBe(T);
    expect(matchTotp(SEED, code, NOW, TOTP_WINDOW, T)).toBeNull();
    expect(matchTotp(SEED, codeForStep(SEED, T + 1), NOW, TOTP_WINDOW, T)).toBe(T + 1);
    expect(matchTotp(SEED, codeForStep(SEED, T - 1), NOW, TOTP_WINDOW, T)).toBeNull();
  });

  it.each(["", "12345", "1234567", "12345a", " 123456", "１２３４５６"])("refuses %j, which is not a 6-digit code", (code) => {
    expect(matchTotp(SEED, code, NOW)).toBeNull();
  });

  it("refuses another seed's code", () => {
    const other = newSeed();
    const code = totpCode(other, NOW);
    // Six digits collide once in a million: compare with what this seed really shows.
    const expected = [-1, 0, 1].some((d) => codeForStep(SEED, T + d) === code) ? expect.any(Number) : null;
    expect(matchTotp(SEED, code, NOW)).toEqual(expected);
  });
});

describe("matchConsecutiveTotp (EnableMFADevice, ResyncMFADevice)", () => {
  const pair = (step: number) => [codeForStep(SEED, step), codeForStep(SEED, step + 1)] as const;

  it("accepts two consecutive codes and answers the second one's step", () => {
    const [a, b] = pair(T - 1);
    expect(matchConsecutiveTotp(SEED, a, b, NOW)).toBe(T);
  });

  it(`finds codes made up to ${ENABLE_WINDOW} steps away (a device enabled out of sync), and not further`, () => {
    expect(ENABLE_WINDOW).toBe(10);
    expect(matchConsecutiveTotp(SEED, ...pair(T - 10), NOW)).toBe(T - 9);
    expect(matchConsecutiveTotp(SEED, ...pair(T + 10), NOW)).toBe(T + 11);
    expect(matchConsecutiveTotp(SEED, ...pair(T - 11), NOW)).toBeNull();
    expect(matchConsecutiveTotp(SEED, ...pair(T + 11), NOW)).toBeNull();
  });

  it("refuses codes in the wrong order, the same code twice, or codes two steps apart", () => {
    const [a, b] = pair(T);
    expect(matchConsecutiveTotp(SEED, b, a, NOW)).toBeNull();
    expect(matchConsecutiveTotp(SEED, a, a, NOW)).toBeNull();
    expect(matchConsecutiveTotp(SEED, a, codeForStep(SEED, T + 2), NOW)).toBeNull();
  });

  it("refuses a first code whose step was already used", () => {
    const [a, b] = pair(T);
    expect(matchConsecutiveTotp(SEED, a, b, NOW, ENABLE_WINDOW, T - 1)).toBe(T + 1);
    expect(matchConsecutiveTotp(SEED, a, b, NOW, ENABLE_WINDOW, T)).toBeNull();
  });

  it("refuses malformed codes", () => {
    const [, b] = pair(T);
    expect(matchConsecutiveTotp(SEED, "abcdef", b, NOW)).toBeNull();
    expect(matchConsecutiveTotp(SEED, "12345", b, NOW)).toBeNull();
  });
});

describe("otpauthUri", () => {
  it("follows AWS's current format, the account named by alias or ID", () => {
    expect(otpauthUri("alice-phone", "123456789012", SEED)).toBe(
      `otpauth://totp/Amazon%20Web%20Services:alice-phone@123456789012?secret=${SEED}&issuer=Amazon%20Web%20Services`,
    );
    expect(otpauthUri("root-account-mfa-device", "my-alias", SEED)).toBe(
      `otpauth://totp/Amazon%20Web%20Services:root-account-mfa-device@my-alias?secret=${SEED}&issuer=Amazon%20Web%20Services`,
    );
  });

  it("escapes what a device name may hold that a URI may not", () => {
    const text = otpauthUri("a+b=c,d", "acct", SEED);
    expect(text).toContain(":a%2Bb%3Dc%2Cd@acct?");
    const uri = new URL(text);
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Amazon Web Services:a+b=c,d@acct");
    expect(uri.searchParams.get("secret")).toBe(SEED);
    expect(uri.searchParams.get("issuer")).toBe("Amazon Web Services");
  });
});
