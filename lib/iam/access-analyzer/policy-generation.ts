import "server-only";
import { db } from "@/lib/db";
import { policySize, POLICY_SIZE_QUOTAS, validatePolicy, type PolicyCatalog } from "@/lib/iam/policy";
import { operation } from "../activity";
import { parseArn } from "../arns";
import { authorize } from "../authorize";
import type { Caller } from "../caller";
import { IamError } from "../errors";
import { policyCatalog } from "../policy-catalog";
import { resourceTagContext, toTags } from "../tags";

// Generate policy from activity: IAM Access Analyzer's StartPolicyGeneration and
// GetGeneratedPolicy in one call. AWS reads a CloudTrail trail; here the trail is the activity
// events every call records (docs/decisions/011). The policy allows each action the user or
// role called in the time range, allowed or denied (a denied call is one the principal needed),
// on the resources the calls named.
//
// Rules:
//  - Events of the principal: identityArn is the user's or role's ARN, so a role's sessions
//    count for the role. Sign-in events (signin.amazonaws.com) grant nothing and are left out,
//    and so are the console's own calls that are not IAM actions (the dashboard's summary).
//  - Actions are "service:Action" as the Service Authorization Reference writes them.
//  - Resources: the ARNs the calls were authorized against, when the action supports
//    resource-level permissions and the ARN is one of the service's resource ARNs; otherwise
//    (no resource types, a call that named "*", or none) "*".
//  - One statement per service and set of resources, sorted; Sids name the service. A policy
//    over the managed policy quota (6,144 characters) is split into several, as AWS returns a
//    list of generated policies.
//
// Permissions: access-analyzer:StartPolicyGeneration on "*", and iam:GetUser or iam:GetRole on
// the principal (AWS's console reads the entity the same way).

/** Access Analyzer's longest analysis period. */
export const POLICY_GENERATION_MAX_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const PRINCIPAL_ARN_PATTERN = /^arn:[^:]*:iam::[^:]*:(role|user)\/.{1,576}$/;
const POLICY_VERSION = "2012-10-17";
/** Services whose events are not calls to AWS APIs a policy can allow. */
const NOT_POLICY_ACTIONS = new Set(["signin"]);

export interface GeneratePolicyFromActivityInput {
  /** The user or role whose activity is read. */
  principalArn: string;
  startTime: Date;
  /** The current time when absent. */
  endTime?: Date;
}

export interface GeneratedPolicy {
  /** The policy document (JSON). */
  policy: string;
}

export interface GeneratedPolicyProperties {
  principalArn: string;
  /** False when some activity could not be turned into actions (a service the catalog does not know). */
  isComplete: boolean;
  cloudTrailProperties: { startTime: Date; endTime: Date };
}

export interface ActionActivity {
  /** "iam:ListUsers" */
  action: string;
  /** The resources the generated policy names for it. */
  resources: string[];
  /** Calls in the range, and how many of them were denied. */
  calls: number;
  denied: number;
}

export interface ServiceActivity {
  serviceNamespace: string;
  serviceName: string;
  actions: ActionActivity[];
}

export interface GeneratePolicyFromActivityOutput {
  /** Empty when the principal made no calls in the range. */
  generatedPolicies: GeneratedPolicy[];
  properties: GeneratedPolicyProperties;
  /** What the policy was built from, per service in policy order. */
  serviceActions: ServiceActivity[];
}

function invalid(message: string): IamError {
  return new IamError("ValidationException", message);
}

function checkTime(value: Date | undefined, member: string): Date | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(`${member} must be a valid timestamp.`);
  return value;
}

