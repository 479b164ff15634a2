// `npm run bench:console`: the console and the IAM API over an account of 10,000 users.
//  - iam.list_users_1000_ms: median wall time of lib/iam listUsers(root, { MaxItems: 1000 }), the
//    domain function itself with its authorization and its activity event (target ≤ 50 ms);
//  - console.users_page_ms_p50 (and _p95): full response time of GET /users from the production
//    server, signed in as root, over the table's default view and its filtered, sorted and paged
//    variants (target p50 ≤ 200 ms);
//  - console.credential_report_page_ms_p50 (and _p95): the same for GET /credential-report, whose
//    table is the 10,001-row report filtered, sorted and paged on the server, and
//    console.credential_report_page_kb, the size of its default view's HTML.
// It runs on a database of its own: embedded PGlite in a temporary folder, or, with DATABASE_URL
// set, a new PostgreSQL database next to the one named (dropped at the end). The database gets
// the migrations, the demo account (lib/iam/bootstrap) and 10,000 users with login profiles,
// access keys, MFA devices, group memberships, attached and inline policies, tags and activity,
// written with bulk inserts in the shapes lib/iam writes (and past the account's quota of 5,000
// users, which CreateUser enforces).
//
// The seeding and the listUsers timing run in a child process: the embedded database's folder
// lock lasts as long as the process that opened it, and the server must open the folder next.
// The server is `npm start`'s (scripts/start.mjs), on a free port: it builds the console first
// when the sources changed since the last build. Building or serving .next while a test run
// rebuilds it would break both, so this holds the checkout's test lock (scripts/test.mjs) from
// the build to the last request.
//
//   npm run bench:console [-- --users N --runs N --rounds N]

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { holdCheckoutLock } from "./checkout-lock.mjs";
import { createScratchDatabase } from "./scratch-database.mjs";
import { insertInChunks, option, seededChoices } from "./bench/helpers";

const root = path.resolve(__dirname, "..");
const ROOT_EMAIL = "bench-root@demo.example.com";

// ---- Numbers -------------------------------------------------------------------------------

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const ms = (n: number) => n.toFixed(1);

// ---- The account's contents ----------------------------------------------------------------

