import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ALIAS, DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { hashPassword } from "./crypto";
import { newId } from "./ids";
import {
  CONSOLE_SESSION_MS,
  GENERIC_SIGN_IN_ERROR,
  resolveConsoleSession,
  SignInError,
  signInIamUser,
  signInRoot,
  signOut,
  THROTTLE,
  type SignInRequest,
} from "./sign-in";
import { setupDemoAccount, TEST_NOW, TEST_ROOT_EMAIL, TEST_ROOT_PASSWORD, TEST_USER_PASSWORD } from "./testing";

// Console sign-in: root by e-mail, IAM users by account ID or alias and user name; one
// generic error for every failure; throttling kept in the database; sessions revocable.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

let ipCounter = 0;
/** Each test signs in from its own address, so per-IP counters of other tests do not interfere. */
const freshIp = () => `198.51.100.${++ipCounter}`;
const at = (offsetMs: number) => new Date(TEST_NOW.getTime() + offsetMs);
const request = (overrides: Partial<SignInRequest> = {}): SignInRequest => ({
  sourceIp: freshIp(),
  userAgent: "Mozilla/5.0 (vitest)",
  now: TEST_NOW,
  ...overrides,
});

/** An IAM user of the demo account with a console password, for tests that lock names out. */
async function consoleUser(name: string, { loginProfile = true } = {}) {
  const passwordHash = await hashPassword(TEST_USER_PASSWORD);
  return prisma.user.create({
    data: {
      id: newId("user"),
      accountId: DEMO_ACCOUNT_ID,
      name,
      nameKey: name.toLowerCase(),
      path: "/",
      arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", name),
      ...(loginProfile ? { loginProfile: { create: { passwordHash } } } : {}),
    },
  });
}

async function failure(attempt: Promise<unknown>): Promise<SignInError> {
  try {
    await attempt;
  } catch (err) {
    expect(err).toBeInstanceOf(SignInError);
    return err as SignInError;
  }
  throw new Error("The sign-in succeeded, but it should have failed.");
}

const stringify = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));

const asUser = (userName: string, password: string, req: SignInRequest, account = DEMO_ACCOUNT_ALIAS) =>
  signInIamUser({ account, userName, password }, req);

const consoleLogins = (principalArn: string) =>
  prisma.activityEvent.findMany({ where: { eventName: "ConsoleLogin", principalArn }, orderBy: { id: "asc" } });

