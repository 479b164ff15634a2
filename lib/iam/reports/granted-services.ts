import "server-only";
import { db, Prisma } from "@/lib/db";
import { parseArn } from "@/lib/iam/arns";
import { loadEntityPolicies, type PolicySource } from "@/lib/iam/principal-policies";
import { compilePolicy, type CompiledPolicy, type PolicyCatalog } from "@/lib/iam/policy";
import { actionMatches } from "@/lib/iam/policy/match";

/**
 * What access advisor reads: the services an entity's permissions policies grant, and when the
 * entity (or the entities behind a group or policy) last tried to use each of them.
 *
 *   grantedServices(policies: PermissionPolicy[], catalog: PolicyCatalog): GrantedService[]
 *   serviceNameOf(catalog: PolicyCatalog, serviceNamespace: string): string | undefined
 *   permissionPoliciesOf(accountId: string, entityArn: string): Promise<PermissionPolicy[] | undefined>
 *   lastAccessByService(accountId: string, identityArns: string[], since: Date, until: Date): Promise<ServiceLastAccess[]>
 *
 * Reading of AWS's rule ("services allowed by the entity's permissions policies", iam-facts §12):
 * a service is listed when some Allow statement of a permissions policy matches at least one of
 * its actions in the Service Authorization Reference, whatever the statement's Resource and
 * Condition. A Deny never takes a service off the list, just as AWS lists a service that a Deny
 * blocks: the report shows what policies allow, and an attempt that was denied still counts as
 * an access. Permissions boundaries, SCPs and resource policies grant nothing here. Actions are
 * expanded against the catalog, so a pattern naming no known action (`foo:*`) grants no service.
 */

export type PermissionPolicyType = "AWS managed" | "Customer managed" | "Inline";

export interface PermissionPolicy {
  /** Managed policies only. */
  policyArn?: string;
  policyName: string;
  policyType: PermissionPolicyType;
  /** The policy text, or its parsed JSON. */
  document: string | object;
  /** Where an inline policy is embedded (for a user's group policies, the group). */
  holder?: { type: "user" | "group" | "role"; name: string };
}

/** A policy as a report names it: the PermissionPolicy without its document. */
export type GrantingPolicy = Omit<PermissionPolicy, "document">;

export interface GrantedService {
  /** The service prefix, lowercase ("iam"). */
  serviceNamespace: string;
  /** As the Service Authorization Reference names it ("AWS Identity and Access Management"). */
  serviceName: string;
  /** The policies with an Allow for some action of the service, in the order given. */
  policies: GrantingPolicy[];
  /** The service's actions some Allow matches, as `prefix:Action` with AWS's casing, sorted. */
  actions: string[];
}

export interface ServiceLastAccess {
  serviceNamespace: string;
  /** The latest attempt (allowed or denied) in the period. */
  lastAuthenticated: Date;
  /** The identity (user, role or root ARN) that made it. */
  lastAuthenticatedEntity: string;
  lastAuthenticatedRegion: string | null;
  /** How many of the given identities attempted the service in the period. */
  totalAuthenticatedEntities: number;
  /** Per action (the event name, AWS-cased: "ListUsers"), its latest attempt; newest first. */
  actions: ActionLastAccess[];
  /** Per identity, its latest attempt of the service; newest first. */
  entities: { identityArn: string; lastAuthenticated: Date }[];
}

export interface ActionLastAccess {
  actionName: string;
  lastAccessedTime: Date;
  lastAccessedEntity: string;
  lastAccessedRegion: string | null;
}

// ---- Services granted by policies -----------------------------------------------------------

/** Where access advisor names a service otherwise than the Service Authorization Reference. */
const ACCESS_ADVISOR_NAMES: Record<string, string> = { iam: "AWS Identity and Access Management" };

/** The service's name as access advisor shows it ("AWS Identity and Access Management", "Amazon S3"). */
export function serviceNameOf(catalog: PolicyCatalog, serviceNamespace: string): string | undefined {
  return ACCESS_ADVISOR_NAMES[serviceNamespace] ?? catalog.service(serviceNamespace)?.name;
}