const FIRST = ["amelia", "ben", "chloe", "daniel", "emma", "felix", "grace", "hugo", "isla", "jack", "kai", "lena", "mia", "noah", "olivia", "paul", "quinn", "ruby", "sam", "tara", "umar", "vera", "will", "xena", "yusuf", "zoe", "ana", "bruno", "carmen", "diego", "elif", "farah", "goran", "hana", "ivan", "jana", "kenji", "lucia", "mateo", "nadia"];
const LAST = ["smith", "jones", "garcia", "muller", "rossi", "kowalski", "nguyen", "kim", "silva", "dubois", "tanaka", "novak", "ivanova", "larsen", "okafor", "patel", "santos", "weber", "cohen", "horvat", "berg", "costa", "fischer", "moreau", "yilmaz"];
const SERVICES = ["payments", "orders", "search", "billing", "ci-deploy", "etl", "backup", "monitoring", "mobile-api", "reporting"];
const TEAMS = ["platform", "app", "data", "security", "mobile", "finance", "support", "infra"];
const USER_PATHS = ["/", "/", "/", "/", "/engineering/", "/engineering/backend/", "/contractors/", "/service-accounts/"];
const GROUPS: [name: string, path: string, policies: string[]][] = [
  ["BackendDevelopers", "/engineering/", ["AmazonEC2FullAccess", "AmazonS3FullAccess"]],
  ["FrontendDevelopers", "/engineering/", ["AmazonS3FullAccess", "CloudFrontFullAccess"]],
  ["DataEngineers", "/engineering/", ["AmazonAthenaFullAccess", "AWSGlueConsoleFullAccess"]],
  ["DataScientists", "/", ["AmazonSageMakerFullAccess"]],
  ["DatabaseAdmins", "/", ["AmazonRDSFullAccess", "AmazonDynamoDBFullAccess"]],
  ["NetworkAdmins", "/", ["AmazonVPCFullAccess"]],
  ["SecurityTeam", "/security/", ["SecurityAudit", "AWSSecurityHubReadOnlyAccess"]],
  ["Support", "/", ["AWSSupportAccess", "ReadOnlyAccess"]],
  ["Billing", "/finance/", ["AWSBillingReadOnlyAccess"]],
  ["ReadOnly", "/", ["ReadOnlyAccess"]],
  ["MobileDevelopers", "/engineering/", ["AWSLambda_FullAccess"]],
  ["Operations", "/", ["CloudWatchFullAccess", "AmazonSSMFullAccess"]],
  ["ReleaseManagers", "/", ["AWSCodePipeline_FullAccess"]],
  ["Interns", "/", ["ReadOnlyAccess"]],
  ["Contractors", "/contractors/", ["AmazonS3ReadOnlyAccess"]],
  ["ServiceAccounts", "/service-accounts/", ["AmazonSQSFullAccess", "AmazonSNSFullAccess"]],
  ["Analysts", "/", ["AmazonQuickSightAthenaAccess", "AmazonAthenaFullAccess"]],
];
const USER_POLICIES = ["AmazonS3ReadOnlyAccess", "IAMUserChangePassword", "CloudWatchReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "IAMReadOnlyAccess"];
const EVENT_NAMES = ["GetUser", "ListAccessKeys", "ListGroupsForUser", "GetAccountSummary", "ListRoles", "ConsoleLogin", "CreateAccessKey", "ListPolicies"];

interface SeedFigures {
  seconds: number;
  counts: Record<string, number>;
}

/** Runs in the child: migrate, load the demo account, add the users, time listUsers, and print. */
async function seedAndMeasureApi(userCount: number, runs: number): Promise<void> {
  // lib modules import "server-only", which throws unless resolved as Next resolves server code.
  const require = createRequire(__filename);
  require.cache[require.resolve("server-only")] = { exports: {} } as NodeJS.Module;
  const { db, disconnect } = await import("../lib/db");
  const { rootArn } = await import("../lib/iam/arns");
  const { prepareDatabase, DEMO_ACCOUNT_ID } = await import("../lib/iam/bootstrap");
  const { listUsers } = await import("../lib/iam/users");
  const { listUsersForConsole } = await import("../lib/iam/users-console");

  const started = performance.now();
  const prepared = await prepareDatabase();
  if (!prepared.demo) throw new Error("The benchmark's database already held the demo account.");
  const prepareSeconds = (performance.now() - started) / 1000;
  const seeded = await seedUsers(await db(), DEMO_ACCOUNT_ID, userCount);
  console.log(`context: database prepared (migrations, ${prepared.awsManagedPoliciesLoaded} AWS managed policies, demo account) in ${prepareSeconds.toFixed(1)} s`);
  console.log(`context: seeded ${Object.entries(seeded.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
  console.log(`seed.seconds ${seeded.seconds.toFixed(1)}`);

  const rootCaller = () => ({
    accountId: DEMO_ACCOUNT_ID,
    principalType: "Account" as const,
    principalArn: rootArn(DEMO_ACCOUNT_ID),
    principalId: DEMO_ACCOUNT_ID,
    sourceIp: "203.0.113.10",
    secureTransport: true,
    now: new Date(),
  });
  const time = async (fn: () => Promise<unknown>, warmUp: number, n: number) => {
    for (let i = 0; i < warmUp; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    return times;
  };

  const first = await listUsers(rootCaller(), { MaxItems: 1000 });
  const all = await (await db()).user.count({ where: { accountId: DEMO_ACCOUNT_ID } });
  if (first.Users.length !== Math.min(1000, all)) throw new Error(`listUsers returned ${first.Users.length} of ${all} users.`);
  const api = await time(() => listUsers(rootCaller(), { MaxItems: 1000 }), 5, runs);
  console.log(`iam.list_users_1000_ms ${ms(percentile(api, 50))}`);
  console.log(`iam.list_users_1000_ms_p95 ${ms(percentile(api, 95))}`);
  // The users table's own query, without HTTP and React, to tell the two apart.
  const table = await time(() => listUsersForConsole(rootCaller(), { pageSize: 20 }), 5, runs);
  console.log(`iam.list_users_for_console_20_ms ${ms(percentile(table, 50))}`);
  // The report the Credential report page shows; it stays current for the next four hours.
  const { generateCredentialReport } = await import("../lib/iam/reports/credential-report");
  const { settleBackgroundWork } = await import("../lib/iam/background");
  await generateCredentialReport(rootCaller());
  await settleBackgroundWork();
  await writeSignInChallenge();
  await disconnect();
}

/**
 * Root's password step, taken here while this process holds the database: the server (which
 * holds it next) only has to complete the sign-in. The challenge lives 5 minutes.
 */
async function writeSignInChallenge(): Promise<void> {
  const { signInRoot } = await import("../lib/iam/sign-in");
  const password = process.env.SEED_ROOT_PASSWORD ?? "";
  const started = await signInRoot({ email: ROOT_EMAIL, password }, { sourceIp: "127.0.0.1", now: new Date() });
  if (started.next !== "done") throw new Error(`Root's sign-in asks for another step (${started.next}).`);
  writeFileSync(challengeFile(process.env.IAM_DATA_DIR ?? ""), started.challenge, { mode: 0o600 });
}

const challengeFile = (dataDir: string) => path.join(dataDir, "bench-sign-in-challenge");

async function seedUsers(prisma: import("../lib/db").Db, accountId: string, userCount: number): Promise<SeedFigures> {
  const { iamArn } = await import("../lib/iam/arns");
  const { encryptSecret, hashPassword } = await import("../lib/iam/crypto");
  const { newId, newSecretAccessKey } = await import("../lib/iam/ids");
  const { userNameKey } = await import("../lib/iam/users");
  const { groupNameKey } = await import("../lib/iam/groups");
  const { tagKeyKey } = await import("../lib/iam/tags");

  const started = performance.now();
  const rnd = seededChoices(20261126);
  const now = Date.now();
  const DAY = 86_400_000;
  const daysAgo = (min: number, max: number) => new Date(now - rnd.int(min * 24, max * 24) * 3_600_000 - rnd.int(0, 3_599_999));
  // One bcrypt hash for every seeded password: 6,000 at the server's cost would take half an hour.
  const passwordHash = await hashPassword(`Seed-${randomBytes(8).toString("hex")}-1a!`);

  const policies = await prisma.policy.findMany({
    where: { accountId: null, name: { in: [...new Set([...GROUPS.flatMap((g) => g[2]), ...USER_POLICIES])] } },
    select: { id: true, name: true },
  });
  const policyId = new Map(policies.map((p) => [p.name, p.id]));
  const customerPolicies = Array.from({ length: 8 }, (_, i) => {
    const name = `${TEAMS[i]}-s3-access`;
    return { id: newId("policy"), name, arn: iamArn(accountId, "policy", "/", name), team: TEAMS[i] };
  });
  await prisma.policy.createMany({
    data: customerPolicies.map((p) => ({ id: p.id, accountId, name: p.name, nameKey: p.name.toLowerCase(), path: "/", arn: p.arn, createdAt: daysAgo(400, 900) })),
  });
  await prisma.policyVersion.createMany({
    data: customerPolicies.map((p) => ({
      policyId: p.id,
      versionId: "v1",
      document: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: [`arn:aws:s3:::${p.team}-*`, `arn:aws:s3:::${p.team}-*/*`] }] }, null, 4),
    })),
  });

  const existingGroups = await prisma.group.findMany({ where: { accountId }, select: { id: true } });
  const groups = GROUPS.map(([name, groupPath, groupPolicies]) => ({ id: newId("group"), name, path: groupPath, policies: groupPolicies }));
  await prisma.group.createMany({
    data: groups.map((g) => ({ id: g.id, accountId, name: g.name, nameKey: groupNameKey(g.name), path: g.path, arn: iamArn(accountId, "group", g.path, g.name), createdAt: daysAgo(700, 1000) })),
  });
  const attachments: { accountId: string; policyId: string; userId?: string; groupId?: string; createdAt: Date }[] = [];
  for (const g of groups) {
    for (const p of g.policies) {
      const id = policyId.get(p);
      if (id) attachments.push({ accountId, policyId: id, groupId: g.id, createdAt: daysAgo(600, 700) });
    }
  }
  const groupIds = [...existingGroups.map((g) => g.id), ...groups.map((g) => g.id)];

  const users: { id: string; accountId: string; name: string; nameKey: string; path: string; arn: string; createdAt: Date; passwordLastUsed: Date | null }[] = [];
  const loginProfiles: { userId: string; passwordHash: string; passwordResetRequired: boolean; passwordChangedAt: Date; createdAt: Date }[] = [];
  const passwordHistory: { userId: string; passwordHash: string; createdAt: Date }[] = [];
  const accessKeys: { id: string; accountId: string; userId: string; status: string; secretEncrypted: string; createdAt: Date; lastUsedDate: Date | null; lastUsedServiceName: string | null; lastUsedRegion: string | null }[] = [];
  const memberships: { groupId: string; userId: string; createdAt: Date }[] = [];
  const tags: { key: string; keyKey: string; value: string; userId: string }[] = [];
  const mfaDevices: { serialNumber: string; accountId: string; name: string; path: string; type: string; userId: string; seedEncrypted: string; enableDate: Date; createdAt: Date }[] = [];
  const inlinePolicies: { accountId: string; name: string; userId: string; document: string; createdAt: Date; updatedAt: Date }[] = [];
  const events: { accountId: string; eventTime: Date; requestId: string; eventSource: string; eventName: string; principalArn: string; principalId: string; principalType: string; accessKeyId: string | null; sourceIp: string; readOnly: boolean }[] = [];

  const taken = new Set(["alice", "bob", "carol", "dave"]);
  for (let i = 0; users.length < userCount; i++) {
    const person = rnd.chance(0.88);
    let name = person ? `${rnd.pick(FIRST)}.${rnd.pick(LAST)}` : `svc-${rnd.pick(SERVICES)}-${rnd.int(1, 99)}`;
    while (taken.has(userNameKey(name))) name = `${name.replace(/\d+$/, "")}${rnd.int(2, 999)}`;
    taken.add(userNameKey(name));
    const userPath = person ? rnd.pick(USER_PATHS.slice(0, 7)) : "/service-accounts/";
    const createdAt = daysAgo(1, 1100);
    const age = Math.max(1, Math.floor((now - createdAt.getTime()) / DAY));
    const id = newId("user");
    const arn = iamArn(accountId, "user", userPath, name);
    const consoleAccess = person && rnd.chance(0.7);
    const signedIn = consoleAccess && rnd.chance(0.8);
    users.push({ id, accountId, name, nameKey: userNameKey(name), path: userPath, arn, createdAt, passwordLastUsed: signedIn ? daysAgo(0, Math.min(age, 120)) : null });

    if (consoleAccess) {
      const changed = daysAgo(0, age);
      loginProfiles.push({ userId: id, passwordHash, passwordResetRequired: rnd.chance(0.05), passwordChangedAt: changed, createdAt });
      passwordHistory.push({ userId: id, passwordHash, createdAt: changed });
    }
    const keyCount = person ? (rnd.chance(0.55) ? rnd.int(1, 2) : 0) : rnd.int(1, 2);
    for (let k = 0; k < keyCount; k++) {
      const used = rnd.chance(0.7);
      accessKeys.push({
        id: newId("accessKey"),
        accountId,
        userId: id,
        status: rnd.chance(0.85) ? "Active" : "Inactive",
        secretEncrypted: encryptSecret(newSecretAccessKey()),
        createdAt: daysAgo(0, age),
        lastUsedDate: used ? daysAgo(0, Math.min(age, 60)) : null,
        lastUsedServiceName: used ? rnd.pick(["s3", "ec2", "sts", "dynamodb", "lambda"]) : null,
        lastUsedRegion: used ? rnd.pick(["us-east-1", "eu-west-1", "eu-central-1"]) : null,
      });
    }
    for (const groupId of rnd.some(groupIds, rnd.int(1, 3))) memberships.push({ groupId, userId: id, createdAt: daysAgo(0, age) });
    if (rnd.chance(0.25)) {
      for (const p of rnd.some(USER_POLICIES, rnd.int(1, 2))) {
        const pid = policyId.get(p);
        if (pid) attachments.push({ accountId, policyId: pid, userId: id, createdAt: daysAgo(0, age) });
      }
      if (rnd.chance(0.3)) attachments.push({ accountId, policyId: rnd.pick(customerPolicies).id, userId: id, createdAt: daysAgo(0, age) });
    }
    if (rnd.chance(0.05)) {
      const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::home-bucket/${name}/*` }] }, null, 4);
      inlinePolicies.push({ accountId, name: "OwnHomeFolder", userId: id, document, createdAt, updatedAt: createdAt });
    }
    if (rnd.chance(0.6)) {
      const t = [["team", rnd.pick(TEAMS)], ["cost-center", `cc-${rnd.int(100, 140)}`], ["environment", rnd.pick(["prod", "staging", "dev"])]].slice(0, rnd.int(1, 3));
      for (const [key, value] of t) tags.push({ key, keyKey: tagKeyKey(key, true), value, userId: id });
    }
    if (consoleAccess && rnd.chance(0.3)) {
      const enabled = daysAgo(0, age);
      mfaDevices.push({
        serialNumber: iamArn(accountId, "mfa", "/", name),
        accountId,
        name,
        path: "/",
        type: "virtual",
        userId: id,
        seedEncrypted: encryptSecret(randomBytes(20).toString("base64")),
        enableDate: enabled,
        createdAt: enabled,
      });
    }
    if (rnd.chance(0.5)) {
      const key = accessKeys.findLast((k) => k.userId === id);
      for (let e = rnd.int(1, 6); e > 0; e--) {
        const eventName = rnd.pick(EVENT_NAMES);
        events.push({
          accountId,
          eventTime: daysAgo(0, Math.min(age, 90)),
          requestId: randomUUID(),
          eventSource: eventName === "ConsoleLogin" ? "signin.amazonaws.com" : "iam.amazonaws.com",
          eventName,
          principalArn: arn,
          principalId: id,
          principalType: "IAMUser",
          accessKeyId: key && eventName !== "ConsoleLogin" ? key.id : null,
          sourceIp: `198.51.100.${rnd.int(1, 254)}`,
          readOnly: eventName.startsWith("Get") || eventName.startsWith("List"),
        });
      }
    }
  }

  await insertInChunks(users, (data) => prisma.user.createMany({ data }));
  await insertInChunks(loginProfiles, (data) => prisma.loginProfile.createMany({ data }));
  await insertInChunks(passwordHistory, (data) => prisma.passwordHistory.createMany({ data }));
  await insertInChunks(accessKeys, (data) => prisma.accessKey.createMany({ data }));
  await insertInChunks(memberships, (data) => prisma.groupMembership.createMany({ data }));
  await insertInChunks(attachments, (data) => prisma.policyAttachment.createMany({ data }));
  await insertInChunks(inlinePolicies, (data) => prisma.inlinePolicy.createMany({ data }));
  await insertInChunks(tags, (data) => prisma.tag.createMany({ data }));
  await insertInChunks(mfaDevices, (data) => prisma.mfaDevice.createMany({ data }));
  await insertInChunks(events, (data) => prisma.activityEvent.createMany({ data }));
  // PostgreSQL's autovacuum gathers the planner's statistics after a load like this one; gather
  // them now rather than racing it. The embedded database has no autovacuum (no background
  // workers), so there it stays as a real installation has it: without statistics.
  if (process.env.DATABASE_URL) await prisma.$executeRawUnsafe("ANALYZE");

  return {
    seconds: (performance.now() - started) / 1000,
    counts: {
      users: users.length,
      groups: groups.length,
      "login profiles": loginProfiles.length,
      "access keys": accessKeys.length,
      "MFA devices": mfaDevices.length,
      memberships: memberships.length,
      "policy attachments": attachments.length,
      "inline policies": inlinePolicies.length,
      tags: tags.length,
      "activity events": events.length,
    },
  };
}

// ---- The database --------------------------------------------------------------------------

interface Database {
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function freshDatabase(dataDir: string): Promise<Database> {
  const base = process.env.DATABASE_URL;
  if (!base) return { env: {}, drop: async () => {} };
  const scratch = await createScratchDatabase(base, `iam_bench_${process.pid}`);
  return { env: { DATABASE_URL: scratch.url, IAM_DATA_DIR: dataDir }, drop: scratch.drop };
}

// ---- The server ----------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The first error of a build or start, without its stack: what to fix. */
function firstError(logFile: string): string {
  const lines = readFileSync(logFile, "utf8").split("\n").filter((l) => !/^\s+at /.test(l));
  const first = Math.max(0, lines.findIndex((l) => /error/i.test(l)));
  return lines.slice(first, first + 30).join("\n");
}

interface Server {
  baseUrl: string;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>, logFile: string): Promise<Server> {
  let port = await freePort();
  while (port === 3000 || port === 3100) port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), NEXTAUTH_URL: baseUrl, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null | undefined;
  const done = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited === undefined) child.kill("SIGTERM");
    await done;
    log.end();
  };

  const started = Date.now();
  let announced = 0;
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`The console server stopped (exit ${exited}) before it answered (full output in ${logFile}):\n${firstError(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/signin`, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    if (seconds > 20 * 60) {
      await stop();
      throw new Error(`The console server did not answer within 20 minutes; see ${logFile}.`);
    }
    if (seconds >= announced + 30) {
      announced = seconds;
      const building = readFileSync(logFile, "utf8").includes("Building the console");
      console.log(`context: waiting for the server on port ${port} (${seconds} s${building ? ", building the console first" : ""})…`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, stop };
}

