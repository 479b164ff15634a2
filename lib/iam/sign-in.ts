import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Db } from "@/lib/db";
import { rootArn } from "./arns";
import type { Caller } from "./caller";
import { decoyPasswordHash, verifyPassword } from "./crypto";

// Console sign-in: root by e-mail, IAM users by account (ID or alias) and name. A failure
// never says which part was wrong. Failures are counted in the database per account+name
// and per source IP, so every app server applies the same throttle.

export const GENERIC_SIGN_IN_ERROR = "Your authentication information is incorrect. Please try again.";

export class SignInError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
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

export interface SignInRequest {
  sourceIp: string;
  userAgent?: string;
  now: Date;
}

export interface ConsoleSessionInfo {
  sessionId: string;
  accountId: string;
  principalArn: string;
}

function throttled(seconds: number): SignInError {
  return new SignInError(`Too many failed sign-in attempts. Try again in ${seconds} seconds.`, seconds);
}

async function checkThrottle(prisma: Db, keys: string[], now: Date): Promise<void> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys } } });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  if (until > now.getTime()) throw throttled(Math.ceil((until - now.getTime()) / 1000));
}

async function recordFailure(prisma: Db, key: string, limit: number, now: Date): Promise<void> {
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
  if (row.failures >= limit) {
    const block = Math.min(THROTTLE.maxBlockMs, THROTTLE.baseBlockMs * 2 ** (row.failures - limit));
    await prisma.signInThrottle.update({ where: { key }, data: { blockedUntil: new Date(now.getTime() + block) } });
  }
}

async function fail(prisma: Db, nameKey: string, req: SignInRequest): Promise<never> {
  await recordFailure(prisma, nameKey, THROTTLE.perNameLimit, req.now);
  await recordFailure(prisma, `ip:${req.sourceIp}`, THROTTLE.perIpLimit, req.now);
  throw new SignInError(GENERIC_SIGN_IN_ERROR);
}

async function recordLogin(prisma: Db, accountId: string, principal: { arn: string; id: string; type: string }, req: SignInRequest, error?: string) {
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
      sourceIp: req.sourceIp,
      userAgent: req.userAgent,
      errorCode: error ? "Failed authentication" : undefined,
      errorMessage: error,
      readOnly: false,
    },
  });
}

async function openSession(prisma: Db, accountId: string, principalArn: string, userId: string | null, req: SignInRequest): Promise<ConsoleSessionInfo> {
  const session = await prisma.consoleSession.create({
    data: {
      accountId,
      principalArn,
      userId,
      sourceIp: req.sourceIp,
      createdAt: req.now,
      expiresAt: new Date(req.now.getTime() + CONSOLE_SESSION_MS),
    },
  });
  return { sessionId: session.id, accountId, principalArn };
}

export async function signInRoot(input: { email: string; password: string }, req: SignInRequest): Promise<ConsoleSessionInfo> {
  const prisma = await db();
  const email = input.email.trim().toLowerCase();
  const nameKey = `root:${email}`;
  await checkThrottle(prisma, [nameKey, `ip:${req.sourceIp}`], req.now);
  const account = await prisma.account.findUnique({ where: { rootEmail: email } });
  const ok = await verifyPassword(input.password, account?.rootPasswordHash ?? (await decoyPasswordHash()));
  if (!account || !ok) {
    if (account) await recordLogin(prisma, account.id, { arn: rootArn(account.id), id: account.id, type: "Root" }, req, GENERIC_SIGN_IN_ERROR);
    return fail(prisma, nameKey, req);
  }
  await prisma.signInThrottle.deleteMany({ where: { key: nameKey } });
  await prisma.account.update({ where: { id: account.id }, data: { rootPasswordLastUsed: req.now } });
  await recordLogin(prisma, account.id, { arn: rootArn(account.id), id: account.id, type: "Root" }, req);
  return openSession(prisma, account.id, rootArn(account.id), null, req);
}

const ACCOUNT_ID = /^\d{12}$/;

export async function signInIamUser(
  input: { account: string; userName: string; password: string },
  req: SignInRequest,
): Promise<ConsoleSessionInfo> {
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
    if (account && user) await recordLogin(prisma, account.id, { arn: user.arn, id: user.id, type: "IAMUser" }, req, GENERIC_SIGN_IN_ERROR);
    return fail(prisma, nameKey, req);
  }
  await prisma.signInThrottle.deleteMany({ where: { key: nameKey } });
  await prisma.user.update({ where: { id: user.id }, data: { passwordLastUsed: req.now } });
  await recordLogin(prisma, account.id, { arn: user.arn, id: user.id, type: "IAMUser" }, req);
  return openSession(prisma, account.id, user.arn, user.id, req);
}

export async function signOut(sessionId: string, now: Date): Promise<void> {
  await (await db()).consoleSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

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
