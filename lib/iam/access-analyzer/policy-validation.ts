import "server-only";
import { db, type Db } from "@/lib/db";
import { validatePolicy, type Finding, type FindingType, type IamDocumentKind } from "@/lib/iam/policy";
import { hashText } from "@/lib/iam/policy/hash";
import { operation } from "../activity";
import { listResourceArn } from "../arns";
import { authorize, type ExtraContext } from "../authorize";
import { isRoot, type Caller } from "../caller";
import { IamError, isIamError } from "../errors";
import { decodeMarker, encodeMarker, maxItems, type PageInput, type PageOutput } from "../paging";
import { policyCatalog } from "../policy-catalog";
import { loadPrincipalPolicies, type PrincipalPolicies } from "../principal-policies";
import { resourceTagContext, toTags } from "../tags";

// Policy validation findings for the whole account: IAM Access Analyzer's ValidatePolicy run over
// every customer managed policy (its default version) and every inline policy of the account's
// users, groups and roles, as the IAM console does policy by policy. The findings are the
// validator's own (lib/iam/policy), with their locations in the stored document.
//
// Permissions: access-analyzer:ValidatePolicy on "*" for the call, and for each kind of policy
// the IAM reads the console would make to fetch the documents:
//   customer managed   iam:ListPolicies on "*", iam:GetPolicyVersion on each policy
//   users' inline      iam:ListUsers, then iam:ListUserPolicies and iam:GetUserPolicy on each user
//   groups' inline     iam:ListGroups, then iam:ListGroupPolicies and iam:GetGroupPolicy on each group
//   roles' inline      iam:ListRoles, then iam:ListRolePolicies and iam:GetRolePolicy on each role
// A read that is denied leaves those policies out and is reported (`unreadable`), so the rest of
// the account is still validated.

export const FINDING_TYPES = ["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"] as const satisfies readonly FindingType[];

/** The policies validated: customer managed ones, or those embedded in a user, group or role. */
export const VALIDATED_POLICY_TYPES = ["CUSTOMER_MANAGED", "INLINE"] as const;
export type ValidatedPolicyType = (typeof VALIDATED_POLICY_TYPES)[number];

export type InlinePolicyOwnerType = "User" | "Group" | "Role";

/** Where the policies of one kind are read from. */
export type PolicySourceKind = "CustomerManaged" | InlinePolicyOwnerType;

export interface ListPolicyValidationFindingsInput extends PageInput {
  /** Only policies with findings of this type, and only those findings. */
  findingType?: FindingType;
  policyType?: ValidatedPolicyType;
}

export interface PolicyValidationResult {
  policyName: string;
  policyType: ValidatedPolicyType;
  /** A customer managed policy's ARN. */
  policyArn?: string;
  /** The version validated: a customer managed policy's default version. */
  versionId?: string;
  /** The user, group or role an inline policy is embedded in. */
  owner?: { entityType: InlinePolicyOwnerType; name: string; arn: string };
  /** The document as stored; the findings' locations point into it. */
  policyDocument: string;
  /** Findings of each type in the whole document, whatever the findingType filter. */
  findingCounts: Record<FindingType, number>;
  /** In document order. */
  findings: Finding[];
}

export interface UnreadablePolicies {
  source: PolicySourceKind;
  /** The action that was denied, e.g. "iam:ListUsers". */
  action: string;
  /** AWS's AccessDenied message (the first denial of that kind). */
  message: string;
}

export interface ListPolicyValidationFindingsOutput extends PageOutput {
  policies: PolicyValidationResult[];
  unreadable: UnreadablePolicies[];
}

const POLICY_TYPE_OF: Record<PolicySourceKind, ValidatedPolicyType> = {
  CustomerManaged: "CUSTOMER_MANAGED",
  User: "INLINE",
  Group: "INLINE",
  Role: "INLINE",
};

const IAM_DOCUMENT: Record<PolicySourceKind, IamDocumentKind> = {
  CustomerManaged: "managed",
  User: "inline-user",
  Group: "inline-group",
  Role: "inline-role",
};

