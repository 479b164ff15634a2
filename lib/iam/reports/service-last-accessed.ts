import "server-only";
import { randomUUID } from "node:crypto";
import { db, Prisma } from "@/lib/db";
import { operation } from "@/lib/iam/activity";
import { parseArn } from "@/lib/iam/arns";
import { authorize } from "@/lib/iam/authorize";
import { runInBackground } from "@/lib/iam/background";
import type { Caller } from "@/lib/iam/caller";
import { IamError, invalidArn, noSuchGroup, noSuchRole, noSuchUser, policyNotFound } from "@/lib/iam/errors";
import { decodeMarker, encodeMarker, maxItems, type PageInput, type PageOutput } from "@/lib/iam/paging";
import { policyCatalog } from "@/lib/iam/policy-catalog";
import { checkArnMember, checkEnum, missingMember, validationError } from "@/lib/iam/validation";
import { grantedServices, lastAccessByService, permissionPoliciesOf, type GrantingPolicy } from "./granted-services";

// Access advisor (iam-facts §12): GenerateServiceLastAccessedDetails starts a job that reports,
// for every service the entity's permissions policies allow, the latest attempt to use it in
// the tracking period; GetServiceLastAccessedDetails(WithEntities) read the job, and only the
// principal that started it may. The job runs in the background with its state in
// ServiceLastAccessedJob, computed as of the moment it was requested.
//
// Whose attempts count: a user report the user's, a role report the role's (its sessions act as
// the role), a group report its member users', a policy report those of the users and roles it
// is attached to, directly or through a group.

export type AccessAdvisorUsageGranularity = "SERVICE_LEVEL" | "ACTION_LEVEL";
export type JobStatus = "IN_PROGRESS" | "COMPLETED" | "FAILED";

/** The tracking period: attempts older than this are not reported. */
export const TRACKING_PERIOD_DAYS = 400;
/** Services whose actions ACTION_LEVEL reports one by one. */
export const TRACKED_ACTION_SERVICES: ReadonlySet<string> = new Set(["iam"]);
/** Actions AWS never tracks: iam:PassRole is no call of its own, only a check within another. */
const UNTRACKED_ACTIONS: ReadonlySet<string> = new Set(["iam:passrole"]);
/** A job still in progress this long after it was requested lost its process and is run again. */
export const STALE_JOB_MS = 60_000;
const DAY_MS = 86_400_000;
const JOB_ID_LENGTH = 36;
const SERVICE_NAMESPACES_MAX = 200;
const SERVICE_NAMESPACE_PATTERN = /^[\w-]{1,64}$/;

export interface TrackedActionLastAccessed {
  ActionName: string;
  LastAccessedEntity?: string;
  LastAccessedTime?: Date;
  LastAccessedRegion?: string;
}

export interface ServiceLastAccessed {
  ServiceName: string;
  ServiceNamespace: string;
  LastAuthenticated?: Date;
  LastAuthenticatedEntity?: string;
  LastAuthenticatedRegion?: string;
  TotalAuthenticatedEntities: number;
  /** ACTION_LEVEL jobs, tracked services only. */
  TrackedActionsLastAccessed?: TrackedActionLastAccessed[];
}

export interface ErrorDetails {
  Message: string;
  Code: string;
}

interface JobOutput extends PageOutput {
  JobStatus: JobStatus;
  JobCreationDate: Date;
  /** Absent while the job is in progress. */
  JobCompletionDate?: Date;
  Error?: ErrorDetails;
}

export interface EntityInfo {
  Arn: string;
  Name: string;
  Type: "USER" | "ROLE";
  Id: string;
  Path: string;
}

export interface EntityDetails {
  EntityInfo: EntityInfo;
  /** Absent when the entity made no attempt in the tracking period. */
  LastAuthenticated?: Date;
}

