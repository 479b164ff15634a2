// Renders an evaluation result: AWS's AccessDenied text, and a human explanation built only
// from the reasons evaluate collected.

import type { ConditionMismatch, DenyReason, EvaluationResult, MismatchReason, NearMiss, StatementRef } from "./types";

export interface AccessDeniedInput {
  /** The caller's ARN (the session ARN for role sessions). */
  principalArn: string;
  action: string;
  /** Omit for messages without ` on resource: …`. */
  resource?: string;
  result: EvaluationResult;
}

/** AWS's wording for each reason (iam-facts §13). */
export function denyReasonText(reason: DenyReason, action: string): string {
  switch (reason) {
    case "no identity-based policy allows":
    case "no permissions boundary allows":
    case "no session policy allows":
    case "no service control policy allows":
    case "no resource-based policy allows":
    case "no role trust policy allows":
      return `because ${reason} the ${action} action`;
    case "explicit deny in an identity-based policy":
    case "explicit deny in a permissions boundary":
    case "explicit deny in a session policy":
    case "explicit deny in a service control policy":
    case "explicit deny in a resource-based policy":
    case "explicit deny in the role trust policy":
      return `with an ${reason}`;
  }
}

/**
 * `User: ARN is not authorized to perform: ACTION on resource: RESOURCE REASON`.
 * Throws when the result is not a denial: asking for it is a bug.
 */
export function accessDeniedMessage({ principalArn, action, resource, result }: AccessDeniedInput): string {
  if (result.decision === "allowed") throw new Error("accessDeniedMessage called for an allowed request");
  const reason = result.denyReason ?? (result.decision === "explicitDeny" ? "explicit deny in an identity-based policy" : "no identity-based policy allows");
  const on = resource ? ` on resource: ${resource}` : "";
  return `User: ${principalArn} is not authorized to perform: ${action}${on} ${denyReasonText(reason, action)}`;
}

const POLICY_KIND: Record<StatementRef["sourcePolicyType"], string> = {
  user: "user inline policy",
  group: "group inline policy",
  role: "role inline policy",
  "aws-managed": "AWS managed policy",
  "user-managed": "customer managed policy",
  resource: "resource-based policy",
  none: "policy",
};

export function describeStatement(ref: StatementRef): string {
  const statement = ref.sid ? `Statement ${ref.statementIndex + 1} ("${ref.sid}")` : `Statement ${ref.statementIndex + 1}`;
  const kind =
    ref.policySet === "permissionsBoundary" ? "permissions boundary" : ref.policySet === "session" ? "session policy" : POLICY_KIND[ref.sourcePolicyType];
  return `${statement} of ${kind} ${ref.sourcePolicyId} (line ${ref.range.start.line}, column ${ref.range.start.column})`;
}

const list = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(", ");

function describeCondition(c: ConditionMismatch): string {
  const head = `${c.operator} on ${c.key}`;
  if (c.unresolvedVariables.length > 0) return `${head}: the policy variable(s) ${c.unresolvedVariables.map((k) => `\${${k}}`).join(", ")} have no value`;
  if (c.missing) return `${head}: the request has no ${c.key}`;
  return `${head}: the request has ${list(c.requestValues)}, the policy wants ${list(c.policyValues)}`;
}

export function describeMismatch(reason: MismatchReason, action: string, resource: string): string {
  switch (reason.element) {
    case "action":
      return reason.excludedBy
        ? `its NotAction ${JSON.stringify(reason.excludedBy)} excludes ${action}`
        : `its Action covers ${list(reason.patterns)}, not ${action}`;
    case "resource":
      if (reason.unresolvedVariables.length > 0) {
        return `its ${reason.statementElement} uses ${reason.unresolvedVariables.map((k) => `\${${k}}`).join(", ")}, which has no value in this request`;
      }
      return reason.excludedBy
        ? `its NotResource ${JSON.stringify(reason.excludedBy)} excludes ${resource}`
        : `its Resource covers ${list(reason.patterns)}, not ${resource}`;
    case "principal":
      return reason.principals.length > 0 ? `its ${reason.statementElement} (${reason.principals.join(", ")}) does not cover the caller` : "it names no Principal";
    case "condition":
      return `its condition did not hold: ${reason.conditions.map(describeCondition).join("; ")}`;
  }
}

function nearMissLine(miss: NearMiss, action: string, resource: string): string {
  const verb = miss.effect === "Allow" ? "would allow" : "would deny";
  return `${describeStatement(miss)} ${verb} it, but ${describeMismatch(miss.reason, action, resource)}.`;
}

/** Lines explaining the decision, for the console and the simulator. */
export function explainEvaluation(result: EvaluationResult, request: { action: string; resource: string }): string[] {
  const { action, resource } = request;
  const lines: string[] = [];
  if (result.decision === "allowed") {
    lines.push(`Allowed: ${action} on ${resource}.`);
    for (const ref of result.matchedStatements) lines.push(`${describeStatement(ref)} allows it.`);
  } else if (result.decision === "explicitDeny") {
    lines.push(`Explicitly denied: ${action} on ${resource} matches a Deny statement.`);
    for (const ref of result.matchedStatements) lines.push(`${describeStatement(ref)} denies it.`);
    if (result.denyReason === "explicit deny in a service control policy") lines.push("A service control policy of the organization denies it.");
  } else {
    lines.push(`Implicitly denied: ${result.denyReason ?? "no identity-based policy allows"} ${action} on ${resource}.`);
    if (result.denyReason === "no permissions boundary allows") lines.push("The identity-based policies allow it, but the permissions boundary does not.");
    if (result.denyReason === "no session policy allows") lines.push("The identity-based policies allow it, but the session policies do not.");
    if (result.denyReason === "no service control policy allows") {
      lines.push("At some level of the organization (root, OU or account) no service control policy allows it; SCPs must allow at every level.");
    }
  }
  const interesting = result.nearMisses.filter((m) => (result.decision === "allowed" ? m.effect === "Deny" : m.effect === "Allow"));
  for (const miss of interesting) lines.push(nearMissLine(miss, action, resource));
  if (result.missingContextValues.length > 0) {
    lines.push(`The request context has no value for: ${result.missingContextValues.join(", ")}.`);
  }
  return lines;
}
