// When an IAM user's console password expires under the account's MaxPasswordAge (iam-facts
// §7). Pure, without 'server-only': sign-in decides with it, and the console shows the same
// numbers. The age is counted from the last change, whenever MaxPasswordAge was set, so a new
// or shorter MaxPasswordAge applies at once to passwords that already exist.

/** The console warns that a password is about to expire in its last 15 days. */
export const PASSWORD_EXPIRY_WARNING_DAYS = 15;

const DAY_MS = 86_400_000;

export interface PasswordExpiry {
  /** Absent when passwords never expire. */
  expiresAt?: Date;
  expired: boolean;
  /** Whole days left, counting a started day as one; 0 once expired. Absent when passwords never expire. */
  daysLeft?: number;
  /** In the last PASSWORD_EXPIRY_WARNING_DAYS days before expiry (not once expired). */
  warn: boolean;
}

/**
 * A password expires when `changedAt` + `maxPasswordAge` days lies before `now`; exactly at
 * that instant it is still valid. No MaxPasswordAge (null, undefined or 0): never.
 */
export function passwordExpiry(maxPasswordAge: number | null | undefined, changedAt: Date, now: Date): PasswordExpiry {
  if (!maxPasswordAge || maxPasswordAge <= 0) return { expired: false, warn: false };
  const expiresAt = new Date(changedAt.getTime() + maxPasswordAge * DAY_MS);
  const left = expiresAt.getTime() - now.getTime();
  if (left < 0) return { expiresAt, expired: true, daysLeft: 0, warn: false };
  return { expiresAt, expired: false, daysLeft: Math.ceil(left / DAY_MS), warn: left <= PASSWORD_EXPIRY_WARNING_DAYS * DAY_MS };
}
