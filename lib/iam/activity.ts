import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { db, Prisma } from "@/lib/db";
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

async function recordEvent(caller: Caller, spec: OperationSpec, errorCode?: string, errorMessage?: string, resourceArn?: string) {
  const prisma = await db();
  const eventSource = spec.eventSource ?? "iam.amazonaws.com";
  const serviceNamespace = serviceNamespaceOf(eventSource);
  const global = GLOBAL_SERVICES.has(serviceNamespace);
  const awsRegion = global ? GLOBAL_SERVICE_REGION : (spec.region ?? caller.region ?? GLOBAL_SERVICE_REGION);
  await prisma.activityEvent.create({
    data: {
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
    },
  });
  // Last-used data moves forward only, so history recorded out of order cannot turn it back.
  const usedBefore = { OR: [{ lastUsedDate: null }, { lastUsedDate: { lt: caller.now } }] };
  if (caller.accessKeyId) {
    await prisma.accessKey.updateMany({
      where: { id: caller.accessKeyId, accountId: caller.accountId, ...usedBefore },
      data: { lastUsedDate: caller.now, lastUsedServiceName: serviceNamespace, lastUsedRegion: global ? null : awsRegion },
    });
  }
  if (caller.roleArn) {
    await prisma.role.updateMany({
      where: { arn: caller.roleArn, accountId: caller.accountId, ...usedBefore },
      data: { lastUsedDate: caller.now, lastUsedRegion: awsRegion },
    });
  }
}