export function generatePolicyFromActivity(caller: Caller, input: GeneratePolicyFromActivityInput): Promise<GeneratePolicyFromActivityOutput> {
  // An invalid Date cannot be written as a timestamp: the event keeps what was sent.
  const recorded = (value: Date) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value : String(value));
  const params = {
    policyGenerationDetails: { principalArn: input.principalArn },
    cloudTrailDetails: { startTime: recorded(input.startTime), ...(input.endTime ? { endTime: recorded(input.endTime) } : {}) },
  };
  return operation(caller, { eventName: "StartPolicyGeneration", eventSource: "access-analyzer.amazonaws.com", readOnly: false, params }, async () => {
    const principalArn = input.principalArn;
    if (typeof principalArn !== "string" || !PRINCIPAL_ARN_PATTERN.test(principalArn)) {
      throw invalid(
        `1 validation error detected: Value '${principalArn}' at 'policyGenerationDetails.principalArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[^:]*:iam::[^:]*:(role|user)/.{1,576}`,
      );
    }
    const startTime = checkTime(input.startTime, "startTime");
    if (!startTime) throw invalid("startTime is required.");
    const endTime = checkTime(input.endTime, "endTime") ?? caller.now;
    if (startTime.getTime() >= endTime.getTime()) throw invalid("The start time must be before the end time.");
    if (startTime.getTime() > caller.now.getTime()) throw invalid("The start time must not be in the future.");
    if (endTime.getTime() - startTime.getTime() > POLICY_GENERATION_MAX_DAYS * DAY_MS) {
      throw invalid(`The time range must not be longer than ${POLICY_GENERATION_MAX_DAYS} days.`);
    }

    await authorize(caller, "access-analyzer:StartPolicyGeneration", "*");
    const kind = parseArn(principalArn)?.resource.startsWith("role/") ? "role" : "user";
    const prisma = await db();
    const where = { accountId: caller.accountId, arn: principalArn };
    const select = { tags: { select: { key: true, value: true } } } as const;
    const entity = kind === "user" ? await prisma.user.findFirst({ where, select }) : await prisma.role.findFirst({ where, select });
    await authorize(caller, kind === "user" ? "iam:GetUser" : "iam:GetRole", principalArn, { context: entity ? resourceTagContext(toTags(entity.tags)) : {} });
    if (!entity) throw new IamError("ResourceNotFoundException", `The ${kind} ${principalArn} was not found.`);

    const rows = await prisma.activityEvent.groupBy({
      by: ["serviceNamespace", "eventName", "resourceArn", "errorCode"],
      where: { accountId: caller.accountId, identityArn: principalArn, eventTime: { gte: startTime, lte: endTime } },
      _count: { _all: true },
    });
    const catalog = await policyCatalog();
    const { services, unidentified } = actionsOf(rows, catalog);
    const generatedPolicies = buildPolicies(services).map((document) => {
      const policy = JSON.stringify(document, null, 4);
      const errors = validatePolicy(policy, "IDENTITY_POLICY", { iamDocument: "managed", catalog }).findings.filter((f) => f.findingType === "ERROR");
      if (errors.length > 0) throw new Error(`The generated policy has errors: ${errors.map((e) => e.issueCode).join(", ")}`);
      return { policy };
    });
    return {
      generatedPolicies,
      properties: { principalArn, isComplete: unidentified === 0, cloudTrailProperties: { startTime, endTime } },
      serviceActions: services,
    };
  });
}

// ---- From events to actions and resources ------------------------------------------------------

interface EventGroup {
  serviceNamespace: string;
  eventName: string;
  resourceArn: string | null;
  errorCode: string | null;
  _count: { _all: number };
}

interface ActionUse {
  action: string;
  star: boolean;
  arns: Set<string>;
  calls: number;
  denied: number;
}

function actionsOf(rows: readonly EventGroup[], catalog: PolicyCatalog): { services: ServiceActivity[]; unidentified: number } {
  const byService = new Map<string, { name: string; actions: Map<string, ActionUse> }>();
  let unidentified = 0;
  for (const row of rows) {
    if (NOT_POLICY_ACTIONS.has(row.serviceNamespace)) continue;
    const service = catalog.service(row.serviceNamespace);
    if (!service) {
      unidentified += row._count._all;
      continue;
    }
    const action = service.actions.get(row.eventName.toLowerCase());
    // The console's own calls (composites of several IAM actions) are not actions.
    if (!action) continue;
    const name = `${service.prefix}:${action.name}`;
    let entry = byService.get(service.prefix);
    if (!entry) byService.set(service.prefix, (entry = { name: service.name, actions: new Map() }));
    let use = entry.actions.get(name);
    if (!use) entry.actions.set(name, (use = { action: name, star: action.resourceTypes.length === 0, arns: new Set(), calls: 0, denied: 0 }));
    use.calls += row._count._all;
    if (row.errorCode === "AccessDenied") use.denied += row._count._all;
    if (row.resourceArn === "*") use.star = true;
    else if (row.resourceArn && !use.star) {
      if (isResourceOf(name, row.resourceArn, catalog)) use.arns.add(row.resourceArn);
      else use.star = true;
    }
  }
  const services = [...byService.entries()]
    .sort(([a], [b]) => compare(a, b))
    .map(([prefix, { name, actions }]) => ({
      serviceNamespace: prefix,
      serviceName: name,
      actions: [...actions.values()]
        .sort((a, b) => compare(a.action, b.action))
        .map((u) => ({ action: u.action, resources: u.star || u.arns.size === 0 ? ["*"] : [...u.arns].sort(compare), calls: u.calls, denied: u.denied })),
    }));
  return { services, unidentified };
}