describe("root user sign-in", () => {
  it("signs in the root user by e-mail and opens a 12-hour console session", async () => {
    const req = request();
    const session = await signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, req);
    expect(session).toEqual({
      sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      accountId: DEMO_ACCOUNT_ID,
      principalArn: "arn:aws:iam::123456789012:root",
    });
    const row = await prisma.consoleSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(row).toMatchObject({
      accountId: DEMO_ACCOUNT_ID,
      principalArn: "arn:aws:iam::123456789012:root",
      userId: null,
      sourceIp: req.sourceIp,
      createdAt: TEST_NOW,
      expiresAt: new Date(TEST_NOW.getTime() + CONSOLE_SESSION_MS),
      revokedAt: null,
      mfaAuthenticatedAt: null,
    });
    expect(CONSOLE_SESSION_MS).toBe(12 * 3600_000);
    const account = await prisma.account.findUniqueOrThrow({ where: { id: DEMO_ACCOUNT_ID } });
    expect(account.rootPasswordLastUsed).toEqual(TEST_NOW);
  });

  it("the e-mail address is case-insensitive and may carry spaces", async () => {
    const session = await signInRoot({ email: `  ${TEST_ROOT_EMAIL.toUpperCase()} `, password: TEST_ROOT_PASSWORD }, request());
    expect(session.principalArn).toBe("arn:aws:iam::123456789012:root");
  });

  it("the password is case-sensitive", async () => {
    const err = await failure(signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD.toLowerCase() }, request()));
    expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
  });

  it("a wrong password and an unknown e-mail give the same generic error", async () => {
    const wrong = await failure(signInRoot({ email: TEST_ROOT_EMAIL, password: "Wrong-Passw0rd!" }, request()));
    const unknown = await failure(signInRoot({ email: "nobody@test.example.com", password: TEST_ROOT_PASSWORD }, request()));
    expect(wrong.message).toBe("Your authentication information is incorrect. Please try again.");
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.retryAfterSeconds).toBeUndefined();
    expect(unknown.retryAfterSeconds).toBeUndefined();
  });

  it("records ConsoleLogin events for the root user's successful and failed sign-ins", async () => {
    const ip = freshIp();
    const now = at(60_000);
    await signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, { sourceIp: ip, userAgent: "agent/1", now });
    await failure(signInRoot({ email: TEST_ROOT_EMAIL, password: "Wrong-Passw0rd!" }, { sourceIp: ip, userAgent: "agent/1", now }));
    const events = (await consoleLogins("arn:aws:iam::123456789012:root")).filter((e) => e.sourceIp === ip);
    expect(events).toHaveLength(2);
    const common = {
      accountId: DEMO_ACCOUNT_ID,
      eventTime: now,
      eventSource: "signin.amazonaws.com",
      eventName: "ConsoleLogin",
      principalArn: "arn:aws:iam::123456789012:root",
      principalId: DEMO_ACCOUNT_ID,
      principalType: "Root",
      sourceIp: ip,
      userAgent: "agent/1",
      readOnly: false,
      requestParameters: null,
    };
    expect(events[0]).toMatchObject({ ...common, errorCode: null, errorMessage: null });
    expect(events[1]).toMatchObject({ ...common, errorCode: "Failed authentication", errorMessage: GENERIC_SIGN_IN_ERROR });
    expect(events[0].requestId).not.toBe(events[1].requestId);
    // The password never reaches the event.
    expect(stringify(events)).not.toContain("Wrong-Passw0rd!");
    expect(stringify(events)).not.toContain(TEST_ROOT_PASSWORD);
  });

  it("an unknown e-mail records no event in any account", async () => {
    const before = await prisma.activityEvent.count({ where: { eventName: "ConsoleLogin" } });
    await failure(signInRoot({ email: "ghost@test.example.com", password: "x" }, request()));
    expect(await prisma.activityEvent.count({ where: { eventName: "ConsoleLogin" } })).toBe(before);
  });
});

describe("IAM user sign-in", () => {
  it("signs in an IAM user by account alias", async () => {
    const req = request({ now: at(1000) });
    const session = await asUser("alice", TEST_USER_PASSWORD, req, "demo");
    const alice = await prisma.user.findFirstOrThrow({ where: { name: "alice" } });
    expect(session).toEqual({ sessionId: expect.any(String), accountId: DEMO_ACCOUNT_ID, principalArn: "arn:aws:iam::123456789012:user/alice" });
    const row = await prisma.consoleSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(row).toMatchObject({ userId: alice.id, principalArn: alice.arn, sourceIp: req.sourceIp, createdAt: req.now });
    expect(alice.passwordLastUsed).toEqual(req.now);
  });

  it("signs in an IAM user by 12-digit account ID", async () => {
    const session = await asUser("bob", TEST_USER_PASSWORD, request(), "123456789012");
    expect(session.principalArn).toBe("arn:aws:iam::123456789012:user/bob");
  });

  it("the account alias and user name may carry surrounding spaces", async () => {
    const session = await asUser(" carol ", TEST_USER_PASSWORD, request(), " demo ");
    expect(session.principalArn).toBe("arn:aws:iam::123456789012:user/carol");
  });

  it.each([
    ["a wrong password", "demo", "dave", "Wrong-Passw0rd!"],
    ["an unknown user", "demo", "zed", TEST_USER_PASSWORD],
    ["an unknown account ID", "999999999999", "dave", TEST_USER_PASSWORD],
    ["an unknown alias", "no-such-alias", "dave", TEST_USER_PASSWORD],
    ["an empty password", "demo", "dave", ""],
  ])("%s gives the same generic error", async (_what, account, userName, password) => {
    const err = await failure(asUser(userName, password, request(), account));
    expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(err.retryAfterSeconds).toBeUndefined();
  });

  it("a user without a console password (no login profile) gets the same generic error", async () => {
    await consoleUser("api-only", { loginProfile: false });
    const err = await failure(asUser("api-only", TEST_USER_PASSWORD, request()));
    expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
  });

  it("records ConsoleLogin events for an IAM user's successful and failed sign-ins", async () => {
    const ip = freshIp();
    const dave = await prisma.user.findFirstOrThrow({ where: { name: "dave" } });
    await asUser("dave", TEST_USER_PASSWORD, { sourceIp: ip, now: at(5000) });
    await failure(asUser("dave", "Wrong-Passw0rd!", { sourceIp: ip, now: at(6000) }));
    const events = (await consoleLogins(dave.arn)).filter((e) => e.sourceIp === ip);
    expect(events).toHaveLength(2);
    const common = {
      accountId: DEMO_ACCOUNT_ID,
      eventSource: "signin.amazonaws.com",
      eventName: "ConsoleLogin",
      principalArn: "arn:aws:iam::123456789012:user/dave",
      principalId: dave.id,
      principalType: "IAMUser",
      sourceIp: ip,
      readOnly: false,
    };
    expect(events[0]).toMatchObject({ ...common, eventTime: at(5000), errorCode: null });
    expect(events[1]).toMatchObject({ ...common, eventTime: at(6000), errorCode: "Failed authentication", errorMessage: GENERIC_SIGN_IN_ERROR });
    expect(stringify(events)).not.toContain("Wrong-Passw0rd!");
  });
});