export interface PolicyGrantingServiceAccess {
  PolicyName: string;
  PolicyType: "INLINE" | "MANAGED";
  PolicyArn?: string;
  /** Inline policies: the user, group or role that holds the policy. */
  EntityType?: "USER" | "ROLE" | "GROUP";
  EntityName?: string;
}

export interface ListPoliciesGrantingServiceAccessEntry {
  ServiceNamespace: string;
  Policies: PolicyGrantingServiceAccess[];
}

// ---- What a completed job keeps -------------------------------------------------------------

interface StoredAction {
  ActionName: string;
  LastAccessedEntity?: string;
  LastAccessedTime?: string;
  LastAccessedRegion?: string;
}

interface StoredService {
  ServiceName: string;
  ServiceNamespace: string;
  LastAuthenticated?: string;
  LastAuthenticatedEntity?: string;
  LastAuthenticatedRegion?: string;
  TotalAuthenticatedEntities: number;
  TrackedActionsLastAccessed?: StoredAction[];
}

interface StoredReport {
  services: StoredService[];
  /** Every entity whose attempts the report counts. */
  entities: EntityInfo[];
  /** Per service: [index into entities, its latest attempt] for the entities that made one, newest first. */
  attempts: Record<string, [number, string][]>;
}

// ---- The entity a report is about ---------------------------------------------------------

type SubjectKind = "user" | "group" | "role" | "policy";

interface Subject {
  kind: SubjectKind;
  arn: string;
  name: string;
}

/** Reads the ARN of a user, group, role or managed policy; anything else is InvalidInput. */
function subjectOf(arn: string, kinds: readonly SubjectKind[]): Subject {
  const parsed = parseArn(arn);
  const slash = parsed?.resource.indexOf("/") ?? -1;
  const kind = parsed?.resource.slice(0, slash) as SubjectKind | undefined;
  const name = parsed?.resource.slice(parsed.resource.lastIndexOf("/") + 1);
  if (!parsed || parsed.service !== "iam" || parsed.region !== "" || !kind || !kinds.includes(kind) || !name) throw invalidArn(arn);
  return { kind, arn, name };
}

function noSuchSubject(subject: Subject): IamError {
  switch (subject.kind) {
    case "user":
      return noSuchUser(subject.name);
    case "group":
      return noSuchGroup(subject.name);
    case "role":
      return noSuchRole(subject.name);
    case "policy":
      return policyNotFound(subject.arn);
  }
}

const entityFields = { id: true, name: true, path: true, arn: true } as const;
type EntityRow = { id: string; name: string; path: string; arn: string };
const toEntity = (type: EntityInfo["Type"]) => (row: EntityRow): EntityInfo => ({ Arn: row.arn, Name: row.name, Type: type, Id: row.id, Path: row.path });

/** The users and roles whose attempts count for the subject; undefined when it does not exist. */
async function entitiesBehind(accountId: string, subject: Subject): Promise<EntityInfo[] | undefined> {
  const prisma = await db();
  const where = { arn: subject.arn, accountId };
  switch (subject.kind) {
    case "user": {
      const user = await prisma.user.findFirst({ where, select: entityFields });
      return user ? [toEntity("USER")(user)] : undefined;
    }
    case "role": {
      const role = await prisma.role.findFirst({ where, select: entityFields });
      return role ? [toEntity("ROLE")(role)] : undefined;
    }
    case "group": {
      const group = await prisma.group.findFirst({ where, select: { memberships: { select: { user: { select: entityFields } } } } });
      return group?.memberships.map((m) => toEntity("USER")(m.user));
    }
    case "policy": {
      const policy = await prisma.policy.findUnique({ where: { arn: subject.arn }, select: { id: true, accountId: true } });
      if (!policy || (policy.accountId !== null && policy.accountId !== accountId)) return undefined;
      const attachments = await prisma.policyAttachment.findMany({
        where: { accountId, policyId: policy.id },
        select: {
          user: { select: entityFields },
          role: { select: entityFields },
          group: { select: { memberships: { select: { user: { select: entityFields } } } } },
        },
      });
      const byArn = new Map<string, EntityInfo>();
      for (const a of attachments) {
        const found = [
          ...(a.user ? [toEntity("USER")(a.user)] : []),
          ...(a.role ? [toEntity("ROLE")(a.role)] : []),
          ...(a.group?.memberships.map((m) => toEntity("USER")(m.user)) ?? []),
        ];
        for (const entity of found) byArn.set(entity.Arn, entity);
      }
      return [...byArn.values()].sort((a, b) => a.Arn.localeCompare(b.Arn));
    }
  }
}

