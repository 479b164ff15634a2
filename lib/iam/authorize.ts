import "server-only";
import { db, type Tx } from "@/lib/db";
import { accessDeniedMessage, evaluate, type RequestContext } from "@/lib/iam/policy";
import { isRoot, type Caller } from "./caller";
import { IamError } from "./errors";
import { parseArn } from "./arns";
import { noteAuthorizedResource } from "./activity";
import { loadPrincipalPolicies, type PrincipalPolicies } from "./principal-policies";

// Every lib/iam operation starts here. Root may do anything in its own account; every other
// principal is judged by the policy engine over its identity-based policies and boundary.

export type ExtraContext = Record<string, string | string[] | undefined>;

/** The global condition keys (aws:*) of a request, from the caller and its tags. */
export function requestContext(caller: Caller, principalTags: Record<string, string>, extra: ExtraContext = {}): RequestContext {
  const ctx: RequestContext = {
    "aws:PrincipalArn": principalArnForContext(caller),
    "aws:PrincipalAccount": caller.accountId,
    "aws:PrincipalType": caller.principalType,
    "aws:userid": caller.principalId,
    "aws:SourceIp": caller.sourceIp,
    "aws:SecureTransport": String(caller.secureTransport),
    "aws:CurrentTime": caller.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": String(Math.floor(caller.now.getTime() / 1000)),
    "aws:RequestedRegion": "us-east-1",
    "aws:ViaAWSService": "false",
  };
  if (caller.userName) ctx["aws:username"] = caller.userName;
  if (caller.userAgent) ctx["aws:UserAgent"] = caller.userAgent;
  // Long-term access keys carry no MFA facts at all; console sessions and temporary credentials do.
  if (caller.mfaPresent !== undefined) ctx["aws:MultiFactorAuthPresent"] = String(caller.mfaPresent);
  if (caller.mfaAuthenticatedAt) {
    ctx["aws:MultiFactorAuthAge"] = String(Math.max(0, Math.floor((caller.now.getTime() - caller.mfaAuthenticatedAt.getTime()) / 1000)));
  }
  if (caller.tokenIssueTime) ctx["aws:TokenIssueTime"] = caller.tokenIssueTime.toISOString().replace(/\.\d{3}Z$/, "Z");
  for (const [k, v] of Object.entries(principalTags)) ctx[`aws:PrincipalTag/${k}`] = v;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) ctx[k] = v;
  return ctx;
}

/** A role session's aws:PrincipalArn is the role's ARN (with path), not the session ARN. */
function principalArnForContext(caller: Caller): string {
  return caller.roleArn ?? caller.principalArn;
}

export interface AuthorizeOptions {
  context?: ExtraContext;
  /** Reuse policies already loaded for this request. */
  policies?: PrincipalPolicies;
  tx?: Tx;
}

export async function authorize(caller: Caller, action: string, resource: string, options: AuthorizeOptions = {}): Promise<void> {
  noteAuthorizedResource(resource);
  if (isRoot(caller)) {
    const account = parseArn(resource)?.account;
    // Root may act on anything in its own account and on AWS-owned read-only objects.
    if (resource === "*" || account === undefined || account === "" || account === caller.accountId || account === "aws") return;
  }
  const policies = options.policies ?? (await loadPrincipalPolicies(options.tx ?? (await db()), caller));
  const result = evaluate(
    { action, resource, context: requestContext(caller, policies.tags, options.context) },
    {
      identityPolicies: policies.identity,
      permissionsBoundaries: policies.boundary ? [policies.boundary] : undefined,
    },
  );
  if (result.decision !== "allowed") {
    throw new IamError("AccessDenied", accessDeniedMessage({ principalArn: caller.principalArn, action, resource, result }));
  }
}
