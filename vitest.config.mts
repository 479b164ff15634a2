import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects. "unit": pure code (the policy language, the components' logic), which needs no
// database and shares its worker processes. "integration": everything else, one process per
// file, each with its own database (vitest.setup-db.ts). `vitest run --project integration`
// runs only the tests that touch a database (CI runs them again on PostgreSQL).
const UNIT = ["lib/iam/policy/**/*.test.ts", "components/**/*.test.ts"];
const EXCLUDE = ["node_modules/**", "e2e/**", ".next/**", ".data/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests are server code: the guard against client bundles has nothing to guard here.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    exclude: EXCLUDE,
    pool: "forks",
    // The default, one fewer than the cores, leaves one of a 2-core machine's two idle while
    // files wait on their databases.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: UNIT, isolate: false, setupFiles: ["./vitest.setup.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.test.ts"],
          exclude: [...EXCLUDE, ...UNIT],
          globalSetup: ["./vitest.global-setup.ts"],
          setupFiles: ["./vitest.setup-db.ts", "./vitest.setup.ts"],
        },
      },
    ],
  },
});
