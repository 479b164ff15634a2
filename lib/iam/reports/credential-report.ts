import "server-only";
import { csvQuote, parseCsv } from "@/lib/csv";
import { db, Prisma, type Db } from "@/lib/db";
import { operation } from "../activity";
import { rootArn } from "../arns";
import { authorize } from "../authorize";
import { runInBackground } from "../background";
import type { Caller } from "../caller";
import { IamError, isIamError } from "../errors";
import { passwordExpiry } from "../password-expiry";

// The credential report (iam-facts §11): one CSV per account listing the root user and every IAM
// user with the state of their passwords, access keys, MFA and signing certificates.
//
// GenerateCredentialReport starts the work and answers at once; the work runs in the background
// and moves the account's CredentialReport row STARTED → INPROGRESS → COMPLETE. The row is the
// lock: one conditional upsert decides whether a call starts a generation, so concurrent calls
// (on any server) start at most one. A report younger than four hours is kept; an older one is
// replaced. GetCredentialReport serves a report for the same four hours, which the IAM console
// words as "After a report is created, it is stored for up to four hours"; AWS documents no other
// expiry, so after that it is ReportExpired. A generation that has not finished five minutes after
// it started belongs to a process that died: the next GenerateCredentialReport starts it again.
//
// The report is a snapshot taken at the Generate call's time (caller.now): its GeneratedTime, and
// the moment the console's findings (unused credentials, old keys) are measured from.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A COMPLETE report is reused by GenerateCredentialReport, and served, for this long. */
export const REPORT_LIFETIME_MS = 4 * HOUR_MS;
/** A generation unfinished after this long is taken for dead and started again. */
export const DEAD_GENERATION_MS = 5 * 60_000;

/** IAM began recording password use on this day; earlier or absent use is "no_information". */
export const PASSWORD_TRACKING_START = new Date("2014-10-20T00:00:00Z");

export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

export type CredentialReportColumn = (typeof CREDENTIAL_REPORT_COLUMNS)[number];

/** The root user's row names the account's root, not a user. */
export const ROOT_ACCOUNT_USER = "<root_account>";

export type ReportState = "STARTED" | "INPROGRESS" | "COMPLETE";

const STARTED_DESCRIPTION = "No report exists. Starting a new report generation task";

const reportNotPresent = () =>
  new IamError("ReportNotPresent", "The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.");
const reportInProgress = () => new IamError("ReportInProgress", "The request was rejected because the credential report is still being generated.");
const reportExpired = () =>
  new IamError(
    "ReportExpired",
    "The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.",
  );

// ---- GenerateCredentialReport --------------------------------------------------------------

export interface GenerateCredentialReportOutput {
  State: ReportState;
  /** Only when a generation starts: AWS answers STARTED with it, INPROGRESS and COMPLETE without. */
  Description?: string;
}

export function generateCredentialReport(caller: Caller): Promise<GenerateCredentialReportOutput> {
  return operation(caller, { eventName: "GenerateCredentialReport", readOnly: false }, async () => {
    await authorize(caller, "iam:GenerateCredentialReport", "*");
    const prisma = await db();
    const startedAt = caller.now;
    // One statement: a concurrent call waits for this row's insert or update, then finds a fresh
    // report or a running generation and leaves it alone.
    const started = await prisma.$queryRaw<{ accountId: string }[]>(Prisma.sql`
      INSERT INTO "CredentialReport" ("accountId", "state", "startedAt") VALUES (${caller.accountId}, 'STARTED', ${startedAt})
      ON CONFLICT ("accountId") DO UPDATE SET "state" = 'STARTED', "startedAt" = EXCLUDED."startedAt", "generatedAt" = NULL, "content" = NULL
      WHERE ("CredentialReport"."state" = 'COMPLETE' AND "CredentialReport"."generatedAt" < ${new Date(startedAt.getTime() - REPORT_LIFETIME_MS)})
         OR ("CredentialReport"."state" <> 'COMPLETE' AND "CredentialReport"."startedAt" < ${new Date(startedAt.getTime() - DEAD_GENERATION_MS)})
      RETURNING "accountId"`);
    if (started.length > 0) {
      const accountId = caller.accountId;
      runInBackground(`credential report of ${accountId}`, () => runGeneration(accountId, startedAt));
      return { State: "STARTED", Description: STARTED_DESCRIPTION };
    }
    const row = await prisma.credentialReport.findUniqueOrThrow({ where: { accountId: caller.accountId }, select: { state: true } });
    return { State: row.state === "COMPLETE" ? "COMPLETE" : "INPROGRESS" };
  });
}

