import type {
  ContextEntry,
  ContextKeyType,
  EvalDecision,
  ExplainedNearMiss,
  ExplainedStatement,
  PolicyExclusion,
  ResourceExplanation,
  SimulatePolicyResponse,
  SimulationStatement,
} from "@/lib/iam/policy";
import type { ConditionKeyType } from "@/lib/iam/policy/catalog";
import type { ListPoliciesForSimulationOutput, SimulationPolicyListing } from "@/lib/iam/simulator";

// The simulator page's pure parts: the form's values as the API's members, and the API's
// answer as table rows and editor highlights. No decisions are made here — they come from
// lib/iam — only reshaping for the screen.

// ---- Form → request -----------------------------------------------------------------------

/** One ARN per line (commas also separate); none means every resource, "*". */
export function resourceArnsFromText(text: string): string[] {
  const arns = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return arns.length > 0 ? arns : ["*"];
}

export interface ContextKeyRow {
  key: string;
  type: ContextKeyType;
  /** As typed: several values separated by commas. */
  values: string;
  /** Listed because a simulated policy refers to the key (not added by hand). */
  referenced: boolean;
}

/** The rows that have a key and a value, as ContextEntries. Values are split on commas. */
export function contextEntriesFromRows(rows: readonly ContextKeyRow[]): ContextEntry[] {
  return rows.flatMap((row) => {
    const key = row.key.trim();
    const values = row.values
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    return key && values.length > 0 ? [{ ContextKeyName: key, ContextKeyValues: values, ContextKeyType: row.type }] : [];
  });
}

const TYPE_OF_CATALOG: Record<ConditionKeyType, ContextKeyType> = {
  String: "string",
  ArrayOfString: "stringList",
  ARN: "string",
  ArrayOfARN: "stringList",
  Numeric: "numeric",
  ArrayOfNumeric: "numericList",
  Date: "date",
  ArrayOfDate: "dateList",
  Bool: "boolean",
  ArrayOfBool: "booleanList",
  IPAddress: "ip",
  ArrayOfIPAddress: "ipList",
  Binary: "binary",
  ArrayOfBinary: "binaryList",
};

/** The ContextKeyType for a condition key the catalog types; "string" when it does not know it. */
export function contextKeyType(catalogType: ConditionKeyType | undefined): ContextKeyType {
  return catalogType ? TYPE_OF_CATALOG[catalogType] : "string";
}

/**
 * The context rows after the policies' keys changed: rows the user filled in or added stay,
 * referenced rows without a value that no policy refers to any more go, new keys are appended.
 */
export function mergeContextKeys(
  rows: readonly ContextKeyRow[],
  keys: readonly string[],
  typeOf: (key: string) => ContextKeyType,
): ContextKeyRow[] {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  const kept = rows.filter((row) => !row.referenced || row.values.trim() !== "" || wanted.has(row.key.toLowerCase()));
  const present = new Set(kept.map((row) => row.key.trim().toLowerCase()));
  const added = keys.filter((k) => !present.has(k.toLowerCase())).map((key): ContextKeyRow => ({ key, type: typeOf(key), values: "", referenced: true }));
  return [...kept.map((row) => (wanted.has(row.key.toLowerCase()) ? { ...row, referenced: true } : row)), ...added];
}

/** The PolicyExclusionList that leaves out the policies not ticked (and the boundary, unless ticked). */
export function exclusionsFor(
  listing: ListPoliciesForSimulationOutput,
  included: ReadonlySet<string>,
  includeBoundary: boolean,
): PolicyExclusion[] {
  const left = listing.Policies.filter((p) => !included.has(p.SourcePolicyId)).map((p) => p.Exclusion);
  if (listing.PermissionsBoundary && !includeBoundary) left.push(listing.PermissionsBoundary.Exclusion);
  return left;
}

// ---- Response → rows -----------------------------------------------------------------------

/** A simulated policy as the results show it: its name and the document to highlight in. */
export interface SimulatedPolicy {
  sourcePolicyId: string;
  /** "AmazonS3ReadOnlyAccess", "Policy 1". */
  name: string;
  /** "AWS managed policy", "Inline policy of group Developers", "Custom policy". */
  description: string;
  document: string;
}

export function policyDescription(p: SimulationPolicyListing): string {
  const kind = p.PolicyType === "inline" ? "Inline policy" : p.PolicyType === "aws-managed" ? "AWS managed policy" : "Customer managed policy";
  return p.Via ? `${kind}, from group ${p.Via}` : kind;
}

export function principalPolicies(listing: ListPoliciesForSimulationOutput): SimulatedPolicy[] {
  const all = [...listing.Policies, ...(listing.PermissionsBoundary ? [listing.PermissionsBoundary] : [])];
  return all.map((p) => ({
    sourcePolicyId: p.SourcePolicyId,
    name: p.PolicyName,
    description: p === listing.PermissionsBoundary ? "Permissions boundary" : policyDescription(p),
    document: p.Document,
  }));
}

