// Temporary: e2e against the running dev server (not part of the project).
import { defineConfig, devices } from "@playwright/test";
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: "list",
  use: { baseURL: "http://localhost:3210", screenshot: "only-on-failure", trace: "off" },
  outputDir: "/tmp/pw-dev-results",
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 900 }, launchOptions: { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] } } }],
});
