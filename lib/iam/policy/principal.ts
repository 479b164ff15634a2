// Principal / NotPrincipal of resource-based and trust policies. A match carries its strength,
// because AWS treats the three differently within one account:
//  - "direct": the policy names the caller itself (user ARN or unique ID, session ARN, `*`,
//    a service, a federated provider) — it grants on its own;
//  - "issuer": it names the role (or federating user) behind a session — the session's
//    permissions boundary and session policies still apply;
//  - "account": it names the caller's account — the caller's identity policies must allow too.

import type { ParsedPrincipal, RequestPrincipal } from "./types";

export type PrincipalStrength = "direct" | "issuer" | "account";

export interface CompiledPrincipal {
  element: "Principal" | "NotPrincipal";
  wildcard: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
  /** Every value as written, `"AWS":"arn:…"`, for reasons. */
  shown: string[];
}

export function compilePrincipal(element: "Principal" | "NotPrincipal", parsed: ParsedPrincipal): CompiledPrincipal {
  const compiled: CompiledPrincipal = { element, wildcard: false, aws: [], service: [], federated: [], canonicalUser: [], shown: [] };
  if (parsed.kind === "wildcard") {
    compiled.wildcard = true;
    compiled.shown.push('"*"');
    return compiled;
  }
  for (const entry of parsed.entries) {
    for (const { value } of entry.values) {
      compiled.shown.push(`"${entry.type}":${JSON.stringify(value)}`);
      if (entry.type === "AWS") {
        if (value === "*") compiled.wildcard = true;
        else compiled.aws.push(value);
      } else if (entry.type === "Service") compiled.service.push(value.toLowerCase());
      else if (entry.type === "Federated") compiled.federated.push(value);
      else compiled.canonicalUser.push(value);
    }
  }
  return compiled;
}

const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const RANK: Record<PrincipalStrength, number> = { direct: 3, issuer: 2, account: 1 };

function accountOf(principal: RequestPrincipal): string | undefined {
  return principal.account ?? principal.arn.split(":")[4];
}

/** The strongest way the listed principals name the caller, or undefined. */
function strength(compiled: CompiledPrincipal, principal: RequestPrincipal | undefined): PrincipalStrength | undefined {
  if (compiled.wildcard) return "direct";
  if (!principal) return undefined;
  let best: PrincipalStrength | undefined;
  const consider = (s: PrincipalStrength) => {
    if (!best || RANK[s] > RANK[best]) best = s;
  };
  const account = accountOf(principal);
  for (const value of compiled.aws) {
    if (value === principal.arn || (principal.uniqueId !== undefined && value === principal.uniqueId)) consider("direct");
    else if (principal.issuerArn !== undefined && value === principal.issuerArn) consider("issuer");
    else if (account !== undefined && (value === account || ROOT.exec(value)?.[1] === account)) consider("account");
  }
  if (principal.service && compiled.service.includes(principal.service.toLowerCase())) consider("direct");
  if (principal.federatedProvider && compiled.federated.includes(principal.federatedProvider)) consider("direct");
  if (principal.canonicalUser && compiled.canonicalUser.includes(principal.canonicalUser)) consider("direct");
  return best;
}

export interface PrincipalVerdict {
  matches: boolean;
  strength?: PrincipalStrength;
}

export function matchPrincipal(compiled: CompiledPrincipal, principal: RequestPrincipal | undefined): PrincipalVerdict {
  const found = strength(compiled, principal);
  if (compiled.element === "Principal") return found ? { matches: true, strength: found } : { matches: false };
  return found ? { matches: false } : { matches: true, strength: "direct" };
}