/**
 * The background work of one generation, identified by its start time: a generation that was
 * taken for dead and started again finds its row no longer its own and writes nothing.
 */
async function runGeneration(accountId: string, startedAt: Date): Promise<void> {
  const prisma = await db();
  const mine = { accountId, startedAt };
  const claimed = await prisma.credentialReport.updateMany({ where: { ...mine, state: "STARTED" }, data: { state: "INPROGRESS" } });
  if (claimed.count === 0) return;
  const csv = await credentialReportCsv(prisma, accountId, startedAt);
  // Sent as text and stored as its UTF-8 bytes: a bytea parameter of a few megabytes costs
  // seconds through the embedded database's driver, text a fraction of that.
  await prisma.$executeRaw(Prisma.sql`
    UPDATE "CredentialReport" SET "state" = 'COMPLETE', "generatedAt" = ${startedAt}, "content" = convert_to(${csv}, 'UTF8')
    WHERE "accountId" = ${accountId} AND "startedAt" = ${startedAt} AND "state" = 'INPROGRESS'`);
}

// ---- GetCredentialReport -------------------------------------------------------------------

export interface GetCredentialReportOutput {
  /** The CSV, base64-encoded. */
  Content: string;
  ReportFormat: "text/csv";
  GeneratedTime: Date;
}

export function getCredentialReport(caller: Caller): Promise<GetCredentialReportOutput> {
  return operation(caller, { eventName: "GetCredentialReport", readOnly: true }, async () => {
    await authorize(caller, "iam:GetCredentialReport", "*");
    // Read as text: the driver decodes a text column of megabytes far faster than a bytea one.
    const [row] = await (await db()).$queryRaw<{ state: string; generatedAt: Date | null; csv: string | null }[]>(Prisma.sql`
      SELECT "state", "generatedAt", convert_from("content", 'UTF8') AS csv FROM "CredentialReport" WHERE "accountId" = ${caller.accountId}`);
    if (!row) throw reportNotPresent();
    if (row.state !== "COMPLETE" || !row.generatedAt || row.csv === null) throw reportInProgress();
    const generatedAt = new Date(row.generatedAt);
    if (caller.now.getTime() - generatedAt.getTime() > REPORT_LIFETIME_MS) throw reportExpired();
    return { Content: Buffer.from(row.csv, "utf8").toString("base64"), ReportFormat: "text/csv", GeneratedTime: generatedAt };
  });
}

// ---- The report's content ------------------------------------------------------------------

/** AWS's dates in the report: ISO 8601 to the second, with an explicit UTC offset. */
export function reportDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

const bool = (value: boolean) => (value ? "true" : "false");

// The rows the report reads. Times are milliseconds since the epoch: the database sends them so,
// whatever its session's time zone.
type KeyRow = [userId: string | null, status: string, createdAt: number, lastUsedDate: number | null, lastUsedServiceName: string | null, lastUsedRegion: string | null];
type CertificateRow = [userId: string | null, status: string, uploadDate: number];
type UserRow = [id: string, name: string, nameKey: string, arn: string, createdAt: number, passwordLastUsed: number | null, passwordChangedAt: number | null];

function keyFields(key: KeyRow | undefined): string[] {
  if (!key) return ["false", "N/A", "N/A", "N/A", "N/A"];
  const [, status, createdAt, used, service, region] = key;
  return [
    bool(status === "Active"),
    reportDate(new Date(createdAt)),
    used === null ? "N/A" : reportDate(new Date(used)),
    // A global service (IAM, STS's global endpoint) has no Region of its own.
    used === null ? "N/A" : (region ?? "N/A"),
    used === null ? "N/A" : (service ?? "N/A"),
  ];
}

function certificateFields(certificate: CertificateRow | undefined): string[] {
  return certificate ? [bool(certificate[1] === "Active"), reportDate(new Date(certificate[2]))] : ["false", "N/A"];
}

function passwordLastUsed(used: number | null): string {
  return used !== null && used >= PASSWORD_TRACKING_START.getTime() ? reportDate(new Date(used)) : "no_information";
}