// ---- Signing in and fetching ---------------------------------------------------------------

class CookieJar {
  private cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

/** Completes root's sign-in through next-auth's credentials endpoint, as the sign-in form does. */
async function signInAsRoot(baseUrl: string, challenge: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/challenge`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, challenge, callbackUrl: `${baseUrl}/users`, json: "true" }),
  });
  jar.take(res);
  await res.arrayBuffer();
  if (!jar.has("next-auth.session-token")) {
    throw new Error(`Root's sign-in failed (HTTP ${res.status}); its challenge expires 5 minutes after seeding, so build the console first (npm run build) when the server needs a build.`);
  }
  return jar;
}

// The users table as people use it: the default view, later pages, a bigger page, a filter,
// and each kind of sort (a column of the row, and columns gathered from other tables).
const VARIANTS = [
  "/users",
  "/users?page=2",
  "/users?page=400",
  "/users?size=100",
  "/users?filter=smith",
  "/users?filter=svc-payments&sort=accessKeyAge",
  "/users?sort=creationTime&order=desc",
  "/users?sort=lastActivity&order=desc",
  "/users?sort=groups&order=desc&page=3",
  "/users?sort=passwordAge",
  "/users?sort=accessKeyId&size=50",
];

// The credential report's table: its default view, a finding, a text filter, a sort and a page.
const REPORT_VARIANTS = [
  "/credential-report",
  "/credential-report?finding=console-without-mfa",
  "/credential-report?filter=smith",
  "/credential-report?sort=passwordLastUsed&order=desc",
  "/credential-report?finding=access-key-old&page=5&size=50",
];

