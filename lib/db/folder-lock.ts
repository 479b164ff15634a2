import "server-only";
import { openSync, readFileSync, rmSync, writeFileSync, closeSync } from "node:fs";

// PGlite takes no lock of its own: two processes on one folder would both write and
// silently lose data. A lock file holding the owner's pid stops the second one.

const held = new Set<string>();

export class DatabaseInUseError extends Error {}

export function acquireFolderLock(folder: string): void {
  const lockFile = `${folder}.lock`;
  if (held.has(lockFile)) return;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx", 0o600);
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      held.add(lockFile);
      process.once("exit", () => rmSync(lockFile, { force: true }));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(readFileSync(lockFile, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(
          `The embedded database in ${folder} is in use by another process (pid ${owner}). ` +
            `Stop that process first, or give this one its own folder with IAM_DATA_DIR, ` +
            `or use PostgreSQL with DATABASE_URL. If no such process exists, delete ${lockFile}.`,
        );
      }
      // The owner is gone: the lock is stale.
      rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock the embedded database in ${folder}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
