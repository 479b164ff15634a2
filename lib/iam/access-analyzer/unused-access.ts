import "server-only";
import { randomUUID } from "node:crypto";
import { db, Prisma, type Db } from "@/lib/db";
import { write } from "../db-facts";
import { policyCatalog } from "../policy-catalog";
import type { PolicyCatalog } from "../policy";
import { grantedServices, type GrantedService, type PermissionPolicy, type ServiceLastAccess } from "../reports/granted-services";

// The unused access analyzer's scan: what in the account has gone unused for the tracking period
// (unusedAccessAge days) at a given time, then the analyzer's stored findings brought in line
// with it in one transaction.
//
// Reading of AWS's rules (IAM User Guide, "Create an unused access analyzer" and "Working with
// findings"), with `cutoff` = now − tracking period; access at the cutoff or before is unused:
// - Only what has existed for the whole tracking period is analyzed: roles, users, access keys
//   and console passwords created at the cutoff or before, and permissions granted then (a
//   policy attached, an inline policy last written, a group joined, a customer managed policy's
//   default version set). Newer things have not had the chance to be used.
// - UnusedIAMRole: a role not used since the cutoff (RoleLastUsed), or never used.
// - UnusedIAMUserAccessKey: an Active key not used since the cutoff, or never used; one finding
//   per key. Inactive keys sign nothing and are left out.
// - UnusedIAMUserPassword: a console password not used to sign in since the cutoff.
// - UnusedPermission: for an active role or user (a role used since the cutoff; a user whose
//   password or key was used, or who made a call, since then), one finding listing each service
//   its permissions policies grant (access advisor's reading: any Allow of one of the service's
//   actions) that it has not called since the cutoff, with the last call before it. For IAM,
//   whose calls the events name action by action, a used service is listed too when some
//   granted actions went unused, with those actions. A role that went unused is reported as
//   UnusedIAMRole only: its permissions are unused with it.
// - Service-linked roles are left out: only their service can change or delete them, so a
//   finding about them would have no remedy.
// A finding no longer found is RESOLVED, whatever its status; an ARCHIVED finding still found
// stays archived; a RESOLVED one found again is ACTIVE again.

