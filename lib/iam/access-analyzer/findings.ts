import "server-only";
import { db, Prisma } from "@/lib/db";
import { operation } from "../activity";
import { authorize } from "../authorize";
import type { Caller } from "../caller";
import { write } from "../db-facts";
import { IamError } from "../errors";
import { analyzerByArn, analyzerOperation, checkAnalyzerArn, listAnalyzers, UNUSED_ACCESS_ANALYZER, validationException } from "./analyzers";
import {
  FINDING_STATUSES,
  FINDING_TYPES,
  readDetails,
  scanIfStale,
  scanUnusedAccess,
  type FindingDetails,
  type FindingResourceType,
  type FindingStatus,
  type FindingType,
} from "./unused-access";

// The unused access analyzer's findings, as ListFindingsV2, GetFindingV2, UpdateFindings and
// GetFindingsStatistics return them. Reads first bring a scan that is over an hour old up to
// date (see unused-access.ts), so what they list is the account as it is. Archive and unarchive
// are the only status changes a caller makes; RESOLVED is the analyzer's to set.

export interface FindingSummaryV2 {
  id: string;
  resource: string;
  resourceType: FindingResourceType;
  resourceOwnerAccount: string;
  status: FindingStatus;
  findingType: FindingType;
  createdAt: Date;
  updatedAt: Date;
  analyzedAt: Date;
}

export interface GetFindingV2Output extends FindingSummaryV2 {
  findingDetails: FindingDetails[];
  nextToken?: string;
}

type FindingRow = {
  id: string;
  resource: string;
  resourceType: string;
  status: string;
  findingType: string;
  createdAt: Date;
  updatedAt: Date;
  analyzedAt: Date;
};

const SUMMARY_SELECT = { id: true, resource: true, resourceType: true, status: true, findingType: true, createdAt: true, updatedAt: true, analyzedAt: true } as const;

function toSummary(row: FindingRow, accountId: string): FindingSummaryV2 {
  return {
    id: row.id,
    resource: row.resource,
    resourceType: row.resourceType as FindingResourceType,
    resourceOwnerAccount: accountId,
    status: row.status as FindingStatus,
    findingType: row.findingType as FindingType,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    analyzedAt: row.analyzedAt,
  };
}

/** An analyzer of the caller's account, authorized for `action`, with its scan brought up to date. */
async function readAnalyzer(caller: Caller, analyzerArn: unknown, action: string, { fresh }: { fresh: boolean }) {
  const arn = typeof analyzerArn === "string" ? analyzerArn : "";
  await authorize(caller, action, arn || "*");
  checkAnalyzerArn(analyzerArn);
  const analyzer = await analyzerByArn(caller, arn);
  if (fresh) await scanIfStale(analyzer, caller.now);
  return analyzer;
}

// ---- Paging tokens -----------------------------------------------------------------------------

const DEFAULT_MAX_RESULTS = 100;
const MAX_RESULTS_MAX = 1000;

function checkMaxResults(maxResults: unknown): number {
  if (maxResults === undefined) return DEFAULT_MAX_RESULTS;
  if (typeof maxResults !== "number" || !Number.isInteger(maxResults) || maxResults < 1) {
    throw validationException(maxResults, "maxResults", "Member must have value greater than or equal to 1");
  }
  return Math.min(maxResults, MAX_RESULTS_MAX);
}

const encodeToken = (offset: number) => Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");

function decodeToken(token: unknown): number {
  if (token === undefined) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(String(token), "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error
  }
  throw new IamError("ValidationException", "Invalid nextToken: pass the nextToken of the previous response unchanged.");
}

// ---- ListFindingsV2 ------------------------------------------------------------------------------

/** A filter criterion: the finding's attribute equals one of, differs from all of, contains one of, or exists. */
export interface Criterion {
  eq?: string[];
  neq?: string[];
  contains?: string[];
  exists?: boolean;
}

