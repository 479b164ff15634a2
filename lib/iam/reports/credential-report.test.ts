import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn, rootArn } from "../arns";
import { settleBackgroundWork } from "../background";
import { DEMO_ACCOUNT_ID } from "../bootstrap/demo-account";
import type { Caller } from "../caller";
import { newId } from "../ids";
import { addUser, callerWithPolicies, expectError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "../testing";
import {
  CREDENTIAL_REPORT_COLUMNS,
  credentialFindings,
  credentialReportCsv,
  DEAD_GENERATION_MS,
  generateCredentialReport,
  getCredentialReport,
  parseCredentialReport,
  readCredentialReportForConsole,
  REPORT_LIFETIME_MS,
  type CredentialReportEntry,
} from "./credential-report";

// The credential report (iam-facts §11): AWS's states and the four-hour rule with the clock,
// generation in the background with the row as the lock, authorization, and the CSV byte for
// byte against files written by hand from AWS's conventions.

// Background work runs as in production, unless a test holds it to run the jobs itself.
const background = vi.hoisted(() => ({ hold: false, held: [] as (() => Promise<void>)[] }));
vi.mock("../background", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../background")>();
  return {
    ...actual,
    runInBackground: (name: string, work: () => Promise<void>) => (background.hold ? background.held.push(work) : actual.runInBackground(name, work)),
  };
});

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

afterEach(async () => {
  background.hold = false;
  for (const work of background.held.splice(0)) await work();
  await settleBackgroundWork();
});