export const FINDING_TYPES = ["UnusedIAMRole", "UnusedIAMUserAccessKey", "UnusedIAMUserPassword", "UnusedPermission"] as const;
export type FindingType = (typeof FINDING_TYPES)[number];
export const FINDING_STATUSES = ["ACTIVE", "ARCHIVED", "RESOLVED"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export type FindingResourceType = "AWS::IAM::Role" | "AWS::IAM::User";

export interface UnusedAction {
  /** The action's name without its service prefix ("CreateUser"), as AWS lists it. */
  action: string;
  lastAccessed?: Date;
}

/** One member of GetFindingV2's findingDetails (a union: exactly one key). */
export type FindingDetails =
  | { unusedIamRoleDetails: { lastAccessed?: Date } }
  | { unusedIamUserAccessKeyDetails: { accessKeyId: string; lastAccessed?: Date } }
  | { unusedIamUserPasswordDetails: { lastAccessed?: Date } }
  | { unusedPermissionDetails: { serviceNamespace: string; actions?: UnusedAction[]; lastAccessed?: Date } };

export interface UnusedAccessFinding {
  findingType: FindingType;
  /** The role's or user's ARN. */
  resource: string;
  resourceType: FindingResourceType;
  /** The access key ID of a key finding; "" otherwise (one finding per resource and type). */
  subject: string;
  details: FindingDetails[];
}

/** What a scan needs of the analyzer's row. */
export interface AnalyzerRow {
  arn: string;
  accountId: string;
  unusedAccessAge: number;
  lastScannedAt: Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Reads scan again when the last scan is this old; AWS rescans on its own schedule. */
export const SCAN_INTERVAL_MS = 60 * 60 * 1000;
const SERVICE_LINKED_PATH = "/aws-service-role/";
/** Services whose unused permissions are reported action by action. */
const ACTION_LEVEL_SERVICES = new Set(["iam"]);
// iam:PassRole is checked when a role is handed to a service, never called on its own: no event
// can show it used, so listing it would report every grant of it as unused forever.
const UNTRACKED_ACTIONS = new Set(["iam:passrole"]);

/** The last moment whose use still counts as unused: now − the tracking period. */
export function trackingCutoff(now: Date, unusedAccessAge: number): Date {
  return new Date(now.getTime() - unusedAccessAge * DAY_MS);
}

const usedSince = (at: Date | null | undefined, cutoff: Date): boolean => !!at && at > cutoff;
const lastAccessed = (at: Date | null | undefined) => (at ? { lastAccessed: at } : {});

// ---- What is unused now --------------------------------------------------------------------

type AttachmentRow = { createdAt: Date; policyId: string };
type InlineRow = { name: string; document: string; updatedAt: Date };
type ManagedPolicy = { arn: string; name: string; accountId: string | null; updatedAt: Date; document: string };

/** A user or role with the permissions policies it holds and since when it holds each. */
interface Principal {
  kind: "user" | "role";
  name: string;
  arn: string;
  /** Whether a credential of it was used since the cutoff (its own calls are checked too). */
  credentialUsed: boolean;
  holds: { holder: { type: "user" | "group" | "role"; name: string }; attached: AttachmentRow[]; inline: InlineRow[]; since?: Date }[];
}

const attachments = { select: { createdAt: true, policyId: true } } as const;
const inlinePolicies = { select: { name: true, document: true, updatedAt: true } } as const;

/** The account's unused access at `now` for a tracking period of `unusedAccessAge` days, in a stable order. */
export async function findUnusedAccess(accountId: string, unusedAccessAge: number, now: Date): Promise<UnusedAccessFinding[]> {
  const cutoff = trackingCutoff(now, unusedAccessAge);
  const prisma = await db();
  const existed = { accountId, createdAt: { lte: cutoff } };
  // The account is read in a few queries, whatever its size: principals with their policies'
  // attachments, then each managed policy once, then the calls of the active ones.
  const [roles, users] = await Promise.all([
    prisma.role.findMany({ where: existed, select: { name: true, arn: true, path: true, lastUsedDate: true, attachments, inlinePolicies } }),
    prisma.user.findMany({
      where: existed,
      select: {
        name: true,
        arn: true,
        passwordLastUsed: true,
        loginProfile: { select: { createdAt: true } },
        accessKeys: { select: { id: true, status: true, createdAt: true, lastUsedDate: true } },
        attachments,
        inlinePolicies,
        memberships: { select: { createdAt: true, group: { select: { name: true, attachments, inlinePolicies } } } },
      },
    }),
  ]);

  const findings: UnusedAccessFinding[] = [];
  const active: Principal[] = [];
  for (const role of roles) {
    if (role.path.startsWith(SERVICE_LINKED_PATH)) continue;
    if (usedSince(role.lastUsedDate, cutoff)) {
      const holder = { type: "role" as const, name: role.name };
      active.push({ kind: "role", name: role.name, arn: role.arn, credentialUsed: true, holds: [{ holder, attached: role.attachments, inline: role.inlinePolicies }] });
      continue;
    }
    findings.push({
      findingType: "UnusedIAMRole",
      resource: role.arn,
      resourceType: "AWS::IAM::Role",
      subject: "",
      details: [{ unusedIamRoleDetails: lastAccessed(role.lastUsedDate) }],
    });
  }
  for (const user of users) {
    const resource = { resource: user.arn, resourceType: "AWS::IAM::User" as const };
    if (user.loginProfile && user.loginProfile.createdAt <= cutoff && !usedSince(user.passwordLastUsed, cutoff)) {
      findings.push({ findingType: "UnusedIAMUserPassword", ...resource, subject: "", details: [{ unusedIamUserPasswordDetails: lastAccessed(user.passwordLastUsed) }] });
    }
    for (const key of user.accessKeys) {
      if (key.status !== "Active" || key.createdAt > cutoff || usedSince(key.lastUsedDate, cutoff)) continue;
      findings.push({
        findingType: "UnusedIAMUserAccessKey",
        ...resource,
        subject: key.id,
        details: [{ unusedIamUserAccessKeyDetails: { accessKeyId: key.id, ...lastAccessed(key.lastUsedDate) } }],
      });
    }
    active.push({
      kind: "user",
      name: user.name,
      arn: user.arn,
      credentialUsed: usedSince(user.passwordLastUsed, cutoff) || user.accessKeys.some((k) => usedSince(k.lastUsedDate, cutoff)),
      holds: [
        { holder: { type: "user", name: user.name }, attached: user.attachments, inline: user.inlinePolicies },
        // A group's policies are held from when the user joined it.
        ...user.memberships.map((m) => ({ holder: { type: "group" as const, name: m.group.name }, attached: m.group.attachments, inline: m.group.inlinePolicies, since: m.createdAt })),
      ],
    });
  }

  const [catalog, managed, calls] = await Promise.all([policyCatalog(), managedPolicies(prisma, active), callsByIdentity(accountId, active, now)]);
  const granted = new Map<string, GrantedService[]>();
  for (const principal of active) {
    const finding = unusedPermissions(principal, calls.get(principal.arn) ?? [], managed, granted, catalog, cutoff);
    if (finding) findings.push(finding);
  }
  const order = (f: UnusedAccessFinding) => `${FINDING_TYPES.indexOf(f.findingType)}\u0000${f.resource}\u0000${f.subject}`;
  return findings.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** Each managed policy the principals hold, once, with its default version's document. */
async function managedPolicies(prisma: Db, principals: readonly Principal[]): Promise<Map<string, ManagedPolicy>> {
  const ids = [...new Set(principals.flatMap((p) => p.holds.flatMap((h) => h.attached.map((a) => a.policyId))))];
  const rows = ids.length
    ? await prisma.policy.findMany({
        where: { id: { in: ids } },
        select: { id: true, arn: true, name: true, accountId: true, updatedAt: true, defaultVersionId: true, versions: { select: { versionId: true, document: true } } },
      })
    : [];
  const policies = new Map<string, ManagedPolicy>();
  for (const row of rows) {
    const version = row.versions.find((v) => v.versionId === row.defaultVersionId);
    if (version) policies.set(row.id, { arn: row.arn, name: row.name, accountId: row.accountId, updatedAt: row.updatedAt, document: version.document });
  }
  return policies;
}

/** Identities per query: far below the database's limit on parameters. */
const IDENTITIES_PER_QUERY = 500;

/**
 * Per identity, its latest attempt of each service and action up to `now`, as access advisor
 * counts them (lastAccessByService's rules: allowed or denied, sign-in left out), for many
 * identities in one query.
 */
async function callsByIdentity(accountId: string, principals: readonly Principal[], now: Date): Promise<Map<string, ServiceLastAccess[]>> {
  const prisma = await db();
  const byIdentity = new Map<string, Map<string, ServiceLastAccess>>();
  for (let i = 0; i < principals.length; i += IDENTITIES_PER_QUERY) {
    const arns = principals.slice(i, i + IDENTITIES_PER_QUERY).map((p) => p.arn);
    const rows = await prisma.$queryRaw<{ identity: string; service: string; action: string; at: Date; region: string | null }[]>(Prisma.sql`
      SELECT DISTINCT ON ("identityArn", "serviceNamespace", "eventName")
        "identityArn" AS identity, "serviceNamespace" AS service, "eventName" AS action, "eventTime" AS at, "awsRegion" AS region
      FROM "ActivityEvent"
      WHERE "accountId" = ${accountId}
        AND "identityArn" IN (${Prisma.join(arns)})
        AND "serviceNamespace" <> 'signin'
        AND "eventTime" <= ${now}
      ORDER BY "identityArn", "serviceNamespace", "eventName", "eventTime" DESC, id DESC`);
    for (const row of rows) {
      let services = byIdentity.get(row.identity);
      if (!services) byIdentity.set(row.identity, (services = new Map()));
      let service = services.get(row.service);
      const attempt = { actionName: row.action, lastAccessedTime: row.at, lastAccessedEntity: row.identity, lastAccessedRegion: row.region };
      if (!service) {
        services.set(
          row.service,
          (service = {
            serviceNamespace: row.service,
            lastAuthenticated: row.at,
            lastAuthenticatedEntity: row.identity,
            lastAuthenticatedRegion: row.region,
            totalAuthenticatedEntities: 1,
            actions: [],
            entities: [],
          }),
        );
      }
      service.actions.push(attempt);
      if (row.at > service.lastAuthenticated) Object.assign(service, { lastAuthenticated: row.at, lastAuthenticatedRegion: row.region });
    }
  }
  return new Map([...byIdentity].map(([arn, services]) => [arn, [...services.values()]]));
}

/** The UnusedPermission finding of an active principal, or undefined when all it was granted long enough was used. */
function unusedPermissions(
  principal: Principal,
  access: readonly ServiceLastAccess[],
  managed: ReadonlyMap<string, ManagedPolicy>,
  granted: Map<string, GrantedService[]>,
  catalog: PolicyCatalog,
  cutoff: Date,
): UnusedAccessFinding | undefined {
  const active = principal.credentialUsed || access.some((a) => a.lastAuthenticated > cutoff);
  if (!active) return undefined;
  const aged = heldSince(principal, managed, cutoff);
  if (aged.length === 0) return undefined;
  // Principals holding the same policies (a group's members) are granted the same services.
  const key = aged.map((p) => p.policyArn ?? `inline:${typeof p.document === "string" ? p.document : JSON.stringify(p.document)}`).sort().join("\u0000");
  let services = granted.get(key);
  if (!services) granted.set(key, (services = grantedServices(aged, catalog)));

  const called = new Map(access.map((a) => [a.serviceNamespace.toLowerCase(), a]));
  const details: FindingDetails[] = [];
  for (const service of services) {
    const namespace = service.serviceNamespace;
    const calls = called.get(namespace.toLowerCase());
    if (!calls || calls.lastAuthenticated <= cutoff) {
      details.push({ unusedPermissionDetails: { serviceNamespace: namespace, ...lastAccessed(calls?.lastAuthenticated) } });
    } else if (ACTION_LEVEL_SERVICES.has(namespace)) {
      const actions = unusedActions(service.actions, calls, cutoff);
      if (actions.length > 0) details.push({ unusedPermissionDetails: { serviceNamespace: namespace, actions, lastAccessed: calls.lastAuthenticated } });
    }
  }
  if (details.length === 0) return undefined;
  return {
    findingType: "UnusedPermission",
    resource: principal.arn,
    resourceType: principal.kind === "role" ? "AWS::IAM::Role" : "AWS::IAM::User",
    subject: "",
    details,
  };
}

const later = (...dates: (Date | undefined)[]) => new Date(Math.max(...dates.map((d) => d?.getTime() ?? 0)));

/**
 * The permissions policies (as access advisor reads them) the principal has held since the
 * cutoff or before: attached (or, inline, last written) then, and for a group's, the group
 * joined then. A customer managed policy counts from its last update too (a new default
 * version may grant more); an AWS managed policy's updates are AWS's, not a grant made in the
 * account. Permissions boundaries grant nothing and are left out, as access advisor does.
 */
function heldSince(principal: Principal, managed: ReadonlyMap<string, ManagedPolicy>, cutoff: Date): PermissionPolicy[] {
  const policies: PermissionPolicy[] = [];
  for (const { holder, attached, inline, since } of principal.holds) {
    for (const p of inline) {
      if (later(p.updatedAt, since) <= cutoff) policies.push({ policyName: p.name, policyType: "Inline", document: p.document, holder });
    }
    for (const a of attached) {
      const policy = managed.get(a.policyId);
      if (!policy || later(a.createdAt, since, policy.accountId ? policy.updatedAt : undefined) > cutoff) continue;
      policies.push({ policyArn: policy.arn, policyName: policy.name, policyType: policy.accountId ? "Customer managed" : "AWS managed", document: policy.document, holder });
    }
  }
  return policies;
}

/** The granted actions ("iam:CreateUser") not called since the cutoff, by name. */
function unusedActions(granted: readonly string[], calls: ServiceLastAccess, cutoff: Date): UnusedAction[] {
  const lastCall = new Map(calls.actions.map((a) => [a.actionName.toLowerCase(), a.lastAccessedTime]));
  const unused: UnusedAction[] = [];
  for (const qualified of granted) {
    if (UNTRACKED_ACTIONS.has(qualified.toLowerCase())) continue;
    const action = qualified.slice(qualified.indexOf(":") + 1);
    const at = lastCall.get(action.toLowerCase());
    if (!usedSince(at, cutoff)) unused.push({ action, ...lastAccessed(at) });
  }
  return unused.sort((a, b) => a.action.localeCompare(b.action));
}

// ---- Stored findings -----------------------------------------------------------------------

/** Details as stored (JSON: times as ISO strings). */
export function storeDetails(details: FindingDetails[]): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(details)) as Prisma.InputJsonValue;
}

const TIME_MEMBERS = new Set(["lastAccessed"]);

/** Stored details back in their API shape, times as Dates. */
export function readDetails(stored: unknown): FindingDetails[] {
  const revive = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => revive(v));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
    if (key && TIME_MEMBERS.has(key) && typeof value === "string") return new Date(value);
    return value;
  };
  return Array.isArray(stored) ? (revive(stored) as FindingDetails[]) : [];
}

