import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

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
  // Initialized once for the run (vitest.global-setup.ts).
  const template = inject("pgliteTemplate");
  if (template) process.env.IAM_EMBEDDED_DB_TEMPLATE = template;
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
