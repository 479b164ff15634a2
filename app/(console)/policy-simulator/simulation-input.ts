import { CONTEXT_KEY_TYPES, type ContextEntry, type ContextKeyType, type PolicyExclusion } from "@/lib/iam/policy";
import type { SimulateCustomPolicyInput, SimulatePrincipalPolicyInput } from "@/lib/iam/policy";

// The shape checks of the simulator's server actions: arguments arrive from the browser and
// may be anything. Only shape and size are checked here; what AWS checks (ARN formats, policy
// grammar, context values) is lib/iam's, with AWS's messages. Field names are the form's.

export type Read<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string> };

/** The simulator asks for at most this many actions at once (one SimulatePolicy page). */
export const MAX_ACTIONS = 1000;
export const MAX_RESOURCES = 100;
export const MAX_POLICIES = 10;
export const MAX_CONTEXT_ENTRIES = 100;
/** Far above any quota (10,240 characters for a role's inline policies): a bound on the request only. */
export const MAX_DOCUMENT_LENGTH = 131_072;

const EXCLUSION_TYPES = ["inline", "aws-managed", "user-managed", "permission-boundary"] as const;
const ATTACHMENT_TYPES = ["user", "group", "role"] as const;

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown, max: number, maxLength = 2048): value is string[] {
  return Array.isArray(value) && value.length <= max && value.every((v) => typeof v === "string" && v.length <= maxLength);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === "string" && (allowed as readonly string[]).includes(value);
}

export function readPolicySourceArn(value: unknown): Read<string> {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) {
    return { ok: false, fieldErrors: { principal: "Choose a user, user group or role." } };
  }
  return { ok: true, value };
}

export function readPolicyDocuments(value: unknown): Read<string[]> {
  if (!isStringArray(value, MAX_POLICIES, MAX_DOCUMENT_LENGTH)) {
    return { ok: false, fieldErrors: { policies: `Enter at most ${MAX_POLICIES} policies.` } };
  }
  if (value.length === 0) return { ok: false, fieldErrors: { policies: "Enter at least one policy." } };
  return { ok: true, value };
}

function readContextEntries(value: unknown): ContextEntry[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_CONTEXT_ENTRIES) return undefined;
  const entries: ContextEntry[] = [];
  for (const item of value) {
    if (!isObject(item)) return undefined;
    const { ContextKeyName: name, ContextKeyValues: values, ContextKeyType: type } = item;
    if (typeof name !== "string" || name.length > 256) return undefined;
    if (!isStringArray(values, 100, 4096)) return undefined;
    if (!oneOf<ContextKeyType>(type, CONTEXT_KEY_TYPES)) return undefined;
    entries.push({ ContextKeyName: name, ContextKeyValues: values, ContextKeyType: type });
  }
  return entries;
}

function readExclusions(value: unknown): PolicyExclusion[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > 100) return undefined;
  const exclusions: PolicyExclusion[] = [];
  for (const item of value) {
    if (!isObject(item)) return undefined;
    const exclusion: PolicyExclusion = {};
    if (item.PolicyType !== undefined) {
      if (!oneOf(item.PolicyType, EXCLUSION_TYPES)) return undefined;
      exclusion.PolicyType = item.PolicyType;
    }
    if (item.PolicyArn !== undefined) {
      if (typeof item.PolicyArn !== "string" || item.PolicyArn.length > 2048) return undefined;
      exclusion.PolicyArn = item.PolicyArn;
    }
    if (item.InlinePolicyIdentifier !== undefined) {
      const inline = item.InlinePolicyIdentifier;
      if (!isObject(inline)) return undefined;
      const { PolicyName, AttachmentType, AttachmentName } = inline;
      if (typeof PolicyName !== "string" || typeof AttachmentName !== "string" || !oneOf(AttachmentType, ATTACHMENT_TYPES)) return undefined;
      exclusion.InlinePolicyIdentifier = { PolicyName, AttachmentType, AttachmentName };
    }
    exclusions.push(exclusion);
  }
  return exclusions;
}

interface SharedMembers {
  ActionNames: string[];
  ResourceArns: string[];
  ContextEntries: ContextEntry[];
}

function readShared(input: Fields, fieldErrors: Record<string, string>): SharedMembers | undefined {
  const { ActionNames: actions, ResourceArns: resources } = input;
  if (!isStringArray(actions, MAX_ACTIONS, 256) || actions.length === 0) {
    fieldErrors.actions = Array.isArray(actions) && actions.length > MAX_ACTIONS ? `Choose at most ${MAX_ACTIONS.toLocaleString("en-US")} actions.` : "Choose at least one action.";
  }
  if (!isStringArray(resources, MAX_RESOURCES)) fieldErrors.resources = `Enter at most ${MAX_RESOURCES} resource ARNs.`;
  const context = readContextEntries(input.ContextEntries ?? []);
  if (!context) fieldErrors.contextKeys = "The context keys are not valid.";
  if (Object.keys(fieldErrors).length > 0) return undefined;
  return { ActionNames: actions as string[], ResourceArns: resources as string[], ContextEntries: context! };
}

export function readPrincipalSimulation(input: unknown): Read<SimulatePrincipalPolicyInput> {
  if (!isObject(input)) return { ok: false, fieldErrors: { principal: "Choose a user, user group or role." } };
  const fieldErrors: Record<string, string> = {};
  const arn = readPolicySourceArn(input.PolicySourceArn);
  if (!arn.ok) Object.assign(fieldErrors, arn.fieldErrors);
  const exclusions = readExclusions(input.PolicyExclusionList);
  if (!exclusions) fieldErrors.policies = "The policies to leave out are not valid.";
  const shared = readShared(input, fieldErrors);
  if (!shared || !arn.ok || !exclusions) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: { PolicySourceArn: arn.value, ...shared, ...(exclusions.length > 0 ? { PolicyExclusionList: exclusions } : {}), MaxItems: MAX_ACTIONS },
  };
}

export function readCustomSimulation(input: unknown): Read<SimulateCustomPolicyInput> {
  if (!isObject(input)) return { ok: false, fieldErrors: { policies: "Enter at least one policy." } };
  const fieldErrors: Record<string, string> = {};
  const documents = readPolicyDocuments(input.PolicyInputList);
  if (!documents.ok) Object.assign(fieldErrors, documents.fieldErrors);
  const shared = readShared(input, fieldErrors);
  if (!shared || !documents.ok) return { ok: false, fieldErrors };
  return { ok: true, value: { PolicyInputList: documents.value, ...shared, MaxItems: MAX_ACTIONS } };
}