/** Rows grouped by owner (their first member; null: the root user), each group in the order read. */
function byOwner<T extends [string | null, ...unknown[]]>(rows: T[]): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const row of rows) {
    const group = groups.get(row[0]);
    if (group) group.push(row);
    else groups.set(row[0], [row]);
  }
  return groups;
}

const ms = (column: string) => Prisma.raw(`floor(extract(epoch FROM ${column}) * 1000)`);

/**
 * Everything the report reads, in one query. Each table comes back as one JSON text, which
 * costs far less to transfer and read than a row per user.
 */
async function readReportData(prisma: Db, accountId: string) {
  const [row] = await prisma.$queryRaw<{ account: string; maxPasswordAge: number | null; users: string | null; keys: string | null; mfa: string | null; certificates: string | null }[]>(Prisma.sql`
    SELECT
      (SELECT json_build_array(${ms('a."createdAt"')}, ${ms('a."rootPasswordLastUsed"')}) FROM "Account" a WHERE a.id = ${accountId})::text AS account,
      (SELECT p."maxPasswordAge" FROM "PasswordPolicy" p WHERE p."accountId" = ${accountId}) AS "maxPasswordAge",
      (SELECT json_agg(json_build_array(u.id, u.name, u."nameKey", u.arn, ${ms('u."createdAt"')}, ${ms('u."passwordLastUsed"')}, ${ms('lp."passwordChangedAt"')}))
         FROM "User" u LEFT JOIN "LoginProfile" lp ON lp."userId" = u.id WHERE u."accountId" = ${accountId})::text AS users,
      (SELECT json_agg(json_build_array(k."userId", k.status, ${ms('k."createdAt"')}, ${ms('k."lastUsedDate"')}, k."lastUsedServiceName", k."lastUsedRegion") ORDER BY k."createdAt", k.id)
         FROM "AccessKey" k WHERE k."accountId" = ${accountId})::text AS keys,
      (SELECT json_agg(DISTINCT d."userId") FROM "MfaDevice" d
         WHERE d."accountId" = ${accountId} AND d."enableDate" IS NOT NULL AND (d."userId" IS NOT NULL OR d."assignedToRoot"))::text AS mfa,
      (SELECT json_agg(json_build_array(c."userId", c.status, ${ms('c."uploadDate"')}) ORDER BY c."uploadDate", c.id)
         FROM "SigningCertificate" c WHERE c."accountId" = ${accountId})::text AS certificates`);
  const list = <T>(text: string | null): T[] => (text ? (JSON.parse(text) as T[]) : []);
  if (!row.account) throw new Error(`Account ${accountId} does not exist.`);
  const [createdAt, rootPasswordLastUsed] = JSON.parse(row.account) as [number, number | null];
  return {
    account: { createdAt, rootPasswordLastUsed },
    maxPasswordAge: row.maxPasswordAge,
    users: list<UserRow>(row.users),
    keys: list<KeyRow>(row.keys),
    /** The users with an enabled MFA device; null for the root user. */
    mfa: new Set(list<string | null>(row.mfa)),
    certificates: list<CertificateRow>(row.certificates),
  };
}

/**
 * The report's CSV as GetCredentialReport returns it: the header, the root user's row, then one
 * row per IAM user by name. One query whatever the number of users.
 */
export async function credentialReportCsv(prisma: Db, accountId: string, now: Date): Promise<string> {
  const { account, maxPasswordAge, users, keys, mfa, certificates } = await readReportData(prisma, accountId);
  const keysOf = byOwner(keys);
  const certificatesOf = byOwner(certificates);
  const credentials = (owner: string | null) => {
    const k = keysOf.get(owner) ?? [];
    const c = certificatesOf.get(owner) ?? [];
    return [bool(mfa.has(owner)), ...keyFields(k[0]), ...keyFields(k[1]), ...certificateFields(c[0]), ...certificateFields(c[1])];
  };

  const lines = [CREDENTIAL_REPORT_COLUMNS.join(",")];
  lines.push(
    [
      ROOT_ACCOUNT_USER,
      rootArn(accountId),
      reportDate(new Date(account.createdAt)),
      "not_supported",
      passwordLastUsed(account.rootPasswordLastUsed),
      "not_supported",
      "not_supported",
      ...credentials(null),
    ].join(","),
  );
  // Names are unique regardless of case, and hold only ASCII: ordering by the lower-case key is
  // the same in every database and locale.
  users.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  for (const [id, name, , arn, createdAt, used, changed] of users) {
    const password =
      changed === null
        ? ["false", "N/A", "N/A", "N/A"]
        : ["true", passwordLastUsed(used), reportDate(new Date(changed)), nextRotation(maxPasswordAge, new Date(changed), now)];
    lines.push([csvQuote(name), csvQuote(arn), reportDate(new Date(createdAt)), ...password, ...credentials(id)].join(","));
  }
  return lines.join("\n");
}