export const FILTER_KEYS = ["id", "status", "findingType", "resource", "resourceType", "resourceOwnerAccount"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export const SORT_ATTRIBUTES = ["id", "status", "findingType", "resource", "resourceType", "createdAt", "updatedAt", "analyzedAt"] as const;
export type SortAttribute = (typeof SORT_ATTRIBUTES)[number];
const CRITERION_VALUES_MAX = 20;

export interface ListFindingsV2Input {
  analyzerArn: string;
  filter?: Partial<Record<string, Criterion>>;
  maxResults?: number;
  nextToken?: string;
  sort?: { attributeName?: string; orderBy?: "ASC" | "DESC" };
}

function checkValues(values: unknown, member: string): string[] {
  if (!Array.isArray(values) || values.length < 1 || values.length > CRITERION_VALUES_MAX || values.some((v) => typeof v !== "string")) {
    throw validationException(JSON.stringify(values), member, `Member must be a list of 1 to ${CRITERION_VALUES_MAX} strings`);
  }
  return values as string[];
}

/** The filter as a query: each key's operators all apply, and every key applies. */
function filterWhere(filter: ListFindingsV2Input["filter"], accountId: string): Prisma.AnalyzerFindingWhereInput[] {
  const where: Prisma.AnalyzerFindingWhereInput[] = [];
  for (const [key, criterion] of Object.entries(filter ?? {})) {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      throw new IamError("ValidationException", `Invalid filter key ${key}: findings of unused access filter on ${FILTER_KEYS.join(", ")}.`);
    }
    if (!criterion || typeof criterion !== "object") throw validationException(String(criterion), `filter.${key}`, "Member must be a criterion");
    const member = `filter.${key}`;
    if (key === "resourceOwnerAccount") {
      // Every finding's resource belongs to the analyzer's account.
      const matches =
        (criterion.eq === undefined || checkValues(criterion.eq, `${member}.eq`).includes(accountId)) &&
        (criterion.neq === undefined || !checkValues(criterion.neq, `${member}.neq`).includes(accountId)) &&
        (criterion.contains === undefined || checkValues(criterion.contains, `${member}.contains`).some((v) => accountId.includes(v))) &&
        criterion.exists !== false;
      if (!matches) where.push({ id: { in: [] } });
      continue;
    }
    const column = key as Exclude<FilterKey, "resourceOwnerAccount">;
    if (criterion.eq !== undefined) where.push({ [column]: { in: checkValues(criterion.eq, `${member}.eq`) } });
    if (criterion.neq !== undefined) where.push({ [column]: { notIn: checkValues(criterion.neq, `${member}.neq`) } });
    if (criterion.contains !== undefined) {
      const values = checkValues(criterion.contains, `${member}.contains`);
      if (column === "id") where.push({ OR: values.map((v) => ({ id: { in: uuidsContaining(v) } })) });
      else where.push({ OR: values.map((v) => ({ [column]: { contains: v } })) });
    }
    // Every attribute filtered on is always present.
    if (criterion.exists === false) where.push({ id: { in: [] } });
  }
  return where;
}

// A UUID column compares whole values only; "contains" on an ID is for whole IDs here.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidsContaining = (v: string) => (UUID_PATTERN.test(v) ? [v.toLowerCase()] : []);

function sortOrder(sort: ListFindingsV2Input["sort"]): Prisma.AnalyzerFindingOrderByWithRelationInput[] {
  const attribute = sort?.attributeName ?? "updatedAt";
  if (!(SORT_ATTRIBUTES as readonly string[]).includes(attribute)) {
    throw new IamError("ValidationException", `Invalid sort attributeName ${attribute}: sort on one of ${SORT_ATTRIBUTES.join(", ")}.`);
  }
  const orderBy = sort?.orderBy ?? (sort?.attributeName === undefined ? "DESC" : "ASC");
  if (orderBy !== "ASC" && orderBy !== "DESC") throw validationException(orderBy, "sort.orderBy", "Member must satisfy enum value set: [ASC, DESC]");
  const direction = orderBy === "ASC" ? "asc" : "desc";
  return [{ [attribute]: direction }, ...(attribute === "id" ? [] : [{ id: "asc" as const }])];
}