const SOURCE_ORDER: readonly PolicySourceKind[] = ["CustomerManaged", "User", "Group", "Role"];

function checkChoice<T extends string>(value: string | undefined, member: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new IamError("ValidationException", `Invalid ${member}: ${value}. Valid values: ${allowed.join(", ")}.`);
}

export function listPolicyValidationFindings(caller: Caller, input: ListPolicyValidationFindingsInput = {}): Promise<ListPolicyValidationFindingsOutput> {
  return operation(
    caller,
    { eventName: "ValidatePolicy", eventSource: "access-analyzer.amazonaws.com", readOnly: true, params: { ...input } },
    async () => {
      const findingType = checkChoice(input.findingType, "findingType", FINDING_TYPES);
      const policyType = checkChoice(input.policyType, "policyType", VALIDATED_POLICY_TYPES);
      const limit = maxItems(input);
      const after = decodeMarker(input.Marker);
      await authorize(caller, "access-analyzer:ValidatePolicy", "*");

      const prisma = await db();
      const reader = new PolicyReader(caller, prisma, isRoot(caller) ? undefined : await loadPrincipalPolicies(prisma, caller));
      const sources = SOURCE_ORDER.filter((s) => !policyType || POLICY_TYPE_OF[s] === policyType);
      const documents = (await Promise.all(sources.map((s) => reader.read(s)))).flat();

      const catalog = await policyCatalog();
      const results: { key: string; result: PolicyValidationResult }[] = [];
      for (const doc of documents) {
        const all = findingsOf(doc.document, IAM_DOCUMENT[doc.source], catalog);
        const findings = findingType ? all.filter((f) => f.findingType === findingType) : all;
        if (findingType && findings.length === 0) continue;
        results.push({ key: doc.key, result: { ...doc.result, policyDocument: doc.document, findingCounts: countByType(all), findings } });
      }
      results.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const rest = after === undefined ? results : results.filter((r) => r.key > after);
      const page = rest.slice(0, limit);
      const truncated = rest.length > limit;
      return {
        policies: page.map((r) => r.result),
        unreadable: [...reader.unreadable].sort((x, y) => SOURCE_ORDER.indexOf(x.source) - SOURCE_ORDER.indexOf(y.source)),
        IsTruncated: truncated,
        ...(truncated ? { Marker: encodeMarker(page[page.length - 1].key) } : {}),
      };
    },
  );
}

function countByType(findings: readonly Finding[]): Record<FindingType, number> {
  const counts: Record<FindingType, number> = { ERROR: 0, SECURITY_WARNING: 0, WARNING: 0, SUGGESTION: 0 };
  for (const f of findings) counts[f.findingType]++;
  return counts;
}

// ---- Validation, cached by document ----------------------------------------------------------

// Findings depend only on the text, the kind of document and the catalog (fixed for the life of
// the process), so documents seen before are not validated again.
const FINDINGS_CACHE_LIMIT = 5000;
const findingsCache = new Map<string, Finding[]>();

function findingsOf(document: string, kind: IamDocumentKind, catalog: Awaited<ReturnType<typeof policyCatalog>>): Finding[] {
  const key = `${kind}:${hashText(document)}`;
  const cached = findingsCache.get(key);
  if (cached) return cached;
  const { findings } = validatePolicy(document, "IDENTITY_POLICY", { iamDocument: kind, catalog });
  if (findingsCache.size >= FINDINGS_CACHE_LIMIT) findingsCache.delete(findingsCache.keys().next().value as string);
  findingsCache.set(key, findings);
  return findings;
}

// ---- Reading the documents the caller may read -----------------------------------------------

interface ReadDocument {
  source: PolicySourceKind;
  /** Orders the results and keys the Marker: name, then kind, then owner. */
  key: string;
  document: string;
  result: Omit<PolicyValidationResult, "policyDocument" | "findingCounts" | "findings">;
}

