import { expect, type Page } from "@playwright/test";
import { expectDashboard, signInAsIamUser, signInAsRoot, signOut, test } from "./fixtures";

// Access advisor, end to end in Chromium: bob opens the Users page (iam:ListUsers), then root
// opens bob's Last accessed tab, which generates a report: IAM was accessed today, by action
// too, while CloudWatch Logs, which DeveloperAccess allows and bob never used, was not accessed
// in the tracking period. The Developers group's tab names bob as the member who used IAM. bob
// himself may read users but not generate reports: the tab names the permission it needs.

const NOT_ACCESSED = "Not accessed in the tracking period";

function servicesTable(page: Page) {
  return page.getByRole("table", { name: "Allowed services" });
}

function serviceRow(page: Page, serviceName: string) {
  return servicesTable(page).getByRole("row").filter({ has: page.getByText(serviceName, { exact: true }) });
}

/** Opens an entity's Last accessed tab and waits until its report has been generated. */
async function openLastAccessed(page: Page, path: string, heading: string) {
  await page.goto(`${path}?section=access_advisor`);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Last accessed" })).toHaveAttribute("aria-selected", "true");
  await expect(serviceRow(page, "AWS Identity and Access Management")).toBeVisible({ timeout: 30_000 });
}

test("after bob lists the users, his Last accessed tab shows IAM used today and an unused service as not accessed", async ({ page }) => {
  // Two sign-ins and three reports.
  test.setTimeout(120_000);
  await test.step("bob opens the Users page", async () => {
    await signInAsIamUser(page, "bob");
    await expectDashboard(page);
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1, name: /^Users/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Users" }).getByRole("link", { name: "alice", exact: true })).toBeVisible();
    await signOut(page, "bob");
  });

  await test.step("root opens bob's Last accessed tab", async () => {
    await signInAsRoot(page);
    await expectDashboard(page);
    await openLastAccessed(page, "/users/details/bob", "bob");
    const iam = serviceRow(page, "AWS Identity and Access Management");
    await expect(iam).toContainText("Today");
    await expect(iam.getByRole("link", { name: "DeveloperAccess" })).toBeVisible();
    const logs = serviceRow(page, "Amazon CloudWatch Logs");
    await expect(logs).toContainText(NOT_ACCESSED);
    await expect(logs.getByRole("link", { name: "DeveloperAccess" })).toBeVisible();
    // CloudTrail is only denied by DeveloperAccess: not an allowed service.
    await expect(serviceRow(page, "AWS CloudTrail")).toHaveCount(0);

    const actions = page.getByRole("table", { name: "AWS Identity and Access Management actions" });
    const listUsers = actions.getByRole("row").filter({ has: page.getByText("iam:ListUsers", { exact: true }) });
    await expect(listUsers).toContainText("Today");
    await expect(listUsers).toContainText("us-east-1");
    await expect(actions.getByText("iam:PassRole", { exact: true })).toHaveCount(0);
  });

  await test.step("the filter keeps the services accessed, or those not accessed", async () => {
    await page.getByRole("button", { name: /Filter by access/ }).click();
    await page.getByRole("option", { name: "Services not accessed" }).click();
    await expect(serviceRow(page, "Amazon CloudWatch Logs")).toBeVisible();
    await expect(serviceRow(page, "AWS Identity and Access Management")).toHaveCount(0);
    await page.getByRole("button", { name: /Filter by access/ }).click();
    await page.getByRole("option", { name: "Services accessed" }).click();
    await expect(serviceRow(page, "AWS Identity and Access Management")).toBeVisible();
    await expect(serviceRow(page, "Amazon CloudWatch Logs")).toHaveCount(0);
  });

  await test.step("the Developers group's tab names bob as the member who used IAM", async () => {
    await openLastAccessed(page, "/groups/details/Developers", "Developers");
    const iam = serviceRow(page, "AWS Identity and Access Management");
    await expect(iam).toContainText("Today");
    await expect(iam).toContainText("bob");
  });
});

test("bob, who may read users but not generate reports, is shown the permission the tab needs", async ({ page }) => {
  await signInAsIamUser(page, "bob");
  await expectDashboard(page);
  await page.goto("/users/details/alice?section=access_advisor");
  await expect(page.getByRole("heading", { level: 1, name: "alice" })).toBeVisible();
  await expect(page.getByText("You don't have permission to iam:GenerateServiceLastAccessedDetails")).toBeVisible();
  await expect(page.getByText(/is not authorized to perform: iam:GenerateServiceLastAccessedDetails on resource: arn:aws:iam::123456789012:user\/alice/)).toBeVisible();
});
