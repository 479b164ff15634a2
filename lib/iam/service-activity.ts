import "server-only";
import { operation } from "./activity";
import { authorize, type ExtraContext } from "./authorize";
import type { Caller } from "./caller";
import { IamError } from "./errors";
import { policyCatalog } from "./policy-catalog";

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
  const colon = input.Action.indexOf(":");
  const prefix = colon > 0 ? input.Action.slice(0, colon) : "";
  const service = prefix ? (await policyCatalog()).service(prefix) : undefined;
  const action = service?.actions.get(input.Action.slice(colon + 1).toLowerCase());
  if (!service || !action) throw new IamError("InvalidInput", `Action ${input.Action} is not an action of a known AWS service.`);
  const name = `${service.prefix}:${action.name}`;
  const resource = input.Resource ?? "*";
  return operation(
    caller,
    {
      eventName: action.name,
      eventSource: `${service.prefix}.amazonaws.com`,
      readOnly: action.accessLevel === "List" || action.accessLevel === "Read",
      region: input.Region,
      params: resource === "*" ? {} : { Resource: resource },
    },
    async () => {
      await authorize(caller, name, resource, { context: input.Context });
      return { Action: name, Resource: resource, EvalDecision: "allowed" as const };
    },
  );
}
