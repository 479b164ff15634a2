// The console's explanation of one simulated request: the decision in a sentence, the
// statements that decided it, the statements that nearly applied and why not, and the
// context keys that mattered but had no value. Rendered only from what evaluation collected.

import { denyReasonText, describeMismatch } from "./explain";
import type { ExplainedNearMiss, ExplainedStatement, ResourceExplanation } from "./simulate";
import type { DenyReason, EvalDecision, NearMiss, StatementRef } from "./types";

export interface ExplainResourceInput {
  action: string;
  resource: string;
  decision: EvalDecision;
  denyReason?: DenyReason;
  matched: readonly StatementRef[];
  nearMisses: readonly NearMiss[];
  missing: readonly string[];
  /** Allowed in one account by the resource-based policy although the identity side would not allow. */
  grantedByResourcePolicyAlone: boolean;
  describe: (ref: StatementRef) => ExplainedStatement;
}

function policyLabel(statement: ExplainedStatement): string {
  const { policy } = statement;
  const holder = policy.attachedTo ? ` of ${policy.attachedTo.type} ${policy.attachedTo.name}` : "";
  if (policy.SourcePolicyType === "Permissions Boundary Policy") return `permissions boundary ${policy.policyName ?? policy.SourcePolicyId}`;
  switch (policy.kind) {
    case "PolicyInputList":
    case "PermissionsBoundaryPolicyInputList":
      return `policy ${policy.SourcePolicyId}`;
    case "ResourcePolicy":
      return "the resource-based policy";
    case "inline":
      return `inline policy ${policy.policyName}${holder}`;
    case "aws-managed":
      return `AWS managed policy ${policy.policyName}${holder ? ` (attached to ${policy.attachedTo!.type} ${policy.attachedTo!.name})` : ""}`;
    case "customer-managed":
      return `customer managed policy ${policy.policyName}${holder ? ` (attached to ${policy.attachedTo!.type} ${policy.attachedTo!.name})` : ""}`;
  }
}

export function describeExplained(statement: ExplainedStatement): string {
  const which = statement.sid ? `Statement ${statement.statementIndex + 1} ("${statement.sid}")` : `Statement ${statement.statementIndex + 1}`;
  return `${which} of ${policyLabel(statement)} (line ${statement.range.start.line}, column ${statement.range.start.column})`;
}

export function explainResource(input: ExplainResourceInput): ResourceExplanation {
  const { action, resource, decision } = input;
  const matchedStatements = input.matched.map(input.describe);
  // The near misses worth showing: what could have changed the outcome.
  const interesting = input.nearMisses.filter((m) => (decision === "allowed" ? m.effect === "Deny" : decision === "implicitDeny" ? m.effect === "Allow" : false));
  const nearMisses: ExplainedNearMiss[] = interesting.map((m) => ({ ...input.describe(m), failed: m.failed, reason: m.reason }));

  const lines: string[] = [];
  if (decision === "allowed") {
    lines.push(`Allowed: ${action} on ${resource}.`);
    for (const s of matchedStatements) lines.push(`${describeExplained(s)} allows it.`);
    if (input.grantedByResourcePolicyAlone) {
      lines.push("In one account, the resource-based policy grants it on its own, whatever the identity-based policies and the permissions boundary say.");
    }
  } else if (decision === "explicitDeny") {
    lines.push(`Explicitly denied: ${action} on ${resource} matches a Deny statement.`);
    for (const s of matchedStatements) lines.push(`${describeExplained(s)} denies it.`);
  } else {
    const reason = input.denyReason ?? "no identity-based policy allows";
    lines.push(`Implicitly denied: ${action} on ${resource} is denied ${denyReasonText(reason, action)}.`);
    if (reason === "no permissions boundary allows") lines.push("The identity-based policies allow it, but the permissions boundary does not.");
  }
  for (const m of nearMisses) {
    const verb = m.effect === "Allow" ? "would allow" : "would deny";
    lines.push(`${describeExplained(m)} ${verb} it, but ${describeMismatch(m.reason, action, resource)}.`);
  }
  if (input.missing.length > 0) lines.push(`The request context has no value for: ${input.missing.join(", ")}.`);

  return {
    resource,
    decision,
    ...(input.denyReason ? { denyReason: input.denyReason } : {}),
    lines,
    matchedStatements,
    nearMisses,
    missingContextValues: [...input.missing],
  };
}