// ---- Computing a report -------------------------------------------------------------------

/** The report on the subject as of `asOf`; undefined when the subject no longer exists. */
async function buildReport(accountId: string, subject: Subject, granularity: AccessAdvisorUsageGranularity, asOf: Date): Promise<StoredReport | undefined> {
  const [policies, entities] = await Promise.all([permissionPoliciesOf(accountId, subject.arn), entitiesBehind(accountId, subject)]);
  if (!policies || !entities) return undefined;
  const catalog = await policyCatalog();
  const since = new Date(asOf.getTime() - TRACKING_PERIOD_DAYS * DAY_MS);
  const access = new Map(
    (await lastAccessByService(accountId, entities.map((e) => e.Arn), since, asOf)).map((a) => [a.serviceNamespace, a]),
  );
  const indexOf = new Map(entities.map((e, i) => [e.Arn, i]));
  const attempts: StoredReport["attempts"] = {};
  const services = grantedServices(policies, catalog).map((granted): StoredService => {
    const used = access.get(granted.serviceNamespace);
    const service: StoredService = { ServiceName: granted.serviceName, ServiceNamespace: granted.serviceNamespace, TotalAuthenticatedEntities: used?.totalAuthenticatedEntities ?? 0 };
    if (used) {
      service.LastAuthenticated = used.lastAuthenticated.toISOString();
      service.LastAuthenticatedEntity = used.lastAuthenticatedEntity;
      if (used.lastAuthenticatedRegion) service.LastAuthenticatedRegion = used.lastAuthenticatedRegion;
      attempts[granted.serviceNamespace] = used.entities.map((e) => [indexOf.get(e.identityArn) ?? -1, e.lastAuthenticated.toISOString()] as [number, string]).filter(([i]) => i >= 0);
    }
    if (granularity === "ACTION_LEVEL" && TRACKED_ACTION_SERVICES.has(granted.serviceNamespace)) {
      service.TrackedActionsLastAccessed = trackedActions(granted.serviceNamespace, granted.actions, used?.actions ?? [], catalog.service(granted.serviceNamespace)?.actions);
    }
    return service;
  });
  return { services, entities, attempts };
}

/**
 * The service's tracked actions: those its policies allow and those attempted (a denied attempt
 * counts too), each with its latest attempt; attempted ones first, newest first, then by name.
 */
function trackedActions(
  namespace: string,
  granted: readonly string[],
  attempted: readonly { actionName: string; lastAccessedTime: Date; lastAccessedEntity: string; lastAccessedRegion: string | null }[],
  known: ReadonlyMap<string, { name: string }> | undefined,
): StoredAction[] {
  const byName = new Map<string, StoredAction>();
  for (const a of attempted) {
    const name = known?.get(a.actionName.toLowerCase())?.name;
    if (!name || UNTRACKED_ACTIONS.has(`${namespace}:${name.toLowerCase()}`)) continue;
    byName.set(name, {
      ActionName: name,
      LastAccessedEntity: a.lastAccessedEntity,
      LastAccessedTime: a.lastAccessedTime.toISOString(),
      ...(a.lastAccessedRegion ? { LastAccessedRegion: a.lastAccessedRegion } : {}),
    });
  }
  for (const full of granted) {
    const name = full.slice(full.indexOf(":") + 1);
    if (!byName.has(name) && !UNTRACKED_ACTIONS.has(full.toLowerCase())) byName.set(name, { ActionName: name });
  }
  return [...byName.values()].sort(
    (a, b) => (b.LastAccessedTime ?? "").localeCompare(a.LastAccessedTime ?? "") || a.ActionName.localeCompare(b.ActionName),
  );
}

