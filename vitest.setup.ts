import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeEach, vi } from "vitest";

// Each test file runs in its own process with its own database: a fresh PostgreSQL database
// when DATABASE_URL is set, an in-memory PGlite database otherwise. Set before any module
// reads the environment.

process.env.IAM_PASSWORD_HASH_COST = "4";
process.env.IAM_SECRETS_KEY = randomBytes(32).toString("base64");
process.env.AUTH_SECRET = randomBytes(32).toString("base64");

const baseUrl = process.env.DATABASE_URL;
let testDatabase: string | undefined;

if (baseUrl) {
  testDatabase = `iam_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${testDatabase}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${testDatabase}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.IAM_EMBEDDED_DB = "memory";
}

afterAll(async () => {
  const { disconnect } = await import("@/lib/db");
  await disconnect();
  if (baseUrl && testDatabase) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${testDatabase}" WITH (FORCE)`);
    await admin.end();
  }
});

// A test that logs an error or a warning fails: it is either a bug or noise.
beforeEach(() => {
  for (const method of ["error", "warn"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      throw new Error(`console.${method} was called: ${args.map(String).join(" ")}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});
