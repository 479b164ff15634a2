import "server-only";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { acquireFolderLock } from "./folder-lock";

/**
 * The raw SQL connection under Prisma: a pg Pool for PostgreSQL, or one embedded PGlite
 * instance. The migration runner speaks to it directly, because migration files hold many
 * statements and Prisma's raw queries take one.
 */
export type Driver =
  | { kind: "postgres"; pool: pg.Pool }
  | { kind: "pglite"; db: PGlite; folder: string | undefined };

export interface DriverOptions {
  databaseUrl: string | undefined;
  /** Folder of the embedded database; undefined keeps it in memory (tests). */
  pgliteFolder: string | undefined;
  /** For an in-memory database: an initialized data directory (tar) to start from instead of running initdb. */
  pgliteTemplate?: string;
}

export async function openDriver(options: DriverOptions): Promise<Driver> {
  if (options.databaseUrl) {
    // JIT compilation pays off for long analytical queries; the console's short list queries
    // only pay its start-up cost (60–150 ms on a 10,000-user sort), so it is off.
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, options: "-c jit=off" });
    // An idle connection that the server closes (a restart, an administrator) must not take
    // the whole process down; the pool opens a new one when it is next needed.
    pool.on("error", (err) => console.warn(`PostgreSQL closed an idle connection: ${err.message}`));
    return { kind: "postgres", pool };
  }
  const folder = options.pgliteFolder;
  if (folder) {
    mkdirSync(path.dirname(folder), { recursive: true });
    acquireFolderLock(folder);
  }
  const template = !folder && options.pgliteTemplate ? new Blob([readFileSync(options.pgliteTemplate)]) : undefined;
  const db = folder ? await PGlite.create(folder) : await PGlite.create(template ? { loadDataDir: template } : {});
  return { kind: "pglite", db, folder };
}

export async function closeDriver(driver: Driver): Promise<void> {
  if (driver.kind === "postgres") await driver.pool.end();
  else await driver.db.close();
}