/** JSON with sorted keys: the database returns stored JSON with its keys reordered. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

const findingKey = (f: { findingType: string; resource: string; subject: string }) => `${f.findingType}\u0000${f.resource}\u0000${f.subject}`;

export interface ScanOptions {
  /** Apply this scan even when another finished meanwhile (the tracking period changed). */
  force?: boolean;
}

/**
 * Scans the account and reconciles the analyzer's findings with what was found, in one
 * transaction that holds the analyzer's row: concurrent scans queue, and one that finishes
 * after a later scan has been applied leaves it be.
 */
export async function scanUnusedAccess(analyzer: AnalyzerRow, now: Date, options: ScanOptions = {}): Promise<void> {
  const found = await findUnusedAccess(analyzer.accountId, analyzer.unusedAccessAge, now);
  await write(async (tx) => {
    const [locked] = await tx.$queryRaw<{ lastScannedAt: Date | null }[]>(
      Prisma.sql`SELECT "lastScannedAt" FROM "Analyzer" WHERE arn = ${analyzer.arn} FOR UPDATE`,
    );
    if (!locked) return;
    const appliedMeanwhile = locked.lastScannedAt && locked.lastScannedAt.getTime() !== analyzer.lastScannedAt?.getTime();
    if (!options.force && appliedMeanwhile && locked.lastScannedAt! >= now) return;

    const stored = await tx.analyzerFinding.findMany({
      where: { analyzerArn: analyzer.arn },
      select: { id: true, findingType: true, resource: true, subject: true, status: true, details: true },
    });
    const byKey = new Map(stored.map((row) => [findingKey(row), row]));
    const created: Prisma.AnalyzerFindingCreateManyInput[] = [];
    const unchanged: string[] = [];
    for (const finding of found) {
      const details = storeDetails(finding.details);
      const row = byKey.get(findingKey(finding));
      byKey.delete(findingKey(finding));
      if (!row) {
        created.push({ id: randomUUID(), analyzerArn: analyzer.arn, ...finding, details, status: "ACTIVE", createdAt: now, updatedAt: now, analyzedAt: now });
      } else if (row.status === "RESOLVED") {
        await tx.analyzerFinding.update({ where: { id: row.id }, data: { status: "ACTIVE", details, updatedAt: now, analyzedAt: now } });
      } else if (canonical(row.details) !== canonical(details)) {
        await tx.analyzerFinding.update({ where: { id: row.id }, data: { details, updatedAt: now, analyzedAt: now } });
      } else {
        unchanged.push(row.id);
      }
    }
    if (created.length > 0) await tx.analyzerFinding.createMany({ data: created });
    if (unchanged.length > 0) await tx.analyzerFinding.updateMany({ where: { id: { in: unchanged } }, data: { analyzedAt: now } });
    const gone = [...byKey.values()].filter((row) => row.status !== "RESOLVED").map((row) => row.id);
    if (gone.length > 0) await tx.analyzerFinding.updateMany({ where: { id: { in: gone } }, data: { status: "RESOLVED", updatedAt: now, analyzedAt: now } });
    await tx.analyzer.update({ where: { arn: analyzer.arn }, data: { lastScannedAt: now } });
  });
}

/** Scans when the analyzer has not scanned in the last SCAN_INTERVAL_MS (or never). */
export async function scanIfStale(analyzer: AnalyzerRow, now: Date): Promise<void> {
  const last = analyzer.lastScannedAt;
  if (last && now.getTime() - last.getTime() < SCAN_INTERVAL_MS) return;
  await scanUnusedAccess(analyzer, now);
}
