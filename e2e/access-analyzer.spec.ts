import { expect, type Locator, type Page } from "@playwright/test";
import { confirmDelete, expectDashboard, region, signInAsIamUser, signInAsRoot, test } from "./fixtures";

// Access Analyzer's unused access, end to end in Chromium: root creates the account's unused
// access analyzer with a 90-day tracking period; its first scan finds the access key alice made
// 100 days ago and never used (the demo account's seeded history); root archives that finding,
// finds it under Archived, unarchives it, opens it, and deletes the analyzer again. dave,
// without permissions, is shown the permission alert.

const ALICE_KEY = /^Unused access key AKIA[A-Z0-9]{16} of alice$/;

function findings(page: Page) {
  return page.getByRole("table", { name: "Unused access findings" });
}

/** Selects a table row by its checkbox; retried, as a click while the page hydrates is lost. */
async function select(row: Locator) {
  await expect(async () => {
    await row.getByRole("checkbox").check({ timeout: 2_000 });
  }).toPass();
}

async function showStatus(page: Page, status: "Active" | "Archived" | "Resolved" | "All") {
  await page.getByRole("toolbar", { name: "Finding status" }).getByRole("button", { name: status, exact: true }).click();
  await expect(page.getByRole("toolbar", { name: "Finding status" }).getByRole("button", { name: status, exact: true })).toHaveAttribute("aria-pressed", "true");
}

test("root creates an unused access analyzer, archives and unarchives the finding of alice's unused key, then deletes the analyzer", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);
  await page.goto("/access-analyzer");
  await expect(page.getByRole("heading", { level: 1, name: "Unused access" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Access Analyzer" });
  await expect(nav.getByRole("link", { name: "Policy validation" })).toHaveAttribute("href", "/access-analyzer/policy-validation");
  await expect(nav.getByRole("link", { name: "Generate policy" })).toHaveAttribute("href", "/access-analyzer/generate-policy");

  await test.step("create the analyzer: the suggested name, a tracking period checked as it is typed", async () => {
    await expect(page.getByRole("heading", { name: "No unused access analyzer" })).toBeVisible();
    await page.getByRole("link", { name: "Create analyzer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create analyzer" })).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(/^UnusedAccessAnalyzer-\d{4}-\d{2}-\d{2}$/);
    await page.getByLabel("Name", { exact: true }).fill("E2eUnusedAccess");
    await page.getByLabel("Tracking period").fill("400");
    await page.getByRole("button", { name: "Create analyzer" }).click();
    await expect(page.getByText("The tracking period must be a whole number of days from 1 to 365.")).toBeVisible();
    await page.getByLabel("Tracking period").fill("90");
    await page.getByRole("button", { name: "Create analyzer" }).click();
    await expect(page.getByText("Analyzer E2eUnusedAccess created.")).toBeVisible();
    await expect(page).toHaveURL("/access-analyzer");
    const settings = region(page, "Analyzer settings");
    await expect(settings).toContainText("E2eUnusedAccess");
    await expect(settings).toContainText("90 days");
  });

  const aliceKey = findings(page).getByRole("row").filter({ has: page.getByRole("checkbox", { name: ALICE_KEY }) });
  await test.step("the scan found alice's key, never used", async () => {
    await expect(aliceKey).toContainText("Unused access key");
    await expect(aliceKey).toContainText("Never");
    await expect(aliceKey).toContainText("Active");
    await expect(aliceKey.getByRole("link", { name: "alice" })).toHaveAttribute("href", "/users/details/alice");
  });

  await test.step("archive it: it leaves Active and is listed under Archived", async () => {
    await select(aliceKey);
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    await expect(page.getByText("1 finding archived.")).toBeVisible();
    await expect(aliceKey).toHaveCount(0);
    await showStatus(page, "Archived");
    await expect(aliceKey).toContainText("Archived");
  });

  await test.step("unarchive it: it is active again", async () => {
    await select(aliceKey);
    await page.getByRole("button", { name: "Unarchive", exact: true }).click();
    await expect(page.getByText("1 finding unarchived.")).toBeVisible();
    await expect(aliceKey).toHaveCount(0);
    await showStatus(page, "Active");
    await expect(aliceKey).toContainText("Active");
  });

  await test.step("the finding's page names the key and links to alice's access keys", async () => {
    const id = (await aliceKey.getByRole("link").first().textContent()) ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await aliceKey.getByRole("link", { name: id }).click();
    await expect(page.getByRole("heading", { level: 1, name: id })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Unused access key" })).toBeVisible();
    await expect(page.getByText(/^AKIA[A-Z0-9]{16}$/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Manage access keys" })).toHaveAttribute("href", "/users/details/alice?section=security-credentials");
    await page.goto("/access-analyzer");
  });

  await test.step("delete the analyzer with its findings", async () => {
    const settings = region(page, "Analyzer settings");
    await settings.getByRole("button", { name: "Delete" }).click();
    await confirmDelete(page, "E2eUnusedAccess");
    await expect(page.getByText("Analyzer E2eUnusedAccess deleted.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "No unused access analyzer" })).toBeVisible();
  });
});

test("dave, without permissions, sees which permission Access Analyzer needs", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);
  await page.goto("/access-analyzer");
  await expect(page.getByText("You don't have permission to access-analyzer:ListAnalyzers")).toBeVisible();
  await expect(page.getByRole("link", { name: "Create analyzer" })).toHaveCount(0);
});
