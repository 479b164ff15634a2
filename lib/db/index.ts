import "server-only";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { closeDriver, openDriver, type Driver } from "./driver";
import { migrate } from "./migrate";

export { Prisma } from "@/lib/generated/prisma/client";
export type { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

interface Connection {
  driver: Driver;
  prisma: PrismaClient;
}

// Created on first use, not at import: `next build` imports server modules while
// collecting page data and must not open the database. Cached on globalThis so that
// hot reloads and every route of one process share one connection.
const holder = globalThis as unknown as { __iamDb?: Promise<Connection> };

function connect(): Promise<Connection> {
  holder.__iamDb ??= (async () => {
    const e = env();
    const driver = await openDriver({
      databaseUrl: e.databaseUrl,
      pgliteFolder: e.embeddedInMemory ? undefined : path.join(e.dataDir, "pglite"),
      pgliteTemplate: e.embeddedTemplate,
    });
    const adapter = driver.kind === "postgres" ? new PrismaPg(driver.pool) : new PrismaPGlite(driver.db);
    return { driver, prisma: new PrismaClient({ adapter }) };
  })();
  return holder.__iamDb;
}

export async function db(): Promise<PrismaClient> {
  return (await connect()).prisma;
}

/** Applies pending migrations from prisma/migrations. */
export async function migrateDatabase(): Promise<string[]> {
  const { driver } = await connect();
  return migrate(driver, path.join(process.cwd(), "prisma", "migrations"));
}

export async function disconnect(): Promise<void> {
  const pending = holder.__iamDb;
  if (!pending) return;
  holder.__iamDb = undefined;
  const { prisma, driver } = await pending;
  await prisma.$disconnect();
  await closeDriver(driver);
}
