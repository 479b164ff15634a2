import { expect, type Page } from "@playwright/test";
import { expectDashboard, signInAsIamUser, signInAsRoot, test } from "./fixtures";

// Roles: the root user creates a role for EC2 with a policy through the wizard and reads its
// trust policy; then alice, an administrator, deletes it (with what it depends on). The two
// tests share the role, so they run in order and leave the account as they found it.

const ROLE = `e2e-ec2-role-${Date.now().toString(36)}`;

/** Chooses an option of a Cloudscape Select, found by its label. */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole("button", { name: label }).click();
  await page.getByRole("option", { name: option }).first().click();
}

test.describe.serial("roles", () => {
  test("the root user creates a role for EC2 with a policy and sees its trust policy", async ({ page }) => {
    await signInAsRoot(page);
    await expectDashboard(page);
    await page.goto("/roles");
    await expect(page.getByRole("heading", { level: 1, name: /^Roles/ })).toBeVisible();
    await page.getByRole("link", { name: "Create role" }).click();

    // Step 1: Select trusted entity — AWS service, EC2.
    await expect(page.getByRole("heading", { name: "Select trusted entity" })).toBeVisible();
    await page.getByRole("radio", { name: /AWS service/ }).check();
    await choose(page, "Service or use case", /^EC2$/);
    await expect(page.getByText("Allows EC2 instances to call AWS services on your behalf.")).toBeVisible();
    await page.getByRole("button", { name: "Next", exact: true }).click();

    // Step 2: Add permissions.
    await expect(page.getByRole("heading", { name: "Add permissions" })).toBeVisible();
    await page.getByRole("searchbox", { name: "Filter policies" }).fill("AmazonS3ReadOnlyAccess");
    await page.getByRole("checkbox", { name: "AmazonS3ReadOnlyAccess", exact: true }).check();
    await page.getByRole("button", { name: "Next", exact: true }).click();

    // Step 3: Name, review, and create.
    await expect(page.getByRole("heading", { name: "Name, review, and create" })).toBeVisible();
    await page.getByLabel("Role name").fill(ROLE);
    await expect(page.getByRole("table", { name: "Permissions policy summary" })).toContainText("AmazonS3ReadOnlyAccess");
    await page.getByRole("button", { name: "Create role" }).click();

    await expect(page).toHaveURL(`/roles/details/${ROLE}`);
    await expect(page.getByRole("heading", { level: 1, name: ROLE })).toBeVisible();
    await expect(page.getByText(`Role ${ROLE} created.`)).toBeVisible();
    await expect(page.getByRole("table", { name: "Permissions policies" })).toContainText("AmazonS3ReadOnlyAccess");
    await expect(page.getByText(`instance-profile/${ROLE}`)).toBeVisible();

    await page.getByRole("tab", { name: "Trust relationships" }).click();
    const trust = page.getByRole("group", { name: `Trust policy of ${ROLE}` });
    await expect(trust).toContainText("ec2.amazonaws.com");
    await expect(trust).toContainText("sts:AssumeRole");
  });

  test("alice, an administrator, deletes the role with its policy", async ({ page }) => {
    await signInAsIamUser(page, "alice");
    await expectDashboard(page);
    await page.goto("/roles");
    await page.getByRole("searchbox", { name: "Filter roles" }).fill(ROLE);
    await page.getByRole("checkbox", { name: ROLE, exact: true }).check();
    await page.getByRole("button", { name: "Delete", exact: true }).click();

    const dialog = page.getByRole("dialog", { name: `Delete ${ROLE}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Delete" })).toBeDisabled();
    await dialog.getByRole("textbox").fill(ROLE);
    await dialog.getByRole("button", { name: "Delete" }).click();

    await expect(page.getByText(`Role ${ROLE} deleted.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("table", { name: "Roles" })).not.toContainText(ROLE);
    await page.goto(`/roles/details/${ROLE}`);
    await expect(page.getByText(/not found|could not be found|doesn't exist/i).first()).toBeVisible();
  });
});