function nextRotation(maxPasswordAge: number | null | undefined, changedAt: Date, now: Date): string {
  const { expiresAt } = passwordExpiry(maxPasswordAge, changedAt, now);
  return expiresAt ? reportDate(expiresAt) : "N/A";
}

// ---- Reading a report back -----------------------------------------------------------------

export interface CredentialSlot {
  /** The user has a key (or certificate) in this slot. */
  present: boolean;
  active: boolean;
  lastRotated?: Date;
  /** Access keys only: absent while never used. */
  lastUsedDate?: Date;
  /** Absent for a global service. */
  lastUsedRegion?: string;
  lastUsedService?: string;
}

export type CredentialFindingType = "console-without-mfa" | "root-access-key" | "access-key-old" | "access-key-unused" | "password-unused";

export interface CredentialFinding {
  type: CredentialFindingType;
  /** Which access key (1 or 2), for access key findings. */
  slot?: 1 | 2;
  /** Whole days: the key's age, or how long the credential has gone unused. Absent for "never used". */
  days?: number;
}

export interface CredentialReportEntry {
  /** The user name, or "<root_account>". */
  user: string;
  arn: string;
  root: boolean;
  userCreationTime: Date;
  passwordEnabled: boolean | "not_supported";
  passwordLastUsed: Date | "N/A" | "no_information";
  passwordLastChanged: Date | "N/A" | "not_supported";
  passwordNextRotation: Date | "N/A" | "not_supported";
  mfaActive: boolean;
  accessKeys: [CredentialSlot, CredentialSlot];
  certificates: [CredentialSlot, CredentialSlot];
  findings: CredentialFinding[];
}

/** How old a credential may be, or how long it may go unused, before the console flags it. */
export const FINDING_THRESHOLD_DAYS = 90;

const dateOr = <T extends string>(value: string, words: readonly T[]): Date | T =>
  (words as readonly string[]).includes(value) ? (value as T) : new Date(value);
const optionalDate = (value: string) => (value === "N/A" ? undefined : new Date(value));
const optionalText = (value: string) => (value === "N/A" ? undefined : value);

/**
 * The console's findings for one row, measured from the report's generation time:
 * - console access (a password, or the root user) without an MFA device;
 * - an access key of the root user, active;
 * - an active access key created more than 90 days before;
 * - an active access key never used, or not used for 90 days;
 * - a password not used for 90 days (never used: set more than 90 days before).
 */
export function credentialFindings(entry: Omit<CredentialReportEntry, "findings">, generatedAt: Date): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  const daysSince = (date: Date) => Math.floor((generatedAt.getTime() - date.getTime()) / DAY_MS);
  const consoleAccess = entry.root || entry.passwordEnabled === true;
  if (consoleAccess && !entry.mfaActive) findings.push({ type: "console-without-mfa" });
  entry.accessKeys.forEach((key, i) => {
    if (!key.present || !key.active || !key.lastRotated) return;
    const slot = (i + 1) as 1 | 2;
    if (entry.root) findings.push({ type: "root-access-key", slot });
    const age = daysSince(key.lastRotated);
    if (age > FINDING_THRESHOLD_DAYS) findings.push({ type: "access-key-old", slot, days: age });
    if (!key.lastUsedDate) findings.push({ type: "access-key-unused", slot });
    else if (daysSince(key.lastUsedDate) > FINDING_THRESHOLD_DAYS) findings.push({ type: "access-key-unused", slot, days: daysSince(key.lastUsedDate) });
  });
  if (entry.passwordEnabled === true) {
    const used = entry.passwordLastUsed instanceof Date ? entry.passwordLastUsed : undefined;
    const since = used ?? (entry.passwordLastChanged instanceof Date ? entry.passwordLastChanged : undefined);
    if (since && daysSince(since) > FINDING_THRESHOLD_DAYS) findings.push({ type: "password-unused", ...(used ? { days: daysSince(used) } : {}) });
  }
  return findings;
}

