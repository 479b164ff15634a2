import { chromium } from "@playwright/test";
const base = "http://localhost:3210";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.log("CONSOLE", m.text().slice(0, 300)); });
page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
await page.goto(base + "/signin");
await page.getByRole("radio", { name: /Root user/ }).check();
await page.getByLabel("Email address").fill("e2e-root@demo.example.com");
await page.getByLabel("Password").fill("E2e-Root-Passw0rd!");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
for (const p of process.argv.slice(2)) {
  await page.goto(base + p);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1500);
  await page.getByRole("searchbox", { name: "Filter policies" }).first().pressSequentially("ReadOnly", { delay: 50 });
  await page.waitForTimeout(3000);
  console.log(p, "->", page.url());
}
await browser.close();
