import "server-only";
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
  /** "iam.amazonaws.com" or "sts.amazonaws.com". */
  eventSource?: string;
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

export async function operation<T>(caller: Caller, spec: OperationSpec, fn: () => Promise<T>): Promise<T> {
  let errorCode: string | undefined;
  let errorMessage: string | undefined;
  try {
    return await fn();
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
    await recordEvent(caller, spec, errorCode, errorMessage);
  }
}

async function recordEvent(caller: Caller, spec: OperationSpec, errorCode?: string, errorMessage?: string) {
  const prisma = await db();
  await prisma.activityEvent.create({
    data: {
      accountId: caller.accountId,
      eventTime: caller.now,
      requestId: randomUUID(),
      eventSource: spec.eventSource ?? "iam.amazonaws.com",
      eventName: spec.eventName,
      principalArn: caller.principalArn,
      principalId: caller.principalId,
      principalType: identityType(caller),
      accessKeyId: caller.accessKeyId,
      sourceIp: caller.sourceIp,
      userAgent: caller.userAgent,
      requestParameters: spec.params ? (redact(spec.params) as Prisma.InputJsonValue) : undefined,
      errorCode,
      errorMessage,
      readOnly: spec.readOnly,
      mfaAuthenticated: caller.mfaPresent ?? false,
    },
  });
}
