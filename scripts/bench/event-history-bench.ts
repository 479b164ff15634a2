// The event history over 1,000,000 events, called by scripts/bench-reports.ts on its database
// (migrated, with the demo account). Prints one line per case and
//   reports.event_history_page_ms N
// the worst of the cases' medians (target ≤ 100 ms). Each case is one console page read,
// listEventHistory as the Event history page calls it: 50 events, authorized and recorded as a
// LookupEvents call. The cases: the first page; a principal's page (a user's name, and a role's
// ARN for all its sessions); AccessDenied events, all and a principal's; a page 500,000 events
// deep through a cursor; a one-day range a month back; a jump of several pages from a cursor;
// and, as context, an export of 10,000 events as CSV.
//
// The events: about 50 principals (42 IAM users, 7 sessions of 2 roles, root), 12 event names of
// 5 services (and, one in 10,000, kms's Decrypt), 5% errors (4% AccessDenied, spread over every
// principal), over 90 days with three events to each millisecond,
// written by a few INSERT … SELECT over generate_series and then ANALYZEd.

import { median } from "./helpers";

const ACCOUNT = "123456789012";
const TOTAL = 1_000_000;
const CHUNK = 250_000;
const WARM_UP = 2;
const RUNS = 7;
const PAGE_SIZE = 50;
const DAY_MS = 86_400_000;
const SPAN_MS = 90 * DAY_MS - 60_000;

// Event name, event source, whether it reads, and the resource it names (%s: a number).
const EVENTS: [string, string, boolean, string][] = [
  ["ListUsers", "iam", true, `arn:aws:iam::${ACCOUNT}:user/`],
  ["GetUser", "iam", true, `arn:aws:iam::${ACCOUNT}:user/target-%s`],
  ["CreateUser", "iam", false, `arn:aws:iam::${ACCOUNT}:user/target-%s`],
  ["ListRoles", "iam", true, `arn:aws:iam::${ACCOUNT}:role/`],
  ["GetRole", "iam", true, `arn:aws:iam::${ACCOUNT}:role/app-%s`],
  ["AttachRolePolicy", "iam", false, `arn:aws:iam::${ACCOUNT}:role/app-%s`],
  ["GetObject", "s3", true, "arn:aws:s3:::bench-assets/object-%s"],
  ["PutObject", "s3", false, "arn:aws:s3:::bench-assets/object-%s"],
  ["ListBuckets", "s3", true, "*"],
  ["DescribeInstances", "ec2", true, "*"],
  ["AssumeRole", "sts", false, `arn:aws:iam::${ACCOUNT}:role/app-%s`],
  ["GetItem", "dynamodb", true, `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/Orders`],
  // The last one is rare: one event in 10,000, for a filter by a rare event source.
  ["Decrypt", "kms", true, `arn:aws:kms:eu-west-1:${ACCOUNT}:key/bench-key`],
];
const RARE_EVERY = 10_000;

const sqlList = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

async function seedEvents(now: Date): Promise<void> {
  const { db } = await import("../../lib/db");
  const prisma = await db();
  const names = sqlList(EVENTS.map((e) => e[0]));
  const services = sqlList(EVENTS.map((e) => e[1]));
  const reads = `ARRAY[${EVENTS.map((e) => String(e[2])).join(",")}]`;
  const resources = sqlList(EVENTS.map((e) => e[3]));
  // Principal p of 50: 0–41 IAM users, 42–48 sessions of BenchRole0/BenchRole1, 49 root.
  for (let start = 1; start <= TOTAL; start += CHUNK) {
    const end = Math.min(TOTAL, start + CHUNK - 1);
    await prisma.$executeRawUnsafe(`
      INSERT INTO "ActivityEvent" ("accountId", "eventTime", "requestId", "eventSource", "eventName", "principalArn", "principalId",
        "principalType", "identityArn", "serviceNamespace", "awsRegion", "sessionName", "sourceIp", "userAgent", "requestParameters",
        "resourceArn", "errorCode", "errorMessage", "readOnly", "mfaAuthenticated")
      SELECT '${ACCOUNT}', t, gen_random_uuid(), svc || '.amazonaws.com', ev,
        CASE WHEN p < 42 THEN 'arn:aws:iam::${ACCOUNT}:user/bench-user-' || p
             WHEN p < 49 THEN 'arn:aws:sts::${ACCOUNT}:assumed-role/BenchRole' || (p % 2) || '/bench-session-' || p
             ELSE 'arn:aws:iam::${ACCOUNT}:root' END,
        CASE WHEN p < 42 THEN 'AIDABENCHUSER' || lpad(p::text, 8, '0')
             WHEN p < 49 THEN 'AROABENCHROLE' || lpad((p % 2)::text, 8, '0') || ':bench-session-' || p
             ELSE '${ACCOUNT}' END,
        CASE WHEN p < 42 THEN 'IAMUser' WHEN p < 49 THEN 'AssumedRole' ELSE 'Root' END,
        CASE WHEN p < 42 THEN 'arn:aws:iam::${ACCOUNT}:user/bench-user-' || p
             WHEN p < 49 THEN 'arn:aws:iam::${ACCOUNT}:role/BenchRole' || (p % 2)
             ELSE 'arn:aws:iam::${ACCOUNT}:root' END,
        svc, CASE WHEN svc IN ('iam', 'sts') THEN 'us-east-1' ELSE 'eu-west-1' END,
        CASE WHEN p BETWEEN 42 AND 48 THEN 'bench-session-' || p END,
        '198.51.100.' || (p + 1), 'aws-cli/2.15.0 Python/3.11.6',
        jsonb_build_object('Resource', res),
        res,
        CASE WHEN h = 4 THEN 'NoSuchEntity' WHEN h < 4 THEN 'AccessDenied' END,
        CASE WHEN h = 4 THEN 'The entity cannot be found.'
             WHEN h < 4 THEN 'User: (principal) is not authorized to perform: ' || svc || ':' || ev || ' because no identity-based policy allows the ' || svc || ':' || ev || ' action' END,
        rd, false
      FROM (
        SELECT g, p, k, h,
          $1::timestamptz - make_interval(secs => (g / 3) * ${SPAN_MS / (TOTAL / 3)} / 1000.0) AS t,
          (${names})[k + 1] AS ev, (${services})[k + 1] AS svc, (${reads})[k + 1] AS rd,
          replace((${resources})[k + 1], '%s', (g % 100)::text) AS res
        FROM (SELECT g, (g * 31) % 50 AS p, CASE WHEN g % ${RARE_EVERY} = 0 THEN ${EVENTS.length - 1} ELSE (g / 50) % ${EVENTS.length - 1} END AS k,
                (g::bigint * 7919) % 97 AS h
              FROM generate_series(${start}, ${end}) AS g) AS numbered
      ) AS e`, now);
  }
  await prisma.$executeRawUnsafe(`ANALYZE "ActivityEvent"`);
}