/** Jobs this process is computing now; a stale job elsewhere is not one of them. */
const running = new Set<string>();

function startJob(jobId: string): void {
  running.add(jobId);
  runInBackground(`service-last-accessed ${jobId}`, () => computeJob(jobId).finally(() => running.delete(jobId)));
}

async function computeJob(jobId: string): Promise<void> {
  const prisma = await db();
  const job = await prisma.serviceLastAccessedJob.findUnique({ where: { jobId } });
  if (!job || job.status !== "IN_PROGRESS") return;
  const subject = subjectOf(job.entityArn, ["user", "group", "role", "policy"]);
  const finish = (data: Prisma.ServiceLastAccessedJobUpdateManyMutationInput) =>
    prisma.serviceLastAccessedJob.updateMany({ where: { jobId, status: "IN_PROGRESS" }, data: { ...data, completedAt: job.createdAt } });
  try {
    const report = await buildReport(job.accountId, subject, job.granularity as AccessAdvisorUsageGranularity, job.createdAt);
    if (!report) {
      const err = noSuchSubject(subject);
      await finish({ status: "FAILED", errorCode: err.code, errorMessage: err.message });
      return;
    }
    await finish({ status: "COMPLETED", result: report as unknown as Prisma.InputJsonValue });
  } catch (err) {
    await finish({ status: "FAILED", errorCode: "ServiceFailure", errorMessage: "An internal error occurred." });
    throw err;
  }
}

// ---- GenerateServiceLastAccessedDetails ----------------------------------------------------

export interface GenerateServiceLastAccessedDetailsInput {
  Arn: string;
  Granularity?: AccessAdvisorUsageGranularity;
}

export function generateServiceLastAccessedDetails(caller: Caller, input: GenerateServiceLastAccessedDetailsInput): Promise<{ JobId: string }> {
  return operation(caller, { eventName: "GenerateServiceLastAccessedDetails", readOnly: true, params: { ...input } }, async () => {
    const arn = checkArnMember(input.Arn, "arn");
    const granularity = checkEnum(input.Granularity, "granularity", ["SERVICE_LEVEL", "ACTION_LEVEL"] as const, "SERVICE_LEVEL");
    const subject = subjectOf(arn, ["user", "group", "role", "policy"]);
    await authorize(caller, "iam:GenerateServiceLastAccessedDetails", arn);
    if (!(await entitiesBehind(caller.accountId, subject))) throw noSuchSubject(subject);
    const jobId = randomUUID();
    await (await db()).serviceLastAccessedJob.create({
      data: { jobId, accountId: caller.accountId, requesterArn: caller.principalArn, entityArn: arn, granularity, status: "IN_PROGRESS", createdAt: caller.now },
    });
    startJob(jobId);
    return { JobId: jobId };
  });
}

// ---- Reading a job ------------------------------------------------------------------------

const noSuchJob = (jobId: string) => new IamError("NoSuchEntity", `The job with ID ${jobId} cannot be found.`);

type JobRow = Prisma.ServiceLastAccessedJobGetPayload<object>;

/**
 * The caller's job. Another principal's job is NoSuchEntity, as if it did not exist: the JobId
 * is good only for the user, or the role session, that generated it. A job left in progress by
 * a process that died is started again here.
 */
async function readJob(caller: Caller, jobId: string | undefined): Promise<JobRow> {
  if (jobId === undefined) throw missingMember("jobId");
  if (jobId.length !== JOB_ID_LENGTH) {
    throw validationError(jobId, "jobId", `Member must have length ${jobId.length < JOB_ID_LENGTH ? "greater" : "less"} than or equal to ${JOB_ID_LENGTH}`);
  }
  const prisma = await db();
  const job = /^[0-9a-f-]{36}$/i.test(jobId) ? await prisma.serviceLastAccessedJob.findUnique({ where: { jobId: jobId.toLowerCase() } }) : null;
  if (!job || job.accountId !== caller.accountId || job.requesterArn !== caller.principalArn) throw noSuchJob(jobId);
  if (job.status === "IN_PROGRESS" && !running.has(job.jobId) && caller.now.getTime() - job.createdAt.getTime() >= STALE_JOB_MS) startJob(job.jobId);
  return job;
}

