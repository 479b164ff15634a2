// `npm run bench:reports`: the access reports over a large account.
//  - reports.credential_report_10k_ms: median wall time of a credential report generation for an
//    account of 10,000 users, from the GenerateCredentialReport call to the report being
//    COMPLETE (the background work included), through lib/iam as the console and the API call
//    it (target ≤ 1,000 ms);
//  - then the event history's figures (scripts/bench/event-history-bench.ts:
//    reports.event_history_page_ms), on the same database.
// It runs on a database of its own: embedded PGlite in a temporary folder, or, with DATABASE_URL
// set, a new PostgreSQL database next to the one named (dropped at the end). The database gets
// the migrations, the demo account (lib/iam/bootstrap) and 10,000 users with console passwords,
// access keys (some used), MFA devices and signing certificates, written with bulk inserts in the
// shapes lib/iam writes.
//
//   npm run bench:reports [-- --users N --runs N]

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "./scratch-database.mjs";
import { insertInChunks, median, option, seededChoices } from "./bench/helpers";

const DAY = 86_400_000;
const HOUR = 3_600_000;

// ---- The database --------------------------------------------------------------------------

interface Database {
  label: string;
  drop(): Promise<void>;
}

/** Points this process at a new database: a PostgreSQL one beside DATABASE_URL's, or a PGlite folder. */
async function freshDatabase(dataDir: string): Promise<Database> {
  process.env.IAM_DATA_DIR = dataDir;
  const base = process.env.DATABASE_URL;
  if (!base) return { label: "embedded PGlite (a temporary folder)", drop: async () => {} };
  const scratch = await createScratchDatabase(base, `iam_bench_reports_${process.pid}`);
  process.env.DATABASE_URL = scratch.url;
  return { label: "PostgreSQL (a new database)", drop: scratch.drop };
}

// ---- The account ---------------------------------------------------------------------------

const FIRST = ["amelia", "ben", "chloe", "daniel", "emma", "felix", "grace", "hugo", "isla", "jack", "kai", "lena", "mia", "noah", "olivia", "paul", "quinn", "ruby", "sam", "tara"];
const LAST = ["smith", "jones", "garcia", "muller", "rossi", "kowalski", "nguyen", "kim", "silva", "dubois", "tanaka", "novak", "larsen", "okafor", "patel"];
const SERVICES = ["s3", "ec2", "sts", "dynamodb", "lambda", "iam"];
const REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

async function seedUsers(accountId: string, userCount: number, now: number): Promise<Record<string, number>> {
  const { db } = await import("../lib/db");
  const { iamArn } = await import("../lib/iam/arns");
  const { encryptSecret, hashPassword } = await import("../lib/iam/crypto");
  const { newId, newSecretAccessKey } = await import("../lib/iam/ids");
  const prisma = await db();
  const rnd = seededChoices(20261127);
  const daysAgo = (min: number, max: number) => new Date(now - rnd.int(min * 24, max * 24) * HOUR - rnd.int(0, HOUR - 1));
  // One hash for every seeded password: thousands at the server's cost would take many minutes.
  const passwordHash = await hashPassword(`Seed-${randomBytes(8).toString("hex")}-1a!`);

  const users: { id: string; accountId: string; name: string; nameKey: string; path: string; arn: string; createdAt: Date; passwordLastUsed: Date | null }[] = [];
  const loginProfiles: { userId: string; passwordHash: string; passwordChangedAt: Date; createdAt: Date }[] = [];
  const accessKeys: { id: string; accountId: string; userId: string; status: string; secretEncrypted: string; createdAt: Date; lastUsedDate: Date | null; lastUsedServiceName: string | null; lastUsedRegion: string | null }[] = [];
  const mfaDevices: { serialNumber: string; accountId: string; name: string; type: string; userId: string; seedEncrypted: string; enableDate: Date; createdAt: Date }[] = [];
  const certificates: { id: string; accountId: string; userId: string; body: string; fingerprint: string; status: string; uploadDate: Date }[] = [];

  const taken = new Set(["alice", "bob", "carol", "dave"]);
  while (users.length < userCount) {
    let name = `${rnd.pick(FIRST)}.${rnd.pick(LAST)}`;
    while (taken.has(name)) name = `${name.replace(/\d+$/, "")}${rnd.int(2, 9999)}`;
    taken.add(name);
    const id = newId("user");
    const createdAt = daysAgo(1, 1100);
    const age = Math.max(1, Math.floor((now - createdAt.getTime()) / DAY));
    const consoleAccess = rnd.chance(0.7);
    users.push({ id, accountId, name, nameKey: name, path: "/", arn: iamArn(accountId, "user", "/", name), createdAt, passwordLastUsed: consoleAccess && rnd.chance(0.8) ? daysAgo(0, Math.min(age, 200)) : null });
    if (consoleAccess) loginProfiles.push({ userId: id, passwordHash, passwordChangedAt: daysAgo(0, age), createdAt });
    for (let k = rnd.chance(0.6) ? rnd.int(1, 2) : 0; k > 0; k--) {
      const used = rnd.chance(0.7);
      const service = rnd.pick(SERVICES);
      accessKeys.push({
        id: newId("accessKey"),
        accountId,
        userId: id,
        status: rnd.chance(0.85) ? "Active" : "Inactive",
        secretEncrypted: encryptSecret(newSecretAccessKey()),
        createdAt: daysAgo(0, age),
        lastUsedDate: used ? daysAgo(0, Math.min(age, 120)) : null,
        lastUsedServiceName: used ? service : null,
        lastUsedRegion: used && service !== "iam" ? rnd.pick(REGIONS) : null,
      });
    }
    if (consoleAccess && rnd.chance(0.4)) {
      const enabled = daysAgo(0, age);
      mfaDevices.push({ serialNumber: iamArn(accountId, "mfa", "/", name), accountId, name, type: "virtual", userId: id, seedEncrypted: encryptSecret(randomBytes(20).toString("base64")), enableDate: enabled, createdAt: enabled });
    }
    if (rnd.chance(0.05)) {
      certificates.push({ id: `CERT${randomBytes(14).toString("hex").toUpperCase()}`, accountId, userId: id, body: "-----BEGIN CERTIFICATE-----", fingerprint: randomBytes(32).toString("hex"), status: "Active", uploadDate: daysAgo(0, age) });
    }
  }

  await insertInChunks(users, (data) => prisma.user.createMany({ data }));
  await insertInChunks(loginProfiles, (data) => prisma.loginProfile.createMany({ data }));
  await insertInChunks(accessKeys, (data) => prisma.accessKey.createMany({ data }));
  await insertInChunks(mfaDevices, (data) => prisma.mfaDevice.createMany({ data }));
  await insertInChunks(certificates, (data) => prisma.signingCertificate.createMany({ data }));
  // PostgreSQL's autovacuum would gather the planner's statistics after a load like this one.
  if (process.env.DATABASE_URL) await prisma.$executeRawUnsafe("ANALYZE");
  return { users: users.length, "login profiles": loginProfiles.length, "access keys": accessKeys.length, "MFA devices": mfaDevices.length, "signing certificates": certificates.length };
}

