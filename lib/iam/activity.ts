import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { db, Prisma, type Db } from "@/lib/db";
import { identityType, type Caller } from "./caller";
import { isIamError } from "./errors";

// Every lib/iam operation runs through `operation`, which records one CloudTrail-like event
// whether the call succeeded, was denied or failed. The event is written outside the
// operation's transaction, so a rolled-back write still leaves its trace.

export interface OperationSpec {
  /** The API action, e.g. "ListUsers". */
  eventName: string;
  /** "iam.amazonaws.com" (the default), "sts.amazonaws.com", or another service's endpoint. */
  eventSource?: string;
  /** The Region the call was made in; IAM is global and CloudTrail records it in us-east-1. */
  region?: string;
  readOnly: boolean;
  /** The request's parameters, AWS-cased; secrets are redacted before they are stored. */
  params?: Record<string, unknown>;
}

const SECRET_PARAMETERS = /password|secret|token|seed|authenticationcode|privatekey|credential/i;

/**
 * Secrets are strings (or objects holding them). Settings named after a secret are not:
 * PasswordResetRequired, MaxPasswordAge, AllowUsersToChangePassword stay readable, as in
 * CloudTrail, and so do identifiers such as ServiceSpecificCredentialId.
 */
function isSecret(key: string, value: unknown): boolean {
  if (!SECRET_PARAMETERS.test(key) || /Id$/.test(key)) return false;
  return typeof value !== "boolean" && typeof value !== "number";
}

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecret(k, v) ? "HIDDEN_DUE_TO_SECURITY_REASONS" : redact(v)]),
    );
  }
  return value;
}

// The resources a call was authorized against, in order: the event records the first, as
// CloudTrail's resources list does, and policy generation reads it.
const authorizedResources = new AsyncLocalStorage<string[]>();

/** Called by authorize: notes the resource the current operation asked about. */
export function noteAuthorizedResource(resource: string): void {
  authorizedResources.getStore()?.push(resource);
}

export async function operation<T>(caller: Caller, spec: OperationSpec, fn: () => Promise<T>): Promise<T> {
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  const resources: string[] = [];
  try {
    return await authorizedResources.run(resources, fn);
  } catch (err) {
    if (isIamError(err)) {
      errorCode = err.code;
      errorMessage = err.message;
    } else {
      errorCode = "ServiceFailure";
      errorMessage = "An internal error occurred.";
    }
    throw err;
  } finally {
    await recordEvent(caller, spec, errorCode, errorMessage, resources[0]);
  }
}

/** The service prefix of an event source: "s3.amazonaws.com" → "s3". */
export function serviceNamespaceOf(eventSource: string): string {
  return eventSource.slice(0, eventSource.indexOf(".") === -1 ? undefined : eventSource.indexOf("."));
}

/** The IAM identity a caller acts as: a role session acts as its role. */
export function identityArnOf(caller: Pick<Caller, "principalArn" | "roleArn">): string {
  return caller.roleArn ?? caller.principalArn;
}

/** IAM's region in events; global services have no region of their own for last-used data. */
export const GLOBAL_SERVICE_REGION = "us-east-1";
const GLOBAL_SERVICES = new Set(["iam", "signin", "organizations", "cloudfront", "route53"]);

/** The Region a call to a service is served in: a global service's is always us-east-1. */
export function serviceRegion(serviceNamespace: string, requested: string | undefined): string {
  return GLOBAL_SERVICES.has(serviceNamespace) ? GLOBAL_SERVICE_REGION : (requested ?? GLOBAL_SERVICE_REGION);
}

async function recordEvent(caller: Caller, spec: OperationSpec, errorCode?: string, errorMessage?: string, resourceArn?: string) {
  const eventSource = spec.eventSource ?? "iam.amazonaws.com";
  const serviceNamespace = serviceNamespaceOf(eventSource);
  const awsRegion = serviceRegion(serviceNamespace, spec.region ?? caller.region);
  const event: Prisma.ActivityEventCreateManyInput = {
    accountId: caller.accountId,
    eventTime: caller.now,
    requestId: randomUUID(),
    eventSource,
    eventName: spec.eventName,
    principalArn: caller.principalArn,
    principalId: caller.principalId,
    principalType: identityType(caller),
    identityArn: identityArnOf(caller),
    serviceNamespace,
    awsRegion,
    accessKeyId: caller.accessKeyId,
    sessionName: caller.sessionName,
    sourceIp: caller.sourceIp,
    userAgent: caller.userAgent,
    requestParameters: spec.params ? (redact(spec.params) as Prisma.InputJsonValue) : undefined,
    resourceArn,
    errorCode,
    errorMessage,
    readOnly: spec.readOnly,
    mfaAuthenticated: caller.mfaPresent ?? false,
  };
  const use = { accountId: caller.accountId, date: caller.now, serviceName: serviceNamespace };
  const keyUse: LastUse | undefined = caller.accessKeyId
    ? { ...use, id: caller.accessKeyId, region: GLOBAL_SERVICES.has(serviceNamespace) ? null : awsRegion }
    : undefined;
  const roleUse: LastUse | undefined = caller.roleArn ? { ...use, id: caller.roleArn, region: awsRegion } : undefined;

  const batch = batches.getStore();
  if (batch) {
    batch.events.push(event);
    if (keyUse) laterUse(batch.keys, keyUse);
    if (roleUse) laterUse(batch.roles, roleUse);
    // An IAM write may change what later calls read once per batch (a principal's policies).
    if (!spec.readOnly && !errorCode && serviceNamespace === "iam" && !CREDENTIAL_WRITE.test(spec.eventName)) batch.memo.clear();
    return;
  }
  const prisma = await db();
  await prisma.activityEvent.create({ data: event });
  if (keyUse) await recordKeyUse(prisma, keyUse);
  if (roleUse) await recordRoleUse(prisma, roleUse);
}