/** The analyzer's findings that match the filter, one page at a time (all statuses unless filtered). */
export function listFindingsV2(caller: Caller, input: ListFindingsV2Input): Promise<{ findings: FindingSummaryV2[]; nextToken?: string }> {
  return operation(caller, analyzerOperation("ListFindingsV2", true, { ...input }), async () => {
    const analyzer = await readAnalyzer(caller, input.analyzerArn, "access-analyzer:ListFindings", { fresh: true });
    const where = { AND: [{ analyzerArn: analyzer.arn }, ...filterWhere(input.filter, caller.accountId)] };
    const limit = checkMaxResults(input.maxResults);
    const offset = decodeToken(input.nextToken);
    const rows = await (await db()).analyzerFinding.findMany({ where, orderBy: sortOrder(input.sort), skip: offset, take: limit + 1, select: SUMMARY_SELECT });
    const findings = rows.slice(0, limit).map((row) => toSummary(row, caller.accountId));
    return { findings, ...(rows.length > limit ? { nextToken: encodeToken(offset + limit) } : {}) };
  });
}

// ---- GetFindingV2 --------------------------------------------------------------------------------

export const findingNotFound = (id: string) => new IamError("ResourceNotFoundException", `Finding ${id} not found.`);

async function findingRow(analyzerArn: string, id: unknown) {
  if (typeof id !== "string" || !UUID_PATTERN.test(id)) throw findingNotFound(String(id));
  const row = await (await db()).analyzerFinding.findFirst({ where: { id: id.toLowerCase(), analyzerArn }, select: { ...SUMMARY_SELECT, details: true } });
  if (!row) throw findingNotFound(id);
  return row;
}

/** One finding with its details, paged when they are many (a finding lists each unused service). */
export function getFindingV2(caller: Caller, input: { analyzerArn: string; id: string; maxResults?: number; nextToken?: string }): Promise<GetFindingV2Output> {
  return operation(caller, analyzerOperation("GetFindingV2", true, { ...input }), async () => {
    const analyzer = await readAnalyzer(caller, input.analyzerArn, "access-analyzer:GetFinding", { fresh: false });
    const row = await findingRow(analyzer.arn, input.id);
    const limit = checkMaxResults(input.maxResults);
    const offset = decodeToken(input.nextToken);
    const details = readDetails(row.details);
    return {
      ...toSummary(row, caller.accountId),
      findingDetails: details.slice(offset, offset + limit),
      ...(details.length > offset + limit ? { nextToken: encodeToken(offset + limit) } : {}),
    };
  });
}

// ---- UpdateFindings ------------------------------------------------------------------------------

export interface UpdateFindingsInput {
  analyzerArn: string;
  status: string;
  /** The findings to change; or */
  ids?: string[];
  /** every finding of this resource. */
  resourceArn?: string;
}

/**
 * Archives (ARCHIVED) or unarchives (ACTIVE) findings. An archived finding stays archived
 * through rescans while the access is still unused; a resolved one can be neither.
 */
export function updateFindings(caller: Caller, input: UpdateFindingsInput): Promise<void> {
  return operation(caller, analyzerOperation("UpdateFindings", false, { ...input }), async () => {
    const analyzer = await readAnalyzer(caller, input.analyzerArn, "access-analyzer:UpdateFindings", { fresh: false });
    if (input.status !== "ACTIVE" && input.status !== "ARCHIVED") {
      throw validationException(input.status ?? null, "status", "Member must satisfy enum value set: [ACTIVE, ARCHIVED]");
    }
    const status = input.status;
    const byIds = input.ids !== undefined;
    if (byIds === (input.resourceArn !== undefined)) {
      throw new IamError("ValidationException", "Name the findings to update with either ids or resourceArn.");
    }
    if (byIds && (!Array.isArray(input.ids) || input.ids.length === 0 || input.ids.some((id) => typeof id !== "string"))) {
      throw validationException(JSON.stringify(input.ids), "ids", "Member must be a list of at least 1 finding ID");
    }
    await write(async (tx) => {
      // Scans hold the analyzer's row while they reconcile: a status change waits for them.
      await tx.$queryRaw(Prisma.sql`SELECT arn FROM "Analyzer" WHERE arn = ${analyzer.arn} FOR UPDATE`);
      let ids: string[];
      if (byIds) {
        const wanted = [...new Set(input.ids!)];
        for (const id of wanted) if (!UUID_PATTERN.test(id)) throw findingNotFound(id);
        const rows = await tx.analyzerFinding.findMany({ where: { analyzerArn: analyzer.arn, id: { in: wanted.map((id) => id.toLowerCase()) } }, select: { id: true, status: true } });
        const missing = wanted.find((id) => !rows.some((r) => r.id === id.toLowerCase()));
        if (missing) throw findingNotFound(missing);
        const resolved = rows.find((r) => r.status === "RESOLVED");
        if (resolved) {
          throw new IamError("ValidationException", `Finding ${resolved.id} is resolved: only active and archived findings can be archived or unarchived.`);
        }
        ids = rows.map((r) => r.id);
      } else {
        const rows = await tx.analyzerFinding.findMany({ where: { analyzerArn: analyzer.arn, resource: input.resourceArn, status: { not: "RESOLVED" } }, select: { id: true } });
        ids = rows.map((r) => r.id);
      }
      await tx.analyzerFinding.updateMany({ where: { id: { in: ids }, status: { not: status } }, data: { status, updatedAt: caller.now } });
    });
  });
}