describe("sign-in throttling", () => {
  it(`after ${THROTTLE.perNameLimit} failures the name is blocked, even with the right password, and says when to try again`, async () => {
    await consoleUser("throttled1");
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perNameLimit; i++) {
      const err = await failure(asUser("throttled1", `wrong-${i}`, { sourceIp: ip, now: TEST_NOW }));
      expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
    }
    const blocked = await failure(asUser("throttled1", TEST_USER_PASSWORD, { sourceIp: ip, now: TEST_NOW }));
    expect(blocked.message).toBe("Too many failed sign-in attempts. Try again in 30 seconds.");
    expect(blocked.retryAfterSeconds).toBe(30);

    const later = await failure(asUser("throttled1", TEST_USER_PASSWORD, { sourceIp: ip, now: at(10_500) }));
    expect(later.message).toBe("Too many failed sign-in attempts. Try again in 20 seconds.");
    expect(later.retryAfterSeconds).toBe(20);

    // Once the block is over, the right password works again.
    const session = await asUser("throttled1", TEST_USER_PASSWORD, { sourceIp: ip, now: at(30_000) });
    expect(session.principalArn).toBe("arn:aws:iam::123456789012:user/throttled1");
  });

  it("the block doubles with each further failure", async () => {
    await consoleUser("throttled2");
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perNameLimit; i++) await failure(asUser("throttled2", "wrong", { sourceIp: ip, now: TEST_NOW }));
    // Blocked for 30 s; a failure after that blocks for 60 s, then 120 s.
    await failure(asUser("throttled2", "wrong", { sourceIp: ip, now: at(31_000) }));
    const err = await failure(asUser("throttled2", TEST_USER_PASSWORD, { sourceIp: ip, now: at(31_000) }));
    expect(err.retryAfterSeconds).toBe(60);
    await failure(asUser("throttled2", "wrong", { sourceIp: ip, now: at(92_000) }));
    expect((await failure(asUser("throttled2", TEST_USER_PASSWORD, { sourceIp: ip, now: at(92_000) }))).retryAfterSeconds).toBe(120);
  });

  it("the block never exceeds the maximum", async () => {
    await consoleUser("throttled3");
    const ip = freshIp();
    // Fail again each time the block is over.
    let now = TEST_NOW.getTime();
    for (let i = 0; i < THROTTLE.perNameLimit + 8; i++) {
      const err = await failure(asUser("throttled3", "wrong", { sourceIp: ip, now: new Date(now) }));
      expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
      now = (await blockedUntil("throttled3")) ?? now;
    }
    const err = await failure(asUser("throttled3", TEST_USER_PASSWORD, { sourceIp: ip, now: new Date(now - 1000) }));
    expect(err.retryAfterSeconds).toBe(1);
    const [row] = await prisma.signInThrottle.findMany({ where: { key: { endsWith: ":throttled3" } } });
    expect(row.failures).toBe(THROTTLE.perNameLimit + 8);
    expect(row.blockedUntil!.getTime() - (await lastFailureTime("throttled3"))).toBe(THROTTLE.maxBlockMs);
  });

  it("the block applies to the name from any address", async () => {
    await consoleUser("throttled4");
    for (let i = 0; i < THROTTLE.perNameLimit; i++) await failure(asUser("throttled4", "wrong", request()));
    const err = await failure(asUser("throttled4", TEST_USER_PASSWORD, request()));
    expect(err.message).toBe("Too many failed sign-in attempts. Try again in 30 seconds.");
    // Other users are not affected.
    expect((await asUser("dave", TEST_USER_PASSWORD, request())).principalArn).toBe("arn:aws:iam::123456789012:user/dave");
  });

  it("failures through the alias and through the account ID count against the same user", async () => {
    await consoleUser("throttled5");
    for (let i = 0; i < THROTTLE.perNameLimit; i++) {
      const account = i % 2 === 0 ? "demo" : "123456789012";
      await failure(asUser("throttled5", "wrong", request(), account));
    }
    for (const account of ["demo", "123456789012"]) {
      const err = await failure(asUser("throttled5", TEST_USER_PASSWORD, request(), account));
      expect(err.retryAfterSeconds).toBe(30);
    }
  });

  it("a successful sign-in resets the name's failure count", async () => {
    await consoleUser("throttled6");
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perNameLimit - 1; i++) await failure(asUser("throttled6", "wrong", { sourceIp: ip, now: TEST_NOW }));
    await asUser("throttled6", TEST_USER_PASSWORD, { sourceIp: ip, now: TEST_NOW });
    for (let i = 0; i < THROTTLE.perNameLimit - 1; i++) {
      const err = await failure(asUser("throttled6", "wrong", { sourceIp: ip, now: TEST_NOW }));
      expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
    }
    expect((await asUser("throttled6", TEST_USER_PASSWORD, { sourceIp: ip, now: TEST_NOW })).principalArn).toBe(
      "arn:aws:iam::123456789012:user/throttled6",
    );
    // Without the reset these would be failures 9 and 10.
    await failure(asUser("throttled6", "wrong", { sourceIp: ip, now: TEST_NOW }));
    expect((await failure(asUser("throttled6", "wrong", { sourceIp: ip, now: TEST_NOW }))).message).toBe(GENERIC_SIGN_IN_ERROR);
  });

  it("failures are forgotten after a quiet period", async () => {
    await consoleUser("throttled7");
    const ip = freshIp();
    for (let i = 0; i < THROTTLE.perNameLimit - 1; i++) await failure(asUser("throttled7", "wrong", { sourceIp: ip, now: TEST_NOW }));
    const quiet = THROTTLE.windowMs + 1000;
    // One more failure after the quiet period counts as the first of a new series, not the limit.
    const err = await failure(asUser("throttled7", "wrong", { sourceIp: ip, now: at(quiet) }));
    expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
    expect((await asUser("throttled7", TEST_USER_PASSWORD, { sourceIp: ip, now: at(quiet) })).principalArn).toContain("throttled7");
  });

  it("failures that keep coming are not forgotten while they continue", async () => {
    await consoleUser("throttled8");
    const ip = freshIp();
    // One failure every 4 minutes: never blocked below the limit, never quiet for 15 minutes.
    for (let i = 0; i < THROTTLE.perNameLimit; i++) {
      await failure(asUser("throttled8", "wrong", { sourceIp: ip, now: at(i * 4 * 60_000) }));
    }
    const err = await failure(asUser("throttled8", TEST_USER_PASSWORD, { sourceIp: ip, now: at((THROTTLE.perNameLimit - 1) * 4 * 60_000) }));
    expect(err.message).toBe("Too many failed sign-in attempts. Try again in 30 seconds.");
  });

  it("the root user's sign-in is throttled too", async () => {
    const ip = freshIp();
    const other = "root-throttle@test.example.com";
    // Use an e-mail that belongs to no account: the name is throttled all the same.
    for (let i = 0; i < THROTTLE.perNameLimit; i++) await failure(signInRoot({ email: other, password: "wrong" }, { sourceIp: ip, now: TEST_NOW }));
    const err = await failure(signInRoot({ email: other.toUpperCase(), password: "wrong" }, { sourceIp: freshIp(), now: TEST_NOW }));
    expect(err.message).toBe("Too many failed sign-in attempts. Try again in 30 seconds.");
  });

  it(`after ${THROTTLE.perIpLimit} failures from one address, every sign-in from it is blocked, but not from others`, async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.perIpLimit; i++) {
      const err = await failure(asUser(`nobody-${i}`, "wrong", { sourceIp: ip, now: TEST_NOW }));
      expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
    }
    const blocked = await failure(asUser("carol", TEST_USER_PASSWORD, { sourceIp: ip, now: TEST_NOW }));
    expect(blocked.message).toBe("Too many failed sign-in attempts. Try again in 30 seconds.");
    const rootBlocked = await failure(signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, { sourceIp: ip, now: TEST_NOW }));
    expect(rootBlocked.retryAfterSeconds).toBe(30);
    expect((await asUser("carol", TEST_USER_PASSWORD, { sourceIp: "192.0.2.78", now: TEST_NOW })).principalArn).toContain("carol");
    // A success elsewhere does not lift the address's block.
    expect((await failure(asUser("carol", TEST_USER_PASSWORD, { sourceIp: ip, now: TEST_NOW }))).retryAfterSeconds).toBe(30);
  });

  it("the counters live in the database, shared by every app server", async () => {
    const rows = await prisma.signInThrottle.findMany({ where: { key: { startsWith: "ip:192.0.2.77" } } });
    expect(rows).toEqual([
      { key: "ip:192.0.2.77", failures: THROTTLE.perIpLimit, windowStart: expect.any(Date), blockedUntil: at(THROTTLE.baseBlockMs) },
    ]);
  });
});

