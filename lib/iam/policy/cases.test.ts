// Runs every scenario in cases/*.json (see cases/README.md for the shape).

import { describe, expect, it } from "vitest";
import { compilePolicy } from "./compile";
import { evaluate, type EvaluationPolicies, type PolicyInput } from "./evaluate";
import type { DenyReason, EvalDecision, EvaluationRequest, PolicySourceType } from "./types";

interface CaseInput {
  id: string;
  type: PolicySourceType;
  document: string | object;
}
interface Case {
  name: string;
  source: string;
  policies: {
    identity: CaseInput[];
    boundary?: CaseInput[];
    session?: CaseInput[];
    resource?: CaseInput[];
    trust?: CaseInput;
    crossAccount?: boolean;
  };
  checks: {
    name: string;
    request: EvaluationRequest;
    expect: { decision: EvalDecision; denyReason?: DenyReason; matched?: string[]; missingContextValues?: string[] };
  }[];
}

// Loaded by Vite at test time, so the engine's folder needs no file-system access.
const scenarios = import.meta.glob<Case>("./cases/*.json", { eager: true, import: "default" });
const files = Object.keys(scenarios).map((path) => path.slice("./cases/".length));

function input(c: CaseInput): PolicyInput {
  const text = typeof c.document === "string" ? c.document : JSON.stringify(c.document, null, 2);
  return { id: c.id, type: c.type, document: text };
}

it("has scenarios", () => {
  expect(files.length).toBeGreaterThanOrEqual(10);
});

describe.each(files)("cases/%s", (file) => {
  const scenario = scenarios[`./cases/${file}`];
  const p = scenario.policies;
  const policies: EvaluationPolicies = {
    identityPolicies: p.identity.map(input),
    resourcePolicies: p.resource?.map(input),
    trustPolicy: p.trust && input(p.trust),
    permissionsBoundaries: p.boundary?.map(input),
    sessionPolicies: p.session?.map(input),
    crossAccount: p.crossAccount,
  };

  it("uses valid policies", () => {
    const all = [...policies.identityPolicies, ...(policies.resourcePolicies ?? []), ...(policies.trustPolicy ? [policies.trustPolicy] : []), ...(policies.permissionsBoundaries ?? []), ...(policies.sessionPolicies ?? [])];
    for (const policy of all) {
      const findings = compilePolicy(policy.document as string).findings.filter((f) => f.malformedPolicyDocument !== undefined);
      expect(findings, policy.id).toEqual([]);
    }
  });

  it.each(scenario.checks)(`${scenario.name}: $name`, (check) => {
    const result = evaluate(check.request, policies);
    expect(result.decision).toBe(check.expect.decision);
    if (check.expect.denyReason !== undefined) expect(result.denyReason).toBe(check.expect.denyReason);
    if (check.expect.decision === "allowed") expect(result.denyReason).toBeUndefined();
    if (check.expect.decision === "implicitDeny") expect(result.matchedStatements).toEqual([]);
    if (check.expect.decision === "explicitDeny") expect(result.matchedStatements.every((s) => s.effect === "Deny")).toBe(true);
    if (check.expect.matched) {
      expect(result.matchedStatements.map((s) => `${s.sourcePolicyId}#${s.statementIndex}`)).toEqual(check.expect.matched);
    }
    if (check.expect.missingContextValues) expect(result.missingContextValues).toEqual(check.expect.missingContextValues);
  });
});