// ---- GetFindingsStatistics -----------------------------------------------------------------------

export interface UnusedAccessFindingsStatistics {
  totalActiveFindings: number;
  totalArchivedFindings: number;
  totalResolvedFindings: number;
  /** Active findings per type, every type listed. */
  unusedAccessTypeStatistics: { unusedAccessType: FindingType; total: number }[];
}

export function getFindingsStatistics(
  caller: Caller,
  input: { analyzerArn: string },
): Promise<{ findingsStatistics: { unusedAccessFindingsStatistics: UnusedAccessFindingsStatistics }[]; lastUpdatedAt?: Date }> {
  return operation(caller, analyzerOperation("GetFindingsStatistics", true, { ...input }), async () => {
    const analyzer = await readAnalyzer(caller, input.analyzerArn, "access-analyzer:GetFindingsStatistics", { fresh: true });
    const groups = await (await db()).analyzerFinding.groupBy({ by: ["status", "findingType"], where: { analyzerArn: analyzer.arn }, _count: { _all: true } });
    const count = (status: FindingStatus, type?: FindingType) =>
      groups.filter((g) => g.status === status && (type === undefined || g.findingType === type)).reduce((n, g) => n + g._count._all, 0);
    const scanned = (await (await db()).analyzer.findUnique({ where: { arn: analyzer.arn }, select: { lastScannedAt: true } }))?.lastScannedAt;
    return {
      findingsStatistics: [
        {
          unusedAccessFindingsStatistics: {
            totalActiveFindings: count("ACTIVE"),
            totalArchivedFindings: count("ARCHIVED"),
            totalResolvedFindings: count("RESOLVED"),
            unusedAccessTypeStatistics: FINDING_TYPES.map((type) => ({ unusedAccessType: type, total: count("ACTIVE", type) })),
          },
        },
      ],
      ...(scanned ? { lastUpdatedAt: scanned } : {}),
    };
  });
}

// ---- Rescan --------------------------------------------------------------------------------------

/**
 * Scans the account now instead of waiting for the hourly scan, e.g. to see a finding resolved
 * right after its key was deleted. Authorized as access-analyzer:StartResourceScan, the action
 * that asks an analyzer to analyze again at once.
 */
export function rescanUnusedAccess(caller: Caller, input: { analyzerArn: string }): Promise<void> {
  return operation(caller, analyzerOperation("StartResourceScan", false, { ...input }), async () => {
    const analyzer = await readAnalyzer(caller, input.analyzerArn, "access-analyzer:StartResourceScan", { fresh: false });
    await scanUnusedAccess(analyzer, caller.now, { force: true });
  });
}

// ---- For the console -----------------------------------------------------------------------------

/** The console's sort keys for the findings table. */
export const CONSOLE_FINDING_SORTS = ["id", "resource", "findingType", "status", "updatedAt"] as const;
export type ConsoleFindingSort = (typeof CONSOLE_FINDING_SORTS)[number];