const sortKey = (...parts: string[]) => parts.join("\u0000");

class PolicyReader {
  readonly unreadable: UnreadablePolicies[] = [];

  constructor(
    private readonly caller: Caller,
    private readonly prisma: Db,
    private readonly policies: PrincipalPolicies | undefined,
  ) {}

  /** Whether the caller may do this; a denial is noted once for the kind of policy. */
  private async allowed(source: PolicySourceKind, action: string, resource: string, context?: ExtraContext): Promise<boolean> {
    try {
      await authorize(this.caller, action, resource, { policies: this.policies, context });
      return true;
    } catch (err) {
      if (!isIamError(err) || err.code !== "AccessDenied") throw err;
      if (!this.unreadable.some((u) => u.source === source)) this.unreadable.push({ source, action, message: err.message });
      return false;
    }
  }

  read(source: PolicySourceKind): Promise<ReadDocument[]> {
    return source === "CustomerManaged" ? this.managed() : this.inline(source);
  }

  private async managed(): Promise<ReadDocument[]> {
    if (!(await this.allowed("CustomerManaged", "iam:ListPolicies", "*"))) return [];
    const rows = await this.prisma.policy.findMany({
      where: { accountId: this.caller.accountId },
      select: { name: true, arn: true, defaultVersionId: true, tags: { select: { key: true, value: true } }, versions: { select: { versionId: true, document: true } } },
    });
    const out: ReadDocument[] = [];
    for (const row of rows) {
      const version = row.versions.find((v) => v.versionId === row.defaultVersionId);
      if (!version) continue;
      if (!(await this.allowed("CustomerManaged", "iam:GetPolicyVersion", row.arn, resourceTagContext(toTags(row.tags))))) continue;
      out.push({
        source: "CustomerManaged",
        key: sortKey(row.name.toLowerCase(), "0", row.arn),
        document: version.document,
        result: { policyName: row.name, policyType: "CUSTOMER_MANAGED", policyArn: row.arn, versionId: row.defaultVersionId },
      });
    }
    return out;
  }

  private async inline(entityType: InlinePolicyOwnerType): Promise<ReadDocument[]> {
    const { caller } = this;
    const noun = entityType;
    const listArn = listResourceArn(caller.accountId, entityType === "User" ? "user" : entityType === "Group" ? "group" : "role");
    if (!(await this.allowed(entityType, `iam:List${noun}s`, listArn))) return [];
    const select = { name: true, arn: true, inlinePolicies: { select: { name: true, document: true } } } as const;
    const where = { accountId: caller.accountId, inlinePolicies: { some: {} } };
    const entities: { name: string; arn: string; tags: { key: string; value: string }[]; inlinePolicies: { name: string; document: string }[] }[] =
      entityType === "User"
        ? await this.prisma.user.findMany({ where, select: { ...select, tags: { select: { key: true, value: true } } } })
        : entityType === "Role"
          ? await this.prisma.role.findMany({ where, select: { ...select, tags: { select: { key: true, value: true } } } })
          : (await this.prisma.group.findMany({ where, select })).map((g) => ({ ...g, tags: [] }));
    const out: ReadDocument[] = [];
    for (const entity of entities) {
      const context = resourceTagContext(toTags(entity.tags));
      if (!(await this.allowed(entityType, `iam:List${noun}Policies`, entity.arn, context))) continue;
      if (!(await this.allowed(entityType, `iam:Get${noun}Policy`, entity.arn, context))) continue;
      for (const policy of entity.inlinePolicies) {
        out.push({
          source: entityType,
          key: sortKey(policy.name.toLowerCase(), String(SOURCE_ORDER.indexOf(entityType)), entity.name.toLowerCase(), entity.arn, policy.name),
          document: policy.document,
          result: { policyName: policy.name, policyType: "INLINE", owner: { entityType, name: entity.name, arn: entity.arn } },
        });
      }
    }
    return out;
  }
}