function jobOutput(job: JobRow): JobOutput {
  const out: JobOutput = { JobStatus: job.status as JobStatus, JobCreationDate: job.createdAt, IsTruncated: false };
  if (job.status !== "IN_PROGRESS" && job.completedAt) out.JobCompletionDate = job.completedAt;
  if (job.status === "FAILED") out.Error = { Message: job.errorMessage ?? "An internal error occurred.", Code: job.errorCode ?? "ServiceFailure" };
  return out;
}

/** A page of `items` after the marker's key; the marker carries the last key returned. */
function pageOf<T>(items: readonly T[], input: PageInput, key: (item: T) => string): { items: T[] } & PageOutput {
  const limit = maxItems(input);
  const after = decodeMarker(input.Marker);
  let start = 0;
  if (after !== undefined) {
    const at = items.findIndex((item) => key(item) === after);
    if (at < 0) throw new IamError("InvalidInput", "Invalid Marker.");
    start = at + 1;
  }
  const page = items.slice(start, start + limit);
  const truncated = start + limit < items.length;
  return truncated ? { items: page, IsTruncated: true, Marker: encodeMarker(key(page[page.length - 1])) } : { items: page, IsTruncated: false };
}

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

function toServiceLastAccessed(s: StoredService): ServiceLastAccessed {
  const out: ServiceLastAccessed = { ServiceName: s.ServiceName, ServiceNamespace: s.ServiceNamespace, TotalAuthenticatedEntities: s.TotalAuthenticatedEntities };
  if (s.LastAuthenticated) out.LastAuthenticated = new Date(s.LastAuthenticated);
  if (s.LastAuthenticatedEntity) out.LastAuthenticatedEntity = s.LastAuthenticatedEntity;
  if (s.LastAuthenticatedRegion) out.LastAuthenticatedRegion = s.LastAuthenticatedRegion;
  if (s.TrackedActionsLastAccessed) {
    out.TrackedActionsLastAccessed = s.TrackedActionsLastAccessed.map((a) => {
      const action: TrackedActionLastAccessed = { ActionName: a.ActionName };
      if (a.LastAccessedEntity) action.LastAccessedEntity = a.LastAccessedEntity;
      if (a.LastAccessedTime) action.LastAccessedTime = date(a.LastAccessedTime);
      if (a.LastAccessedRegion) action.LastAccessedRegion = a.LastAccessedRegion;
      return action;
    });
  }
  return out;
}

// ---- GetServiceLastAccessedDetails ---------------------------------------------------------

export interface GetServiceLastAccessedDetailsInput extends PageInput {
  JobId: string;
}

export interface GetServiceLastAccessedDetailsOutput extends JobOutput {
  JobType: AccessAdvisorUsageGranularity;
  ServicesLastAccessed: ServiceLastAccessed[];
}

export function getServiceLastAccessedDetails(caller: Caller, input: GetServiceLastAccessedDetailsInput): Promise<GetServiceLastAccessedDetailsOutput> {
  return operation(caller, { eventName: "GetServiceLastAccessedDetails", readOnly: true, params: { ...input } }, async () => {
    await authorize(caller, "iam:GetServiceLastAccessedDetails", "*");
    const job = await readJob(caller, input.JobId);
    const base = { ...jobOutput(job), JobType: job.granularity as AccessAdvisorUsageGranularity };
    const report = job.status === "COMPLETED" ? (job.result as unknown as StoredReport) : undefined;
    const { items, ...page } = pageOf(report?.services ?? [], input, (s) => s.ServiceNamespace);
    return { ...base, ServicesLastAccessed: items.map(toServiceLastAccessed), ...page };
  });
}

