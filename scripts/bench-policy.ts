// `npm run bench:policy`: the policy engine's speed on one core.
//  - policy.decisions_per_second: evaluate() for a principal with 10 attached policies of 10
//    statements each, all with conditions, over a mix of allowed, denied and unrelated requests,
//    documents passed as text as lib/iam/authorize.ts passes them (target ≥ 100,000/s);
//  - policy.compile_ms_6kb: compilePolicy() of a 6 KB policy with the cache cleared each time
//    (target ≤ 2 ms);
//  - policy.validate_ms_6kb: validatePolicy() of the same policy with the action catalog
//    (target ≤ 5 ms).
// Each figure is the median of several timed rounds after a warm-up, in CPU time of this
// process (which also counts the garbage collector's helper threads), so that other work on
// the machine does not skew it.

import { createRequire } from "node:module";
import { clearPolicyCache, compilePolicy, evaluate, policySize, validatePolicy, type PolicyCatalog, type PolicyInput, type RequestContext } from "../lib/iam/policy";

const ACCOUNT = "123456789012";

// ---- The principal's policies ------------------------------------------------------------

const SERVICES: [service: string, resource: (i: number) => string, actions: string[]][] = [
  ["s3", (i) => `arn:aws:s3:::team-${i}-bucket/\${aws:username}/*`, ["s3:GetObject", "s3:PutObject", "s3:List*"]],
  ["ec2", (i) => `arn:aws:ec2:*:${ACCOUNT}:instance/i-${i}*`, ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances"]],
  ["iam", (i) => `arn:aws:iam::${ACCOUNT}:user/team${i}/\${aws:username}`, ["iam:GetUser", "iam:ListAccessKeys", "iam:CreateAccessKey"]],
  ["dynamodb", (i) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Table${i}`, ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"]],
  ["lambda", (i) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fn-${i}-*`, ["lambda:InvokeFunction", "lambda:GetFunction"]],
  ["logs", (i) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/${i}/*`, ["logs:CreateLogStream", "logs:PutLogEvents"]],
  ["sqs", (i) => `arn:aws:sqs:us-east-1:${ACCOUNT}:queue-${i}`, ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]],
  ["sns", (i) => `arn:aws:sns:us-east-1:${ACCOUNT}:topic-${i}`, ["sns:Publish", "sns:Subscribe"]],
  ["kms", (i) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/key-${i}`, ["kms:Decrypt", "kms:GenerateDataKey"]],
  ["cloudwatch", () => "*", ["cloudwatch:PutMetricData", "cloudwatch:Get*"]],
];

const CONDITIONS: Record<string, unknown>[] = [
  { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } },
  { Bool: { "aws:SecureTransport": "true" } },
  { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"] } },
  { StringEquals: { "aws:PrincipalTag/team": "red" }, Bool: { "aws:MultiFactorAuthPresent": "true" } },
  { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
  { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
  { StringLike: { "aws:userid": "AIDA*" } },
  { "ForAnyValue:StringEquals": { "aws:CalledVia": ["cloudformation.amazonaws.com"] } },
  { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/*` } },
  { StringNotEquals: { "aws:PrincipalTag/team": "blue" } },
];

function principalPolicies(): PolicyInput[] {
  return SERVICES.map(([service, resource, actions], p) => {
    const statements = Array.from({ length: 10 }, (_, i) => ({
      Sid: `S${p}x${i}`,
      Effect: i === 9 ? "Deny" : "Allow",
      // Most statements are about the policy's own service; a few about the next one.
      Action: i % 4 === 3 ? SERVICES[(p + 1) % SERVICES.length][2] : actions,
      Resource: [resource(i), resource(i + 10)],
      Condition: i === 9 ? { Bool: { "aws:SecureTransport": "false" } } : CONDITIONS[(p + i) % CONDITIONS.length],
    }));
    return { id: `arn:aws:iam::${ACCOUNT}:policy/Team${service}`, type: "user-managed", document: JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2) };
  });
}

function requests(): { action: string; resource: string; context: RequestContext }[] {
  const context: RequestContext = {
    "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:user/bob`,
    "aws:PrincipalAccount": ACCOUNT,
    "aws:PrincipalType": "User",
    "aws:userid": "AIDAJQABLZS4A3QDU576Q",
    "aws:username": "bob",
    "aws:SourceIp": "203.0.113.7",
    "aws:SecureTransport": "true",
    "aws:CurrentTime": "2026-11-26T12:00:00Z",
    "aws:EpochTime": "1795694400",
    "aws:RequestedRegion": "us-east-1",
    "aws:ViaAWSService": "false",
    "aws:MultiFactorAuthPresent": "true",
    "aws:MultiFactorAuthAge": "120",
    "aws:PrincipalTag/team": "red",
  };
  const out: { action: string; resource: string; context: RequestContext }[] = [];
  SERVICES.forEach(([, resource, actions], p) => {
    for (let i = 0; i < 12; i++) {
      const action = actions[i % actions.length].replace("*", "Things");
      const arn = resource(i % 11).replace("${aws:username}", i % 3 ? "bob" : "alice").replace(/\*$/, "x");
      const variant = i % 6 === 4 ? { ...context, "aws:SourceIp": "192.0.2.1" } : i % 6 === 5 ? { ...context, "aws:SecureTransport": "false" } : context;
      out.push({ action, resource: arn, context: variant });
    }
    out.push({ action: `${SERVICES[p][0]}:DeleteEverything`, resource: "*", context });
  });
  out.push({ action: "rds:DescribeDBInstances", resource: "*", context }, { action: "sts:GetCallerIdentity", resource: "*", context });
  return out;
}

// ---- The 6 KB policy --------------------------------------------------------------------

function policyOfAbout6kb(): string {
  const statements: object[] = [];
  const doc = () => JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
  for (let i = 0; ; i++) {
    const [service, resource, actions] = SERVICES[i % SERVICES.length];
    const next = {
      Sid: `Statement${i}`,
      Effect: "Allow",
      Action: [...actions, `${service}:Tag*`],
      Resource: [resource(i), resource(i + 1)],
      Condition: CONDITIONS[i % CONDITIONS.length],
    };
    statements.push(next);
    if (policySize(doc()) > 6144) {
      statements.pop();
      return doc();
    }
  }
}

// ---- Timing -------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU time of this process in milliseconds: other processes on a busy machine do not count. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Runs `fn` in rounds of `batch` calls for about `ms` milliseconds of CPU; the median CPU time per call. */
function timePerCall(fn: () => void, batch: number, ms: number): number {
  const perCall: number[] = [];
  const end = cpuMs() + ms;
  while (cpuMs() < end || perCall.length < 5) {
    const started = cpuMs();
    for (let i = 0; i < batch; i++) fn();
    perCall.push((cpuMs() - started) / batch);
  }
  return median(perCall);
}

/** lib/iam modules import "server-only", which throws unless resolved as Next resolves server code; this script is server code. */
async function loadCatalog(): Promise<PolicyCatalog> {
  const require = createRequire(__filename);
  require.cache[require.resolve("server-only")] = { exports: {} } as NodeJS.Module;
  const { policyCatalog } = await import("../lib/iam/policy-catalog");
  return policyCatalog();
}

async function main(): Promise<void> {
  const policies = principalPolicies();
  const pool = requests();
  const decisions: Record<string, number> = {};
  for (const request of pool) {
    const { decision } = evaluate(request, { identityPolicies: policies });
    decisions[decision] = (decisions[decision] ?? 0) + 1;
  }
  let n = 0;
  const decide = () => {
    evaluate(pool[n++ % pool.length], { identityPolicies: policies });
  };
  timePerCall(decide, 1000, 1000); // warm-up
  const decisionSeconds = timePerCall(decide, 1000, 3000) / 1000;

  const text = policyOfAbout6kb();
  const compile = () => {
    clearPolicyCache();
    compilePolicy(text);
  };
  timePerCall(compile, 50, 500);
  const compileMs = timePerCall(compile, 50, 2000);

  const catalog = await loadCatalog();
  const validate = () => validatePolicy(text, "IDENTITY_POLICY", { iamDocument: "managed", catalog });
  const first = cpuMs();
  const { findings } = validate();
  const firstMs = cpuMs() - first;
  timePerCall(validate, 20, 500);
  const validateMs = timePerCall(validate, 20, 2000);

  const policyChars = policies.map((p) => policySize(p.document as string));
  console.log(`context: node ${process.version}, one thread; ${policies.length} policies x 10 statements (${Math.min(...policyChars)}-${Math.max(...policyChars)} characters each)`);
  console.log(`context: ${pool.length} requests, decisions ${JSON.stringify(decisions)}`);
  console.log(`context: 6 KB policy ${policySize(text)} non-whitespace characters (${text.length} with whitespace), ${findings.length} findings; first validation with catalog set-up ${firstMs.toFixed(1)} ms`);
  console.log(`policy.decisions_per_second ${Math.round(1 / decisionSeconds)}`);
  console.log(`policy.compile_ms_6kb ${compileMs.toFixed(3)}`);
  console.log(`policy.validate_ms_6kb ${validateMs.toFixed(3)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
