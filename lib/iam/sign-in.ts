import "server-only";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { db, Prisma, type Db } from "@/lib/db";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { GLOBAL_SERVICE_REGION } from "./activity";
import { rootArn } from "./arns";
import type { Caller } from "./caller";
import { decoyPasswordHash, verifyPassword } from "./crypto";
import { changePassword, loginProfileStatus, passwordRulesFor } from "./login-profiles";
import { mfaFactorsFor, securityKeySignInOptions, verifySecurityKeySignIn, verifyTotpSignIn } from "./mfa";
import { passwordRequirements, passwordReuseRule } from "./password-rules";

// Console sign-in: root by e-mail, IAM users by account (ID or alias) and name. A failure
// never says which part was wrong. Failures are counted in the database per account+name
// and per source IP, so every app server applies the same throttle.
//
// The password opens no session by itself. It opens a sign-in challenge: a random token held by
// the browser (only its SHA-256 is stored) that lives five minutes, during which the principal
// presents MFA when it has a device, then sets a new password when an administrator required one
// or the account's MaxPasswordAge has passed. completeSignIn turns a challenge whose steps are
// all done into a console session, once.

export const GENERIC_SIGN_IN_ERROR = "Your authentication information is incorrect. Please try again.";
export const PASSWORD_EXPIRED_ERROR = "Your password has expired. Contact your administrator to reset it.";
export const SIGN_IN_EXPIRED_ERROR = "Your sign-in has expired. Sign in again.";
export const TOO_MANY_CODES_ERROR = "Too many incorrect authentication codes. Sign in again.";

export class SignInError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    /** The sign-in challenge is gone (used, expired or voided): the sign-in starts over at the password. */
    readonly startOver = false,
  ) {
    super(message);
    this.name = "SignInError";
  }
}

export const THROTTLE = {
  /** Failures allowed per account+name before it is blocked. */
  perNameLimit: 5,
  /** Failures allowed per source IP before it is blocked. */
  perIpLimit: 20,
  /** Failures are forgotten after this quiet period (no failure at all for this long). */
  windowMs: 15 * 60_000,
  /** First block; doubles with each further failure, up to maxBlockMs. */
  baseBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
};

export const CONSOLE_SESSION_MS = 12 * 3600_000;
/** How long the steps after the password may take. */
export const SIGN_IN_CHALLENGE_MS = 5 * 60_000;
/** Wrong MFA codes (or security key answers) a challenge survives; the next sign-in starts over. */
export const MFA_ATTEMPTS_PER_CHALLENGE = 5;

export interface SignInRequest {
  sourceIp: string;
  userAgent?: string;
  /** aws:SecureTransport of the password change made during sign-in. */
  secureTransport?: boolean;
  now: Date;
}

export interface ConsoleSessionInfo {
  sessionId: string;
  accountId: string;
  principalArn: string;
}

export type SignInStep = "mfa" | "password" | "done";

/** Where a sign-in stands: what the browser shows next, and the token that carries it there. */
export interface SignInProgress {
  challenge: string;
  next: SignInStep;
  /** The kinds of MFA device the principal may present (both false when no MFA is asked for). */
  mfa: { totp: boolean; securityKey: boolean };
  /** While a new password is due: why, and the rules it must follow, as the console lists them. */
  passwordChange?: { reason: "reset" | "expired"; requirements: string[] };
}

const signInExpired = () => new SignInError(SIGN_IN_EXPIRED_ERROR, undefined, true);

function throttled(seconds: number): SignInError {
  return new SignInError(`Too many failed sign-in attempts. Try again in ${seconds} seconds.`, seconds);
}

async function checkThrottle(prisma: Db, keys: string[], now: Date): Promise<void> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys } } });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  if (until > now.getTime()) throw throttled(Math.ceil((until - now.getTime()) / 1000));
}

