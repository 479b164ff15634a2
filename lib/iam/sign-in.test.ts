import { createHash, randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { attachUserPolicy } from "./attachments";
import { authorize } from "./authorize";
import { DEMO_ACCOUNT_ALIAS, DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { IAM_USER_CHANGE_PASSWORD_ARN } from "./console-users";
import { hashPassword, verifyPassword } from "./crypto";
import { newId } from "./ids";
import { PasswordPolicyViolationError } from "./login-profiles";
import { createVirtualMFADevice, deactivateMFADevice, enableMFADevice } from "./mfa";
import { DEFAULT_PASSWORD_RULES, passwordRequirements } from "./password-rules";
import {
  beginSecurityKeySignIn,
  changePasswordAtSignIn,
  completeSignIn,
  CONSOLE_SESSION_MS,
  GENERIC_SIGN_IN_ERROR,
  MFA_ATTEMPTS_PER_CHALLENGE,
  PASSWORD_EXPIRED_ERROR,
  passwordExpiryWarning,
  resolveConsoleSession,
  SIGN_IN_CHALLENGE_MS,
  SIGN_IN_EXPIRED_ERROR,
  SignInError,
  signInIamUser,
  signInRoot,
  signOut,
  submitMfaCode,
  submitSecurityKey,
  THROTTLE,
  TOO_MANY_CODES_ERROR,
  type ConsoleSessionInfo,
  type SignInProgress,
  type SignInRequest,
} from "./sign-in";
import {
  iamError,
  loadTestManagedPolicies,
  rootCaller,
  setupDemoAccount,
  TEST_NOW,
  TEST_ROOT_EMAIL,
  TEST_ROOT_PASSWORD,
  TEST_USER_PASSWORD,
  userCaller,
} from "./testing";
import { totpCode } from "./totp";
import { relyingParty } from "./webauthn";
import { SoftwareAuthenticator } from "./webauthn-testing";

// Console sign-in: root by e-mail, IAM users by account ID or alias and user name; one
// generic error for every failure; throttling kept in the database; then MFA and a required
// password change on a single-use challenge; sessions revocable.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  await loadTestManagedPolicies(prisma, ["IAMUserChangePassword"]);
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
async function consoleUser(
  name: string,
  { loginProfile = true, passwordResetRequired = false, passwordChangedAt = TEST_NOW, policies = [] as object[] } = {},
) {
  const passwordHash = await hashPassword(TEST_USER_PASSWORD);
  return prisma.user.create({
    data: {
      id: newId("user"),
      accountId: DEMO_ACCOUNT_ID,
      name,
      nameKey: name.toLowerCase(),
      path: "/",
      arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", name),
      ...(loginProfile ? { loginProfile: { create: { passwordHash, passwordResetRequired, passwordChangedAt } } } : {}),
      inlinePolicies: {
        create: policies.map((document, i) => ({ accountId: DEMO_ACCOUNT_ID, name: `policy-${i + 1}`, document: JSON.stringify(document) })),
      },
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

/** A sign-in that asks for nothing after the password: its session. */
async function signedIn(step: Promise<SignInProgress>, req: SignInRequest): Promise<ConsoleSessionInfo> {
  const progress = await step;
  expect(progress.next).toBe("done");
  return completeSignIn(progress.challenge, req);
}

const passwordStep = (userName: string, password: string, req: SignInRequest, account = DEMO_ACCOUNT_ALIAS) =>
  signInIamUser({ account, userName, password }, req);
const asUser = (userName: string, password: string, req: SignInRequest, account = DEMO_ACCOUNT_ALIAS) =>
  signedIn(passwordStep(userName, password, req, account), req);
const asRoot = (input: { email: string; password: string }, req: SignInRequest) => signedIn(signInRoot(input, req), req);

const consoleLogins = (principalArn: string) =>
  prisma.activityEvent.findMany({ where: { eventName: "ConsoleLogin", principalArn }, orderBy: { id: "asc" } });

describe("root user sign-in", () => {
  it("signs in the root user by e-mail and opens a 12-hour console session", async () => {
    const req = request();
    const session = await asRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, req);
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
    const session = await asRoot({ email: `  ${TEST_ROOT_EMAIL.toUpperCase()} `, password: TEST_ROOT_PASSWORD }, request());
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
    await asRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, { sourceIp: ip, userAgent: "agent/1", now });
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
      mfaAuthenticated: false,
    };
    expect(events[0]).toMatchObject({ ...common, errorCode: null, errorMessage: null, requestParameters: { MFAUsed: "No" } });
    expect(events[1]).toMatchObject({ ...common, errorCode: "Failed authentication", errorMessage: GENERIC_SIGN_IN_ERROR, requestParameters: null });
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
    const session = await asRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, request());
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
    const root = await resolveConsoleSession((await asRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, request())).sessionId, facts());
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

// ---- The steps after the password ----------------------------------------------------------------

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const challengeRow = (token: string) => prisma.signInChallenge.findUnique({ where: { tokenHash: sha256(token) } });
const nameKeyOf = (userName: string) => `user:${DEMO_ACCOUNT_ID}:${userName.toLowerCase()}`;
const throttleRow = (key: string) => prisma.signInThrottle.findUnique({ where: { key } });

describe("the sign-in challenge", () => {
  it("a password without MFA or a required change leads straight to done, through a challenge that opens no session yet", async () => {
    await consoleUser("challenge1");
    const req = request({ now: at(2000) });
    const sessionsBefore = await prisma.consoleSession.count();
    const progress = await passwordStep("challenge1", TEST_USER_PASSWORD, req);
    expect(progress).toEqual({ challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), next: "done", mfa: { totp: false, securityKey: false } });
    expect(await prisma.consoleSession.count()).toBe(sessionsBefore);
    const user = await prisma.user.findFirstOrThrow({ where: { name: "challenge1" } });
    expect(user.passwordLastUsed).toBeNull();
    expect(await consoleLogins(user.arn)).toHaveLength(0);

    // Only the token's SHA-256 is stored.
    const row = await challengeRow(progress.challenge);
    expect(row).toMatchObject({
      accountId: DEMO_ACCOUNT_ID,
      userId: user.id,
      principalArn: user.arn,
      throttleKey: nameKeyOf("challenge1"),
      mfaRequired: false,
      mfaVerifiedAt: null,
      passwordChange: "none",
      passwordChangedAt: null,
      createdAt: at(2000),
      expiresAt: at(2000 + SIGN_IN_CHALLENGE_MS),
    });
    expect(stringify(row)).not.toContain(progress.challenge);

    const session = await completeSignIn(progress.challenge, req);
    expect(session.principalArn).toBe(user.arn);
    expect(await challengeRow(progress.challenge)).toBeNull();
  });

  it("a challenge opens one session only", async () => {
    await consoleUser("challenge2");
    const req = request();
    const progress = await passwordStep("challenge2", TEST_USER_PASSWORD, req);
    await completeSignIn(progress.challenge, req);
    const again = await failure(completeSignIn(progress.challenge, req));
    expect(again.message).toBe(SIGN_IN_EXPIRED_ERROR);
    expect(again.startOver).toBe(true);
    expect(await prisma.consoleSession.count({ where: { principalArn: iamArn(DEMO_ACCOUNT_ID, "user", "/", "challenge2") } })).toBe(1);
  });

  it("two completions at once open one session between them", async () => {
    await consoleUser("challenge3");
    const req = request();
    const progress = await passwordStep("challenge3", TEST_USER_PASSWORD, req);
    const outcomes = await Promise.allSettled([completeSignIn(progress.challenge, req), completeSignIn(progress.challenge, req)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.consoleSession.count({ where: { principalArn: iamArn(DEMO_ACCOUNT_ID, "user", "/", "challenge3") } })).toBe(1);
  });

  it(`a challenge expires after ${SIGN_IN_CHALLENGE_MS / 60_000} minutes`, async () => {
    await consoleUser("challenge4");
    const early = await passwordStep("challenge4", TEST_USER_PASSWORD, request());
    expect((await completeSignIn(early.challenge, request({ now: at(SIGN_IN_CHALLENGE_MS - 1) }))).principalArn).toContain("challenge4");
    const late = await passwordStep("challenge4", TEST_USER_PASSWORD, request());
    const err = await failure(completeSignIn(late.challenge, request({ now: at(SIGN_IN_CHALLENGE_MS) })));
    expect(err.message).toBe(SIGN_IN_EXPIRED_ERROR);
    // The next sign-in clears expired challenges away.
    await passwordStep("challenge4", TEST_USER_PASSWORD, request({ now: at(SIGN_IN_CHALLENGE_MS) }));
    expect(await challengeRow(late.challenge)).toBeNull();
  });

  it.each([
    ["an unknown token", "A".repeat(43)],
    ["a malformed token", "not a token"],
    ["an empty token", ""],
  ])("%s opens nothing", async (_what, token) => {
    expect((await failure(completeSignIn(token, request()))).message).toBe(SIGN_IN_EXPIRED_ERROR);
    expect((await failure(submitMfaCode(token, "123456", request()))).message).toBe(SIGN_IN_EXPIRED_ERROR);
  });

  it("a user whose console access is removed during sign-in gets no session", async () => {
    const user = await consoleUser("challenge5");
    const progress = await passwordStep("challenge5", TEST_USER_PASSWORD, request());
    await prisma.loginProfile.delete({ where: { userId: user.id } });
    expect((await failure(completeSignIn(progress.challenge, request()))).message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(await prisma.consoleSession.count({ where: { userId: user.id } })).toBe(0);
  });
});

/** A virtual MFA device enabled for the user (root when absent) with two codes at TEST_NOW; its seed. */
async function assignVirtualMfa(userName?: string): Promise<{ seed: string; serialNumber: string }> {
  const { VirtualMFADevice } = await createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: `${userName ?? "root"}-device` });
  const seed = VirtualMFADevice.Base32StringSeed;
  await enableMFADevice(rootCaller(), {
    ...(userName ? { UserName: userName } : {}),
    SerialNumber: VirtualMFADevice.SerialNumber,
    AuthenticationCode1: totpCode(seed, TEST_NOW),
    AuthenticationCode2: totpCode(seed, at(30_000)),
  });
  return { seed, serialNumber: VirtualMFADevice.SerialNumber };
}

/**
 * A software FIDO2 key (ES256) registered to the user as its MFA device, stored as a registration
 * leaves it; `assert` answers a WebAuthn challenge as the browser would pass it on.
 */
async function registerSoftwareKey(userId: string, userName: string) {
  const authenticator = new SoftwareAuthenticator();
  const { id: credentialId, cose } = authenticator.newCredential(relyingParty().id);
  await prisma.mfaDevice.create({
    data: {
      serialNumber: `arn:aws:iam::${DEMO_ACCOUNT_ID}:u2f/user/${userName}/fidosecuritykey-${randomBytes(8).toString("hex").toUpperCase()}`,
      accountId: DEMO_ACCOUNT_ID,
      name: `${userName}-key`,
      type: "u2f",
      userId,
      enableDate: TEST_NOW,
      credentialId,
      publicKey: Buffer.from(cose).toString("base64url"),
      transports: ["usb"],
    },
  });
  const allowCredentials = [{ id: credentialId, type: "public-key" as const }];
  return { credentialId, assert: (challenge: string, counter: number) => authenticator.get({ challenge, allowCredentials }, { counter }) };
}

// Codes used at sign-in come from well after the two codes that enabled the device.
const MFA_TIME = 10 * 60_000;

describe("MFA at sign-in", () => {
  it("a user with a virtual MFA device must give a code; a wrong one is refused and counted, the right one opens a session with MFA", async () => {
    await consoleUser("mfa1");
    const { seed } = await assignVirtualMfa("mfa1");
    const ip = freshIp();
    const req = { sourceIp: ip, userAgent: "agent/mfa", now: at(MFA_TIME) };
    const progress = await passwordStep("mfa1", TEST_USER_PASSWORD, req);
    expect(progress).toMatchObject({ next: "mfa", mfa: { totp: true, securityKey: false } });
    expect(progress.passwordChange).toBeUndefined();

    // No session before the code.
    expect((await failure(completeSignIn(progress.challenge, req))).message).toBe(SIGN_IN_EXPIRED_ERROR);

    const wrongCode = totpCode(seed, at(MFA_TIME)) === "000000" ? "111111" : "000000";
    const wrong = await failure(submitMfaCode(progress.challenge, wrongCode, req));
    expect(wrong.message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(wrong.startOver).toBe(false);
    expect(await throttleRow(nameKeyOf("mfa1"))).toMatchObject({ failures: 1 });
    expect(await throttleRow(`ip:${ip}`)).toMatchObject({ failures: 1 });

    const after = await submitMfaCode(progress.challenge, totpCode(seed, at(MFA_TIME)), req);
    expect(after).toEqual({ challenge: progress.challenge, next: "done", mfa: { totp: false, securityKey: false } });
    const session = await completeSignIn(progress.challenge, { ...req, now: at(MFA_TIME + 1000) });
    const row = await prisma.consoleSession.findUniqueOrThrow({ where: { id: session.sessionId } });
    expect(row.mfaAuthenticatedAt).toEqual(at(MFA_TIME));
    // A full sign-in forgets the name's failures.
    expect(await throttleRow(nameKeyOf("mfa1"))).toBeNull();

    const user = await prisma.user.findFirstOrThrow({ where: { name: "mfa1" } });
    const events = (await consoleLogins(user.arn)).filter((e) => e.sourceIp === ip);
    expect(events.map((e) => [e.errorCode, e.requestParameters, e.mfaAuthenticated])).toEqual([
      ["Failed authentication", { MFAUsed: "Yes" }, true],
      [null, { MFAUsed: "Yes" }, true],
    ]);
    expect(stringify(events)).not.toContain(totpCode(seed, at(MFA_TIME)));
  });

  it("the session after MFA carries aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge", async () => {
    await consoleUser("mfa2");
    const { seed } = await assignVirtualMfa("mfa2");
    const req = request({ now: at(MFA_TIME) });
    const progress = await passwordStep("mfa2", TEST_USER_PASSWORD, req);
    await submitMfaCode(progress.challenge, totpCode(seed, req.now), req);
    const session = await completeSignIn(progress.challenge, req);
    const identity = await resolveConsoleSession(session.sessionId, { sourceIp: "203.0.113.5", secureTransport: true, now: at(MFA_TIME + 90_000) });
    expect(identity!.caller).toMatchObject({ mfaPresent: true, mfaAuthenticatedAt: at(MFA_TIME) });
    const { requestContext } = await import("./authorize");
    const ctx = requestContext(identity!.caller, {});
    expect(ctx["aws:MultiFactorAuthPresent"]).toBe("true");
    expect(ctx["aws:MultiFactorAuthAge"]).toBe("90");
  });

  it("a code works once: the same code on a new sign-in in the same window is refused", async () => {
    await consoleUser("mfa3");
    const { seed } = await assignVirtualMfa("mfa3");
    const code = totpCode(seed, at(MFA_TIME));
    const first = await passwordStep("mfa3", TEST_USER_PASSWORD, request({ now: at(MFA_TIME) }));
    await submitMfaCode(first.challenge, code, request({ now: at(MFA_TIME) }));
    const second = await passwordStep("mfa3", TEST_USER_PASSWORD, request({ now: at(MFA_TIME + 5000) }));
    const err = await failure(submitMfaCode(second.challenge, code, request({ now: at(MFA_TIME + 5000) })));
    expect(err.message).toBe(GENERIC_SIGN_IN_ERROR);
    // The next step's code still works.
    expect((await submitMfaCode(second.challenge, totpCode(seed, at(MFA_TIME + 30_000)), request({ now: at(MFA_TIME + 30_000) }))).next).toBe("done");
  });

  it(`after ${MFA_ATTEMPTS_PER_CHALLENGE} wrong codes the challenge is void and the name is throttled, even with the right code`, async () => {
    await consoleUser("mfa4");
    const { seed } = await assignVirtualMfa("mfa4");
    const ip = freshIp();
    const req = { sourceIp: ip, now: at(MFA_TIME) };
    const progress = await passwordStep("mfa4", TEST_USER_PASSWORD, req);
    const right = totpCode(seed, req.now);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 1; i < MFA_ATTEMPTS_PER_CHALLENGE; i++) {
      expect((await failure(submitMfaCode(progress.challenge, wrong, req))).message).toBe(GENERIC_SIGN_IN_ERROR);
    }
    const last = await failure(submitMfaCode(progress.challenge, wrong, req));
    expect(last.message).toBe(TOO_MANY_CODES_ERROR);
    expect(last.startOver).toBe(true);
    expect(await challengeRow(progress.challenge)).toBeNull();
    expect(await throttleRow(`challenge:${sha256(progress.challenge)}`)).toBeNull();
    expect((await failure(submitMfaCode(progress.challenge, right, req))).message).toBe(SIGN_IN_EXPIRED_ERROR);

    // The wrong codes counted as failed sign-ins: the password is refused for a while.
    const blocked = await failure(passwordStep("mfa4", TEST_USER_PASSWORD, req));
    expect(blocked.message).toBe("Too many failed sign-in attempts. Try again in 30 seconds.");
    expect(await throttleRow(nameKeyOf("mfa4"))).toMatchObject({ failures: MFA_ATTEMPTS_PER_CHALLENGE });
  });

  it("a name blocked by earlier failures refuses even the right code", async () => {
    await consoleUser("mfa5");
    const { seed } = await assignVirtualMfa("mfa5");
    const req = request({ now: at(MFA_TIME) });
    const progress = await passwordStep("mfa5", TEST_USER_PASSWORD, req);
    for (let i = 0; i < THROTTLE.perNameLimit; i++) await failure(passwordStep("mfa5", "wrong", { ...req, sourceIp: freshIp() }));
    const err = await failure(submitMfaCode(progress.challenge, totpCode(seed, req.now), req));
    expect(err.retryAfterSeconds).toBe(30);
    expect((await challengeRow(progress.challenge))!.mfaVerifiedAt).toBeNull();
  });

  it("a security key answer without a WebAuthn challenge issued is a wrong answer", async () => {
    await consoleUser("mfa6");
    await assignVirtualMfa("mfa6");
    const req = request({ now: at(MFA_TIME) });
    const progress = await passwordStep("mfa6", TEST_USER_PASSWORD, req);
    const response = {
      id: "AAAA",
      rawId: "AAAA",
      type: "public-key" as const,
      response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" },
      clientExtensionResults: {},
    };
    expect((await failure(submitSecurityKey(progress.challenge, response, req))).message).toBe(GENERIC_SIGN_IN_ERROR);
    expect(await throttleRow(nameKeyOf("mfa6"))).toMatchObject({ failures: 1 });
    // A user with only a virtual device has no security key to offer options for.
    expect((await challengeRow(progress.challenge))!.webauthnChallenge).toBeNull();
  });

  it("a user with a security key signs the challenge the sign-in issued, once", async () => {
    const user = await consoleUser("mfa8");
    const key = await registerSoftwareKey(user.id, "mfa8");
    const req = request({ now: at(MFA_TIME) });
    const progress = await passwordStep("mfa8", TEST_USER_PASSWORD, req);
    expect(progress).toMatchObject({ next: "mfa", mfa: { totp: false, securityKey: true } });

    const options = await beginSecurityKeySignIn(progress.challenge, req);
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id: key.credentialId })]);
    expect((await challengeRow(progress.challenge))!.webauthnChallenge).toBe(options.challenge);

    const answer = key.assert(options.challenge, 1);
    expect((await submitSecurityKey(progress.challenge, answer, req)).next).toBe("done");
    const session = await completeSignIn(progress.challenge, req);
    expect((await prisma.consoleSession.findUniqueOrThrow({ where: { id: session.sessionId } })).mfaAuthenticatedAt).toEqual(at(MFA_TIME));

    // The same answer on another sign-in signs the wrong challenge.
    const again = await passwordStep("mfa8", TEST_USER_PASSWORD, req);
    await beginSecurityKeySignIn(again.challenge, req);
    expect((await failure(submitSecurityKey(again.challenge, answer, req))).message).toBe(GENERIC_SIGN_IN_ERROR);
    // Each WebAuthn challenge is answered once, even rightly: new options are needed.
    expect((await challengeRow(again.challenge))!.webauthnChallenge).toBeNull();
    expect((await failure(submitSecurityKey(again.challenge, key.assert(options.challenge, 2), req))).message).toBe(GENERIC_SIGN_IN_ERROR);
    const fresh = await beginSecurityKeySignIn(again.challenge, req);
    expect((await submitSecurityKey(again.challenge, key.assert(fresh.challenge, 3), req)).next).toBe("done");
  });

  it("the policy engine's force-MFA pattern denies the session without MFA and allows the one with it", async () => {
    const forceMfa = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "*", Resource: "*" },
        {
          Sid: "DenyAllExceptListedIfNoMFA",
          Effect: "Deny",
          NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:GetUser"],
          Resource: "*",
          Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ],
    };
    await consoleUser("mfa7", { policies: [forceMfa] });
    const facts = { sourceIp: "203.0.113.7", secureTransport: true, now: at(MFA_TIME + 60_000) };

    // Before the device: a session without MFA, which may only enroll.
    const without = await asUser("mfa7", TEST_USER_PASSWORD, request({ now: at(MFA_TIME) }));
    const { seed } = await assignVirtualMfa("mfa7");
    const req = request({ now: at(MFA_TIME) });
    const progress = await passwordStep("mfa7", TEST_USER_PASSWORD, req);
    await submitMfaCode(progress.challenge, totpCode(seed, req.now), req);
    const withMfa = await completeSignIn(progress.challenge, req);

    const plain = (await resolveConsoleSession(without.sessionId, facts))!.caller;
    const strong = (await resolveConsoleSession(withMfa.sessionId, facts))!.caller;
    expect(plain.mfaPresent).toBe(false);
    expect(strong.mfaPresent).toBe(true);
    const denied = await iamError(authorize(plain, "iam:ListUsers", "*"));
    expect(denied.code).toBe("AccessDenied");
    expect(denied.message).toContain("with an explicit deny in an identity-based policy");
    await authorize(plain, "iam:ListMFADevices", iamArn(DEMO_ACCOUNT_ID, "user", "/", "mfa7"));
    await authorize(strong, "iam:ListUsers", "*");
  });
});