interface PageTiming {
  ms: number;
  bytes: number;
}

async function timePage(baseUrl: string, jar: CookieJar, href: string, expected: string): Promise<PageTiming> {
  const t = performance.now();
  const res = await fetch(baseUrl + href, { redirect: "manual", headers: { cookie: jar.header() } });
  const html = await res.text();
  const elapsed = performance.now() - t;
  if (res.status !== 200 || !html.includes(expected)) {
    throw new Error(`GET ${href} answered HTTP ${res.status}${res.headers.get("location") ? ` to ${res.headers.get("location")}` : ""}, without "${expected}".`);
  }
  return { ms: elapsed, bytes: Buffer.byteLength(html) };
}

/** Times each variant `rounds` times after a warm-up, prints them, and returns every timing. */
async function timeVariants(baseUrl: string, jar: CookieJar, variants: readonly string[], expected: string, rounds: number) {
  // Warm-up: the first requests compile and load the route's modules.
  for (let i = 0; i < 3; i++) for (const href of variants) await timePage(baseUrl, jar, href, expected);
  const byVariant = new Map<string, PageTiming[]>(variants.map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) for (const href of variants) byVariant.get(href)!.push(await timePage(baseUrl, jar, href, expected));
  for (const [href, timings] of byVariant) {
    const times = timings.map((t) => t.ms);
    console.log(`context: GET ${href} p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms, ${(timings[0].bytes / 1024).toFixed(0)} kB`);
  }
  return byVariant;
}

