import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests in a real Chromium against the production server (`next build` runs
// first, in scripts/test.mjs). The server gets the caller's environment: the seed
// credentials and the database (IAM_DATA_DIR or DATABASE_URL) are set by the test script.

// scripts/test.mjs picks a free port, so test runs in two checkouts do not collide.
const PORT = Number(process.env.E2E_PORT || 3100);
const BASE_URL = `http://localhost:${PORT}`;
// Playwright cannot download its browser everywhere; Debian's Chromium works as well.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

const serverEnv: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env)) if (value !== undefined) serverEnv[key] = value;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  forbidOnly: !!process.env.CI,
  // Long flows (create, edit, delete through several pages) need room on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    // A trace records every step's DOM and a screencast: in a CPU-bound run on 2 cores that cost
    // more time than the tests themselves. `npx playwright test --trace on` records one.
    trace: "off",
    screenshot: "only-on-failure",
    // Cloudscape then leaves out its animations, which the software-rendered headless browser
    // would otherwise paint frame by frame.
    reducedMotion: "reduce",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1400, height: 900 },
        launchOptions: {
          executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        },
      },
    },
  ],
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `${BASE_URL}/signin`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      ...serverEnv,
      PORT: String(PORT),
      NEXTAUTH_URL: BASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
