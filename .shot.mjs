// Temporary screenshot helper (not part of the project): node .shot.mjs URL... 
import { chromium } from "@playwright/test";
const base = process.env.BASE || "http://localhost:3210";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
const page = await ctx.newPage();
page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
page.on("console", (m) => { if (m.type() === "error") console.log("CONSOLE", m.text().slice(0, 300)); });
await page.goto(base + "/signin");
await page.getByRole("radio", { name: /Root user/ }).check();
await page.getByLabel("Email address").fill("e2e-root@demo.example.com");
await page.getByLabel("Password").fill("E2e-Root-Passw0rd!");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 60000 });
let i = 0;
for (const arg of process.argv.slice(2)) {
  const [url, wait] = arg.split("@@");
  await page.goto(base + url, { timeout: 120000 });
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForTimeout(Number(wait || 1500));
  const file = `/tmp/shots/${String(i++).padStart(2, "0")}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file, url);
}
await browser.close();