/** Per policy document: service prefix → the lowercase action names its Allow statements match. */
const grantsCache = new WeakMap<PolicyCatalog, WeakMap<CompiledPolicy, Map<string, Set<string>>>>();

function grantsOf(policy: CompiledPolicy, catalog: PolicyCatalog): Map<string, Set<string>> {
  let byPolicy = grantsCache.get(catalog);
  if (!byPolicy) grantsCache.set(catalog, (byPolicy = new WeakMap()));
  let grants = byPolicy.get(policy);
  if (grants) return grants;
  grants = new Map();
  for (const statement of policy.statements) {
    if (!statement.usable || statement.effect !== "Allow") continue;
    const { element, patterns } = statement.action;
    // Only NotAction and patterns with a wildcard prefix can reach every service.
    const named = patterns.map((p) => p.service);
    const prefixes = element === "NotAction" || named.includes(undefined) ? catalog.prefixes : [...new Set(named as string[])];
    for (const prefix of prefixes) {
      const service = catalog.service(prefix);
      if (!service) continue;
      let granted = grants.get(service.prefix);
      for (const [lower] of service.actions) {
        if (granted?.has(lower) || !actionMatches(statement.action, `${service.prefix}:${lower}`)) continue;
        if (!granted) grants.set(service.prefix, (granted = new Set()));
        granted.add(lower);
      }
    }
  }
  byPolicy.set(policy, grants);
  return grants;
}

/** The services the policies allow at least one action of, by service name. */
export function grantedServices(policies: readonly PermissionPolicy[], catalog: PolicyCatalog): GrantedService[] {
  const byPrefix = new Map<string, { policies: GrantingPolicy[]; actions: Set<string> }>();
  for (const policy of policies) {
    const { document, ...named } = policy;
    for (const [prefix, actions] of grantsOf(compilePolicy(document), catalog)) {
      let entry = byPrefix.get(prefix);
      if (!entry) byPrefix.set(prefix, (entry = { policies: [], actions: new Set() }));
      entry.policies.push(named);
      for (const action of actions) entry.actions.add(action);
    }
  }
  const services: GrantedService[] = [];
  for (const [prefix, entry] of byPrefix) {
    const service = catalog.service(prefix);
    if (!service) continue;
    const actions = [...entry.actions].map((lower) => `${service.prefix}:${service.actions.get(lower)?.name ?? lower}`).sort();
    services.push({ serviceNamespace: service.prefix, serviceName: serviceNameOf(catalog, service.prefix) ?? service.name, policies: entry.policies, actions });
  }
  return services.sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.serviceNamespace.localeCompare(b.serviceNamespace));
}

// ---- The permissions policies of an entity -------------------------------------------------

function toPermissionPolicy(source: PolicySource): PermissionPolicy {
  if (source.type === "aws-managed" || source.type === "user-managed") {
    return { policyArn: source.id, policyName: source.name, policyType: source.type === "aws-managed" ? "AWS managed" : "Customer managed", document: source.document, holder: source.holder };
  }
  return { policyName: source.name, policyType: "Inline", document: source.document, holder: source.holder };
}

/**
 * The permissions policies of a user (its own and its groups'), group or role, or a managed
 * policy itself; undefined when the ARN names nothing that exists in the account. Permissions
 * boundaries are left out, as AWS leaves them out of access advisor, and so is the grant that
 * the account password policy gives every user (it is no policy).
 */
