import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

// Two runs in one checkout would share .next and the e2e port: the second waits its turn.
// scripts/test.mjs (build, e2e) and scripts/bench-console.ts (its server) hold the same lock.

/** Waits for the checkout's lock, holds it until the process exits, and returns its release. */
export async function holdCheckoutLock(root, waitingMessage) {
  const lock = path.join(root, ".test-run.lock");
  for (let waited = 0; ; waited++) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, "pid"), String(process.pid));
      const release = () => rmSync(lock, { recursive: true, force: true });
      process.on("exit", release);
      return release;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      let owner = 0;
      try {
        owner = Number(readFileSync(path.join(lock, "pid"), "utf8"));
      } catch {
        // Being created right now.
      }
      let alive = false;
      try {
        if (owner) process.kill(owner, 0);
        alive = owner > 0;
      } catch {
        alive = false;
      }
      if (owner && !alive) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (waited === 0) console.log(waitingMessage(owner || "?"));
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