// ---- GetServiceLastAccessedDetailsWithEntities ---------------------------------------------

export interface GetServiceLastAccessedDetailsWithEntitiesInput extends PageInput {
  JobId: string;
  ServiceNamespace: string;
}

export interface GetServiceLastAccessedDetailsWithEntitiesOutput extends JobOutput {
  EntityDetailsList: EntityDetails[];
}

function checkServiceNamespace(value: string | undefined, member: string): string {
  if (value === undefined) throw missingMember(member);
  if (!SERVICE_NAMESPACE_PATTERN.test(value)) {
    throw validationError(value, member, value.length < 1 || value.length > 64 ? "Member must have length between 1 and 64" : "Member must satisfy regular expression pattern: [\\w-]*");
  }
  return value;
}

/**
 * The users and roles behind a report and their latest attempt of one service, newest first;
 * those that made none follow, by ARN.
 */
export function getServiceLastAccessedDetailsWithEntities(
  caller: Caller,
  input: GetServiceLastAccessedDetailsWithEntitiesInput,
): Promise<GetServiceLastAccessedDetailsWithEntitiesOutput> {
  return operation(caller, { eventName: "GetServiceLastAccessedDetailsWithEntities", readOnly: true, params: { ...input } }, async () => {
    await authorize(caller, "iam:GetServiceLastAccessedDetailsWithEntities", "*");
    const namespace = checkServiceNamespace(input.ServiceNamespace, "serviceNamespace").toLowerCase();
    const job = await readJob(caller, input.JobId);
    const report = job.status === "COMPLETED" ? (job.result as unknown as StoredReport) : undefined;
    let details: EntityDetails[] = [];
    if (report && report.services.some((s) => s.ServiceNamespace === namespace)) {
      const attempted = report.attempts[namespace] ?? [];
      const seen = new Set(attempted.map(([i]) => i));
      details = [
        ...attempted.map(([i, at]) => ({ EntityInfo: report.entities[i], LastAuthenticated: new Date(at) })),
        ...report.entities.filter((_, i) => !seen.has(i)).map((EntityInfo) => ({ EntityInfo })),
      ];
    }
    const { items, ...page } = pageOf(details, input, (d) => d.EntityInfo.Arn);
    return { ...jobOutput(job), EntityDetailsList: items, ...page };
  });
}

// ---- ListPoliciesGrantingServiceAccess ------------------------------------------------------

export interface ListPoliciesGrantingServiceAccessInput {
  Arn: string;
  ServiceNamespaces: string[];
  Marker?: string;
}

export interface ListPoliciesGrantingServiceAccessOutput extends PageOutput {
  PoliciesGrantingServiceAccess: ListPoliciesGrantingServiceAccessEntry[];
}

function toGrantingPolicy(policy: GrantingPolicy): PolicyGrantingServiceAccess {
  if (policy.policyType !== "Inline") return { PolicyName: policy.policyName, PolicyType: "MANAGED", PolicyArn: policy.policyArn };
  const out: PolicyGrantingServiceAccess = { PolicyName: policy.policyName, PolicyType: "INLINE" };
  if (policy.holder) {
    out.EntityType = policy.holder.type.toUpperCase() as "USER" | "ROLE" | "GROUP";
    out.EntityName = policy.holder.name;
  }
  return out;
}

/**
 * For each service asked about, the permissions policies of the user (with its groups'), group
 * or role that allow some action of it; a service no policy allows has an empty list.
 */
