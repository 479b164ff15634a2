// `npm test`: lint, typecheck, unit and integration tests, then the end-to-end suite in
// Chromium against a production build. With DATABASE_URL set, everything runs on
// PostgreSQL (each test file and the e2e server get a fresh database); without it, on the
// embedded database.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { holdCheckoutLock } from "./checkout-lock.mjs";
import { createScratchDatabase } from "./scratch-database.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

class StepFailed extends Error {
  constructor(status) {
    super(`exit ${status}`);
    this.status = status;
  }
}

function run(label, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${label} failed after ${seconds} s`);
    throw new StepFailed(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds} s)`);
}

// Steps to run, all by default: `npm test -- vitest e2e` runs just those two.
const STEPS = ["lint", "typecheck", "vitest", "build", "e2e"];
// Spec files named after the steps narrow the e2e step: `npm test -- build e2e e2e/users.spec.ts`.
const args = process.argv.slice(2);
const specs = args.filter((a) => a.endsWith(".spec.ts"));
const wanted = args.filter((a) => !a.endsWith(".spec.ts"));
for (const w of wanted) if (!STEPS.includes(w)) throw new Error(`Unknown step ${w}; steps are ${STEPS.join(", ")}.`);
const step = (name) => wanted.length === 0 || wanted.includes(name);

/** 3100 when it is free, any free port otherwise (another checkout's tests may hold 3100). */
async function e2ePort() {
  const listen = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(undefined));
      server.listen(port, "localhost", () => {
        const { port: bound } = server.address();
        server.close(() => resolve(bound));
      });
    });
  return (await listen(3100)) ?? (await listen(0));
}

try {

if (step("lint")) run("lint", bin("eslint"), [".", "--max-warnings=0"]);
if (step("typecheck")) run("typecheck", bin("tsc"), ["--noEmit"]);
if (step("vitest")) run("unit and integration tests (vitest)", bin("vitest"), ["run"]);
if (step("build") || step("e2e")) await holdCheckoutLock(root, (owner) => `Another test run (pid ${owner}) is building or running e2e in this checkout; waiting for it…`);
if (step("build")) run("production build", bin("next"), ["build"]);
if (step("e2e")) {
  // The e2e server gets a database of its own, seeded with known demo credentials.
  const e2eEnv = {
    SEED_ROOT_EMAIL: "e2e-root@demo.example.com",
    SEED_ROOT_PASSWORD: "E2e-Root-Passw0rd!",
    SEED_USER_PASSWORD: "E2e-User-Passw0rd!",
    IAM_PASSWORD_HASH_COST: "8",
  };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "iam-e2e-"));
  let dropDatabase;
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL, `iam_e2e_${process.pid}`);
    e2eEnv.DATABASE_URL = scratch.url;
    dropDatabase = scratch.drop;
  }
  e2eEnv.IAM_DATA_DIR = dataDir;
  e2eEnv.E2E_PORT = String(await e2ePort());
  try {
    run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test", ...specs], e2eEnv);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  }
}
} catch (err) {
  if (!(err instanceof StepFailed)) throw err;
  process.exitCode = err.status;
}
