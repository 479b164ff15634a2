import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { closeDriver, openDriver, type Driver } from "./driver";
import { migrate, readMigrations } from "./migrate";

// The project's own migration runner must leave the database exactly as `prisma migrate
// deploy` would: every migration applied and recorded in _prisma_migrations with Prisma's
// checksum, under Prisma's advisory lock. And the migrated database must match
// schema.prisma: a schema edit without a migration fails the drift check below.

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
const SCHEMA = path.join(process.cwd(), "prisma", "schema.prisma");
const PRISMA_ADVISORY_LOCK = 72707369;
const onPostgres = Boolean(env().databaseUrl);

let driver: Driver;
const extraDrivers: Driver[] = [];
const tmp = mkdtempSync(path.join(os.tmpdir(), "iam-migrations-"));

async function query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], d: Driver = driver): Promise<T[]> {
  if (d.kind === "pglite") return (await d.db.query<T>(sql, params)).rows;
  return (await d.pool.query(sql, params)).rows as T[];
}

/** A copy of prisma/migrations plus extra migrations, for runs that must not touch the real folder. */
function migrationsWith(extra: Record<string, string>, tweak?: (dir: string) => void): string {
  const dir = mkdtempSync(path.join(tmp, "copy-"));
  cpSync(MIGRATIONS, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  tweak?.(dir);
  return dir;
}

const migrationDirs = () =>
  readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

beforeAll(async () => {
  // The test's own database: a fresh PostgreSQL database, or a new in-memory PGlite.
  driver = await openDriver({ databaseUrl: env().databaseUrl, pgliteFolder: undefined, pgliteTemplate: env().embeddedTemplate });
});

afterAll(async () => {
  for (const d of [driver, ...extraDrivers]) if (d) await closeDriver(d);
  rmSync(tmp, { recursive: true, force: true });
});

describe("applying prisma/migrations to an empty database", () => {
  it("the database starts empty", async () => {
    const tables = await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables).toEqual([]);
  });

  it("the migrations folder is in Prisma's format for PostgreSQL", () => {
    expect(readFileSync(path.join(MIGRATIONS, "migration_lock.toml"), "utf8")).toMatch(/^provider = "postgresql"$/m);
    const dirs = migrationDirs();
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) {
      expect(dir).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8").length).toBeGreaterThan(0);
    }
    expect(readMigrations(MIGRATIONS).map((m) => m.name)).toEqual(dirs);
  });

  it("applies every migration, in order", async () => {
    expect(await migrate(driver, MIGRATIONS)).toEqual(migrationDirs());
  });

  it("records each migration in _prisma_migrations as Prisma does", async () => {
    const rows = await query<{
      id: string;
      checksum: string;
      finished_at: Date | null;
      migration_name: string;
      logs: string | null;
      rolled_back_at: Date | null;
      started_at: Date;
      applied_steps_count: number;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(migrationDirs());
    for (const row of rows) {
      const file = readFileSync(path.join(MIGRATIONS, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("_prisma_migrations has exactly Prisma's columns, so `prisma migrate deploy` can take over", async () => {
    const columns = await query<{ column_name: string; data_type: string; character_maximum_length: number | null; is_nullable: string }>(
      `SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", character_maximum_length: 36, is_nullable: "NO" },
      { column_name: "checksum", data_type: "character varying", character_maximum_length: 64, is_nullable: "NO" },
      { column_name: "finished_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES" },
      { column_name: "migration_name", data_type: "character varying", character_maximum_length: 255, is_nullable: "NO" },
      { column_name: "logs", data_type: "text", character_maximum_length: null, is_nullable: "YES" },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "YES" },
      { column_name: "started_at", data_type: "timestamp with time zone", character_maximum_length: null, is_nullable: "NO" },
      { column_name: "applied_steps_count", data_type: "integer", character_maximum_length: null, is_nullable: "NO" },
    ]);
  });

  it("a second run applies nothing and changes no record", async () => {
    const before = await query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(await migrate(driver, MIGRATIONS)).toEqual([]);
    expect(await query(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).toEqual(before);
  });

  it("releases Prisma's advisory lock when done", async () => {
    // pg_locks lists the whole server's locks: other test files migrate their own databases meanwhile.
    const locks = await query(
      `SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND database IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))`,
      [PRISMA_ADVISORY_LOCK],
    );
    expect(locks).toEqual([]);
  });
});

describe("later runs", () => {
  it("a migration edited after it was applied is refused, and nothing runs", async () => {
    const first = migrationDirs()[0];
    const dir = migrationsWith({ "20991231000000_after_edit": `CREATE TABLE "AfterEdit" ("id" INTEGER);` }, (d) =>
      appendFileSync(path.join(d, first, "migration.sql"), "\n-- an innocent-looking edit\n"),
    );
    await expect(migrate(driver, dir)).rejects.toThrow(`Migration ${first} was changed after it was applied.`);
    const tables = await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'AfterEdit'`);
    expect(tables).toEqual([]);
  });

  it("applies only a new migration, and records it", async () => {
    const dir = migrationsWith({ "20991231000001_probe": `CREATE TABLE "Probe" ("id" INTEGER NOT NULL);\nCREATE INDEX "Probe_id_idx" ON "Probe"("id");` });
    try {
      expect(await migrate(driver, dir)).toEqual(["20991231000001_probe"]);
      expect(await query(`SELECT count(*)::int AS n FROM "Probe"`)).toEqual([{ n: 0 }]);
      const [row] = await query<{ checksum: string; finished_at: Date | null }>(
        `SELECT checksum, finished_at FROM "_prisma_migrations" WHERE migration_name = '20991231000001_probe'`,
      );
      expect(row.checksum).toBe(createHash("sha256").update(readFileSync(path.join(dir, "20991231000001_probe", "migration.sql"))).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(await migrate(driver, dir)).toEqual([]);
    } finally {
      await query(`DROP TABLE IF EXISTS "Probe"`);
      await query(`DELETE FROM "_prisma_migrations" WHERE migration_name = '20991231000001_probe'`);
    }
  });

  it("a failing migration is rolled back entirely and not recorded", async () => {
    const name = "20991231000002_broken";
    const dir = migrationsWith({ [name]: `CREATE TABLE "Broken" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);` });
    await expect(migrate(driver, dir)).rejects.toThrow(new RegExp(`^Migration ${name} failed: .*NoSuchTable`));
    expect(await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'Broken'`)).toEqual([]);
    expect(await query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [name])).toEqual([]);
    // The connection is usable and the lock free: the real folder still migrates (to nothing).
    expect(await migrate(driver, MIGRATIONS)).toEqual([]);
  });

  it("a migration Prisma recorded as failed (finished_at null) must be resolved by hand", async () => {
    const name = "20991231000003_half_done";
    const dir = migrationsWith({ [name]: `CREATE TABLE "HalfDone" ("id" INTEGER);` });
    const checksum = readMigrations(dir).find((m) => m.name === name)!.checksum;
    await query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-4000-8000-000000000003', $1, $2)`, [
      checksum,
      name,
    ]);
    try {
      await expect(migrate(driver, dir)).rejects.toThrow(`Migration ${name} failed earlier and must be resolved by hand.`);
      expect(await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'HalfDone'`)).toEqual([]);

      // `prisma migrate resolve --rolled-back` marks it rolled back: then it is applied again.
      await query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [name]);
      expect(await migrate(driver, dir)).toEqual([name]);
      const rows = await query<{ finished_at: Date | null; rolled_back_at: Date | null }>(
        `SELECT finished_at, rolled_back_at FROM "_prisma_migrations" WHERE migration_name = $1 ORDER BY started_at`,
        [name],
      );
      expect(rows).toHaveLength(2);
      expect(rows.filter((r) => r.rolled_back_at === null && r.finished_at !== null)).toHaveLength(1);
    } finally {
      await query(`DROP TABLE IF EXISTS "HalfDone"`);
      await query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    }
  });

  it.skipIf(!onPostgres)("waits for Prisma's advisory lock held by another session (PostgreSQL)", async () => {
    const other = await openDriver({ databaseUrl: env().databaseUrl, pgliteFolder: undefined, pgliteTemplate: env().embeddedTemplate });
    extraDrivers.push(other);
    if (other.kind !== "postgres") throw new Error("expected PostgreSQL");
    const holder = await other.pool.connect();
    const name = "20991231000004_after_lock";
    const dir = migrationsWith({ [name]: `CREATE TABLE "AfterLock" ("id" INTEGER);` });
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
      let settled = false;
      const run = migrate(driver, dir).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      expect(await query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'AfterLock'`)).toEqual([]);
      await holder.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
      expect(await run).toEqual([name]);
    } finally {
      holder.release();
      await query(`DROP TABLE IF EXISTS "AfterLock"`);
      await query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    }
  });

  it.skipIf(!onPostgres)("two servers migrating at once apply a migration exactly once (PostgreSQL)", async () => {
    const servers = await Promise.all([1, 2, 3].map(() => openDriver({ databaseUrl: env().databaseUrl, pgliteFolder: undefined, pgliteTemplate: env().embeddedTemplate })));
    extraDrivers.push(...servers);
    const name = "20991231000005_concurrent";
    const dir = migrationsWith({ [name]: `CREATE TABLE "Concurrent" ("id" INTEGER);` });
    try {
      const results = await Promise.all(servers.map((d) => migrate(d, dir)));
      expect(results.flat()).toEqual([name]);
      expect(await query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [name])).toHaveLength(1);
    } finally {
      await query(`DROP TABLE IF EXISTS "Concurrent"`);
      await query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Schema drift: schema.prisma against the migrated database's catalog.

interface Attribute {
  name: string;
  args: string | undefined;
}

interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: Attribute[];
}

interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  blockAttributes: Attribute[];
}

interface ParsedSchema {
  models: Map<string, SchemaModel>;
  enums: Map<string, string[]>;
}

function stripComment(line: string): string {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== "\\") quoted = !quoted;
    if (!quoted && line[i] === "/" && line[i + 1] === "/") return line.slice(0, i);
  }
  return line;
}

/** Attributes `@name(args)` / `@@name(args)` / `@db.Type(args)` with balanced parentheses. */
function parseAttributes(text: string, prefix: "@" | "@@"): Attribute[] {
  const out: Attribute[] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf(prefix, i);
    if (at < 0) break;
    if (prefix === "@" && text[at + 1] === "@") throw new Error(`Unexpected block attribute in a field: ${text}`);
    const nameMatch = /^[A-Za-z_][\w.]*/.exec(text.slice(at + prefix.length));
    if (!nameMatch) throw new Error(`Cannot parse attribute in: ${text}`);
    let end = at + prefix.length + nameMatch[0].length;
    let args: string | undefined;
    if (text[end] === "(") {
      let depth = 0;
      let quoted = false;
      for (let j = end; j < text.length; j++) {
        const c = text[j];
        if (c === '"' && text[j - 1] !== "\\") quoted = !quoted;
        if (quoted) continue;
        if (c === "(") depth++;
        if (c === ")" && --depth === 0) {
          args = text.slice(end + 1, j).trim();
          end = j + 1;
          break;
        }
      }
      if (args === undefined) throw new Error(`Unbalanced parentheses in: ${text}`);
    }
    out.push({ name: nameMatch[0], args });
    i = end;
  }
  return out;
}

/** The value of a named argument (`fields: [a, b]`), or the first positional one. */
function argument(args: string | undefined, name?: string): string | undefined {
  if (args === undefined) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '"' && args[i - 1] !== "\\") quoted = !quoted;
    if (quoted) continue;
    if (c === "(" || c === "[") depth++;
    if (c === ")" || c === "]") depth--;
    if (c === "," && depth === 0) {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(args.slice(start).trim());
  if (name) {
    const part = parts.find((p) => p.startsWith(`${name}:`));
    return part?.slice(name.length + 1).trim();
  }
  const positional = parts.find((p) => !/^\w+\s*:/.test(p));
  return positional || undefined;
}

/** `[a, b(sort: Desc)]` → ["a", "b"] */
function fieldList(value: string | undefined): string[] {
  if (!value) return [];
  const inner = value.trim().replace(/^\[/, "").replace(/\]$/, "");
  return inner
    .replace(/\([^)]*\)/g, "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const unquote = (s: string | undefined) => (s === undefined ? undefined : (JSON.parse(s) as string));

function parseSchema(text: string): ParsedSchema {
  const models = new Map<string, SchemaModel>();
  const enums = new Map<string, string[]>();
  const blocks = /^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm;
  for (const [, kind, name, body] of text.matchAll(blocks)) {
    const lines = body
      .split("\n")
      .map((l) => stripComment(l).trim())
      .filter(Boolean);
    if (kind === "enum") {
      enums.set(name, lines.filter((l) => !l.startsWith("@@")).map((l) => l.split(/\s+/)[0]));
      continue;
    }
    const fields: SchemaField[] = [];
    const blockAttributes: Attribute[] = [];
    for (const line of lines) {
      if (line.startsWith("@@")) {
        blockAttributes.push(...parseAttributes(line, "@@"));
        continue;
      }
      const m = /^(\w+)\s+(\w+)(\?|\[\])?\s*(.*)$/.exec(line);
      if (!m) throw new Error(`Cannot parse field in model ${name}: ${line}`);
      const attributes = parseAttributes(m[4], "@");
      const mapped = attributes.find((a) => a.name === "map");
      fields.push({
        name: m[1],
        column: unquote(argument(mapped?.args)) ?? m[1],
        type: m[2],
        optional: m[3] === "?",
        list: m[3] === "[]",
        attributes,
      });
    }
    const mapped = blockAttributes.find((a) => a.name === "map");
    models.set(name, { name, table: unquote(argument(mapped?.args)) ?? name, fields, blockAttributes });
  }
  if (models.size === 0) throw new Error("No models found in schema.prisma.");
  return { models, enums };
}

interface ExpectedType {
  dataType: string;
  udtName?: string;
  length?: number | null;
  precision?: number | null;
}

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

function expectedType(field: SchemaField, schema: ParsedSchema): ExpectedType {
  const native = field.attributes.find((a) => a.name.startsWith("db."));
  const nativeName = native?.name.slice(3);
  const nativeArg = native?.args ? Number(native.args.split(",")[0]) : undefined;
  let t: ExpectedType;
  if (schema.enums.has(field.type)) {
    t = { dataType: "USER-DEFINED", udtName: field.type };
  } else {
    switch (field.type) {
      case "String":
        if (nativeName === "VarChar") t = { dataType: "character varying", length: nativeArg ?? null };
        else if (nativeName === "Char") t = { dataType: "character", length: nativeArg ?? 1 };
        else if (nativeName === "Uuid") t = { dataType: "uuid" };
        else if (nativeName === "Inet") t = { dataType: "inet" };
        else if (!nativeName || nativeName === "Text") t = { dataType: "text" };
        else throw new Error(`Unhandled native type ${nativeName} on ${field.name}`);
        break;
      case "Int":
        t = { dataType: nativeName === "SmallInt" ? "smallint" : "integer" };
        break;
      case "BigInt":
        t = { dataType: "bigint" };
        break;
      case "Float":
        t = { dataType: nativeName === "Real" ? "real" : "double precision" };
        break;
      case "Decimal":
        t = { dataType: "numeric" };
        break;
      case "Boolean":
        t = { dataType: "boolean" };
        break;
      case "Bytes":
        t = { dataType: "bytea" };
        break;
      case "Json":
        t = { dataType: nativeName === "Json" ? "json" : "jsonb" };
        break;
      case "DateTime":
        if (nativeName === "Timestamptz") t = { dataType: "timestamp with time zone", precision: nativeArg ?? 6 };
        else if (nativeName === "Date") t = { dataType: "date", precision: 0 };
        else if (!nativeName || nativeName === "Timestamp") t = { dataType: "timestamp without time zone", precision: nativeArg ?? 3 };
        else throw new Error(`Unhandled native type ${nativeName} on ${field.name}`);
        break;
      default:
        throw new Error(`Unhandled type ${field.type} on ${field.name}`);
    }
  }
  return field.list ? { dataType: "ARRAY" } : t;
}

/** The database default Prisma would create, normalised; null when none. */
function expectedDefault(field: SchemaField, schema: ParsedSchema): string | null {
  const d = field.attributes.find((a) => a.name === "default");
  if (!d?.args) return null;
  const value = argument(d.args)!;
  if (/^(uuid|cuid|nanoid|ulid)\(/.test(value)) return null; // generated by the client, not the database
  if (value === "now()") return "CURRENT_TIMESTAMP";
  if (value === "autoincrement()") return "autoincrement()";
  const generated = /^dbgenerated\((.*)\)$/.exec(value);
  if (generated) return unquote(generated[1]) ?? null;
  if (value.startsWith('"')) return unquote(value)!;
  if (schema.enums.has(field.type)) return value;
  return value; // numbers, true, false
}

function normaliseDbDefault(value: string | null): string | null {
  if (value === null) return null;
  if (/^nextval\(/.test(value)) return "autoincrement()";
  let v = value.trim();
  // Strip casts: '/'::character varying, 'x'::"Enum", '{}'::jsonb
  for (;;) {
    const stripped = v.replace(/::(?:"[^"]+"|[a-z][a-z ]*(?:\(\d+(?:,\d+)?\))?)(?:\[\])?$/i, "");
    if (stripped === v) break;
    v = stripped;
  }
  if (/^'.*'$/s.test(v)) v = v.slice(1, -1).replace(/''/g, "'");
  if (v === "now()") v = "CURRENT_TIMESTAMP";
  return v;
}

interface Catalog {
  tables: string[];
  columns: {
    table_name: string;
    column_name: string;
    is_nullable: string;
    data_type: string;
    udt_name: string;
    character_maximum_length: number | null;
    datetime_precision: number | null;
    column_default: string | null;
  }[];
  indexes: { table: string; name: string; unique: boolean; primary: boolean; columns: string; partial: boolean }[];
  foreignKeys: { table: string; name: string; columns: string; ref_table: string; ref_columns: string; on_delete: string; on_update: string }[];
  enums: { name: string; values: string }[];
}

async function readCatalog(d: Driver): Promise<Catalog> {
  const tables = await query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    [],
    d,
  );
  const columns = await query<Catalog["columns"][number]>(
    `SELECT table_name, column_name, is_nullable, data_type, udt_name, character_maximum_length, datetime_precision, column_default
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    [],
    d,
  );
  const indexes = await query<Catalog["indexes"][number]>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            ix.indpred IS NOT NULL AS partial,
            (SELECT string_agg(COALESCE(a.attname::text, '(expression)'), ',' ORDER BY k.ord)
               FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS columns
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`,
    [],
    d,
  );
  const foreignKeys = await query<Catalog["foreignKeys"][number]>(
    `SELECT c.conname AS name, t.relname AS table, rt.relname AS ref_table,
            c.confdeltype AS on_delete, c.confupdtype AS on_update,
            (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
               JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS ref_columns
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_class rt ON rt.oid = c.confrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`,
    [],
    d,
  );
  const enums = await query<Catalog["enums"][number]>(
    `SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS values
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' GROUP BY t.typname`,
    [],
    d,
  );
  return { tables: tables.map((t) => t.table_name), columns, indexes, foreignKeys, enums };
}

const REFERENTIAL_ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/** Every difference between schema.prisma and the database, in words; empty when they agree. */
function schemaDrift(schema: ParsedSchema, catalog: Catalog): string[] {
  const problems: string[] = [];
  const modelTables = new Set([...schema.models.values()].map((m) => m.table));

  for (const table of catalog.tables) {
    if (!modelTables.has(table)) problems.push(`table "${table}" exists in the database but no model in schema.prisma has it`);
  }
  for (const e of catalog.enums) {
    const values = schema.enums.get(e.name);
    if (!values) problems.push(`enum type "${e.name}" exists in the database but not in schema.prisma`);
    else if (values.join(",") !== e.values) problems.push(`enum ${e.name}: schema has [${values}], database has [${e.values}]`);
  }
  for (const name of schema.enums.keys()) {
    if (!catalog.enums.some((e) => e.name === name)) problems.push(`enum ${name}: missing in the database`);
  }

  type IndexSpec = { kind: "primary" | "unique" | "index"; columns: string[]; name: string; where: string };
  const expectedIndexes: IndexSpec[] = [];
  type FkSpec = { table: string; columns: string[]; refTable: string; refColumns: string[]; onDelete: string; onUpdate: string; name: string; where: string };
  const expectedFks: FkSpec[] = [];

  for (const model of schema.models.values()) {
    const where = `model ${model.name}`;
    if (!catalog.tables.includes(model.table)) {
      problems.push(`${where}: table "${model.table}" is missing in the database`);
      continue;
    }
    const dbColumns = catalog.columns.filter((c) => c.table_name === model.table);
    const scalarFields = model.fields.filter((f) => SCALARS.has(f.type) || schema.enums.has(f.type));
    const columnOf = (fieldName: string) => {
      const f = model.fields.find((x) => x.name === fieldName);
      if (!f) throw new Error(`${where}: unknown field ${fieldName}`);
      return f.column;
    };

    for (const field of scalarFields) {
      const col = dbColumns.find((c) => c.column_name === field.column);
      const at = `${model.name}.${field.name}`;
      if (!col) {
        problems.push(`${at}: column "${model.table}"."${field.column}" is missing in the database`);
        continue;
      }
      const nullable = col.is_nullable === "YES";
      if (nullable !== field.optional) {
        problems.push(`${at}: schema says ${field.optional ? "optional" : "required"}, column is ${nullable ? "NULL" : "NOT NULL"}`);
      }
      const t = expectedType(field, schema);
      const actual = `${col.data_type}${col.character_maximum_length ? `(${col.character_maximum_length})` : ""}`;
      if (col.data_type !== t.dataType) problems.push(`${at}: schema type ${t.dataType}, column type ${actual}`);
      else if (t.udtName && col.udt_name !== t.udtName) problems.push(`${at}: schema type ${t.udtName}, column type ${col.udt_name}`);
      else if (t.length !== undefined && col.character_maximum_length !== t.length) {
        problems.push(`${at}: schema length ${t.length}, column length ${col.character_maximum_length}`);
      } else if (t.precision !== undefined && col.datetime_precision !== t.precision) {
        problems.push(`${at}: schema precision ${t.precision}, column precision ${col.datetime_precision}`);
      }
      const wantDefault = expectedDefault(field, schema);
      const haveDefault = normaliseDbDefault(col.column_default);
      if (wantDefault !== haveDefault) {
        problems.push(`${at}: schema default ${wantDefault ?? "none"}, column default ${col.column_default ?? "none"}`);
      }

      if (field.attributes.some((a) => a.name === "id")) {
        const id = field.attributes.find((a) => a.name === "id")!;
        expectedIndexes.push({ kind: "primary", columns: [field.column], name: unquote(argument(id.args, "map")) ?? `${model.table}_pkey`, where: at });
      }
      const unique = field.attributes.find((a) => a.name === "unique");
      if (unique) {
        expectedIndexes.push({
          kind: "unique",
          columns: [field.column],
          name: unquote(argument(unique.args, "map")) ?? `${model.table}_${field.column}_key`,
          where: at,
        });
      }
    }
    for (const col of dbColumns) {
      if (!scalarFields.some((f) => f.column === col.column_name)) {
        problems.push(`${where}: column "${model.table}"."${col.column_name}" exists in the database but not in schema.prisma`);
      }
    }

    for (const attr of model.blockAttributes) {
      if (!["id", "unique", "index"].includes(attr.name)) continue;
      const fields = fieldList(argument(attr.args, "fields") ?? argument(attr.args));
      const columns = fields.map(columnOf);
      const suffix = attr.name === "id" ? "pkey" : attr.name === "unique" ? "key" : "idx";
      const defaultName = attr.name === "id" ? `${model.table}_pkey` : `${model.table}_${columns.join("_")}_${suffix}`;
      expectedIndexes.push({
        kind: attr.name === "id" ? "primary" : attr.name === "unique" ? "unique" : "index",
        columns,
        name: unquote(argument(attr.args, "map")) ?? defaultName,
        where: `${where} @@${attr.name}([${fields.join(", ")}])`,
      });
    }

    for (const field of model.fields) {
      const relation = field.attributes.find((a) => a.name === "relation");
      const fields = fieldList(argument(relation?.args, "fields"));
      if (!relation || fields.length === 0) continue;
      const target = schema.models.get(field.type);
      if (!target) throw new Error(`${where}: relation ${field.name} to unknown model ${field.type}`);
      const columns = fields.map(columnOf);
      const refColumns = fieldList(argument(relation.args, "references")).map((n) => target.fields.find((f) => f.name === n)!.column);
      const anyRequired = fields.some((n) => !model.fields.find((f) => f.name === n)!.optional);
      expectedFks.push({
        table: model.table,
        columns,
        refTable: target.table,
        refColumns,
        // Prisma's defaults: Restrict for required relations, SetNull for optional ones; Cascade on update.
        onDelete: argument(relation.args, "onDelete") ?? (anyRequired ? "Restrict" : "SetNull"),
        onUpdate: argument(relation.args, "onUpdate") ?? "Cascade",
        name: unquote(argument(relation.args, "map")) ?? `${model.table}_${columns.join("_")}_fkey`,
        where: `${model.name}.${field.name}`,
      });
    }

    const dbIndexes = catalog.indexes.filter((i) => i.table === model.table);
    const mine = expectedIndexes.filter((e) => e.where.startsWith(model.name + ".") || e.where.startsWith(where + " "));
    for (const e of mine) {
      const found = dbIndexes.find((i) => i.columns === e.columns.join(",") && i.primary === (e.kind === "primary") && i.unique === (e.kind !== "index"));
      if (!found) {
        problems.push(`${e.where}: ${e.kind === "index" ? "index" : e.kind === "unique" ? "unique index" : "primary key"} on (${e.columns.join(", ")}) is missing in the database`);
      } else if (found.name !== e.name && e.name.length <= 63) {
        problems.push(`${e.where}: index is named "${found.name}" in the database, Prisma expects "${e.name}"`);
      } else if (found.partial) {
        problems.push(`${e.where}: index "${found.name}" is partial in the database`);
      }
    }
    for (const i of dbIndexes) {
      const declared = mine.some((e) => i.columns === e.columns.join(",") && i.primary === (e.kind === "primary") && i.unique === (e.kind !== "index"));
      if (!declared) {
        problems.push(`${where}: ${i.unique ? "unique " : ""}index "${i.name}" on (${i.columns}) exists in the database but not in schema.prisma`);
      }
    }
  }

  for (const fk of expectedFks) {
    const found = catalog.foreignKeys.find(
      (f) => f.table === fk.table && f.columns === fk.columns.join(",") && f.ref_table === fk.refTable && f.ref_columns === fk.refColumns.join(","),
    );
    if (!found) {
      problems.push(`${fk.where}: foreign key (${fk.columns}) → "${fk.refTable}"(${fk.refColumns}) is missing in the database`);
      continue;
    }
    if (REFERENTIAL_ACTIONS[found.on_delete] !== fk.onDelete) {
      problems.push(`${fk.where}: schema says onDelete ${fk.onDelete}, database has ${REFERENTIAL_ACTIONS[found.on_delete]}`);
    }
    if (REFERENTIAL_ACTIONS[found.on_update] !== fk.onUpdate) {
      problems.push(`${fk.where}: schema says onUpdate ${fk.onUpdate}, database has ${REFERENTIAL_ACTIONS[found.on_update]}`);
    }
    if (found.name !== fk.name && fk.name.length <= 63) {
      problems.push(`${fk.where}: foreign key is named "${found.name}" in the database, Prisma expects "${fk.name}"`);
    }
  }
  for (const f of catalog.foreignKeys) {
    const declared = expectedFks.some(
      (fk) => f.table === fk.table && f.columns === fk.columns.join(",") && f.ref_table === fk.refTable && f.ref_columns === fk.refColumns.join(","),
    );
    if (!declared && modelTables.has(f.table)) {
      problems.push(`foreign key "${f.name}" on "${f.table}"(${f.columns}) exists in the database but no relation in schema.prisma declares it`);
    }
  }
  return problems;
}

describe("schema drift: the migrated database matches prisma/schema.prisma", () => {
  const schemaText = readFileSync(SCHEMA, "utf8");
  let catalog: Catalog;

  beforeAll(async () => {
    // Migrated by the tests above; migrating again is a no-op that makes this block independent.
    await migrate(driver, MIGRATIONS);
    catalog = await readCatalog(driver);
  });

  it("the parser reads every model of schema.prisma", () => {
    const schema = parseSchema(schemaText);
    const declared = [...schemaText.matchAll(/^model\s+(\w+)/gm)].map((m) => m[1]);
    expect([...schema.models.keys()]).toEqual(declared);
    const user = schema.models.get("User")!;
    expect(user.fields.find((f) => f.name === "name")).toMatchObject({ type: "String", optional: false });
    expect(expectedType(user.fields.find((f) => f.name === "name")!, schema)).toEqual({ dataType: "character varying", length: 128 });
    expect(user.blockAttributes.map((a) => a.name)).toEqual(["unique", "index"]);
  });

  it("every model has its table, every field its column, every @id/@unique/@@unique/@@index/relation its constraint, and nothing else exists", () => {
    const schema = parseSchema(schemaText);
    expect(catalog.tables).toHaveLength(schema.models.size);
    expect(catalog.indexes.filter((i) => !i.primary).length).toBeGreaterThan(30);
    expect(catalog.foreignKeys.length).toBeGreaterThan(30);
    expect(schemaDrift(schema, catalog)).toEqual([]);
  });

  // The check must catch a schema.prisma edited without a migration. Each case edits a copy
  // of the schema's text (never the file) and names the difference the check must report.
  const edits: [string, string, string, RegExp][] = [
    ["a new optional field", "  passwordLastUsed", "  nickname String?\n  passwordLastUsed", /^User\.nickname: column "User"\."nickname" is missing/],
    ["a removed field", "  passwordLastUsed           DateTime? @db.Timestamptz(3)\n", "", /^model User: column "User"\."passwordLastUsed" exists in the database but not/],
    ["a field made required", "alias                      String?", "alias                      String ", /^Account\.alias: schema says required, column is NULL/],
    ["a field made optional", "rootEmail                  String ", "rootEmail                  String?", /^Account\.rootEmail: schema says optional, column is NOT NULL/],
    ["a longer VarChar", "name                       String    @db.VarChar(128)", "name                       String    @db.VarChar(256)", /^User\.name: schema length 256, column length 128/],
    ["another type", "globalEndpointTokenVersion Int ", "globalEndpointTokenVersion BigInt ", /^Account\.globalEndpointTokenVersion: schema type bigint, column type integer/],
    ["a timestamp without time zone", "rootPasswordLastUsed       DateTime? @db.Timestamptz(3)", "rootPasswordLastUsed       DateTime?", /^Account\.rootPasswordLastUsed: schema type timestamp without time zone/],
    ["a changed default", `maxSessionDuration       Int       @default(3600)`, `maxSessionDuration       Int       @default(7200)`, /^Role\.maxSessionDuration: schema default 7200, column default 3600/],
    ["a new @unique", "description              String?   @db.VarChar(1000)", "description              String?   @unique @db.VarChar(1000)", /^Role\.description: unique index on \(description\) is missing/],
    ["a new @@index", "  @@index([accountId, path])", "  @@index([accountId, path])\n  @@index([createdAt])", /^model User @@index\(\[createdAt\]\): index on \(createdAt\) is missing/],
    ["an index on other columns", "  @@index([accountId, path])", "  @@index([path, accountId])", /index on \(path, accountId\) is missing/],
    ["a removed @@unique", "  @@unique([accountId, type, name])\n", "", /^model IdentityProvider: unique index "IdentityProvider_accountId_type_name_key" .* exists in the database but not/],
    ["a removed model", "model SystemSetting {\n  key   String @id\n  value String\n}", "", /^table "SystemSetting" exists in the database but no model/],
    ["a new model", "model SystemSetting {", "model Extra {\n  id String @id\n}\n\nmodel SystemSetting {", /^model Extra: table "Extra" is missing/],
    ["another onDelete", "group Group @relation(fields: [groupId], references: [id], onDelete: Cascade)", "group Group @relation(fields: [groupId], references: [id], onDelete: Restrict)", /^GroupMembership\.group: schema says onDelete Restrict, database has Cascade/],
    ["a default onDelete (Restrict) where the migration cascades", "group Group @relation(fields: [groupId], references: [id], onDelete: Cascade)", "group Group @relation(fields: [groupId], references: [id])", /^GroupMembership\.group: schema says onDelete Restrict, database has Cascade/],
    ["a removed relation", "  group Group @relation(fields: [groupId], references: [id], onDelete: Cascade)\n", "", /^foreign key "GroupMembership_groupId_fkey" on "GroupMembership"\(groupId\) exists in the database but no relation/],
  ];

  it.each(edits)("reports %s made without a migration", (_what, from, to, expected) => {
    expect(schemaText).toContain(from);
    const edited = schemaText.replace(from, to);
    const problems = schemaDrift(parseSchema(edited), catalog);
    expect(problems.length, `no drift reported for the edit; problems: ${JSON.stringify(problems)}`).toBeGreaterThan(0);
    expect(problems.some((p) => expected.test(p)), JSON.stringify(problems, null, 2)).toBe(true);
  });

  it("reports a table, column or index a migration added that the schema lacks", async () => {
    const name = "20991231000006_unmodelled";
    const dir = migrationsWith({
      [name]: `CREATE TABLE "Unmodelled" ("id" INTEGER);
ALTER TABLE "User" ADD COLUMN "shoeSize" INTEGER;
CREATE INDEX "Role_lower_name_idx" ON "Role"(lower("name"));`,
    });
    try {
      await migrate(driver, dir);
      const problems = schemaDrift(parseSchema(schemaText), await readCatalog(driver));
      expect(problems).toEqual(
        expect.arrayContaining([
          'table "Unmodelled" exists in the database but no model in schema.prisma has it',
          'model User: column "User"."shoeSize" exists in the database but not in schema.prisma',
          'model Role: index "Role_lower_name_idx" on ((expression)) exists in the database but not in schema.prisma',
        ]),
      );
    } finally {
      await query(`DROP TABLE IF EXISTS "Unmodelled"`);
      await query(`ALTER TABLE "User" DROP COLUMN IF EXISTS "shoeSize"`);
      await query(`DROP INDEX IF EXISTS "Role_lower_name_idx"`);
      await query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
    }
    expect(schemaDrift(parseSchema(schemaText), await readCatalog(driver))).toEqual([]);
  });
});
