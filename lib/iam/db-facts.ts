import "server-only";
import { db, Prisma, type Tx } from "@/lib/db";
import { IamError, quotaExceeded } from "./errors";
import { QUOTAS, type AccountEntity } from "./limits";

// Database facts that lib/iam turns into AWS errors: unique violations become
// EntityAlreadyExists, and quota checks hold a row lock so concurrent requests queue.

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2002";
}

/** A row referenced a parent that a concurrent transaction deleted (or the reverse). */
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2003";
}

/** One write of an operation: its own transaction. */
export async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await db()).$transaction(fn);
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

/**
 * A write to one existing row in its own transaction, holding the row's lock: a row deleted
 * in the meantime fails with `missing` (the operation's NoSuchEntity).
 */
export function writeLocked<T>(table: keyof typeof LOCKABLE, id: string, missing: () => IamError, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return write(async (tx) => {
    if (!(await lockRow(tx, table, id))) throw missing();
    return fn(tx);
  });
}

const COUNT_IN_ACCOUNT: Record<AccountEntity, (tx: Tx, accountId: string) => Promise<number>> = {
  Users: (tx, accountId) => tx.user.count({ where: { accountId } }),
  Groups: (tx, accountId) => tx.group.count({ where: { accountId } }),
  Roles: (tx, accountId) => tx.role.count({ where: { accountId } }),
  Policies: (tx, accountId) => tx.policy.count({ where: { accountId } }),
  InstanceProfiles: (tx, accountId) => tx.instanceProfile.count({ where: { accountId } }),
};

/**
 * Room for one more entity of the account: the account row stays locked until the
 * transaction ends, so concurrent creations queue and the count is the real one.
 */
export async function reserveInAccount(tx: Tx, accountId: string, entity: AccountEntity): Promise<void> {
  await lockRow(tx, "Account", accountId);
  const quota = QUOTAS[`${entity}Quota`];
  if ((await COUNT_IN_ACCOUNT[entity](tx, accountId)) >= quota) throw quotaExceeded(`${entity}PerAccount`, quota);
}
