import { timingSafeEqual } from "node:crypto";
import { generateSecret, generateSync } from "otplib";

// Time-based one-time passwords as AWS's virtual MFA devices use them (iam-facts §8): RFC 6238
// with HMAC-SHA1, 6 digits, 30-second steps, and a seed of 40 random bytes written as 64 base32
// characters. otplib computes the codes; which steps are searched is decided here.
//
// Windows, in time steps of 30 s either side of the server's clock:
// - TOTP_WINDOW (1) for a code presented at sign-in: the current step and the ones just before
//   and after it, so a code typed as it rolls over, or from a phone a few seconds off, works.
// - ENABLE_WINDOW (10, five minutes) for EnableMFADevice and ResyncMFADevice: AWS accepts two
//   consecutive codes generated some minutes earlier and enables the device "out of sync"; the
//   width AWS uses is not documented (iam-facts §16), this is the simulation's choice.
// A step is used once: callers pass the device's last accepted step as `after`, and only later
// steps match.

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
export const ENABLE_WINDOW = 10;
/** 40 bytes: 64 base32 characters without padding, as AWS's seeds are. */
export const SEED_BYTES = 40;

export const TOTP_ISSUER = "Amazon Web Services";

const CODE_PATTERN = /^\d+$/;

/** A new random seed, base32. */
export function newSeed(): string {
  return generateSecret({ length: SEED_BYTES });
}

/** The RFC 6238 time step of an instant. */
export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of one time step. `digits` other than 6 only serve the RFC's test vectors. */
export function codeForStep(seed: string, step: number, digits: 6 | 7 | 8 = TOTP_DIGITS): string {
  return generateSync({ secret: seed, epoch: step * TOTP_PERIOD_SECONDS, period: TOTP_PERIOD_SECONDS, digits, algorithm: "sha1" });
}

/** The code an authenticator app shows at `at`. */
export function totpCode(seed: string, at: Date, digits: 6 | 7 | 8 = TOTP_DIGITS): string {
  return codeForStep(seed, timeStep(at), digits);
}

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function isCode(code: string): boolean {
  return code.length === TOTP_DIGITS && CODE_PATTERN.test(code);
}

/** The steps within `window` of now that come after `after`, nearest to now first. */
function candidateSteps(now: Date, window: number, after: number | null | undefined): number[] {
  const current = timeStep(now);
  const steps = [current];
  for (let d = 1; d <= window; d++) steps.push(current - d, current + d);
  return steps.filter((s) => after === null || after === undefined || s > after);
}

/**
 * The time step whose code `code` is, within `window` steps of `now` and later than `after`
 * (the device's last accepted step); null when there is none. Every candidate is compared, in
 * constant time, so the answer's timing says nothing about which step was close.
 */
export function matchTotp(seed: string, code: string, now: Date, window = TOTP_WINDOW, after?: number | null): number | null {
  if (!isCode(code)) return null;
  let matched: number | null = null;
  for (const step of candidateSteps(now, window, after)) {
    if (sameCode(codeForStep(seed, step), code) && matched === null) matched = step;
  }
  return matched;
}

/**
 * EnableMFADevice and ResyncMFADevice: `code1` and `code2` are the codes of two consecutive
 * steps t and t+1, with t within `window` steps of now and later than `after`. Returns t+1, the
 * step the device has now been used up to; null when no such pair exists.
 */
export function matchConsecutiveTotp(
  seed: string,
  code1: string,
  code2: string,
  now: Date,
  window = ENABLE_WINDOW,
  after?: number | null,
): number | null {
  if (!isCode(code1) || !isCode(code2)) return null;
  const current = timeStep(now);
  const codes = new Map<number, string>();
  for (let s = current - window; s <= current + window + 1; s++) codes.set(s, codeForStep(seed, s));
  let matched: number | null = null;
  for (const step of candidateSteps(now, window, after)) {
    if (sameCode(codes.get(step)!, code1) && sameCode(codes.get(step + 1)!, code2) && matched === null) matched = step + 1;
  }
  return matched;
}

/**
 * The otpauth:// URI of the QR code, in the format AWS's console uses now (iam-facts §8):
 * otpauth://totp/Amazon%20Web%20Services:DEVICE@ACCOUNT?secret=SEED&issuer=Amazon%20Web%20Services,
 * where ACCOUNT is the account's alias, or its ID when it has none. Built here rather than by
 * otplib, which would escape the "@" between device and account.
 */
export function otpauthUri(deviceName: string, accountLabel: string, seed: string): string {
  const issuer = encodeURIComponent(TOTP_ISSUER);
  return `otpauth://totp/${issuer}:${encodeURIComponent(deviceName)}@${encodeURIComponent(accountLabel)}?secret=${seed}&issuer=${issuer}`;
}
