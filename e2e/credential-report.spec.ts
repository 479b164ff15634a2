import { readFile } from "node:fs/promises";
import { expect } from "@playwright/test";
import { DEMO_ACCOUNT_ID, expectDashboard, filterTable, signInAsIamUser, signInAsRoot, test } from "./fixtures";

// The Credential report, end to end in Chromium: root downloads the report with the IAM
// console's button (GenerateCredentialReport, then GetCredentialReport once it is ready) and
// gets AWS's 22 columns with the root user's row first; the page's table shows the same rows
// with their findings, filtered by finding and by text, each user linking to its Security
// credentials; dave, without permissions, sees the permission alerts.

const HEADER =
  "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
  "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
  "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
  "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

test("root downloads the credential report: AWS's header, the root user's row first", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);
  await page.goto("/credential-report");
  await expect(page.getByRole("heading", { level: 1, name: "Credential report" })).toBeVisible();
  await expect(page.getByText("After a report is created, it is stored for up to four hours.")).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download credentials report" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^status_reports_\d{4}-\d\d-\d\dT\d\d_\d\d_\d\d\+00_00\.csv$/);
  const lines = (await readFile(await file.path(), "utf8")).split("\n");
  expect(lines[0]).toBe(HEADER);
  const rootRow = lines[1].split(",");
  expect(rootRow).toHaveLength(22);
  expect(rootRow.slice(0, 2)).toEqual(["<root_account>", `arn:aws:iam::${DEMO_ACCOUNT_ID}:root`]);
  expect(rootRow[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  expect([rootRow[3], rootRow[5], rootRow[6]]).toEqual(["not_supported", "not_supported", "not_supported"]);
  expect(lines.slice(2).map((l) => l.split(",")[0])).toEqual(expect.arrayContaining(["alice", "bob", "carol", "dave"]));

  await test.step("the page shows the report it downloaded", async () => {
    const report = page.getByRole("region", { name: "Report" });
    await expect(report.getByText(/\(UTC\)$/)).toBeVisible();
    await expect(page.getByRole("table", { name: "Users and their credentials" }).getByRole("rowheader", { name: "<root_account>" })).toBeVisible();
  });
});

test("the report's table highlights findings, filters by finding and text, and links to a user's Security credentials", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);
  await page.goto("/credential-report");
  const table = page.getByRole("table", { name: "Users and their credentials" });
  if (!(await table.isVisible())) {
    await page.getByRole("button", { name: "Download credentials report" }).click();
  }
  await expect(table.getByRole("rowheader", { name: "dave" })).toBeVisible();

  const rows = table.getByRole("row").filter({ has: page.getByRole("rowheader") });
  const filterByFinding = async (finding: string, param: string) => {
    await page.getByRole("button", { name: /Filter by finding/ }).click();
    await page.getByRole("option", { name: finding }).click();
    // The server filters the report: the rows arrive with the new address.
    await expect(page).toHaveURL(new RegExp(`[?&]finding=${param}(&|$)`));
  };

  // Only alice's key, created 100 days ago in the demo's history, is that old.
  await filterByFinding("Access key older than 90 days", "access-key-old");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(/Access key 1 is 10\d days old/);
  await expect(rows.getByRole("rowheader")).toHaveText("alice");

  // The demo's users sign in with passwords and no MFA device.
  await filterByFinding("Console access without MFA", "console-without-mfa");
  const daveRow = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "dave" }) });
  await expect(daveRow.getByText("Console access without MFA")).toBeVisible();
  for (const row of await rows.all()) await expect(row.getByText("Console access without MFA")).toBeVisible();

  await filterTable(page, "Filter users", "dav");
  await expect(rows).toHaveCount(1);
  await table.getByRole("link", { name: "dave" }).click();
  await expect(page).toHaveURL(/\/users\/details\/dave\?tab=security-credentials$/);
  await expect(page.getByRole("heading", { level: 1, name: "dave" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Security credentials" })).toHaveAttribute("aria-selected", "true");
});

test("dave, without permissions, sees the permission alerts for reading and generating the report", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);
  await page.goto("/credential-report");
  await expect(page.getByRole("heading", { level: 1, name: "Credential report" })).toBeVisible();
  await expect(page.getByText("You don't have permission to iam:GetCredentialReport")).toBeVisible();
  await expect(page.getByRole("table", { name: "Users and their credentials" })).toHaveCount(0);

  await page.getByRole("button", { name: "Download credentials report" }).click();
  await expect(page.getByText("You don't have permission to iam:GenerateCredentialReport")).toBeVisible();
});
