import "server-only";
import { Prisma, type Tx } from "@/lib/db";

// Database facts that lib/iam turns into AWS errors: unique violations become
// EntityAlreadyExists, and quota checks hold a row lock so concurrent requests queue.

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

/** A row referenced a parent that a concurrent transaction deleted (or the reverse). */
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2003";
}

const LOCKABLE = { Account: '"Account"', User: '"User"', Group: '"Group"', Role: '"Role"', Policy: '"Policy"', InstanceProfile: '"InstanceProfile"' } as const;

/**
 * Locks one row until the transaction ends. Counting dependent rows after this lock and
 * inserting within the same transaction enforces a quota even under concurrent requests.
 */
export async function lockRow(tx: Tx, table: keyof typeof LOCKABLE, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT id FROM ${Prisma.raw(LOCKABLE[table])} WHERE id = ${id} FOR UPDATE`,
  );
  return rows.length > 0;
}
