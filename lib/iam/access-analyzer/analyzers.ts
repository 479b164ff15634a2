import "server-only";
import { db, Prisma } from "@/lib/db";
import { operation, type OperationSpec } from "../activity";
import { PARTITION } from "../arns";
import { authorize } from "../authorize";
import type { Caller } from "../caller";
import { isUniqueViolation, write } from "../db-facts";
import { IamError } from "../errors";
import { ANALYZER_NAME_MAX, ANALYZER_NAME_PATTERN, UNUSED_ACCESS_AGE } from "./analyzer-rules";
import { scanUnusedAccess, type AnalyzerRow } from "./unused-access";

// IAM Access Analyzer's analyzers, of the one type this console analyzes: ACCOUNT_UNUSED_ACCESS,
// the account's unused roles, access keys, console passwords and permissions over a tracking
// period (unusedAccessAge). An account has at most one analyzer per type (AWS's quota of one
// account-level analyzer per type per Region). Access Analyzer is a regional REST-JSON service:
// members are camelCase, errors are its own codes, and events come from
// access-analyzer.amazonaws.com in the analyzer's Region.

export const ANALYZER_REGION = "us-east-1";
export const UNUSED_ACCESS_ANALYZER = "ACCOUNT_UNUSED_ACCESS";
/** CreateAnalyzer's type enum; only the account's unused access analyzer exists here. */
export const ANALYZER_TYPES = [
  "ACCOUNT",
  "ORGANIZATION",
  "ACCOUNT_UNUSED_ACCESS",
  "ORGANIZATION_UNUSED_ACCESS",
  "ACCOUNT_INTERNAL_ACCESS",
  "ORGANIZATION_INTERNAL_ACCESS",
] as const;
export type AnalyzerType = (typeof ANALYZER_TYPES)[number];

