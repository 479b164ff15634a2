import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { db, disconnect, migrateDatabase } from "./index";

// The one Prisma client: created on first use (never at import, so `next build` opens no
// database), cached on globalThis, closed by disconnect().

const holder = globalThis as unknown as { __iamDb?: Promise<unknown> };
const migrations = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("lib/db", () => {
  it("importing the module opens no connection", () => {
    expect(holder.__iamDb).toBeUndefined();
  });

  it("db() connects on first use and returns the same client every time, cached on globalThis", async () => {
    const [a, b] = await Promise.all([db(), db()]);
    expect(a).toBe(b);
    expect(await db()).toBe(a);
    expect(holder.__iamDb).toBeInstanceOf(Promise);
  });

  it("migrateDatabase applies the migrations once, then nothing", async () => {
    const first = await migrateDatabase();
    // A fresh database (each test file has its own) gets every migration.
    expect(first).toEqual(migrations);
    expect(await migrateDatabase()).toEqual([]);
    const prisma = await db();
    expect(await prisma.user.count()).toBe(0);
    const rows = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`;
    expect(rows).toEqual([{ n: migrations.length }]);
  });

  it("the client reads and writes through the driver adapter, in transactions too", async () => {
    const prisma = await db();
    await prisma.systemSetting.create({ data: { key: "probe", value: "1" } });
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.systemSetting.update({ where: { key: "probe" }, data: { value: "2" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await prisma.systemSetting.findUniqueOrThrow({ where: { key: "probe" } })).value).toBe("1");
  });

  it.skipIf(!env().databaseUrl)("connections to a PostgreSQL server run without JIT compilation (PostgreSQL)", async () => {
    const prisma = await db();
    const [{ jit }] = await prisma.$queryRaw<{ jit: string }[]>`SELECT current_setting('jit') AS jit`;
    expect(jit).toBe("off");
  });

  it("disconnect() closes the connection and forgets it; the next db() opens a new one", async () => {
    const before = await db();
    await disconnect();
    expect(holder.__iamDb).toBeUndefined();
    await disconnect(); // a second call is harmless
    const after = await db();
    expect(after).not.toBe(before);
    await migrateDatabase();
    expect(await after.user.count()).toBe(0);
  });
});
