import "server-only";
import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";

// PGlite takes no lock of its own: two processes on one folder would both write and
// silently lose data. A lock file holding the owner's pid stops the second one.
//
// A lock whose owner has died is stale and may be taken over, but two processes finding the same
// stale lock must not both take it (the second would delete the first one's fresh lock). So a
// stale lock is only removed by the holder of a second, short-lived lock file (`.breaking`), who
// reads the lock again first: only the stale file itself is ever deleted.

/** A `.breaking` file older than this was left by a process that died while breaking a lock. */
const BREAKER_STALE_MS = 10_000;
const ATTEMPTS = 200;

const held = new Set<string>();

export class DatabaseInUseError extends Error {}

export interface FolderLockOptions {
  /** Called when a stale lock is found, before breaking it: lets a test widen the race window. */
  onStale?: () => void;
}

export function acquireFolderLock(folder: string, options: FolderLockOptions = {}): void {
  const lockFile = `${folder}.lock`;
  if (held.has(lockFile)) return;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(lockFile)) {
      held.add(lockFile);
      process.once("exit", () => rmSync(lockFile, { force: true }));
      return;
    }
    const owner = readOwner(lockFile);
    if (owner === "gone") continue;
    if (owner === "writing") {
      sleep(5);
      continue;
    }
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new DatabaseInUseError(
        `The embedded database in ${folder} is in use by another process (pid ${owner}). ` +
          `Stop that process first, or give this one its own folder with IAM_DATA_DIR, ` +
          `or use PostgreSQL with DATABASE_URL. If no such process exists, delete ${lockFile}.`,
      );
    }
    // The owner is gone (or the file holds no pid): the lock is stale.
    options.onStale?.();
    if (!breakStaleLock(lockFile, owner)) sleep(10 + Math.random() * 20);
  }
  throw new DatabaseInUseError(`Could not lock the embedded database in ${folder}.`);
}

function createExclusive(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeFileSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * The pid in a lock file; undefined when it holds none; "gone" when the file no longer exists;
 * "writing" when it was created a moment ago and its owner has not written its pid yet.
 */
function readOwner(lockFile: string): number | undefined | "gone" | "writing" {
  let text: string;
  try {
    text = readFileSync(lockFile, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    throw err;
  }
  const pid = /^\d+$/.test(text) ? Number(text) : undefined;
  if (pid && pid > 0) return pid;
  // Only an empty file that stays empty is garbage.
  return text === "" && isFresh(lockFile) ? "writing" : undefined;
}

/** Removes the lock if it still names `staleOwner`; false when another process is breaking it. */
function breakStaleLock(lockFile: string, staleOwner: number | undefined): boolean {
  const breaker = `${lockFile}.breaking`;
  if (!createExclusive(breaker)) {
    if (!isFresh(breaker, BREAKER_STALE_MS)) rmSync(breaker, { force: true });
    return false;
  }
  try {
    if (readOwner(lockFile) === staleOwner) rmSync(lockFile, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
  return true;
}

function isFresh(file: string, withinMs = 1_000): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < withinMs;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