/** Runs the background jobs held since `background.hold` was set, and stops holding. */
async function runHeld(): Promise<void> {
  background.hold = false;
  for (const work of background.held.splice(0)) await work();
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (ms: number) => new Date(TEST_NOW.getTime() + ms);
const root = (now = TEST_NOW) => rootCaller(DEMO_ACCOUNT_ID, { now });

/** The report's CSV, as GetCredentialReport returns it, decoded. */
async function reportText(caller: Caller): Promise<string> {
  return Buffer.from((await getCredentialReport(caller)).Content, "base64").toString("utf8");
}

const reportRow = () => prisma.credentialReport.findUnique({ where: { accountId: DEMO_ACCOUNT_ID } });

const NOT_PRESENT = "The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.";
const IN_PROGRESS = "The request was rejected because the credential report is still being generated.";
const EXPIRED = "The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.";

describe("GenerateCredentialReport and GetCredentialReport", () => {
  beforeEach(async () => {
    await prisma.credentialReport.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
  });

  it("GetCredentialReport before any generation fails with ReportNotPresent (410)", async () => {
    const err = await expectError(getCredentialReport(root()), "ReportNotPresent", NOT_PRESENT);
    expect(err.status).toBe(410);
  });

  it("without a report starts one: STARTED, then in the background INPROGRESS and COMPLETE", async () => {
    background.hold = true;
    expect(await generateCredentialReport(root())).toEqual({ State: "STARTED", Description: "No report exists. Starting a new report generation task" });
    // The call answered before the work: the row waits for the background job.
    expect(await reportRow()).toMatchObject({ state: "STARTED", startedAt: TEST_NOW, generatedAt: null, content: null });
    await runHeld();
    expect(await reportRow()).toMatchObject({ state: "COMPLETE", generatedAt: TEST_NOW });

    const out = await getCredentialReport(root());
    expect(out).toEqual({ Content: expect.any(String), ReportFormat: "text/csv", GeneratedTime: TEST_NOW });
    const lines = Buffer.from(out.Content, "base64").toString("utf8").split("\n");
    expect(lines[0]).toBe(CREDENTIAL_REPORT_COLUMNS.join(","));
    expect(lines[1]).toMatch(/^<root_account>,arn:aws:iam::123456789012:root,/);
    expect(lines.slice(2).map((l) => l.split(",")[0])).toEqual(expect.arrayContaining(["alice", "bob", "carol", "dave"]));
  });

  it("while the generation runs, GenerateCredentialReport answers INPROGRESS and GetCredentialReport fails with ReportInProgress (404)", async () => {
    background.hold = true;
    await generateCredentialReport(root());
    expect(await generateCredentialReport(root(at(1000)))).toEqual({ State: "INPROGRESS" });
    const err = await expectError(getCredentialReport(root(at(1000))), "ReportInProgress", IN_PROGRESS);
    expect(err.status).toBe(404);
  });

  it("a generation running for less than five minutes is left alone", async () => {
    const startedAt = at(-DEAD_GENERATION_MS + MINUTE);
    await prisma.credentialReport.create({ data: { accountId: DEMO_ACCOUNT_ID, state: "INPROGRESS", startedAt } });
    expect(await generateCredentialReport(root())).toEqual({ State: "INPROGRESS" });
    await settleBackgroundWork();
    expect(await reportRow()).toMatchObject({ state: "INPROGRESS", startedAt });
    await expectError(getCredentialReport(root()), "ReportInProgress", IN_PROGRESS);
  });

  it.each(["STARTED", "INPROGRESS"])("a generation left %s for more than five minutes is dead: the next call starts it again", async (state) => {
    await prisma.credentialReport.create({ data: { accountId: DEMO_ACCOUNT_ID, state, startedAt: at(-DEAD_GENERATION_MS - 1000) } });
    expect(await generateCredentialReport(root())).toMatchObject({ State: "STARTED" });
    await settleBackgroundWork();
    expect(await reportRow()).toMatchObject({ state: "COMPLETE", startedAt: TEST_NOW, generatedAt: TEST_NOW });
    expect((await getCredentialReport(root())).GeneratedTime).toEqual(TEST_NOW);
  });

  it("a report younger than four hours is kept (COMPLETE); an older one is replaced by a new generation", async () => {
    await generateCredentialReport(root());
    await settleBackgroundWork();
    await addUser("cr-added-later");

    expect(await generateCredentialReport(root(at(REPORT_LIFETIME_MS - 1000)))).toEqual({ State: "COMPLETE" });
    await settleBackgroundWork();
    expect(await reportRow()).toMatchObject({ state: "COMPLETE", generatedAt: TEST_NOW });
    expect(await reportText(root(at(REPORT_LIFETIME_MS)))).not.toContain("cr-added-later");

    const later = at(REPORT_LIFETIME_MS + 1000);
    expect(await generateCredentialReport(root(later))).toMatchObject({ State: "STARTED" });
    await settleBackgroundWork();
    expect((await getCredentialReport(root(later))).GeneratedTime).toEqual(later);
    expect(await reportText(root(later))).toContain("\ncr-added-later,");
  });

  it("GetCredentialReport serves a report for four hours, then fails with ReportExpired (410)", async () => {
    await generateCredentialReport(root());
    await settleBackgroundWork();
    expect((await getCredentialReport(root(at(REPORT_LIFETIME_MS)))).GeneratedTime).toEqual(TEST_NOW);
    const err = await expectError(getCredentialReport(root(at(REPORT_LIFETIME_MS + 1))), "ReportExpired", EXPIRED);
    expect(err.status).toBe(410);
  });

  it("concurrent calls start one generation: one STARTED, the others find it running or done", async () => {
    const outs = await Promise.all(Array.from({ length: 6 }, () => generateCredentialReport(root())));
    expect(outs.filter((o) => o.State === "STARTED")).toHaveLength(1);
    expect(outs.every((o) => o.State === "STARTED" || o.State === "INPROGRESS" || o.State === "COMPLETE")).toBe(true);
    await settleBackgroundWork();
    expect(await reportRow()).toMatchObject({ state: "COMPLETE", generatedAt: TEST_NOW });
  });

  it("a generation taken for dead writes nothing, before or after the one that replaced it", async () => {
    background.hold = true;
    expect(await generateCredentialReport(root())).toMatchObject({ State: "STARTED" });
    const later = at(DEAD_GENERATION_MS + 1000);
    expect(await generateCredentialReport(root(later))).toMatchObject({ State: "STARTED" });
    const [dead, replacement] = background.held.splice(0);

    await dead();
    expect(await reportRow()).toMatchObject({ state: "STARTED", startedAt: later });
    await replacement();
    expect(await reportRow()).toMatchObject({ state: "COMPLETE", startedAt: later, generatedAt: later });
    await dead();
    expect(await reportRow()).toMatchObject({ state: "COMPLETE", startedAt: later, generatedAt: later });
  });
});

describe("Authorization", () => {
  beforeEach(async () => {
    await prisma.credentialReport.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
  });

  it("dave, without permissions, is denied both calls with AWS's AccessDenied on resource *, and the denials are recorded", async () => {
    const dave = await userCaller("dave");
    await expectError(generateCredentialReport(dave), "AccessDenied", implicitDeny(dave, "iam:GenerateCredentialReport", "*"));
    await expectError(getCredentialReport(dave), "AccessDenied", implicitDeny(dave, "iam:GetCredentialReport", "*"));
    await expectError(readCredentialReportForConsole(dave), "AccessDenied", implicitDeny(dave, "iam:GetCredentialReport", "*"));
    expect(await reportRow()).toBeNull();
    const events = await prisma.activityEvent.findMany({ where: { principalArn: dave.principalArn }, orderBy: { id: "asc" } });
    expect(events.slice(-3).map((e) => [e.eventName, e.errorCode, e.readOnly])).toEqual([
      ["GenerateCredentialReport", "AccessDenied", false],
      ["GetCredentialReport", "AccessDenied", true],
      ["GetCredentialReport", "AccessDenied", true],
    ]);
  });

  it("the root user may call both; each call records its event", async () => {
    const caller = root();
    await generateCredentialReport(caller);
    await settleBackgroundWork();
    await getCredentialReport(caller);
    const events = await prisma.activityEvent.findMany({ where: { principalArn: rootArn(DEMO_ACCOUNT_ID) }, orderBy: { id: "desc" }, take: 2 });
    expect(events.map((e) => [e.eventName, e.errorCode, e.resourceArn])).toEqual([
      ["GetCredentialReport", null, "*"],
      ["GenerateCredentialReport", null, "*"],
    ]);
  });

  it("each call needs its own permission: an auditor allowed only GetCredentialReport reads but cannot generate", async () => {
    const auditor = await callerWithPolicies("cr-reader", [policyDocument("Allow", "iam:GetCredentialReport")]);
    await expectError(getCredentialReport(auditor), "ReportNotPresent", NOT_PRESENT);
    await expectError(generateCredentialReport(auditor), "AccessDenied", implicitDeny(auditor, "iam:GenerateCredentialReport", "*"));
    await generateCredentialReport(root());
    await settleBackgroundWork();
    expect((await getCredentialReport(auditor)).ReportFormat).toBe("text/csv");
  });
});

// ---- The CSV, byte for byte --------------------------------------------------------------

const golden = (name: string) => readFileSync(path.join(import.meta.dirname, "golden", name), "utf8");

const GOLDEN_ACCT = "111122223333";
const d = (iso: string) => new Date(iso);

/**
 * An account with every kind of row: root with MFA and an inactive root key; users with and
 * without passwords (used, never used, used before IAM tracked it), with MFA (and one whose
 * device is not enabled), with 0, 1 and 2 keys (used in a Region, used on a global service,
 * never used, inactive), with certificates; a password policy with MaxPasswordAge 90.
 */
async function seedGoldenAccount(): Promise<void> {
  const acct = GOLDEN_ACCT;
  await prisma.account.create({
    data: { id: acct, rootEmail: "golden@test.example.com", rootPasswordHash: "x", createdAt: d("2020-01-15T08:30:00.123Z"), rootPasswordLastUsed: d("2026-05-30T09:15:42.987Z") },
  });
  await prisma.passwordPolicy.create({ data: { accountId: acct, maxPasswordAge: 90 } });
  const user = async (name: string, createdAt: string, extra: { path?: string; passwordLastUsed?: string; passwordChangedAt?: string } = {}) => {
    const p = extra.path ?? "/";
    const row = await prisma.user.create({
      data: {
        id: newId("user"),
        accountId: acct,
        name,
        nameKey: name.toLowerCase(),
        path: p,
        arn: iamArn(acct, "user", p, name),
        createdAt: d(createdAt),
        passwordLastUsed: extra.passwordLastUsed ? d(extra.passwordLastUsed) : null,
      },
    });
    if (extra.passwordChangedAt) await prisma.loginProfile.create({ data: { userId: row.id, passwordHash: "x", passwordChangedAt: d(extra.passwordChangedAt) } });
    return row.id;
  };
  const key = (userId: string | null, status: string, createdAt: string, used?: [date: string, service: string, region: string | null]) =>
    prisma.accessKey.create({
      data: {
        id: newId("accessKey"),
        accountId: acct,
        userId,
        status,
        secretEncrypted: "x",
        createdAt: d(createdAt),
        lastUsedDate: used ? d(used[0]) : null,
        lastUsedServiceName: used?.[1] ?? null,
        lastUsedRegion: used?.[2] ?? null,
      },
    });
  let certificates = 0;
  const certificate = (userId: string | null, status: string, uploadDate: string) =>
    prisma.signingCertificate.create({
      data: { id: newId("user").replace("AIDA", "CERT"), accountId: acct, userId, body: "x", fingerprint: `golden-${++certificates}`, status, uploadDate: d(uploadDate) },
    });
  const mfa = (name: string, owner: { userId: string } | "root", enabled: boolean) =>
    prisma.mfaDevice.create({
      data: {
        serialNumber: iamArn(acct, "mfa", "/", name),
        accountId: acct,
        name,
        ...(owner === "root" ? { assignedToRoot: enabled } : { userId: owner.userId }),
        enableDate: enabled ? d("2025-01-01T00:00:00Z") : null,
      },
    });

  await mfa("root-device", "root", true);
  await key(null, "Inactive", "2021-03-04T05:06:07.890Z");

  const alice = await user("alice", "2024-02-29T23:59:59.999Z", { passwordChangedAt: "2026-03-01T10:00:00Z", passwordLastUsed: "2026-05-31T18:20:05.500Z" });
  await mfa("alice", { userId: alice }, true);
  // Inserted before the older key: slots follow creation, not insertion.
  await key(alice, "Inactive", "2026-04-02T12:00:00Z", ["2026-04-03T12:30:00Z", "iam", null]);
  await key(alice, "Active", "2025-11-01T00:00:00Z", ["2026-05-31T07:00:00.250Z", "ec2", "eu-west-1"]);
  await certificate(alice, "Active", "2025-06-01T00:00:00Z");

  const bob = await user("Bob", "2026-05-19T08:00:00Z");
  await key(bob, "Active", "2026-05-20T00:00:00Z");

  const carol = await user("carol", "2023-11-20T10:00:00Z", { passwordChangedAt: "2025-12-01T09:00:00Z" });
  await certificate(carol, "Active", "2025-03-03T00:00:00Z");
  await certificate(carol, "Inactive", "2024-03-03T00:00:00Z");

  await user("dave", "2013-11-30T00:00:00Z", { passwordChangedAt: "2013-12-01T00:00:00Z", passwordLastUsed: "2014-01-01T00:00:00Z" });

  const erin = await user("erin", "2025-12-24T00:00:00Z", { path: "/service-accounts/" });
  await mfa("erin", { userId: erin }, true);
  await key(erin, "Active", "2026-01-01T00:00:00Z", ["2026-05-01T00:00:00Z", "s3", "us-west-2"]);
  await key(erin, "Active", "2026-02-01T00:00:00Z", ["2026-05-30T23:59:59.999Z", "sts", null]);

  const frank = await user("frank", "2026-06-01T11:00:00Z");
  await mfa("frank", { userId: frank }, false);
}

describe("The report's CSV", () => {
  beforeAll(async () => {
    await seedGoldenAccount();
    const acct = "444455556666";
    await prisma.account.create({ data: { id: acct, rootEmail: "golden-2@test.example.com", rootPasswordHash: "x", createdAt: d("2026-01-01T00:00:00Z") } });
    await prisma.signingCertificate.create({
      data: { id: "CERTROOTGOLDEN000000000000000001", accountId: acct, body: "x", fingerprint: "golden-root", uploadDate: d("2026-02-02T02:02:02.500Z") },
    });
    const zed = await prisma.user.create({
      data: { id: newId("user"), accountId: acct, name: "zed", nameKey: "zed", arn: iamArn(acct, "user", "/", "zed"), createdAt: d("2026-01-05T00:00:00Z"), passwordLastUsed: d("2026-05-05T05:05:05Z") },
    });
    await prisma.loginProfile.create({ data: { userId: zed.id, passwordHash: "x", passwordChangedAt: d("2026-01-05T00:00:00Z") } });
  });

  it("matches the golden file: AWS's columns, dates, booleans, N/A, no_information and not_supported, root first, users by name", async () => {
    const caller = rootCaller(GOLDEN_ACCT);
    expect((await generateCredentialReport(caller)).State).toBe("STARTED");
    await settleBackgroundWork();
    expect(await reportText(caller)).toBe(golden("mixed-credentials.csv"));
  });

  it("without a password policy passwords never rotate (N/A); a root user that never signed in has no_information", async () => {
    const caller = rootCaller("444455556666");
    await generateCredentialReport(caller);
    await settleBackgroundWork();
    expect(await reportText(caller)).toBe(golden("no-password-policy.csv"));
  });

  it("is built with a fixed number of queries, however many users the account has", async () => {
    const queries = async () => {
      let count = 0;
      const counted = <T extends object>(target: T): T =>
        new Proxy(target, {
          get(t, name) {
            const value = Reflect.get(t, name) as unknown;
            if (typeof value === "function") {
              return (...args: unknown[]) => {
                if (typeof name === "string" && /^(\$query|\$execute|find|count|aggregate|group)/.test(name)) count++;
                return (value as (...a: unknown[]) => unknown).apply(t, args);
              };
            }
            return value && typeof value === "object" && typeof name === "string" && !name.startsWith("$") ? counted(value) : value;
          },
        });
      await credentialReportCsv(counted(prisma), DEMO_ACCOUNT_ID, TEST_NOW);
      return count;
    };
    const before = await queries();
    for (let i = 0; i < 25; i++) {
      const id = (await addUser(`cr-many-${i}`)).id;
      await prisma.loginProfile.create({ data: { userId: id, passwordHash: "x" } });
      await prisma.accessKey.create({ data: { id: newId("accessKey"), accountId: DEMO_ACCOUNT_ID, userId: id, secretEncrypted: "x" } });
    }
    expect(await queries()).toBe(before);
    expect(before).toBe(1);
  });

  it("quotes a field holding a comma, and reads it back", async () => {
    const name = "ops,team";
    await addUser(name);
    const csv = await credentialReportCsv(prisma, DEMO_ACCOUNT_ID, TEST_NOW);
    expect(csv).toContain(`\n"${name}","arn:aws:iam::123456789012:user/${name}",`);
    expect(parseCredentialReport(csv, TEST_NOW).find((e) => e.user === name)?.arn).toBe(`arn:aws:iam::123456789012:user/${name}`);
  });
});

// ---- The console's rows and findings -----------------------------------------------------

describe("The console's report: typed rows and findings", () => {
  it("reads the golden report back as typed rows", () => {
    const entries = parseCredentialReport(golden("mixed-credentials.csv"), TEST_NOW);
    expect(entries.map((e) => e.user)).toEqual(["<root_account>", "alice", "Bob", "carol", "dave", "erin", "frank"]);
    const [rootEntry, alice] = entries;
    expect(rootEntry).toMatchObject({ root: true, passwordEnabled: "not_supported", passwordLastChanged: "not_supported", mfaActive: true });
    expect(rootEntry.accessKeys[0]).toEqual({ present: true, active: false, lastRotated: d("2021-03-04T05:06:07Z") });
    expect(alice).toMatchObject({ root: false, passwordEnabled: true, passwordLastUsed: d("2026-05-31T18:20:05Z"), passwordNextRotation: d("2026-05-30T10:00:00Z") });
    expect(alice.accessKeys).toEqual([
      { present: true, active: true, lastRotated: d("2025-11-01T00:00:00Z"), lastUsedDate: d("2026-05-31T07:00:00Z"), lastUsedRegion: "eu-west-1", lastUsedService: "ec2" },
      { present: true, active: false, lastRotated: d("2026-04-02T12:00:00Z"), lastUsedDate: d("2026-04-03T12:30:00Z"), lastUsedService: "iam" },
    ]);
    expect(entries[3].certificates).toEqual([
      { present: true, active: false, lastRotated: d("2024-03-03T00:00:00Z") },
      { present: true, active: true, lastRotated: d("2025-03-03T00:00:00Z") },
    ]);
    expect(entries[6].accessKeys[1]).toEqual({ present: false, active: false });
  });

  it("flags the golden account's risks, measured from the generation time", () => {
    const findings = Object.fromEntries(parseCredentialReport(golden("mixed-credentials.csv"), TEST_NOW).map((e) => [e.user, e.findings]));
    expect(findings).toEqual({
      // Root's key is inactive: no root-access-key finding; MFA is on.
      "<root_account>": [],
      // Key 1 is 212 days old; key 2 is inactive.
      alice: [{ type: "access-key-old", slot: 1, days: 212 }],
      Bob: [{ type: "access-key-unused", slot: 1 }],
      // A password set 182 days before, never used; no MFA.
      carol: [{ type: "console-without-mfa" }, { type: "password-unused" }],
      dave: [{ type: "console-without-mfa" }, { type: "password-unused" }],
      erin: [
        { type: "access-key-old", slot: 1, days: 151 },
        { type: "access-key-old", slot: 2, days: 120 },
      ],
      frank: [],
    });
  });

  const base: Omit<CredentialReportEntry, "findings"> = {
    user: "u",
    arn: "arn:aws:iam::123456789012:user/u",
    root: false,
    userCreationTime: d("2020-01-01T00:00:00Z"),
    passwordEnabled: false,
    passwordLastUsed: "N/A",
    passwordLastChanged: "N/A",
    passwordNextRotation: "N/A",
    mfaActive: false,
    accessKeys: [
      { present: false, active: false },
      { present: false, active: false },
    ],
    certificates: [
      { present: false, active: false },
      { present: false, active: false },
    ],
  };
  const daysBefore = (days: number) => new Date(TEST_NOW.getTime() - days * DAY);
  const withKey = (key: Partial<CredentialReportEntry["accessKeys"][0]>) => ({
    ...base,
    accessKeys: [{ present: true, active: true, lastRotated: daysBefore(10), lastUsedDate: daysBefore(1), ...key }, base.accessKeys[1]] as CredentialReportEntry["accessKeys"],
  });

  it.each([
    ["a key 90 days old is not flagged", withKey({ lastRotated: daysBefore(90) }), []],
    ["a key 91 days old is", withKey({ lastRotated: daysBefore(91) }), [{ type: "access-key-old", slot: 1, days: 91 }]],
    ["an inactive old, unused key is not", withKey({ active: false, lastRotated: daysBefore(400), lastUsedDate: undefined }), []],
    ["a key never used", withKey({ lastUsedDate: undefined }), [{ type: "access-key-unused", slot: 1 }]],
    ["a key last used 90 days before is not flagged", withKey({ lastUsedDate: daysBefore(90) }), []],
    ["a key last used 91 days before is", withKey({ lastUsedDate: daysBefore(91) }), [{ type: "access-key-unused", slot: 1, days: 91 }]],
    ["a password with MFA, used the day before", { ...base, passwordEnabled: true, mfaActive: true, passwordLastUsed: daysBefore(1), passwordLastChanged: daysBefore(200) }, []],
    [
      "a password without MFA, last used 91 days before",
      { ...base, passwordEnabled: true, passwordLastUsed: daysBefore(91), passwordLastChanged: daysBefore(200) },
      [{ type: "console-without-mfa" }, { type: "password-unused", days: 91 }],
    ],
    ["a new password not used yet is not unused", { ...base, passwordEnabled: true, mfaActive: true, passwordLastUsed: "no_information", passwordLastChanged: daysBefore(5) }, []],
    ["root without MFA", { ...base, root: true, passwordEnabled: "not_supported", passwordLastUsed: "no_information" }, [{ type: "console-without-mfa" }]],
    [
      "root with an active key",
      { ...withKey({}), root: true, mfaActive: true, passwordEnabled: "not_supported" },
      [{ type: "root-access-key", slot: 1 }],
    ],
  ] as [string, Omit<CredentialReportEntry, "findings">, unknown[]][])("%s", (_, entry, expected) => {
    expect(credentialFindings(entry, TEST_NOW)).toEqual(expected);
  });

  it("the page's read maps the report's absence, generation and age to states, and serves the rows otherwise", async () => {
    await prisma.credentialReport.deleteMany({ where: { accountId: DEMO_ACCOUNT_ID } });
    expect(await readCredentialReportForConsole(root())).toEqual({ State: "NONE" });
    background.hold = true;
    await generateCredentialReport(root());
    expect(await readCredentialReportForConsole(root())).toEqual({ State: "INPROGRESS" });
    await runHeld();
    const report = await readCredentialReportForConsole(root(at(MINUTE)));
    expect(report).toMatchObject({ State: "COMPLETE", GeneratedTime: TEST_NOW });
    if (report.State !== "COMPLETE") throw new Error("unreachable");
    expect(report.entries[0]).toMatchObject({ user: "<root_account>", root: true });
    expect(report.entries.find((e) => e.user === "dave")).toBeDefined();
    expect(await readCredentialReportForConsole(root(at(REPORT_LIFETIME_MS + 1)))).toEqual({ State: "EXPIRED" });
  });
});
