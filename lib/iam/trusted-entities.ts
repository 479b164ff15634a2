// Who a role's trust policy lets assume it, as the IAM console's "Trusted entities" column
// summarises it: "AWS Service: ec2", "Account: 123456789012", "Identity Provider: …".
// Pure and tolerant: a document that is not valid JSON simply trusts nobody here; the
// validator is where problems are reported. No 'server-only': the console may render it.

export interface TrustPolicyPrincipals {
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
}

type Json = unknown;

function asArray(value: Json): Json[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function strings(value: Json): string[] {
  return asArray(value).filter((v): v is string => typeof v === "string");
}

function statements(text: string): Record<string, Json>[] {
  let doc: Json;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return [];
  return asArray((doc as Record<string, Json>).Statement).filter(
    (s): s is Record<string, Json> => !!s && typeof s === "object" && !Array.isArray(s),
  );
}

/**
 * The principals named in a trust policy, in document order. By default only those of Allow
 * statements: Deny statements and NotPrincipal grant no trust. `effect: "any"` lists every
 * statement's principals (to check that each one exists).
 */
export function trustPolicyPrincipals(text: string, options: { effect?: "Allow" | "any" } = {}): TrustPolicyPrincipals {
  const out: TrustPolicyPrincipals = { aws: [], service: [], federated: [], canonicalUser: [] };
  for (const s of statements(text)) {
    if ((options.effect ?? "Allow") === "Allow" && s.Effect !== "Allow") continue;
    const principal = s.Principal;
    if (principal === "*") {
      out.aws.push("*");
      continue;
    }
    if (!principal || typeof principal !== "object" || Array.isArray(principal)) continue;
    const p = principal as Record<string, Json>;
    out.aws.push(...strings(p.AWS));
    out.service.push(...strings(p.Service));
    out.federated.push(...strings(p.Federated));
    out.canonicalUser.push(...strings(p.CanonicalUser));
  }
  return out;
}

const IAM_ARN = /^arn:[^:]+:iam::(\d{12}):/;

/** "ec2.amazonaws.com" → "ec2"; "ec2.amazonaws.com.cn" → "ec2"; anything else as written. */
function serviceShortName(service: string): string {
  const m = /^(.+?)\.amazonaws\.com(\.cn)?$/.exec(service);
  return m ? m[1] : service;
}

function awsLabel(value: string): string {
  if (value === "*") return "AWS: *";
  if (/^\d{12}$/.test(value)) return `Account: ${value}`;
  const account = IAM_ARN.exec(value)?.[1] ?? /^arn:[^:]+:sts::(\d{12}):/.exec(value)?.[1];
  if (account) return `Account: ${account}`;
  // A unique ID (AROA…, AIDA…): AWS shows it in place of a principal that has been deleted.
  return `AWS: ${value}`;
}

/**
 * The console's summary of a trust policy, one label per distinct trusted entity:
 * `AWS Service: ec2`, `Account: 123456789012`, `Identity Provider: accounts.google.com`.
 */
export function describeTrustedEntities(trustPolicyText: string): string[] {
  const p = trustPolicyPrincipals(trustPolicyText);
  const labels = [
    ...p.service.map((s) => `AWS Service: ${serviceShortName(s)}`),
    ...p.aws.map(awsLabel),
    ...p.federated.map((f) => `Identity Provider: ${f}`),
    ...p.canonicalUser.map((c) => `Canonical User: ${c}`),
  ];
  return [...new Set(labels)];
}
