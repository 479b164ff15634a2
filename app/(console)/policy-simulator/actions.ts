"use server";

import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import {
  getContextKeysForCustomPolicy,
  getContextKeysForPrincipalPolicy,
  listPoliciesForSimulation,
  simulateCustomPolicy,
  simulatePrincipalPolicy,
  type GetContextKeysOutput,
  type ListPoliciesForSimulationOutput,
  type SimulatePolicyResponse,
} from "@/lib/iam/simulator";
import { readCustomSimulation, readPrincipalSimulation, readPolicySourceArn, readPolicyDocuments } from "./simulation-input";

// The policy simulator's server actions. Each reads its arguments for shape only (they come
// from the browser: any value can arrive), checks the caller, and calls one lib/iam function.
// Nothing is written, so nothing is revalidated.

/** The principal's policies, for the checkboxes. */
export async function loadPoliciesForSimulation(policySourceArn: unknown): Promise<ActionResult<ListPoliciesForSimulationOutput>> {
  const arn = readPolicySourceArn(policySourceArn);
  if (!arn.ok) return invalidFields(arn.fieldErrors);
  const caller = await requireCaller();
  try {
    return succeeded(await listPoliciesForSimulation(caller, { PolicySourceArn: arn.value }));
  } catch (err) {
    return failed(err);
  }
}

/** GetContextKeysForPrincipalPolicy: the keys the principal's policies refer to. */
export async function loadPrincipalContextKeys(policySourceArn: unknown): Promise<ActionResult<GetContextKeysOutput>> {
  const arn = readPolicySourceArn(policySourceArn);
  if (!arn.ok) return invalidFields(arn.fieldErrors);
  const caller = await requireCaller();
  try {
    return succeeded(await getContextKeysForPrincipalPolicy(caller, { PolicySourceArn: arn.value }));
  } catch (err) {
    return failed(err);
  }
}

/** GetContextKeysForCustomPolicy: the keys the pasted policies refer to. */
export async function loadCustomContextKeys(policyInputList: unknown): Promise<ActionResult<GetContextKeysOutput>> {
  const documents = readPolicyDocuments(policyInputList);
  if (!documents.ok) return invalidFields(documents.fieldErrors);
  const caller = await requireCaller();
  try {
    return succeeded(await getContextKeysForCustomPolicy(caller, { PolicyInputList: documents.value }));
  } catch (err) {
    return failed(err);
  }
}

/** SimulatePrincipalPolicy, with the console's explanations. */
export async function runPrincipalSimulation(input: unknown): Promise<ActionResult<SimulatePolicyResponse>> {
  const request = readPrincipalSimulation(input);
  if (!request.ok) return invalidFields(request.fieldErrors);
  const caller = await requireCaller();
  try {
    return succeeded(await simulatePrincipalPolicy(caller, request.value));
  } catch (err) {
    return failed(err);
  }
}

/** SimulateCustomPolicy, with the console's explanations. */
export async function runCustomSimulation(input: unknown): Promise<ActionResult<SimulatePolicyResponse>> {
  const request = readCustomSimulation(input);
  if (!request.ok) return invalidFields(request.fieldErrors);
  const caller = await requireCaller();
  try {
    return succeeded(await simulateCustomPolicy(caller, request.value));
  } catch (err) {
    return failed(err);
  }
}