/** Counts one failure under `key` and returns the count; at `limit` and beyond, the key is blocked. */
async function recordFailure(prisma: Db, key: string, now: Date, limit?: number): Promise<number> {
  const quietSince = new Date(now.getTime() - THROTTLE.windowMs);
  // One statement, so concurrent failures on several servers all count. "windowStart" is the
  // time of the latest failure: the count starts over only after a quiet period, not at a
  // fixed interval after the first failure (which would let a steady attacker start over).
  const [row] = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" (key, failures, "windowStart")
    VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN "SignInThrottle"."windowStart" < ${quietSince} THEN 1 ELSE "SignInThrottle".failures + 1 END,
      "windowStart" = GREATEST("SignInThrottle"."windowStart", ${now})
    RETURNING failures`;
  if (limit !== undefined && row.failures >= limit) {
    const block = Math.min(THROTTLE.maxBlockMs, THROTTLE.baseBlockMs * 2 ** (row.failures - limit));
    await prisma.signInThrottle.update({ where: { key }, data: { blockedUntil: new Date(now.getTime() + block) } });
  }
  return row.failures;
}

async function recordFailures(prisma: Db, nameKey: string, req: SignInRequest): Promise<void> {
  await recordFailure(prisma, nameKey, req.now, THROTTLE.perNameLimit);
  await recordFailure(prisma, `ip:${req.sourceIp}`, req.now, THROTTLE.perIpLimit);
}

async function fail(prisma: Db, nameKey: string, req: SignInRequest): Promise<never> {
  await recordFailures(prisma, nameKey, req);
  throw new SignInError(GENERIC_SIGN_IN_ERROR);
}

interface LoginPrincipal {
  arn: string;
  id: string;
  type: "Root" | "IAMUser";
}

async function recordLogin(
  prisma: Db,
  accountId: string,
  principal: LoginPrincipal,
  req: SignInRequest,
  outcome: { error?: string; mfaUsed?: boolean } = {},
) {
  await prisma.activityEvent.create({
    data: {
      accountId,
      eventTime: req.now,
      requestId: randomUUID(),
      eventSource: "signin.amazonaws.com",
      eventName: "ConsoleLogin",
      principalArn: principal.arn,
      principalId: principal.id,
      principalType: principal.type,
      identityArn: principal.arn,
      serviceNamespace: "signin",
      awsRegion: GLOBAL_SERVICE_REGION,
      sourceIp: req.sourceIp,
      userAgent: req.userAgent,
      // CloudTrail reports MFAUsed in additionalEventData; our events keep it with the request.
      requestParameters: outcome.mfaUsed === undefined ? undefined : { MFAUsed: outcome.mfaUsed ? "Yes" : "No" },
      errorCode: outcome.error ? "Failed authentication" : undefined,
      errorMessage: outcome.error,
      readOnly: false,
      mfaAuthenticated: outcome.mfaUsed ?? false,
    },
  });
}

// ---- The password step ---------------------------------------------------------------------

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
const challengeFailuresKey = (hash: string) => `challenge:${hash}`;

/** Challenges nobody finished, and their code counters, go when the next sign-in starts. */
async function purgeExpiredChallenges(prisma: Db, now: Date): Promise<void> {
  await prisma.signInChallenge.deleteMany({ where: { expiresAt: { lte: now } } });
  await prisma.signInThrottle.deleteMany({
    where: { key: { startsWith: "challenge:" }, windowStart: { lte: new Date(now.getTime() - SIGN_IN_CHALLENGE_MS) } },
  });
}

async function openChallenge(
  prisma: Db,
  principal: { accountId: string; userId: string | null; principalArn: string; throttleKey: string },
  passwordChange: "none" | "reset" | "expired",
  req: SignInRequest,
): Promise<SignInProgress> {
  await purgeExpiredChallenges(prisma, req.now);
  const factors = await mfaFactorsFor({ accountId: principal.accountId, userId: principal.userId });
  const token = randomBytes(32).toString("base64url");
  const row = await prisma.signInChallenge.create({
    data: {
      tokenHash: tokenHash(token),
      accountId: principal.accountId,
      userId: principal.userId,
      principalArn: principal.principalArn,
      throttleKey: principal.throttleKey,
      mfaRequired: factors.totp || factors.securityKey,
      passwordChange,
      createdAt: req.now,
      expiresAt: new Date(req.now.getTime() + SIGN_IN_CHALLENGE_MS),
    },
  });
  return progress(prisma, token, row, factors);
}

type ChallengeRow = Prisma.SignInChallengeGetPayload<object>;

function nextStep(row: ChallengeRow): SignInStep {
  if (row.mfaRequired && !row.mfaVerifiedAt) return "mfa";
  if (row.passwordChange !== "none" && !row.passwordChangedAt) return "password";
  return "done";
}

async function progress(prisma: Db, token: string, row: ChallengeRow, factors?: SignInProgress["mfa"]): Promise<SignInProgress> {
  const next = nextStep(row);
  const mfa = next !== "mfa" ? { totp: false, securityKey: false } : (factors ?? (await mfaFactorsFor({ accountId: row.accountId, userId: row.userId })));
  const out: SignInProgress = { challenge: token, next, mfa };
  if (row.passwordChange !== "none" && !row.passwordChangedAt) {
    const rules = await passwordRulesFor(prisma, row.accountId);
    const requirements = passwordRequirements(rules);
    if (rules.PasswordReusePrevention) requirements.push(passwordReuseRule(rules.PasswordReusePrevention));
    out.passwordChange = { reason: row.passwordChange === "reset" ? "reset" : "expired", requirements };
  }
  return out;
}

/**
 * The root user's password step. MFA applies to root; the account's password policy (and so
 * expiry) never does.
 */
export async function signInRoot(input: { email: string; password: string }, req: SignInRequest): Promise<SignInProgress> {
  const prisma = await db();
  const email = input.email.trim().toLowerCase();
  const nameKey = `root:${email}`;
  await checkThrottle(prisma, [nameKey, `ip:${req.sourceIp}`], req.now);
  const account = await prisma.account.findUnique({ where: { rootEmail: email } });
  const ok = await verifyPassword(input.password, account?.rootPasswordHash ?? (await decoyPasswordHash()));
  if (!account || !ok) {
    if (account) await recordLogin(prisma, account.id, rootPrincipal(account.id), req, { error: GENERIC_SIGN_IN_ERROR });
    return fail(prisma, nameKey, req);
  }
  return openChallenge(prisma, { accountId: account.id, userId: null, principalArn: rootArn(account.id), throttleKey: nameKey }, "none", req);
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * An IAM user's password step. A password past the account's MaxPasswordAge must be changed
 * before the session opens, or, under HardExpiry, refuses sign-in until an administrator resets it.
 */
export async function signInIamUser(
  input: { account: string; userName: string; password: string },
  req: SignInRequest,
): Promise<SignInProgress> {
  const prisma = await db();
  const accountRef = input.account.trim().toLowerCase();
  const userKey = input.userName.trim().toLowerCase();
  const account = await prisma.account.findFirst({
    where: ACCOUNT_ID.test(accountRef) ? { id: accountRef } : { alias: accountRef },
    select: { id: true },
  });
  // Counted per account, whether it was named by ID or by alias.
  const nameKey = `user:${account?.id ?? accountRef}:${userKey}`;
  await checkThrottle(prisma, [nameKey, `ip:${req.sourceIp}`], req.now);
  const user = account
    ? await prisma.user.findUnique({
        where: { accountId_nameKey: { accountId: account.id, nameKey: userKey } },
        select: { id: true, arn: true, loginProfile: { select: { passwordHash: true } } },
      })
    : null;
  const ok = await verifyPassword(input.password, user?.loginProfile?.passwordHash ?? (await decoyPasswordHash()));
  if (!account || !user?.loginProfile || !ok) {
    if (account && user) await recordLogin(prisma, account.id, userPrincipal(user), req, { error: GENERIC_SIGN_IN_ERROR });
    return fail(prisma, nameKey, req);
  }
  const status = await loginProfileStatus(prisma, user.id, req.now);
  if (status.expired && status.hardExpiry) {
    await recordLogin(prisma, account.id, userPrincipal(user), req, { error: PASSWORD_EXPIRED_ERROR });
    throw new SignInError(PASSWORD_EXPIRED_ERROR);
  }
  const passwordChange = status.passwordResetRequired ? "reset" : status.expired ? "expired" : "none";
  return openChallenge(prisma, { accountId: account.id, userId: user.id, principalArn: user.arn, throttleKey: nameKey }, passwordChange, req);
}

const rootPrincipal = (accountId: string): LoginPrincipal => ({ arn: rootArn(accountId), id: accountId, type: "Root" });
const userPrincipal = (user: { arn: string; id: string }): LoginPrincipal => ({ arn: user.arn, id: user.id, type: "IAMUser" });
const challengePrincipal = (row: ChallengeRow): LoginPrincipal =>
  row.userId ? userPrincipal({ arn: row.principalArn, id: row.userId }) : rootPrincipal(row.accountId);

// ---- The steps after the password ------------------------------------------------------------

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The live challenge behind a token; an unknown, used or expired one ends the sign-in. */
async function liveChallenge(prisma: Db, token: string, now: Date): Promise<ChallengeRow> {
  const row = TOKEN.test(token) ? await prisma.signInChallenge.findUnique({ where: { tokenHash: tokenHash(token) } }) : null;
  if (!row || row.expiresAt <= now) throw signInExpired();
  return row;
}

/** A challenge waiting for MFA, from an address and a name that are not blocked. */
async function challengeAwaitingMfa(prisma: Db, token: string, req: SignInRequest): Promise<ChallengeRow> {
  const row = await liveChallenge(prisma, token, req.now);
  await checkThrottle(prisma, [row.throttleKey, `ip:${req.sourceIp}`], req.now);
  if (nextStep(row) !== "mfa") throw signInExpired();
  return row;
}

/** MFA was presented: the challenge moves on to its next step. */
async function mfaVerified(prisma: Db, token: string, row: ChallengeRow, now: Date): Promise<SignInProgress> {
  const updated = await prisma.signInChallenge.update({
    where: { tokenHash: row.tokenHash },
    data: { mfaVerifiedAt: now, webauthnChallenge: null },
  });
  await prisma.signInThrottle.deleteMany({ where: { key: challengeFailuresKey(row.tokenHash) } });
  return progress(prisma, token, updated);
}

/**
 * A wrong code counts as a failed sign-in for the name and the address, and the challenge
 * itself takes only a few: after that the password must be given again.
 */
async function mfaFailed(prisma: Db, row: ChallengeRow, req: SignInRequest): Promise<never> {
  await recordLogin(prisma, row.accountId, challengePrincipal(row), req, { error: GENERIC_SIGN_IN_ERROR, mfaUsed: true });
  await recordFailures(prisma, row.throttleKey, req);
  const failures = await recordFailure(prisma, challengeFailuresKey(row.tokenHash), req.now);
  if (failures >= MFA_ATTEMPTS_PER_CHALLENGE) {
    await discardChallenge(prisma, row.tokenHash);
    throw new SignInError(TOO_MANY_CODES_ERROR, undefined, true);
  }
  throw new SignInError(GENERIC_SIGN_IN_ERROR);
}

async function discardChallenge(prisma: Db, hash: string): Promise<number> {
  const { count } = await prisma.signInChallenge.deleteMany({ where: { tokenHash: hash } });
  await prisma.signInThrottle.deleteMany({ where: { key: challengeFailuresKey(hash) } });
  return count;
}

const mfaPrincipal = (row: ChallengeRow) => ({ accountId: row.accountId, userId: row.userId });

/** The MFA step with a code from an authenticator app (any of the principal's virtual devices). */
export async function submitMfaCode(token: string, code: string, req: SignInRequest): Promise<SignInProgress> {
  const prisma = await db();
  const row = await challengeAwaitingMfa(prisma, token, req);
  const ok = /^\d{6}$/.test(code.trim()) && (await verifyTotpSignIn(mfaPrincipal(row), code.trim(), req.now));
  if (!ok) return mfaFailed(prisma, row, req);
  return mfaVerified(prisma, token, row, req.now);
}

/** The options for navigator.credentials.get(); the challenge they carry is kept for the answer. */
export async function beginSecurityKeySignIn(token: string, req: SignInRequest): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const prisma = await db();
  const row = await challengeAwaitingMfa(prisma, token, req);
  const { options, challenge } = await securityKeySignInOptions(mfaPrincipal(row));
  await prisma.signInChallenge.update({ where: { tokenHash: row.tokenHash }, data: { webauthnChallenge: challenge } });
  return options;
}

/** The MFA step with a security key: its signature over the challenge beginSecurityKeySignIn issued. */
export async function submitSecurityKey(token: string, response: AuthenticationResponseJSON, req: SignInRequest): Promise<SignInProgress> {
  const prisma = await db();
  const row = await challengeAwaitingMfa(prisma, token, req);
  // Each WebAuthn challenge is answered once, rightly or wrongly.
  const { count } = await prisma.signInChallenge.updateMany({
    where: { tokenHash: row.tokenHash, webauthnChallenge: row.webauthnChallenge },
    data: { webauthnChallenge: null },
  });
  const ok =
    row.webauthnChallenge !== null && count === 1 && (await verifySecurityKeySignIn(mfaPrincipal(row), response, row.webauthnChallenge, req.now));
  if (!ok) return mfaFailed(prisma, row, req);
  return mfaVerified(prisma, token, row, req.now);
}

/**
 * The password change a sign-in may require, made as the user through ChangePassword: so it
 * needs iam:ChangePassword, as in AWS (the account's AllowUsersToChangePassword, or a policy such
 * as IAMUserChangePassword), and meets the account's password policy. Its IamErrors
 * (AccessDenied, PasswordPolicyViolation…) reach the caller as they are.
 */
export async function changePasswordAtSignIn(
  token: string,
  input: { OldPassword: string; NewPassword: string },
  req: SignInRequest,
): Promise<SignInProgress> {
  const prisma = await db();
  const row = await liveChallenge(prisma, token, req.now);
  if (nextStep(row) !== "password" || !row.userId) throw signInExpired();
  const user = await prisma.user.findUnique({ where: { id: row.userId }, select: { id: true, name: true, arn: true } });
  if (!user) throw signInExpired();
  const caller: Caller = {
    accountId: row.accountId,
    principalType: "User",
    principalArn: user.arn,
    principalId: user.id,
    userName: user.name,
    userId: user.id,
    mfaPresent: row.mfaVerifiedAt !== null,
    mfaAuthenticatedAt: row.mfaVerifiedAt ?? undefined,
    tokenIssueTime: row.createdAt,
    sourceIp: req.sourceIp,
    userAgent: req.userAgent,
    secureTransport: req.secureTransport ?? false,
    now: req.now,
  };
  await changePassword(caller, input);
  const updated = await prisma.signInChallenge.update({ where: { tokenHash: row.tokenHash }, data: { passwordChangedAt: req.now } });
  return progress(prisma, token, updated);
}

// ---- Completion --------------------------------------------------------------------------------

/**
 * Opens the console session of a challenge whose steps are all done, and uses the challenge up:
 * a token opens one session at most.
 */
export async function completeSignIn(token: string, req: SignInRequest): Promise<ConsoleSessionInfo> {
  const prisma = await db();
  const row = await liveChallenge(prisma, token, req.now);
  if (nextStep(row) !== "done") throw signInExpired();
  if ((await discardChallenge(prisma, row.tokenHash)) !== 1) throw signInExpired();
  if (row.userId) {
    // Console access removed, or the user deleted, while the steps were under way.
    const { count } = await prisma.user.updateMany({
      where: { id: row.userId, loginProfile: { isNot: null } },
      data: { passwordLastUsed: req.now },
    });
    if (count === 0) throw new SignInError(GENERIC_SIGN_IN_ERROR);
  } else {
    await prisma.account.update({ where: { id: row.accountId }, data: { rootPasswordLastUsed: req.now } });
  }
  await prisma.signInThrottle.deleteMany({ where: { key: row.throttleKey } });
  await recordLogin(prisma, row.accountId, challengePrincipal(row), req, { mfaUsed: row.mfaVerifiedAt !== null });
  const session = await prisma.consoleSession.create({
    data: {
      accountId: row.accountId,
      principalArn: row.principalArn,
      userId: row.userId,
      sourceIp: req.sourceIp,
      mfaAuthenticatedAt: row.mfaVerifiedAt,
      createdAt: req.now,
      expiresAt: new Date(req.now.getTime() + CONSOLE_SESSION_MS),
    },
  });
  return { sessionId: session.id, accountId: row.accountId, principalArn: row.principalArn };
}

export async function signOut(sessionId: string, now: Date): Promise<void> {
  await (await db()).consoleSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

// ---- Signed in ---------------------------------------------------------------------------------

export interface ConsoleIdentityFacts {
  caller: Caller;
  accountAlias: string | null;
  displayName: string;
}

/**
 * The caller behind a console session, or null when the session is unknown, expired,
 * revoked, or its user no longer exists.
 */
export async function resolveConsoleSession(
  sessionId: string,
  req: { sourceIp: string; userAgent?: string; secureTransport: boolean; now: Date },
): Promise<ConsoleIdentityFacts | null> {
  const prisma = await db();
  const session = await prisma.consoleSession.findUnique({
    where: { id: sessionId },
    include: { account: { select: { alias: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt <= req.now) return null;
  const base = {
    accountId: session.accountId,
    consoleSessionId: session.id,
    // Console sessions are temporary credentials: MFA presence is always known.
    mfaPresent: session.mfaAuthenticatedAt !== null,
    mfaAuthenticatedAt: session.mfaAuthenticatedAt ?? undefined,
    tokenIssueTime: session.createdAt,
    sourceIp: req.sourceIp,
    userAgent: req.userAgent,
    secureTransport: req.secureTransport,
    now: req.now,
  };
  if (!session.userId) {
    return {
      caller: { ...base, principalType: "Account", principalArn: session.principalArn, principalId: session.accountId },
      accountAlias: session.account.alias,
      displayName: "root",
    };
  }
  const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { id: true, name: true, arn: true } });
  if (!user) return null;
  return {
    caller: { ...base, principalType: "User", principalArn: user.arn, principalId: user.id, userName: user.name, userId: user.id },
    accountAlias: session.account.alias,
    displayName: user.name,
  };
}

/**
 * Days until the signed-in IAM user's console password expires, in the final days before it
 * does (PASSWORD_EXPIRY_WARNING_DAYS), when the console warns; otherwise null. The user's own
 * fact, shown on every page, so no permission is asked for.
 */
export async function passwordExpiryWarning(caller: Caller): Promise<{ daysLeft: number } | null> {
  if (caller.principalType !== "User" || !caller.userId) return null;
  const status = await loginProfileStatus(await db(), caller.userId, caller.now);
  if (!status.exists || status.expired || !status.warn || status.daysLeft === undefined) return null;
  return { daysLeft: status.daysLeft };
}