// ---- The measurement -----------------------------------------------------------------------

async function measureCredentialReport(userCount: number, runs: number): Promise<void> {
  const { db } = await import("../lib/db");
  const { rootArn } = await import("../lib/iam/arns");
  const { settleBackgroundWork } = await import("../lib/iam/background");
  const { prepareDatabase, DEMO_ACCOUNT_ID } = await import("../lib/iam/bootstrap");
  const { generateCredentialReport, getCredentialReport, REPORT_LIFETIME_MS } = await import("../lib/iam/reports/credential-report");

  const started = performance.now();
  const prepared = await prepareDatabase();
  if (!prepared.demo) throw new Error("The benchmark's database already held the demo account.");
  console.log(`context: database prepared (migrations, ${prepared.awsManagedPoliciesLoaded} AWS managed policies, demo account) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const seedStarted = performance.now();
  const now = Date.now();
  const counts = await seedUsers(DEMO_ACCOUNT_ID, userCount, now);
  console.log(`context: seeded ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")} in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const total = await (await db()).user.count({ where: { accountId: DEMO_ACCOUNT_ID } });

  // Each run is later than the last report's four hours, so each generates anew.
  const root = (run: number) => ({
    accountId: DEMO_ACCOUNT_ID,
    principalType: "Account" as const,
    principalArn: rootArn(DEMO_ACCOUNT_ID),
    principalId: DEMO_ACCOUNT_ID,
    sourceIp: "203.0.113.10",
    secureTransport: true,
    now: new Date(now + run * (REPORT_LIFETIME_MS + HOUR)),
  });
  const warmUp = 2;
  const times: number[] = [];
  for (let run = 0; run < warmUp + runs; run++) {
    const t = performance.now();
    const out = await generateCredentialReport(root(run));
    await settleBackgroundWork();
    const elapsed = performance.now() - t;
    if (out.State !== "STARTED") throw new Error(`GenerateCredentialReport answered ${out.State}, not STARTED.`);
    const report = await getCredentialReport(root(run));
    const lines = Buffer.from(report.Content, "base64").toString("utf8").split("\n").length;
    if (lines !== total + 2) throw new Error(`The report has ${lines} lines for ${total} users.`);
    if (run >= warmUp) times.push(elapsed);
  }
  console.log(`context: ${runs} generations of a ${total}-user report: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
  console.log(`reports.credential_report_10k_ms ${median(times).toFixed(1)}`);
}

// ---- Main ----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const users = option("users", 10_000);
  const runs = option("runs", 7);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "iam-bench-reports-"));
  process.env.IAM_SECRETS_KEY ||= randomBytes(32).toString("base64");
  process.env.AUTH_SECRET ||= randomBytes(32).toString("base64");
  process.env.SEED_ROOT_EMAIL ||= "bench-root@demo.example.com";
  process.env.SEED_ROOT_PASSWORD ||= `Bench-${randomBytes(9).toString("base64url")}-1a!`;
  // lib modules import "server-only", which throws unless resolved as Next resolves server code.
  const require = createRequire(__filename);
  require.cache[require.resolve("server-only")] = { exports: {} } as NodeJS.Module;

  const database = await freshDatabase(dataDir);
  try {
    console.log(`context: node ${process.version}, ${os.cpus().length} cores; database ${database.label}`);
    await measureCredentialReport(users, runs);
    // The event history's figures, on the same database while it is open.
    const { benchEventHistory } = await import("./bench/event-history-bench");
    await benchEventHistory();
  } finally {
    const { disconnect } = await import("../lib/db");
    await disconnect();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