export interface ConsoleFindingsInput {
  analyzerArn: string;
  /** Absent: every status. */
  status?: FindingStatus;
  /** Text the finding's ID or resource contains (any case). */
  filter?: string;
  sort?: ConsoleFindingSort;
  descending?: boolean;
  page: number;
  pageSize: number;
}

export interface ConsoleFinding extends FindingSummaryV2 {
  findingDetails: FindingDetails[];
}

/**
 * One page of the findings table, with the total for the pagination: ListFindingsV2 as the
 * console calls it, with the details the table's "Last accessed" column needs and when the
 * analyzer last scanned (the read may just have scanned).
 */
export function listFindingsForConsole(
  caller: Caller,
  input: ConsoleFindingsInput,
): Promise<{ findings: ConsoleFinding[]; total: number; lastScannedAt: Date | null }> {
  const { analyzerArn, status, filter } = input;
  const params = { analyzerArn, ...(status ? { filter: { status: { eq: [status] } } } : {}) };
  return operation(caller, analyzerOperation("ListFindingsV2", true, params), async () => {
    const analyzer = await readAnalyzer(caller, analyzerArn, "access-analyzer:ListFindings", { fresh: true });
    if (status !== undefined && !FINDING_STATUSES.includes(status)) throw validationException(status, "status", "Member must be ACTIVE, ARCHIVED or RESOLVED");
    const text = filter?.trim();
    const where: Prisma.AnalyzerFindingWhereInput = {
      analyzerArn: analyzer.arn,
      ...(status ? { status } : {}),
      ...(text ? { OR: [{ resource: { contains: text, mode: "insensitive" } }, { id: { in: uuidsContaining(text) } }] } : {}),
    };
    const sort = input.sort && CONSOLE_FINDING_SORTS.includes(input.sort) ? input.sort : "updatedAt";
    const descending = input.sort ? !!input.descending : true;
    const prisma = await db();
    const [rows, total, scanned] = await Promise.all([
      prisma.analyzerFinding.findMany({
        where,
        orderBy: [{ [sort]: descending ? "desc" : "asc" }, { id: "asc" }],
        skip: (input.page - 1) * input.pageSize,
        take: input.pageSize,
        select: { ...SUMMARY_SELECT, details: true },
      }),
      prisma.analyzerFinding.count({ where }),
      prisma.analyzer.findUnique({ where: { arn: analyzer.arn }, select: { lastScannedAt: true } }),
    ]);
    return {
      findings: rows.map((row) => ({ ...toSummary(row, caller.accountId), findingDetails: readDetails(row.details) })),
      total,
      lastScannedAt: scanned?.lastScannedAt ?? null,
    };
  });
}

export interface UnusedAccessFindingSummary {
  analyzerArn: string;
  analyzerName: string;
  unusedAccessAge: number;
  totalActiveFindings: number;
  /** Active findings per type. */
  activeByType: Record<FindingType, number>;
  lastUpdatedAt?: Date;
}

/**
 * The dashboard's count of active unused access findings by type, or undefined when the
 * account has no unused access analyzer: ListAnalyzers, then GetFindingsStatistics.
 */
export async function unusedAccessFindingSummary(caller: Caller): Promise<UnusedAccessFindingSummary | undefined> {
  const { analyzers } = await listAnalyzers(caller, { type: UNUSED_ACCESS_ANALYZER });
  const [analyzer] = analyzers;
  if (!analyzer) return undefined;
  const { findingsStatistics, lastUpdatedAt } = await getFindingsStatistics(caller, { analyzerArn: analyzer.arn });
  const stats = findingsStatistics[0].unusedAccessFindingsStatistics;
  return {
    analyzerArn: analyzer.arn,
    analyzerName: analyzer.name,
    unusedAccessAge: analyzer.configuration.unusedAccess.unusedAccessAge,
    totalActiveFindings: stats.totalActiveFindings,
    activeByType: Object.fromEntries(stats.unusedAccessTypeStatistics.map((s) => [s.unusedAccessType, s.total])) as Record<FindingType, number>,
    ...(lastUpdatedAt ? { lastUpdatedAt } : {}),
  };
}