/** Custom policies are PolicyInputList.1, .2… in the order sent. */
export function customPolicies(documents: readonly string[]): SimulatedPolicy[] {
  return documents.map((document, i) => ({
    sourcePolicyId: `PolicyInputList.${i + 1}`,
    name: `Policy ${i + 1}`,
    description: "Custom policy",
    document,
  }));
}

export interface ResultRow {
  /** Action and resource: unique in one simulation. */
  id: string;
  action: string;
  /** The service prefix, "s3". */
  service: string;
  resource: string;
  decision: EvalDecision;
  /** AWS's MatchedStatements for this row. */
  matchedStatements: SimulationStatement[];
  /** AWS's MissingContextValues for this row. */
  missingContextValues: string[];
  /** Absent when no permissions boundary took part. */
  allowedByPermissionsBoundary?: boolean;
  /** The console's explanation, when the simulator gave one. */
  explanation?: ResourceExplanation;
}

export function resultRows(response: SimulatePolicyResponse): ResultRow[] {
  return response.EvaluationResults.flatMap((r) => {
    const service = r.EvalActionName.split(":")[0] ?? "";
    const explain = (resource: string, i: number) =>
      r.explanation?.resources.find((e) => e.resource === resource) ?? r.explanation?.resources[i];
    if (r.ResourceSpecificResults && r.ResourceSpecificResults.length > 0) {
      return r.ResourceSpecificResults.map((rs, i): ResultRow => {
        const explanation = explain(rs.EvalResourceName, i);
        const boundary = rs.PermissionsBoundaryDecisionDetail ?? r.PermissionsBoundaryDecisionDetail;
        return {
          id: `${r.EvalActionName}\u0000${rs.EvalResourceName}`,
          action: r.EvalActionName,
          service,
          resource: rs.EvalResourceName,
          decision: rs.EvalResourceDecision,
          matchedStatements: rs.MatchedStatements ?? [],
          missingContextValues: rs.MissingContextValues ?? [],
          ...(boundary ? { allowedByPermissionsBoundary: boundary.AllowedByPermissionsBoundary } : {}),
          ...(explanation ? { explanation } : {}),
        };
      });
    }
    const resource = r.EvalResourceName ?? "*";
    const explanation = explain(resource, 0);
    return [
      {
        id: `${r.EvalActionName}\u0000${resource}`,
        action: r.EvalActionName,
        service,
        resource,
        decision: r.EvalDecision,
        matchedStatements: r.MatchedStatements,
        missingContextValues: r.MissingContextValues,
        ...(r.PermissionsBoundaryDecisionDetail
          ? { allowedByPermissionsBoundary: r.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary }
          : {}),
        ...(explanation ? { explanation } : {}),
      },
    ];
  });
}

export const DECISION_TEXT: Record<EvalDecision, string> = {
  allowed: "Allowed",
  explicitDeny: "Denied (explicit)",
  implicitDeny: "Denied (implicit)",
};

export function decisionCounts(rows: readonly ResultRow[]): Record<EvalDecision, number> {
  const counts: Record<EvalDecision, number> = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
  for (const row of rows) counts[row.decision]++;
  return counts;
}

// ---- Highlights -----------------------------------------------------------------------------

/** A statement to point at: one that decided the request, or one that missed on one element. */
export type StatementHighlight =
  | { kind: "matched"; sourcePolicyId: string; statement: ExplainedStatement }
  | { kind: "nearMiss"; sourcePolicyId: string; statement: ExplainedNearMiss };

/** The statements to show for a row, grouped by policy in the order the policies were simulated. */
export function highlightsByPolicy(row: ResultRow, policies: readonly SimulatedPolicy[]): { policy: SimulatedPolicy; highlights: StatementHighlight[] }[] {
  const all: StatementHighlight[] = [
    ...(row.explanation?.matchedStatements ?? []).map((statement): StatementHighlight => ({ sourcePolicyId: statement.policy.SourcePolicyId, statement, kind: "matched" })),
    ...(row.explanation?.nearMisses ?? []).map(
      (statement): StatementHighlight => ({ sourcePolicyId: statement.policy.SourcePolicyId, statement, kind: "nearMiss" }),
    ),
  ];
  return policies
    .map((policy) => ({ policy, highlights: all.filter((h) => h.sourcePolicyId === policy.sourcePolicyId) }))
    .filter((group) => group.highlights.length > 0);
}

const ELEMENT_NAMES: Record<ExplainedNearMiss["failed"], string> = {
  action: "Action",
  resource: "Resource",
  principal: "Principal",
  condition: "Condition",
};

export function failedElementName(failed: ExplainedNearMiss["failed"]): string {
  return ELEMENT_NAMES[failed];
}

/** "Statement 2 (\"AllowS3\")" */
export function statementName(statement: ExplainedStatement): string {
  return statement.sid ? `Statement ${statement.statementIndex + 1} ("${statement.sid}")` : `Statement ${statement.statementIndex + 1}`;
}