export function listPoliciesGrantingServiceAccess(caller: Caller, input: ListPoliciesGrantingServiceAccessInput): Promise<ListPoliciesGrantingServiceAccessOutput> {
  return operation(caller, { eventName: "ListPoliciesGrantingServiceAccess", readOnly: true, params: { ...input } }, async () => {
    const arn = checkArnMember(input.Arn, "arn");
    const namespaces = input.ServiceNamespaces;
    if (namespaces === undefined) throw missingMember("serviceNamespaces");
    if (namespaces.length < 1 || namespaces.length > SERVICE_NAMESPACES_MAX) {
      const bound = namespaces.length < 1 ? "greater than or equal to 1" : `less than or equal to ${SERVICE_NAMESPACES_MAX}`;
      throw validationError(`[${namespaces.join(", ")}]`, "serviceNamespaces", `Member must have length ${bound}`);
    }
    namespaces.forEach((n, i) => checkServiceNamespace(n, `serviceNamespaces.${i + 1}.member`));
    const subject = subjectOf(arn, ["user", "group", "role"]);
    await authorize(caller, "iam:ListPoliciesGrantingServiceAccess", arn);
    const policies = await permissionPoliciesOf(caller.accountId, arn);
    if (!policies) throw noSuchSubject(subject);
    const granted = new Map(grantedServices(policies, await policyCatalog()).map((s) => [s.serviceNamespace, s]));
    const entries = [...new Set(namespaces.map((n) => n.toLowerCase()))].map((ServiceNamespace) => ({
      ServiceNamespace,
      Policies: (granted.get(ServiceNamespace)?.policies ?? []).map(toGrantingPolicy),
    }));
    const { items, ...page } = pageOf(entries, { Marker: input.Marker, MaxItems: SERVICE_NAMESPACES_MAX }, (e) => e.ServiceNamespace);
    return { PoliciesGrantingServiceAccess: items, ...page };
  });
}

// ---- The console's "Last accessed" tab ------------------------------------------------------

export interface LastAccessedReport {
  JobStatus: JobStatus;
  Error?: ErrorDetails;
  /** Every page of the job's services. */
  ServicesLastAccessed: ServiceLastAccessed[];
  /** Per service, the policies that allow it (users, groups and roles; a policy report has none). */
  policies?: Map<string, PolicyGrantingServiceAccess[]>;
  /** ListPoliciesGrantingServiceAccess was denied: its AccessDenied message. */
  policiesDenied?: string;
}

/**
 * What the tab shows once it has a job: GetServiceLastAccessedDetails page by page, then (for a
 * user, group or role) ListPoliciesGrantingServiceAccess for the services listed, as the IAM
 * console calls them.
 */
export async function readLastAccessedReport(caller: Caller, input: { JobId: string; Arn: string }): Promise<LastAccessedReport> {
  const services: ServiceLastAccessed[] = [];
  let Marker: string | undefined;
  let job: GetServiceLastAccessedDetailsOutput;
  do {
    job = await getServiceLastAccessedDetails(caller, { JobId: input.JobId, MaxItems: 1000, Marker });
    services.push(...job.ServicesLastAccessed);
    Marker = job.IsTruncated ? job.Marker : undefined;
  } while (Marker);
  const out: LastAccessedReport = { JobStatus: job.JobStatus, ServicesLastAccessed: services };
  if (job.Error) out.Error = job.Error;
  if (job.JobStatus !== "COMPLETED" || services.length === 0 || parseArn(input.Arn)?.resource.startsWith("policy/")) return out;
  const policies = new Map<string, PolicyGrantingServiceAccess[]>();
  try {
    for (let i = 0; i < services.length; i += SERVICE_NAMESPACES_MAX) {
      const ServiceNamespaces = services.slice(i, i + SERVICE_NAMESPACES_MAX).map((s) => s.ServiceNamespace);
      const page = await listPoliciesGrantingServiceAccess(caller, { Arn: input.Arn, ServiceNamespaces });
      for (const entry of page.PoliciesGrantingServiceAccess) policies.set(entry.ServiceNamespace, entry.Policies);
    }
    out.policies = policies;
  } catch (err) {
    if (!(err instanceof IamError) || err.code !== "AccessDenied") throw err;
    out.policiesDenied = err.message;
  }
  return out;
}