export async function permissionPoliciesOf(accountId: string, entityArn: string): Promise<PermissionPolicy[] | undefined> {
  const parsed = parseArn(entityArn);
  if (!parsed || parsed.service !== "iam") return undefined;
  const kind = parsed.resource.slice(0, parsed.resource.indexOf("/"));
  const prisma = await db();
  if (kind === "policy") {
    if (parsed.account !== "aws" && parsed.account !== accountId) return undefined;
    const policy = await prisma.policy.findUnique({
      where: { arn: entityArn },
      select: { name: true, accountId: true, defaultVersionId: true, versions: { select: { versionId: true, document: true } } },
    });
    if (!policy || (policy.accountId !== null && policy.accountId !== accountId)) return undefined;
    const version = policy.versions.find((v) => v.versionId === policy.defaultVersionId);
    if (!version) return undefined;
    return [{ policyArn: entityArn, policyName: policy.name, policyType: policy.accountId ? "Customer managed" : "AWS managed", document: version.document }];
  }
  if (parsed.account !== accountId || (kind !== "user" && kind !== "group" && kind !== "role")) return undefined;
  const where = { arn: entityArn, accountId };
  const row =
    kind === "user"
      ? await prisma.user.findFirst({ where, select: { id: true } })
      : kind === "group"
        ? await prisma.group.findFirst({ where, select: { id: true } })
        : await prisma.role.findFirst({ where, select: { id: true } });
  if (!row) return undefined;
  const loaded = await loadEntityPolicies(prisma, { type: kind, id: row.id });
  return loaded?.identity.filter((p) => !p.origin).map(toPermissionPolicy);
}

// ---- Last access from activity events ------------------------------------------------------

/**
 * The latest attempt per service (and per action and identity) by any of the identities from
 * `since` up to `until`, allowed or denied. Sign-in events and calls made without credentials
 * are not access to a service and are left out. Services never attempted are absent.
 */
export async function lastAccessByService(accountId: string, identityArns: readonly string[], since: Date, until: Date): Promise<ServiceLastAccess[]> {
  if (identityArns.length === 0) return [];
  const prisma = await db();
  // One row per (service, identity, action) with its latest attempt and that attempt's Region.
  const rows = await prisma.$queryRaw<{ service: string; identity: string; action: string; at: Date; region: string | null }[]>(Prisma.sql`
    SELECT DISTINCT ON ("serviceNamespace", "identityArn", "eventName")
      "serviceNamespace" AS service, "identityArn" AS identity, "eventName" AS action, "eventTime" AS at, "awsRegion" AS region
    FROM "ActivityEvent"
    WHERE "accountId" = ${accountId}
      AND "identityArn" IN (${Prisma.join(identityArns)})
      AND "serviceNamespace" <> 'signin'
      AND "eventTime" >= ${since} AND "eventTime" <= ${until}
    ORDER BY "serviceNamespace", "identityArn", "eventName", "eventTime" DESC, id DESC`);
  const byService = new Map<string, { actions: Map<string, ActionLastAccess>; entities: Map<string, Date>; latest?: ActionLastAccess }>();
  for (const row of rows) {
    let entry = byService.get(row.service);
    if (!entry) byService.set(row.service, (entry = { actions: new Map(), entities: new Map() }));
    const attempt: ActionLastAccess = { actionName: row.action, lastAccessedTime: row.at, lastAccessedEntity: row.identity, lastAccessedRegion: row.region };
    const action = entry.actions.get(row.action);
    if (!action || action.lastAccessedTime < row.at) entry.actions.set(row.action, attempt);
    const entity = entry.entities.get(row.identity);
    if (!entity || entity < row.at) entry.entities.set(row.identity, row.at);
    if (!entry.latest || entry.latest.lastAccessedTime < row.at) entry.latest = attempt;
  }
  const newestFirst = (a: Date, b: Date) => b.getTime() - a.getTime();
  return [...byService].map(([serviceNamespace, entry]) => {
    const latest = entry.latest as ActionLastAccess;
    return {
      serviceNamespace,
      lastAuthenticated: latest.lastAccessedTime,
      lastAuthenticatedEntity: latest.lastAccessedEntity,
      lastAuthenticatedRegion: latest.lastAccessedRegion,
      totalAuthenticatedEntities: entry.entities.size,
      actions: [...entry.actions.values()].sort((a, b) => newestFirst(a.lastAccessedTime, b.lastAccessedTime) || a.actionName.localeCompare(b.actionName)),
      entities: [...entry.entities]
        .map(([identityArn, lastAuthenticated]) => ({ identityArn, lastAuthenticated }))
        .sort((a, b) => newestFirst(a.lastAuthenticated, b.lastAuthenticated) || a.identityArn.localeCompare(b.identityArn)),
    };
  });
}