/** The ARN names a resource the validator recognises for the action's service (no error when allowed on it). */
function isResourceOf(action: string, arn: string, catalog: PolicyCatalog): boolean {
  const probe = JSON.stringify({ Version: POLICY_VERSION, Statement: [{ Effect: "Allow", Action: action, Resource: arn }] });
  return !validatePolicy(probe, "IDENTITY_POLICY", { catalog }).findings.some((f) => f.findingType === "ERROR");
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---- Statements and policies -----------------------------------------------------------------

interface Statement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
}

interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}

const SIZE_LIMIT = POLICY_SIZE_QUOTAS.managed;
/** Room a statement leaves for the policy around it and its Sid. */
const STATEMENT_MARGIN = 120;

function sidPrefix(servicePrefix: string): string {
  return servicePrefix
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function buildPolicies(services: readonly ServiceActivity[]): PolicyDocument[] {
  const statements: Statement[] = [];
  for (const service of services) {
    // Actions that share their resources share a statement; "*" first, then by resources.
    const groups = new Map<string, { resources: string[]; actions: string[] }>();
    for (const a of service.actions) {
      const key = a.resources.join("\n");
      const group = groups.get(key) ?? { resources: a.resources, actions: [] };
      group.actions.push(a.action);
      groups.set(key, group);
    }
    const ordered = [...groups.entries()].sort(([a], [b]) => (a === "*" ? -1 : b === "*" ? 1 : compare(a, b))).map(([, g]) => g);
    const parts = ordered.flatMap((g) => fit(g.actions, g.resources));
    const prefix = sidPrefix(service.serviceNamespace);
    parts.forEach((p, i) => {
      statements.push({
        Sid: `${prefix}Access${i === 0 ? "" : i + 1}`,
        Effect: "Allow",
        Action: p.actions,
        Resource: p.resources.length === 1 && p.resources[0] === "*" ? "*" : p.resources,
      });
    });
  }
  // Statements in order, into as few policies as the size quota allows.
  const policies: PolicyDocument[] = [];
  let current: Statement[] = [];
  for (const s of statements) {
    if (current.length > 0 && policySize(JSON.stringify({ Version: POLICY_VERSION, Statement: [...current, s] })) > SIZE_LIMIT) {
      policies.push({ Version: POLICY_VERSION, Statement: current });
      current = [];
    }
    current.push(s);
  }
  if (current.length > 0) policies.push({ Version: POLICY_VERSION, Statement: current });
  return policies;
}

/** A statement's actions and resources, split in halves until each part fits in a policy. */
function fit(actions: string[], resources: string[]): { actions: string[]; resources: string[] }[] {
  const size = policySize(JSON.stringify({ Effect: "Allow", Action: actions, Resource: resources }));
  if (size <= SIZE_LIMIT - STATEMENT_MARGIN || (actions.length <= 1 && resources.length <= 1)) return [{ actions, resources }];
  if (resources.length >= actions.length) {
    const half = Math.ceil(resources.length / 2);
    return [...fit(actions, resources.slice(0, half)), ...fit(actions, resources.slice(half))];
  }
  const half = Math.ceil(actions.length / 2);
  return [...fit(actions.slice(0, half), resources), ...fit(actions.slice(half), resources)];
}
