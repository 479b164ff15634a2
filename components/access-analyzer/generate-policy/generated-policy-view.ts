import type { GeneratePolicyFromActivityOutput } from "@/lib/iam/access-analyzer/policy-generation";

// What Generate policy shows of Access Analyzer's answer: plain data for the browser.

export interface ActionUsedRow {
  id: string;
  serviceName: string;
  action: string;
  resources: string[];
  calls: number;
  denied: number;
}

export interface GeneratedPolicyView {
  principalArn: string;
  /** ISO timestamps of the period read. */
  startTime: string;
  endTime: string;
  isComplete: boolean;
  /** The generated policies' documents (more than one only when one would exceed the size quota). */
  policies: string[];
  actions: ActionUsedRow[];
}

export function generatedPolicyView(out: GeneratePolicyFromActivityOutput): GeneratedPolicyView {
  return {
    principalArn: out.properties.principalArn,
    startTime: out.properties.cloudTrailProperties.startTime.toISOString(),
    endTime: out.properties.cloudTrailProperties.endTime.toISOString(),
    isComplete: out.properties.isComplete,
    policies: out.generatedPolicies.map((p) => p.policy),
    actions: out.serviceActions.flatMap((s) =>
      s.actions.map((a) => ({ id: a.action, serviceName: s.serviceName, action: a.action, resources: a.resources, calls: a.calls, denied: a.denied })),
    ),
  };
}
