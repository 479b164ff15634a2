// Reading and checking the inputs of the policy simulator APIs (SimulateCustomPolicy,
// SimulatePrincipalPolicy, GetContextKeysFor*Policy) in AWS's words. The messages are the
// ones the real API answers with, as captured from it (2026); the few marked "unverified"
// were not observed and follow the same pattern.

import { decodeBase64 } from "./conditions/binary";
import { parseDate } from "./conditions/date";
import { parseIpAddress } from "./conditions/ip";
import { parseNumber } from "./conditions/numeric";
import { parsePolicy } from "./parse";
import type { RequestContext } from "./types";
import { validatePolicy } from "./validate";

/** A rejected simulator input. lib/iam turns it into an IamError with the same code and message. */
export class SimulationInputError extends Error {
  readonly code: "InvalidInput" | "ValidationError";

  constructor(code: "InvalidInput" | "ValidationError", message: string) {
    super(message);
    this.name = "SimulationInputError";
    this.code = code;
  }
}

export const invalidInput = (message: string) => new SimulationInputError("InvalidInput", message);

/** Model-level checks, worded as AWS's request validation words them (no value is echoed). */
function validationError(member: string, constraint: string): SimulationInputError {
  return new SimulationInputError("ValidationError", `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`);
}

/** A required member the caller left out (botocore catches this first; the API answers so). */
export function requireMember<T>(value: T | undefined | null, member: string): T {
  if (value === undefined || value === null) {
    throw new SimulationInputError("ValidationError", `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

// ---- Context entries --------------------------------------------------------------------

export const CONTEXT_KEY_TYPES = [
  "string",
  "stringList",
  "numeric",
  "numericList",
  "boolean",
  "booleanList",
  "ip",
  "ipList",
  "binary",
  "binaryList",
  "date",
  "dateList",
] as const;
export type ContextKeyType = (typeof CONTEXT_KEY_TYPES)[number];

/** AWS's ContextEntry. Every member is optional in AWS's model. */
export interface ContextEntry {
  ContextKeyName?: string;
  ContextKeyValues?: string[];
  ContextKeyType?: ContextKeyType;
}

/** The order AWS lists the enum in its validation message. */
const TYPE_ENUM_TEXT = "[binary, ipList, booleanList, ip, boolean, numericList, dateList, numeric, date, stringList, string, binaryList]";

const VALUE_CHECKS: Partial<Record<string, { valid: (value: string) => boolean; expected: string }>> = {
  numeric: { valid: (v) => parseNumber(v) !== undefined, expected: "numeric format" },
  date: { valid: (v) => parseDate(v) !== undefined, expected: "DateTime format" },
  ip: { valid: (v) => parseIpAddress(v) !== undefined, expected: "IP address" },
  binary: { valid: (v) => decodeBase64(v) !== undefined, expected: "base-64 encoded binary format" },
};

export interface SimulationContext {
  /** The values the caller gave, by key as written. */
  context: RequestContext;
  /** Lower-cased names of the keys the caller gave: these are never reported missing. */
  supplied: Set<string>;
}

/**
 * ContextEntries → the request context. Scalar types take one value; typed values must parse
 * (numbers, dates, IP addresses, base64); booleans read as Java does (`true` in any case is
 * true, anything else false — unverified beyond "TRUE" and "yes" being accepted). A key may
 * appear once, case-insensitively.
 */
export function readContextEntries(entries: readonly ContextEntry[] | undefined): SimulationContext {
  const context: RequestContext = {};
  const supplied = new Set<string>();
  (entries ?? []).forEach((entry, i) => {
    const name = entry.ContextKeyName;
    const type = entry.ContextKeyType;
    if (type !== undefined && !(CONTEXT_KEY_TYPES as readonly string[]).includes(type)) {
      throw validationError(`contextEntries.${i + 1}.member.contextKeyType`, `Member must satisfy enum value set: ${TYPE_ENUM_TEXT}`);
    }
    if (name === undefined) return;
    const values = entry.ContextKeyValues ?? [];
    const base = (type ?? "string").replace(/List$/, "");
    const isList = type?.endsWith("List") ?? values.length > 1;
    if (!isList && values.length > 1) throw invalidInput(`Context key ${type ?? "string"} expected a single value, but received ${values.length}.`);
    const check = VALUE_CHECKS[base];
    for (const value of values) {
      if (check && !check.valid(value)) throw invalidInput(`Invalid context value for key ${name}: expected ${check.expected}.`);
    }
    if (supplied.has(name.toLowerCase())) throw invalidInput(`Duplicate context key: ${name}.`);
    supplied.add(name.toLowerCase());
    const normalized = base === "boolean" ? values.map((v) => (v.trim().toLowerCase() === "true" ? "true" : "false")) : values;
    context[name] = isList ? normalized : normalized[0];
  });
  return { context, supplied };
}

// ---- Other members ----------------------------------------------------------------------

export const DEFAULT_MAX_ITEMS = 100;

export function readMaxItems(maxItems: number | undefined): number {
  if (maxItems === undefined) return DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1) throw validationError("maxItems", "Member must have value greater than or equal to 1");
  if (maxItems > 1000) throw validationError("maxItems", "Member must have value less than or equal to 1000");
  return maxItems;
}

/** Markers are opaque: here they carry the index of the next action to simulate. */
export function encodeMarker(next: number): string {
  return btoa(JSON.stringify({ simulation: next }));
}

export function decodeMarker(marker: string | undefined): number {
  if (marker === undefined) return 0;
  try {
    const { simulation } = JSON.parse(atob(marker)) as { simulation?: unknown };
    if (typeof simulation === "number" && Number.isInteger(simulation) && simulation >= 0) return simulation;
  } catch {
    // fall through
  }
  throw invalidInput("Invalid marker for pagination.");
}

export function checkActionNames(actions: readonly string[]): void {
  for (const action of actions) if (!action.includes(":")) throw invalidInput("The action is invalid since it is missing names");
}

const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/s;

export function checkResourceArns(resources: readonly string[]): void {
  for (const resource of resources) {
    if (resource !== "*" && !ARN.test(resource)) throw invalidInput(`ResourceNames are not in a valid ARN format: ${resource}.`);
  }
}

const IAM_PRINCIPAL_ARN = /^arn:([^:]+):iam::(\d{12}):(user|role|group)\/(?:[^:]*\/)?([^/:]+)$/;

export interface CallerIdentity {
  arn: string;
  account: string;
  type: "user" | "role" | "group";
  name: string;
}

/** CallerArn: an IAM user, role or group ARN. */
export function readCallerArn(callerArn: string | undefined): CallerIdentity | undefined {
  if (callerArn === undefined) return undefined;
  const match = IAM_PRINCIPAL_ARN.exec(callerArn);
  if (!match) throw invalidInput("Invalid caller - Caller must be an IAM user, role or group in this context.");
  return { arn: callerArn, account: match[2], type: match[3] as CallerIdentity["type"], name: match[4] };
}

/** ResourceOwner: an IAM ARN whose account field names the owner (numeric IDs are refused). */
export function readResourceOwner(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const match = /^arn:[^:]+:iam::(\d{12}):.+$/.exec(owner);
  if (!match) throw invalidInput("Invalid Resource Owner.");
  return match[1];
}

/** The documents of a PolicyInputList-like member, each checked as an identity-based policy. */
export function readPolicyList(documents: readonly string[], describeItem: (n: number) => string): void {
  documents.forEach((document, i) => {
    if (!validatePolicy(document, "IDENTITY_POLICY").valid) throw invalidInput(`${describeItem(i + 1)} has invalid content`);
  });
}

export const policyInputItem = (n: number) => `Policy input list item ${n}`;
/** Unverified wording, patterned on the PolicyInputList message. */
export const boundaryInputItem = (n: number) => `Permissions boundary policy input list item ${n}`;

export function readBoundaryList(documents: readonly string[] | undefined): string | undefined {
  if (!documents || documents.length === 0) return undefined;
  if (documents.length > 1) throw invalidInput("The list of Permissions Boundary policies cannot exceed 1 items.");
  readPolicyList(documents, boundaryInputItem);
  return documents[0];
}

/**
 * ResourcePolicy: needs a caller for its Principal element and ARN-scoped resources, and may
 * not itself name the resource `*`.
 */
export function readResourcePolicy(document: string | undefined, caller: CallerIdentity | undefined, resources: readonly string[]): string | undefined {
  if (document === undefined) return undefined;
  if (!caller) throw invalidInput("Invalid caller - Caller cannot be null or empty.");
  if (resources.includes("*")) throw invalidInput("Invalid Entity Arn: * does not clearly define entity type and name.");
  // Unverified wording, patterned on the PolicyInputList message.
  if (!validatePolicy(document, "RESOURCE_POLICY").valid) throw invalidInput("Resource policy has invalid content");
  for (const statement of parsePolicy(document).policy?.statements ?? []) {
    for (const value of statement.resource?.values ?? []) {
      if (value.value === "*") throw invalidInput("ResourceNames are not in a valid ARN format: *.");
    }
  }
  return document;
}