export async function benchEventHistory(): Promise<void> {
  const { db } = await import("../../lib/db");
  const { rootArn } = await import("../../lib/iam/arns");
  const { listEventHistory, exportEventHistory, EVENT_HISTORY_MAX_SKIP } = await import("../../lib/iam/reports/event-history");
  type Input = Parameters<typeof listEventHistory>[1];

  const now = new Date();
  const seeding = performance.now();
  await seedEvents(now);
  const count = await (await db()).activityEvent.count({ where: { accountId: ACCOUNT } });
  console.log(`context: event history: ${count} events of account ${ACCOUNT} seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const root = { accountId: ACCOUNT, principalType: "Account" as const, principalArn: rootArn(ACCOUNT), principalId: ACCOUNT, sourceIp: "203.0.113.10", secureTransport: true, now };
  const page = (input: Partial<Input>) => listEventHistory(root, { pageSize: PAGE_SIZE, ...input });

  // A cursor half way down: the first page of the events before 45 days ago hands it over.
  const deep = await page({ endTime: new Date(now.getTime() - 45 * DAY_MS) });
  if (!deep.nextCursor) throw new Error("No cursor 45 days back: the events were not seeded.");
  const monthBack = now.getTime() - 30 * DAY_MS;

  const cases: [string, Partial<Input>][] = [
    ["first page", {}],
    ["principal (a user's name)", { principal: "bench-user-7" }],
    ["principal (a role's ARN: all its sessions)", { principal: `arn:aws:iam::${ACCOUNT}:role/BenchRole1` }],
    ["AccessDenied", { outcome: "AccessDenied" }],
    [`a rare event source (kms, ${TOTAL / RARE_EVERY} events)`, { eventSource: "kms" }],
    ["a principal's AccessDenied", { principal: "bench-user-7", outcome: "AccessDenied" }],
    ["500,000 events deep, by cursor", { cursor: deep.nextCursor }],
    ["a day a month back", { startTime: new Date(monthBack - DAY_MS), endTime: new Date(monthBack) }],
    [`a jump of ${EVENT_HISTORY_MAX_SKIP / PAGE_SIZE} pages from the deep cursor`, { cursor: deep.nextCursor, skip: EVENT_HISTORY_MAX_SKIP }],
  ];
  const medians: number[] = [];
  for (const [name, input] of cases) {
    const times: number[] = [];
    let shown = 0;
    for (let run = 0; run < WARM_UP + RUNS; run++) {
      const t = performance.now();
      const result = await page(input);
      if (run >= WARM_UP) times.push(performance.now() - t);
      shown = result.events.length;
    }
    if (shown === 0) throw new Error(`The case "${name}" found no events.`);
    medians.push(median(times));
    console.log(`reports.event_history_case_ms ${median(times).toFixed(1)}  ${name} (${shown} events; runs ${times.map((t) => t.toFixed(0)).join(", ")} ms)`);
  }

  const exportStarted = performance.now();
  let bytes = 0;
  for await (const chunk of (await exportEventHistory(root, { format: "csv" })).chunks) bytes += chunk.length;
  console.log(`context: event history export of 10,000 events as CSV: ${(performance.now() - exportStarted).toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log(`reports.event_history_page_ms ${Math.max(...medians).toFixed(1)}`);
}