async function measureConsole(baseUrl: string, challenge: string, rounds: number): Promise<void> {
  const jar = await signInAsRoot(baseUrl, challenge);
  const users = [...(await timeVariants(baseUrl, jar, VARIANTS, "Access key ID", rounds)).values()].flat().map((t) => t.ms);
  console.log(`console.users_page_ms_p50 ${ms(percentile(users, 50))}`);
  console.log(`console.users_page_ms_p95 ${ms(percentile(users, 95))}`);
  const report = await timeVariants(baseUrl, jar, REPORT_VARIANTS, "Users and their credentials", rounds);
  const reportTimes = [...report.values()].flat().map((t) => t.ms);
  console.log(`console.credential_report_page_ms_p50 ${ms(percentile(reportTimes, 50))}`);
  console.log(`console.credential_report_page_ms_p95 ${ms(percentile(reportTimes, 95))}`);
  console.log(`console.credential_report_page_kb ${(report.get(REPORT_VARIANTS[0])![0].bytes / 1024).toFixed(0)}`);
}

// ---- Main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const users = option("users", 10_000);
  const runs = option("runs", 30);
  const rounds = option("rounds", 20);
  if (process.argv.includes("--seed")) return seedAndMeasureApi(users, runs);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "iam-bench-"));
  const logFile = path.join(os.tmpdir(), `iam-bench-server-${process.pid}.log`);
  const database = await freshDatabase(dataDir);
  // The seeding process and the server must share the secrets and the database.
  const env: Record<string, string> = {
    IAM_DATA_DIR: dataDir,
    IAM_SECRETS_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64"),
    SEED_ROOT_EMAIL: ROOT_EMAIL,
    SEED_ROOT_PASSWORD: `Bench-${randomBytes(9).toString("base64url")}-1a!`,
    ...database.env,
  };
  try {
    console.log(`context: node ${process.version}, ${os.cpus().length} cores; database ${database.env.DATABASE_URL ? "PostgreSQL (a new database)" : "embedded PGlite (a temporary folder)"}`);
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const args = [__filename, "--seed", "--users", String(users), "--runs", String(runs)];
    const seeded = spawnSync(tsx, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
    if (seeded.status !== 0) throw new Error(`Seeding failed (exit ${seeded.status}).`);

    const release = await holdCheckoutLock(root, (owner) => `context: a test run (pid ${owner}) is building or running e2e in this checkout; waiting for it…`);
    let server: Server | undefined;
    try {
      server = await startServer(env, logFile);
      await measureConsole(server.baseUrl, readFileSync(challengeFile(dataDir), "utf8"), rounds);
    } finally {
      await server?.stop();
      release();
    }
    rmSync(logFile, { force: true });
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
