import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "./scripts/scratch-database.mjs";

// Each test file runs in its own process with its own database: a fresh PostgreSQL database
// when DATABASE_URL is set, an in-memory PGlite database otherwise. Set before any module
// reads the environment.

process.env.IAM_PASSWORD_HASH_COST = "4";
process.env.IAM_SECRETS_KEY = randomBytes(32).toString("base64");
process.env.AUTH_SECRET = randomBytes(32).toString("base64");

let testDatabase: ScratchDatabase | undefined;

if (process.env.DATABASE_URL) {
  testDatabase = await createScratchDatabase(process.env.DATABASE_URL, `iam_test_${process.pid}_${randomBytes(4).toString("hex")}`);
  process.env.DATABASE_URL = testDatabase.url;
} else {
  process.env.IAM_EMBEDDED_DB = "memory";
  // Initialized once for the run (vitest.global-setup.ts).
  const template = inject("pgliteTemplate");
  if (template) process.env.IAM_EMBEDDED_DB_TEMPLATE = template;
}

afterAll(async () => {
  const { disconnect } = await import("@/lib/db");
  await disconnect();
  await testDatabase?.drop();
});