describe("a required password change at sign-in", () => {
  it("reset required: the password step asks for a new password, which needs iam:ChangePassword", async () => {
    const user = await consoleUser("reset1", { passwordResetRequired: true });
    const req = request({ now: at(3000) });
    const progress = await passwordStep("reset1", TEST_USER_PASSWORD, req);
    expect(progress).toEqual({
      challenge: expect.any(String),
      next: "password",
      mfa: { totp: false, securityKey: false },
      passwordChange: { reason: "reset", requirements: passwordRequirements(DEFAULT_PASSWORD_RULES) },
    });
    expect((await failure(completeSignIn(progress.challenge, req))).message).toBe(SIGN_IN_EXPIRED_ERROR);

    // Without a policy allowing it, ChangePassword is denied as AWS denies it.
    const denied = await iamError(changePasswordAtSignIn(progress.challenge, { OldPassword: TEST_USER_PASSWORD, NewPassword: "New-Passw0rd-1!" }, req));
    expect(denied.code).toBe("AccessDenied");
    expect(denied.message).toBe(
      `User: ${user.arn} is not authorized to perform: iam:ChangePassword on resource: ${user.arn} because no identity-based policy allows the iam:ChangePassword action`,
    );

    await attachUserPolicy(rootCaller(), { UserName: "reset1", PolicyArn: IAM_USER_CHANGE_PASSWORD_ARN });
    const weak = await iamError(changePasswordAtSignIn(progress.challenge, { OldPassword: TEST_USER_PASSWORD, NewPassword: "weak" }, req));
    expect(weak).toBeInstanceOf(PasswordPolicyViolationError);
    expect(weak.message).toBe("Password does not conform to the account password policy.");
    expect((weak as PasswordPolicyViolationError).failedRules).toContain("Must be at least 8 characters long");

    const after = await changePasswordAtSignIn(progress.challenge, { OldPassword: TEST_USER_PASSWORD, NewPassword: "New-Passw0rd-1!" }, req);
    expect(after).toEqual({ challenge: progress.challenge, next: "done", mfa: { totp: false, securityKey: false } });
    const session = await completeSignIn(progress.challenge, req);
    expect(session.principalArn).toBe(user.arn);

    const profile = await prisma.loginProfile.findUniqueOrThrow({ where: { userId: user.id } });
    expect(profile.passwordResetRequired).toBe(false);
    expect(profile.passwordChangedAt).toEqual(req.now);
    expect(await verifyPassword("New-Passw0rd-1!", profile.passwordHash)).toBe(true);
    // ChangePassword is recorded as the user, from the sign-in's address.
    const change = await prisma.activityEvent.findFirstOrThrow({ where: { eventName: "ChangePassword", principalArn: user.arn, errorCode: null } });
    expect(change).toMatchObject({ sourceIp: req.sourceIp, principalType: "IAMUser", mfaAuthenticated: false });
    // The next sign-in asks for nothing more.
    expect((await passwordStep("reset1", "New-Passw0rd-1!", request())).next).toBe("done");
  });

  it("the password change comes after MFA, and is made with MFA present", async () => {
    const user = await consoleUser("reset2", { passwordResetRequired: true });
    await attachUserPolicy(rootCaller(), { UserName: "reset2", PolicyArn: IAM_USER_CHANGE_PASSWORD_ARN });
    const { seed } = await assignVirtualMfa("reset2");
    const req = request({ now: at(MFA_TIME) });
    const progress = await passwordStep("reset2", TEST_USER_PASSWORD, req);
    expect(progress).toMatchObject({ next: "mfa", passwordChange: { reason: "reset" } });
    // Not before MFA.
    const early = await failure(changePasswordAtSignIn(progress.challenge, { OldPassword: TEST_USER_PASSWORD, NewPassword: "New-Passw0rd-2!" }, req));
    expect(early.message).toBe(SIGN_IN_EXPIRED_ERROR);
    expect((await submitMfaCode(progress.challenge, totpCode(seed, req.now), req)).next).toBe("password");
    await changePasswordAtSignIn(progress.challenge, { OldPassword: TEST_USER_PASSWORD, NewPassword: "New-Passw0rd-2!" }, req);
    await completeSignIn(progress.challenge, req);
    const change = await prisma.activityEvent.findFirstOrThrow({ where: { eventName: "ChangePassword", principalArn: user.arn, errorCode: null } });
    expect(change.mfaAuthenticated).toBe(true);
  });

  it("a wrong old password is refused and the step can be tried again", async () => {
    await consoleUser("reset3", { passwordResetRequired: true });
    await attachUserPolicy(rootCaller(), { UserName: "reset3", PolicyArn: IAM_USER_CHANGE_PASSWORD_ARN });
    const req = request();
    const progress = await passwordStep("reset3", TEST_USER_PASSWORD, req);
    const err = await iamError(changePasswordAtSignIn(progress.challenge, { OldPassword: "Not-The-Passw0rd!", NewPassword: "New-Passw0rd-3!" }, req));
    expect(err.code).toBe("AccessDenied");
    expect((await changePasswordAtSignIn(progress.challenge, { OldPassword: TEST_USER_PASSWORD, NewPassword: "New-Passw0rd-3!" }, req)).next).toBe("done");
  });

  describe("under the account's MaxPasswordAge", () => {
    const DAY = 86_400_000;
    const setPolicy = (data: { maxPasswordAge: number; hardExpiry?: boolean; allowUsersToChangePassword?: boolean }) =>
      prisma.passwordPolicy.upsert({ where: { accountId: DEMO_ACCOUNT_ID }, create: { accountId: DEMO_ACCOUNT_ID, ...data }, update: data });
    const withPolicy = async (data: Parameters<typeof setPolicy>[0], body: () => Promise<void>) => {
      await setPolicy(data);
      try {
        await body();
      } finally {
        await prisma.passwordPolicy.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
      }
    };

    it("an expired password must be changed at sign-in; AllowUsersToChangePassword permits it", async () => {
      await consoleUser("expired1", { passwordChangedAt: new Date(TEST_NOW.getTime() - 31 * DAY) });
      await withPolicy({ maxPasswordAge: 30, allowUsersToChangePassword: true }, async () => {
        const req = request();
        const progress = await passwordStep("expired1", TEST_USER_PASSWORD, req);
        expect(progress).toMatchObject({ next: "password", passwordChange: { reason: "expired" } });
        expect((await changePasswordAtSignIn(progress.challenge, { OldPassword: TEST_USER_PASSWORD, NewPassword: "Fresh-Passw0rd-1!" }, req)).next).toBe("done");
        await completeSignIn(progress.challenge, req);
        expect((await passwordStep("expired1", "Fresh-Passw0rd-1!", request())).next).toBe("done");
      });
    });

    it("a password on its last day has not expired yet", async () => {
      await consoleUser("expired2", { passwordChangedAt: new Date(TEST_NOW.getTime() - 30 * DAY) });
      await withPolicy({ maxPasswordAge: 30 }, async () => {
        expect((await passwordStep("expired2", TEST_USER_PASSWORD, request())).next).toBe("done");
      });
    });

    it("with HardExpiry an expired password refuses sign-in until an administrator resets it, without counting a failure", async () => {
      const user = await consoleUser("expired3", { passwordChangedAt: new Date(TEST_NOW.getTime() - 31 * DAY) });
      await withPolicy({ maxPasswordAge: 30, hardExpiry: true }, async () => {
        const ip = freshIp();
        const err = await failure(passwordStep("expired3", TEST_USER_PASSWORD, { sourceIp: ip, now: TEST_NOW }));
        expect(err.message).toBe("Your password has expired. Contact your administrator to reset it.");
        expect(err.message).toBe(PASSWORD_EXPIRED_ERROR);
        expect(await throttleRow(nameKeyOf("expired3"))).toBeNull();
        const [event] = (await consoleLogins(user.arn)).filter((e) => e.sourceIp === ip);
        expect(event).toMatchObject({ errorCode: "Failed authentication", errorMessage: PASSWORD_EXPIRED_ERROR });
        // A wrong password still gets the generic error, so expiry tells nothing without the password.
        expect((await failure(passwordStep("expired3", "Wrong-Passw0rd!", request()))).message).toBe(GENERIC_SIGN_IN_ERROR);
      });
    });

    it("the root user's password never expires", async () => {
      await prisma.account.update({ where: { id: DEMO_ACCOUNT_ID }, data: { rootPasswordChangedAt: new Date(TEST_NOW.getTime() - 400 * DAY) } });
      await withPolicy({ maxPasswordAge: 1, hardExpiry: true }, async () => {
        expect((await signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, request())).next).toBe("done");
      });
    });

    it("the console warns in the last 15 days before expiry, and not for root", async () => {
      await consoleUser("expiring1", { passwordChangedAt: new Date(TEST_NOW.getTime() - 80 * DAY) });
      await consoleUser("expiring2", { passwordChangedAt: new Date(TEST_NOW.getTime() - 70 * DAY) });
      await withPolicy({ maxPasswordAge: 90 }, async () => {
        expect(await passwordExpiryWarning(await userCaller("expiring1"))).toEqual({ daysLeft: 10 });
        expect(await passwordExpiryWarning(await userCaller("expiring2"))).toBeNull();
        expect(await passwordExpiryWarning(rootCaller())).toBeNull();
      });
      expect(await passwordExpiryWarning(await userCaller("expiring1"))).toBeNull();
    });
  });
});

describe("the root user's MFA", () => {
  it("root with an MFA device gives a code too", async () => {
    const { seed, serialNumber } = await assignVirtualMfa();
    try {
      const req = request({ now: at(MFA_TIME) });
      const progress = await signInRoot({ email: TEST_ROOT_EMAIL, password: TEST_ROOT_PASSWORD }, req);
      expect(progress).toMatchObject({ next: "mfa", mfa: { totp: true, securityKey: false } });
      expect((await submitMfaCode(progress.challenge, totpCode(seed, req.now), req)).next).toBe("done");
      const session = await completeSignIn(progress.challenge, req);
      const identity = await resolveConsoleSession(session.sessionId, { sourceIp: req.sourceIp, secureTransport: true, now: req.now });
      expect(identity!.caller).toMatchObject({ principalType: "Account", mfaPresent: true });
    } finally {
      await deactivateMFADevice(rootCaller(), { SerialNumber: serialNumber });
    }
  });
});