/** A use of an access key (its ID) or a role (its ARN). */
interface LastUse {
  accountId: string;
  id: string;
  date: Date;
  serviceName: string;
  region: string | null;
}

// Last-used data moves forward only, so history recorded out of order cannot turn it back.
const usedBefore = (date: Date) => ({ OR: [{ lastUsedDate: null }, { lastUsedDate: { lt: date } }] });

async function recordKeyUse(prisma: Db, use: LastUse) {
  await prisma.accessKey.updateMany({
    where: { id: use.id, accountId: use.accountId, ...usedBefore(use.date) },
    data: { lastUsedDate: use.date, lastUsedServiceName: use.serviceName, lastUsedRegion: use.region },
  });
}

async function recordRoleUse(prisma: Db, use: LastUse) {
  await prisma.role.updateMany({
    where: { arn: use.id, accountId: use.accountId, ...usedBefore(use.date) },
    data: { lastUsedDate: use.date, lastUsedRegion: use.region },
  });
}

// ---- Histories recorded in one go ------------------------------------------------------------

interface RecordingBatch {
  events: Prisma.ActivityEventCreateManyInput[];
  /** The latest use of each access key and role. */
  keys: Map<string, LastUse>;
  roles: Map<string, LastUse>;
  memo: Map<string, Promise<unknown>>;
}

const batches = new AsyncLocalStorage<RecordingBatch>();
/** IAM writes to a principal's credentials, which change no one's policies. */
const CREDENTIAL_WRITE = /(AccessKey|LoginProfile|MFADevice|SSHPublicKey|SigningCertificate|ServiceSpecificCredential)$|^ChangePassword$/;
const EVENTS_PER_INSERT = 2000;

const EVENT_COLUMNS: (keyof Prisma.ActivityEventCreateManyInput)[] = [
  "accountId",
  "eventTime",
  "requestId",
  "eventSource",
  "eventName",
  "principalArn",
  "principalId",
  "principalType",
  "identityArn",
  "serviceNamespace",
  "awsRegion",
  "accessKeyId",
  "sessionName",
  "sourceIp",
  "userAgent",
  "requestParameters",
  "resourceArn",
  "errorCode",
  "errorMessage",
  "readOnly",
  "mfaAuthenticated",
];

/**
 * Many events in one statement, passed as one JSON parameter: a fifth of the time createMany
 * takes with twenty parameters per row.
 */
async function insertEvents(prisma: Db, events: Prisma.ActivityEventCreateManyInput[]) {
  const columns = Prisma.raw(EVENT_COLUMNS.map((c) => `"${c}"`).join(", "));
  await prisma.$executeRaw`
    INSERT INTO "ActivityEvent" (${columns})
    SELECT ${columns} FROM json_populate_recordset(NULL::"ActivityEvent", ${JSON.stringify(events)}::json)`;
}

function laterUse(uses: Map<string, LastUse>, use: LastUse) {
  const key = `${use.accountId} ${use.id}`;
  const known = uses.get(key);
  if (!known || known.date < use.date) uses.set(key, use);
}

/**
 * Runs `work` with the events of its calls written together when it ends, and each access key's
 * and role's last use written once. For a history made in one go (the demo account's): one
 * insert for thousands of events instead of one per call. Calls inside do not see each other's
 * events or last-used dates until the end.
 */
export async function recordTogether<T>(work: () => Promise<T>): Promise<T> {
  if (batches.getStore()) return work();
  const batch: RecordingBatch = { events: [], keys: new Map(), roles: new Map(), memo: new Map() };
  try {
    return await batches.run(batch, work);
  } finally {
    const prisma = await db();
    for (let i = 0; i < batch.events.length; i += EVENTS_PER_INSERT) await insertEvents(prisma, batch.events.slice(i, i + EVENTS_PER_INSERT));
    for (const use of batch.keys.values()) await recordKeyUse(prisma, use);
    for (const use of batch.roles.values()) await recordRoleUse(prisma, use);
  }
}

/**
 * What `load` gives, read once per recordTogether batch, and again after an IAM call in it has
 * changed something other than credentials; outside a batch, read every time.
 */
export function readOncePerBatch<T>(key: string, load: () => Promise<T>): Promise<T> {
  const memo = batches.getStore()?.memo;
  if (!memo) return load();
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) memo.set(key, (value = load()));
  return value;
}