/** A report's CSV as typed rows with their findings. */
export function parseCredentialReport(csv: string, generatedAt: Date): CredentialReportEntry[] {
  const [header = [], ...records] = parseCsv(csv);
  // Each column's position, found once: a report of 10,000 users is read on every page of its table.
  const position = Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<CredentialReportColumn, number>;
  const keyColumns = ([1, 2] as const).map((n) => ({
    active: position[`access_key_${n}_active`],
    lastRotated: position[`access_key_${n}_last_rotated`],
    lastUsedDate: position[`access_key_${n}_last_used_date`],
    lastUsedRegion: position[`access_key_${n}_last_used_region`],
    lastUsedService: position[`access_key_${n}_last_used_service`],
  }));
  const certificateColumns = ([1, 2] as const).map((n) => ({ active: position[`cert_${n}_active`], lastRotated: position[`cert_${n}_last_rotated`] }));

  return records.map((fields) => {
    const at = (i: number) => fields[i] ?? "N/A";
    const v = (column: CredentialReportColumn) => at(position[column]);
    const key = (n: 0 | 1): CredentialSlot => {
      const c = keyColumns[n];
      const lastRotated = optionalDate(at(c.lastRotated));
      const lastUsedDate = optionalDate(at(c.lastUsedDate));
      const lastUsedRegion = optionalText(at(c.lastUsedRegion));
      const lastUsedService = optionalText(at(c.lastUsedService));
      return {
        present: lastRotated !== undefined,
        active: at(c.active) === "true",
        ...(lastRotated ? { lastRotated } : {}),
        ...(lastUsedDate ? { lastUsedDate } : {}),
        ...(lastUsedRegion ? { lastUsedRegion } : {}),
        ...(lastUsedService ? { lastUsedService } : {}),
      };
    };
    const certificate = (n: 0 | 1): CredentialSlot => {
      const c = certificateColumns[n];
      const lastRotated = optionalDate(at(c.lastRotated));
      return { present: lastRotated !== undefined, active: at(c.active) === "true", ...(lastRotated ? { lastRotated } : {}) };
    };
    const enabled = v("password_enabled");
    const entry: Omit<CredentialReportEntry, "findings"> = {
      user: v("user"),
      arn: v("arn"),
      root: v("user") === ROOT_ACCOUNT_USER,
      userCreationTime: new Date(v("user_creation_time")),
      passwordEnabled: enabled === "not_supported" ? "not_supported" : enabled === "true",
      passwordLastUsed: dateOr(v("password_last_used"), ["N/A", "no_information"] as const),
      passwordLastChanged: dateOr(v("password_last_changed"), ["N/A", "not_supported"] as const),
      passwordNextRotation: dateOr(v("password_next_rotation"), ["N/A", "not_supported"] as const),
      mfaActive: v("mfa_active") === "true",
      accessKeys: [key(0), key(1)],
      certificates: [certificate(0), certificate(1)],
    };
    return { ...entry, findings: credentialFindings(entry, generatedAt) };
  });
}

// ---- The console's Credential report page --------------------------------------------------

export type ConsoleCredentialReport =
  /** No report, or only one older than four hours: "Download" generates a new one. */
  | { State: "NONE" | "EXPIRED" }
  | { State: "INPROGRESS" }
  | { State: "COMPLETE"; GeneratedTime: Date; entries: CredentialReportEntry[] };

/**
 * The page's read: GetCredentialReport, its CSV as rows with findings, and its absence, age or
 * generation as states of the page rather than errors. AccessDenied is thrown.
 */
export async function readCredentialReportForConsole(caller: Caller): Promise<ConsoleCredentialReport> {
  try {
    const report = await getCredentialReport(caller);
    const csv = Buffer.from(report.Content, "base64").toString("utf8");
    return { State: "COMPLETE", GeneratedTime: report.GeneratedTime, entries: parseCredentialReport(csv, report.GeneratedTime) };
  } catch (err) {
    if (isIamError(err)) {
      if (err.code === "ReportNotPresent") return { State: "NONE" };
      if (err.code === "ReportExpired") return { State: "EXPIRED" };
      if (err.code === "ReportInProgress") return { State: "INPROGRESS" };
    }
    throw err;
  }
}
