import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeDriver, openDriver } from "./driver";
import { acquireFolderLock, DatabaseInUseError } from "./folder-lock";

// The embedded database's folder is locked by a file `<folder>.lock` holding the owner's pid.

const root = mkdtempSync(path.join(os.tmpdir(), "iam-folder-lock-"));
let counter = 0;
const newFolder = () => path.join(root, `pglite-${++counter}`);

const children: ChildProcess[] = [];

/** A live process that is not us. */
function liveOtherProcess(): number {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  children.push(child);
  expect(child.pid).toBeTypeOf("number");
  return child.pid!;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn("true", [], { stdio: "ignore" });
  const pid = child.pid!;
  await new Promise((resolve) => child.once("exit", resolve));
  expect(() => process.kill(pid, 0)).toThrow();
  return pid;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("acquireFolderLock", () => {
  it("takes a free folder and writes our pid into the lock file", () => {
    const folder = newFolder();
    acquireFolderLock(folder);
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
  });

  it("acquiring a folder this process already holds again is a no-op", () => {
    const folder = newFolder();
    acquireFolderLock(folder);
    expect(() => acquireFolderLock(folder)).not.toThrow();
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
  });

  it("a folder locked by another live process throws DatabaseInUseError naming the folder and the owner", () => {
    const folder = newFolder();
    const owner = liveOtherProcess();
    writeFileSync(`${folder}.lock`, String(owner));

    let error: unknown;
    try {
      acquireFolderLock(folder);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DatabaseInUseError);
    const message = (error as Error).message;
    expect(message).toContain(`The embedded database in ${folder} is in use by another process (pid ${owner}).`);
    expect(message).toContain(`${folder}.lock`);
    expect(message).toContain("IAM_DATA_DIR");
    expect(message).toContain("DATABASE_URL");
    // The other owner keeps its lock.
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(owner));
  });

  it("a lock of a process owned by another user (EPERM on signal 0) still counts as held", () => {
    // pid 1 always exists; whether we may signal it or not, it is alive.
    const folder = newFolder();
    writeFileSync(`${folder}.lock`, "1");
    expect(() => acquireFolderLock(folder)).toThrow(DatabaseInUseError);
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe("1");
  });

  it("a stale lock whose owner has exited is taken over", async () => {
    const folder = newFolder();
    const pid = await deadPid();
    writeFileSync(`${folder}.lock`, String(pid));
    acquireFolderLock(folder);
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
  });

  it("a lock file left by an earlier run of this same pid, or holding garbage, is taken over", () => {
    const mine = newFolder();
    writeFileSync(`${mine}.lock`, String(process.pid));
    acquireFolderLock(mine);
    expect(readFileSync(`${mine}.lock`, "utf8")).toBe(String(process.pid));

    const garbage = newFolder();
    writeFileSync(`${garbage}.lock`, "not a pid\n");
    acquireFolderLock(garbage);
    expect(readFileSync(`${garbage}.lock`, "utf8")).toBe(String(process.pid));
  });

  it("once the other owner exits, the folder can be taken", async () => {
    const folder = newFolder();
    const child = spawn("sleep", ["60"], { stdio: "ignore" });
    writeFileSync(`${folder}.lock`, String(child.pid));
    expect(() => acquireFolderLock(folder)).toThrow(DatabaseInUseError);

    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
    acquireFolderLock(folder);
    expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
  });
});

describe("acquireFolderLock across processes", () => {
  /** Starts a process that tries to take the folder's lock at `startAt` and says what happened. */
  function contender(folder: string, startAt: number): Promise<string> {
    const lockModule = path.join(import.meta.dirname, "folder-lock.ts");
    const script = path.join(root, `contender-${++counter}.mjs`);
    writeFileSync(
      script,
      `const { acquireFolderLock } = await import(${JSON.stringify(lockModule)});
      while (Date.now() < ${startAt}) {}
      let outcome = "taken";
      // Everyone sees the stale lock, then waits: all of them try to break it after the first
      // has already taken the folder.
      const onStale = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200 + Math.random() * 200);
      try { acquireFolderLock(${JSON.stringify(folder)}, { onStale }); } catch (err) { outcome = err.constructor.name; }
      process.stdout.write(outcome);
      setTimeout(() => process.exit(0), 1500);`,
    );
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (chunk) => (out += chunk));
    return once(child, "exit").then(() => out);
  }

  it("of several processes finding the same stale lock, exactly one takes it", async () => {
    for (let round = 0; round < 2; round++) {
      const folder = newFolder();
      writeFileSync(`${folder}.lock`, String(await deadPid()));
      const startAt = Date.now() + 2500;
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => contender(folder, startAt)));
      expect(outcomes.filter((o) => o === "taken")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "DatabaseInUseError")).toHaveLength(5);
    }
  }, 60_000);
});

describe("openDriver on an embedded database folder", () => {
  it("refuses to open a folder another process holds, before touching the database", async () => {
    const folder = newFolder();
    const owner = liveOtherProcess();
    writeFileSync(`${folder}.lock`, String(owner));
    await expect(openDriver({ databaseUrl: undefined, pgliteFolder: folder })).rejects.toThrow(DatabaseInUseError);
    await expect(openDriver({ databaseUrl: undefined, pgliteFolder: folder })).rejects.toThrow(folder);
    expect(existsSync(folder)).toBe(false);
  });

  it("opens a free folder, locks it and stores the database there", async () => {
    const folder = path.join(root, "nested", "data", "pglite");
    const driver = await openDriver({ databaseUrl: undefined, pgliteFolder: folder });
    try {
      expect(driver.kind).toBe("pglite");
      expect(readFileSync(`${folder}.lock`, "utf8")).toBe(String(process.pid));
      if (driver.kind !== "pglite") return;
      expect(driver.folder).toBe(folder);
      const { rows } = await driver.db.query<{ one: number }>("SELECT 1 AS one");
      expect(rows).toEqual([{ one: 1 }]);
      expect(existsSync(path.join(folder, "PG_VERSION"))).toBe(true);
    } finally {
      await closeDriver(driver);
    }
  });
});