export const analyzerArn = (accountId: string, name: string) => `arn:${PARTITION}:access-analyzer:${ANALYZER_REGION}:${accountId}:analyzer/${name}`;
const ANALYZER_ARN_PATTERN = /^[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:analyzer\/.{1,255}$/;

export interface UnusedAccessConfiguration {
  unusedAccessAge: number;
}

export interface AnalyzerConfiguration {
  unusedAccess: UnusedAccessConfiguration;
}

export interface AnalyzerSummary {
  arn: string;
  name: string;
  type: AnalyzerType;
  createdAt: Date;
  /** When the analyzer last scanned the account; absent before its first scan. */
  lastResourceAnalyzedAt?: Date;
  status: "ACTIVE";
  configuration: AnalyzerConfiguration;
  tags: Record<string, string>;
}

export function toAnalyzerSummary(row: AnalyzerRow & { name: string; type: string; createdAt: Date }): AnalyzerSummary {
  return {
    arn: row.arn,
    name: row.name,
    type: row.type as AnalyzerType,
    createdAt: row.createdAt,
    ...(row.lastScannedAt ? { lastResourceAnalyzedAt: row.lastScannedAt } : {}),
    status: "ACTIVE",
    configuration: { unusedAccess: { unusedAccessAge: row.unusedAccessAge } },
    tags: {},
  };
}

// ---- Errors in Access Analyzer's words --------------------------------------------------------

/** A request member that breaks its constraint: the REST-JSON services' message shape. */
export function validationException(value: unknown, member: string, constraint: string): IamError {
  return new IamError("ValidationException", `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

export const analyzerNotFound = (nameOrArn: string) => new IamError("ResourceNotFoundException", `Analyzer ${nameOrArn} not found.`);

function checkAnalyzerName(name: unknown, member = "analyzerName"): string {
  if (typeof name !== "string" || name.length === 0) throw validationException(name ?? null, member, "Member must have length greater than or equal to 1");
  if (name.length > ANALYZER_NAME_MAX) throw validationException(name, member, `Member must have length less than or equal to ${ANALYZER_NAME_MAX}`);
  if (!ANALYZER_NAME_PATTERN.test(name)) throw validationException(name, member, "Member must satisfy regular expression pattern: [A-Za-z][A-Za-z0-9_.-]*");
  return name;
}

/** The analyzer ARN member of ListFindingsV2, GetFindingV2, UpdateFindings…, checked for shape. */
export function checkAnalyzerArn(arn: unknown): string {
  if (typeof arn !== "string" || !ANALYZER_ARN_PATTERN.test(arn)) {
    throw validationException(arn ?? null, "analyzerArn", "Member must satisfy regular expression pattern: [^:]*:[^:]*:[^:]*:[^:]*:[^:]*:analyzer/.{1,255}");
  }
  return arn;
}

/** The tracking period: absent takes AWS's default of 90 days. */
export function checkUnusedAccessAge(configuration: unknown): number {
  if (configuration === undefined || configuration === null) return UNUSED_ACCESS_AGE.default;
  const unused = (configuration as { unusedAccess?: { unusedAccessAge?: unknown } }).unusedAccess;
  if (typeof configuration !== "object" || !unused || typeof unused !== "object") {
    throw new IamError("ValidationException", "An unused access analyzer takes its configuration as unusedAccess: { unusedAccessAge }.");
  }
  const age = unused.unusedAccessAge;
  if (age === undefined) return UNUSED_ACCESS_AGE.default;
  if (typeof age !== "number" || !Number.isInteger(age) || age < UNUSED_ACCESS_AGE.min || age > UNUSED_ACCESS_AGE.max) {
    throw new IamError(
      "ValidationException",
      `Invalid unusedAccessAge ${String(age)}: the tracking period is a whole number of days from ${UNUSED_ACCESS_AGE.min} to ${UNUSED_ACCESS_AGE.max}.`,
    );
  }
  return age;
}

function checkType(type: unknown): AnalyzerType {
  if (typeof type !== "string" || !(ANALYZER_TYPES as readonly string[]).includes(type)) {
    throw validationException(type ?? null, "type", `Member must satisfy enum value set: [${ANALYZER_TYPES.join(", ")}]`);
  }
  if (type !== UNUSED_ACCESS_ANALYZER) {
    throw new IamError(
      "ValidationException",
      `Analyzer type ${type} is not available in this account: it analyzes unused access only (type ${UNUSED_ACCESS_ANALYZER}).`,
    );
  }
  return type;
}

const spec = (eventName: string, readOnly: boolean, params: Record<string, unknown>): OperationSpec => ({
  eventName,
  eventSource: "access-analyzer.amazonaws.com",
  region: ANALYZER_REGION,
  readOnly,
  params,
});

/** For findings.ts: the access-analyzer event of an operation. */
export const analyzerOperation = spec;

const ANALYZER_SELECT = { arn: true, accountId: true, name: true, type: true, unusedAccessAge: true, createdAt: true, lastScannedAt: true } as const;

/** The caller's account's analyzer with this ARN (after authorization), or ResourceNotFoundException. */
export async function analyzerByArn(caller: Caller, arn: string) {
  const row = await (await db()).analyzer.findFirst({ where: { arn, accountId: caller.accountId }, select: ANALYZER_SELECT });
  if (!row) throw analyzerNotFound(arn);
  return row;
}

async function analyzerByName(caller: Caller, name: string) {
  const row = await (await db()).analyzer.findFirst({ where: { accountId: caller.accountId, name }, select: ANALYZER_SELECT });
  if (!row) throw analyzerNotFound(name);
  return row;
}

// ---- CreateAnalyzer -------------------------------------------------------------------------

export interface CreateAnalyzerInput {
  analyzerName: string;
  type: string;
  configuration?: { unusedAccess?: { unusedAccessAge?: number } };
}

/**
 * Creates the account's unused access analyzer and runs its first scan, so its findings are
 * there when the call returns. A second analyzer of the type exceeds the quota, whatever its
 * name; a taken name is a conflict.
 */
export function createAnalyzer(caller: Caller, input: CreateAnalyzerInput): Promise<{ arn: string }> {
  return operation(caller, spec("CreateAnalyzer", false, { ...input }), async () => {
    const name = typeof input.analyzerName === "string" ? input.analyzerName : "";
    const arn = analyzerArn(caller.accountId, name);
    await authorize(caller, "access-analyzer:CreateAnalyzer", arn);
    checkAnalyzerName(input.analyzerName);
    const type = checkType(input.type);
    const unusedAccessAge = checkUnusedAccessAge(input.configuration);
    let row: AnalyzerRow;
    try {
      row = await write(async (tx) => {
        // Concurrent creations queue on the account's row, so the quota holds.
        await tx.$queryRaw(Prisma.sql`SELECT id FROM "Account" WHERE id = ${caller.accountId} FOR UPDATE`);
        const existing = await tx.analyzer.findMany({ where: { accountId: caller.accountId }, select: { name: true, type: true } });
        if (existing.some((a) => a.name === name)) throw analyzerExists(name);
        const sameType = existing.find((a) => a.type === type);
        if (sameType) {
          throw new IamError(
            "ServiceQuotaExceededException",
            `The account already has an unused access analyzer, ${sameType.name}. An account can have one account-level analyzer of each type; delete ${sameType.name} to create another.`,
          );
        }
        return tx.analyzer.create({
          data: { arn, accountId: caller.accountId, name, type, unusedAccessAge, createdAt: caller.now },
          select: { arn: true, accountId: true, unusedAccessAge: true, lastScannedAt: true },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw analyzerExists(name);
      throw err;
    }
    await scanUnusedAccess(row, caller.now);
    return { arn };
  });
}

const analyzerExists = (name: string) => new IamError("ConflictException", `An analyzer named ${name} already exists in this account.`);

// ---- GetAnalyzer / ListAnalyzers --------------------------------------------------------------

export function getAnalyzer(caller: Caller, input: { analyzerName: string }): Promise<{ analyzer: AnalyzerSummary }> {
  return operation(caller, spec("GetAnalyzer", true, { ...input }), async () => {
    const name = typeof input.analyzerName === "string" ? input.analyzerName : "";
    await authorize(caller, "access-analyzer:GetAnalyzer", analyzerArn(caller.accountId, name));
    checkAnalyzerName(input.analyzerName);
    return { analyzer: toAnalyzerSummary(await analyzerByName(caller, name)) };
  });
}

export interface ListAnalyzersInput {
  type?: string;
  maxResults?: number;
  nextToken?: string;
}

/** The account's analyzers by name. An account has at most one per type, so one page holds them all. */
export function listAnalyzers(caller: Caller, input: ListAnalyzersInput = {}): Promise<{ analyzers: AnalyzerSummary[]; nextToken?: string }> {
  return operation(caller, spec("ListAnalyzers", true, { ...input }), async () => {
    await authorize(caller, "access-analyzer:ListAnalyzers", "*");
    if (input.type !== undefined && !(ANALYZER_TYPES as readonly string[]).includes(input.type)) {
      throw validationException(input.type, "type", `Member must satisfy enum value set: [${ANALYZER_TYPES.join(", ")}]`);
    }
    if (input.maxResults !== undefined && (!Number.isInteger(input.maxResults) || input.maxResults < 1)) {
      throw validationException(input.maxResults, "maxResults", "Member must have value greater than or equal to 1");
    }
    if (input.nextToken !== undefined) throw new IamError("ValidationException", "Invalid nextToken: this list has no further pages.");
    const rows = await (await db()).analyzer.findMany({
      where: { accountId: caller.accountId, ...(input.type ? { type: input.type } : {}) },
      orderBy: { name: "asc" },
      select: ANALYZER_SELECT,
    });
    return { analyzers: rows.map(toAnalyzerSummary) };
  });
}

// ---- UpdateAnalyzer ---------------------------------------------------------------------------

export interface UpdateAnalyzerInput {
  analyzerName: string;
  configuration?: { unusedAccess?: { unusedAccessAge?: number } };
}

/** Changes the tracking period; the analyzer scans again at once with the new period. */
export function updateAnalyzer(caller: Caller, input: UpdateAnalyzerInput): Promise<{ configuration: AnalyzerConfiguration }> {
  return operation(caller, spec("UpdateAnalyzer", false, { ...input }), async () => {
    const name = typeof input.analyzerName === "string" ? input.analyzerName : "";
    await authorize(caller, "access-analyzer:UpdateAnalyzer", analyzerArn(caller.accountId, name));
    checkAnalyzerName(input.analyzerName);
    const unusedAccessAge = checkUnusedAccessAge(input.configuration);
    const current = await analyzerByName(caller, name);
    const { count } = await (await db()).analyzer.updateMany({ where: { arn: current.arn, accountId: caller.accountId }, data: { unusedAccessAge } });
    if (count === 0) throw analyzerNotFound(name);
    await scanUnusedAccess({ ...current, unusedAccessAge }, caller.now, { force: true });
    return { configuration: { unusedAccess: { unusedAccessAge } } };
  });
}

// ---- DeleteAnalyzer ---------------------------------------------------------------------------

/** Deletes the analyzer with its findings. */
export function deleteAnalyzer(caller: Caller, input: { analyzerName: string }): Promise<void> {
  return operation(caller, spec("DeleteAnalyzer", false, { ...input }), async () => {
    const name = typeof input.analyzerName === "string" ? input.analyzerName : "";
    await authorize(caller, "access-analyzer:DeleteAnalyzer", analyzerArn(caller.accountId, name));
    checkAnalyzerName(input.analyzerName);
    const { count } = await (await db()).analyzer.deleteMany({ where: { accountId: caller.accountId, name } });
    if (count === 0) throw analyzerNotFound(name);
  });
}