/** When the user's name is blocked until (epoch ms), whatever the key's account part. */
async function blockedUntil(userName: string): Promise<number | undefined> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { endsWith: `:${userName}` } } });
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  return until || undefined;
}

/** The time of the user's last failed ConsoleLogin event (epoch ms). */
async function lastFailureTime(userName: string): Promise<number> {
  const event = await prisma.activityEvent.findFirstOrThrow({
    where: { eventName: "ConsoleLogin", principalArn: iamArn(DEMO_ACCOUNT_ID, "user", "/", userName), errorCode: { not: null } },
    orderBy: { eventTime: "desc" },
  });
  return event.eventTime.getTime();
}

describe("console sessions", () => {
  const facts = (now: Date = at(60_000)) => ({ sourceIp: "203.0.113.99", userAgent: "browser/2", secureTransport: true, now });

  it("a root session resolves to the account principal", async () => {
    const session = await signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, request());
    const identity = await resolveConsoleSession(session.sessionId, facts());
    expect(identity).toEqual({
      caller: {
        accountId: DEMO_ACCOUNT_ID,
        principalType: "Account",
        principalArn: "arn:aws:iam::123456789012:root",
        principalId: DEMO_ACCOUNT_ID,
        consoleSessionId: session.sessionId,
        mfaPresent: false,
        mfaAuthenticatedAt: undefined,
        tokenIssueTime: TEST_NOW,
        sourceIp: "203.0.113.99",
        userAgent: "browser/2",
        secureTransport: true,
        now: at(60_000),
      },
      accountAlias: "demo",
      displayName: "root",
    });
    expect(identity!.caller.userName).toBeUndefined();
    expect(identity!.caller.userId).toBeUndefined();
  });

  it("an IAM user's session resolves to the user, with the facts behind aws:username and aws:userid", async () => {
    const bob = await prisma.user.findFirstOrThrow({ where: { name: "bob" } });
    const session = await asUser("bob", TEST_USER_PASSWORD, request());
    const identity = await resolveConsoleSession(session.sessionId, facts());
    expect(identity).toMatchObject({
      caller: {
        accountId: DEMO_ACCOUNT_ID,
        principalType: "User",
        principalArn: "arn:aws:iam::123456789012:user/bob",
        principalId: bob.id,
        userName: "bob",
        userId: bob.id,
        consoleSessionId: session.sessionId,
        mfaPresent: false,
        tokenIssueTime: TEST_NOW,
      },
      accountAlias: "demo",
      displayName: "bob",
    });
    expect(identity!.caller.principalId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it("an IAM user's session gives the policy engine aws:username, aws:userid and aws:PrincipalType User", async () => {
    const session = await asUser("carol", TEST_USER_PASSWORD, request());
    const identity = await resolveConsoleSession(session.sessionId, facts());
    const { requestContext } = await import("./authorize");
    const ctx = requestContext(identity!.caller, {});
    expect(ctx).toMatchObject({
      "aws:username": "carol",
      "aws:userid": identity!.caller.principalId,
      "aws:PrincipalType": "User",
      "aws:PrincipalArn": "arn:aws:iam::123456789012:user/carol",
      "aws:MultiFactorAuthPresent": "false",
      "aws:TokenIssueTime": "2026-06-01T12:00:00Z",
      "aws:SourceIp": "203.0.113.99",
    });
    expect(ctx["aws:MultiFactorAuthAge"]).toBeUndefined();
    const root = await resolveConsoleSession((await signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, request())).sessionId, facts());
    const rootCtx = requestContext(root!.caller, {});
    expect(rootCtx["aws:PrincipalType"]).toBe("Account");
    expect(rootCtx["aws:userid"]).toBe(DEMO_ACCOUNT_ID);
    expect(rootCtx["aws:username"]).toBeUndefined();
  });

  it("a session with MFA carries aws:MultiFactorAuthPresent and its age", async () => {
    const session = await asUser("alice", TEST_USER_PASSWORD, request());
    await prisma.consoleSession.update({ where: { id: session.sessionId }, data: { mfaAuthenticatedAt: TEST_NOW } });
    const identity = await resolveConsoleSession(session.sessionId, facts(at(90_000)));
    expect(identity!.caller.mfaPresent).toBe(true);
    expect(identity!.caller.mfaAuthenticatedAt).toEqual(TEST_NOW);
  });

  it("signing out revokes the session for every server; signing out again changes nothing", async () => {
    const session = await asUser("dave", TEST_USER_PASSWORD, request());
    expect(await resolveConsoleSession(session.sessionId, facts())).not.toBeNull();
    await signOut(session.sessionId, at(30_000));
    expect(await resolveConsoleSession(session.sessionId, facts())).toBeNull();
    await signOut(session.sessionId, at(90_000));
    const row = await prisma.consoleSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(row.revokedAt).toEqual(at(30_000));
  });

  it("a session expires after 12 hours", async () => {
    const session = await asUser("carol", TEST_USER_PASSWORD, request());
    expect(await resolveConsoleSession(session.sessionId, facts(at(CONSOLE_SESSION_MS - 1)))).not.toBeNull();
    expect(await resolveConsoleSession(session.sessionId, facts(at(CONSOLE_SESSION_MS)))).toBeNull();
    expect(await resolveConsoleSession(session.sessionId, facts(at(CONSOLE_SESSION_MS + 3600_000)))).toBeNull();
  });

  it("a session whose user was deleted resolves to nothing", async () => {
    const erin = await consoleUser("erin");
    const session = await asUser("erin", TEST_USER_PASSWORD, request());
    expect((await resolveConsoleSession(session.sessionId, facts()))!.caller.userId).toBe(erin.id);
    await prisma.user.delete({ where: { id: erin.id } });
    expect(await resolveConsoleSession(session.sessionId, facts())).toBeNull();
  });

  it("a user deleted and created again under the same name does not inherit the old session", async () => {
    const first = await consoleUser("frank");
    const session = await asUser("frank", TEST_USER_PASSWORD, request());
    await prisma.user.delete({ where: { id: first.id } });
    await consoleUser("frank");
    expect(await resolveConsoleSession(session.sessionId, facts())).toBeNull();
  });

  it("an unknown session ID resolves to nothing", async () => {
    expect(await resolveConsoleSession(randomUUID(), facts())).toBeNull();
  });
});
