"use server";

import { generatedPolicyView, type GeneratedPolicyView } from "@/components/access-analyzer/generate-policy/generated-policy-view";
import { rangeTimes, readTimeRange } from "@/components/access-analyzer/generate-policy/time-range";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { readString } from "@/lib/action-input";
import { requireCaller } from "@/lib/auth/session";
import { generatePolicyFromActivity } from "@/lib/iam/access-analyzer/policy-generation";

// Generate policy: "Generate policy" reads the chosen user's or role's activity and returns the
// policy for review; "Create policy" then goes through the Policies pages' createCustomerPolicy.

export async function generatePolicy(input: { principalArn?: unknown; range?: unknown }): Promise<ActionResult<GeneratedPolicyView>> {
  const principalArn = readString(input.principalArn);
  if (!principalArn) return invalidFields({ principalArn: "Choose a user or role." });
  const range = readTimeRange(input.range);
  if (!range) return invalidFields({ range: "Choose a time period." });
  const caller = await requireCaller();
  const times = rangeTimes(range, caller.now);
  if (!times) return invalidFields({ range: "Enter a start date and an end date." });
  try {
    return succeeded(generatedPolicyView(await generatePolicyFromActivity(caller, { principalArn, ...times })));
  } catch (err) {
    return failed(err);
  }
}
