import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { Driver } from "./driver";

// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order and records each in
// _prisma_migrations exactly as `prisma migrate deploy` does (same table, sha256 checksum,
// same advisory lock), so either tool can take over from the other.

const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(folder: string): Migration[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(folder, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(folder, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface Session {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  exec(sql: string): Promise<void>;
}

async function withSession<T>(driver: Driver, fn: (s: Session) => Promise<T>): Promise<T> {
  if (driver.kind === "pglite") {
    const db = driver.db;
    return fn({
      query: async (sql, params) => ({ rows: (await db.query(sql, params)).rows as Record<string, unknown>[] }),
      exec: async (sql) => void (await db.exec(sql)),
    });
  }
  const client = await driver.pool.connect();
  try {
    return await fn({
      query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows }),
      exec: async (sql) => void (await client.query(sql)),
    });
  } finally {
    client.release();
  }
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(driver: Driver, folder: string): Promise<string[]> {
  const migrations = readMigrations(folder);
  return withSession(driver, async (s) => {
    await s.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    try {
      await s.exec(CREATE_MIGRATIONS_TABLE);
      const { rows } = await s.query(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const done = new Map(rows.map((r) => [String(r.migration_name), r]));
      const applied: string[] = [];
      for (const m of migrations) {
        const row = done.get(m.name);
        if (row) {
          if (!row.finished_at) {
            throw new Error(`Migration ${m.name} failed earlier and must be resolved by hand.`);
          }
          if (row.checksum !== m.checksum) {
            throw new Error(`Migration ${m.name} was changed after it was applied.`);
          }
          continue;
        }
        const id = randomUUID();
        await s.exec("BEGIN");
        try {
          await s.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
            [id, m.checksum, m.name],
          );
          await s.exec(m.sql);
          await s.query(
            `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
            [id],
          );
          await s.exec("COMMIT");
        } catch (err) {
          await s.exec("ROLLBACK");
          throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.name);
      }
      return applied;
    } finally {
      await s.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
    }
  });
}
