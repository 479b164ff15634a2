import { expect } from "@playwright/test";
import { expectDashboard, filterTable, replaceEditorText, selectRow, signInAsIamUser, signInAsRoot, test } from "./fixtures";

// The User groups pages, end to end in Chromium: create a group with a member and a policy,
// rename it, attach a policy and create an inline one, and delete it (the console removes its
// members and policies first); and a user without permissions sees which action was denied.

const READ_LOGS = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["logs:GetLogEvents"], Resource: "*" }],
});

test("root creates, edits and deletes a user group", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);

  await test.step("create QA-Team with bob and SecurityAudit", async () => {
    await page.goto("/groups");
    await expect(page.getByRole("heading", { level: 1, name: /^User groups/ })).toBeVisible();
    await page.getByRole("button", { name: "Create group" }).or(page.getByRole("link", { name: "Create group" })).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Create user group" })).toBeVisible();

    // The name is checked as it is typed, with the domain's rules.
    await page.getByLabel("User group name").fill("QA Team");
    await expect(page.getByText("The user group name can only contain alphanumeric characters and the following: +=,.@-_")).toBeVisible();
    await page.getByLabel("User group name").fill("QA-Team");
    await expect(page.getByText("The user group name can only contain alphanumeric characters")).toHaveCount(0);

    await filterTable(page, "Filter users", "bob");
    await selectRow(page, "bob");
    await filterTable(page, "Filter policies", "SecurityAudit");
    await selectRow(page, "SecurityAudit");
    await page.getByRole("button", { name: "Create user group" }).click();

    await expect(page.getByText("QA-Team user group created.")).toBeVisible();
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "QA-Team", exact: true }) });
    await expect(row).toContainText("1");
    await expect(row).toContainText("Defined");
  });

  await test.step("the group's page lists its user and its policy", async () => {
    await page.getByRole("table", { name: "User groups" }).getByRole("link", { name: "QA-Team", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "QA-Team" })).toBeVisible();
    await expect(page.getByText("arn:aws:iam::123456789012:group/QA-Team")).toBeVisible();
    await expect(page.getByRole("table", { name: "Users in this group" }).getByRole("link", { name: "bob" })).toBeVisible();
    await page.getByRole("tab", { name: "Permissions" }).click();
    const policies = page.getByRole("table", { name: "Permissions policies" });
    await expect(policies.getByRole("row").filter({ hasText: "SecurityAudit" })).toContainText("AWS managed");
  });

  await test.step("rename it with Edit", async () => {
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Edit QA-Team" });
    await dialog.getByLabel("User group name").fill("QA-Team-2");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("User group QA-Team renamed to QA-Team-2.")).toBeVisible();
    await expect(page).toHaveURL("/groups/details/QA-Team-2");
    await expect(page.getByRole("heading", { level: 1, name: "QA-Team-2" })).toBeVisible();
  });

  await test.step("attach a policy and create an inline policy from the Permissions tab", async () => {
    await page.getByRole("tab", { name: "Permissions" }).click();
    await page.getByRole("button", { name: "Add permissions" }).click();
    await page.getByRole("menuitem", { name: "Attach policies" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Attach permission policies to QA-Team-2" })).toBeVisible();
    await filterTable(page, "Filter policies", "IAMReadOnlyAccess");
    await selectRow(page, "IAMReadOnlyAccess");
    await page.getByRole("button", { name: "Attach policies" }).click();
    await expect(page.getByText("Policy attached to QA-Team-2.")).toBeVisible();
    await expect(page).toHaveURL("/groups/details/QA-Team-2?section=permissions");
    const policies = page.getByRole("table", { name: "Permissions policies" });
    await expect(policies.getByRole("row").filter({ hasText: "IAMReadOnlyAccess" })).toContainText("AWS managed");

    await page.getByRole("button", { name: "Add permissions" }).click();
    await page.getByRole("menuitem", { name: "Create inline policy" }).click();
    await expect(page.getByRole("heading", { name: "Specify permissions" })).toBeVisible();
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    await replaceEditorText(page, READ_LOGS);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByLabel("Policy name").fill("QA-ReadLogs");
    await page.getByRole("button", { name: "Create policy" }).click();
    await expect(page.getByText("Policy QA-ReadLogs created.")).toBeVisible();
    await expect(page).toHaveURL("/groups/details/QA-Team-2?section=permissions");
    await expect(policies.getByRole("row").filter({ hasText: "QA-ReadLogs" })).toContainText("Customer inline");
  });

  await test.step("delete it: the dialog lists its user and policy, and asks for the name", async () => {
    await page.goto("/groups");
    await selectRow(page, "QA-Team-2");
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Delete QA-Team-2?" });
    await expect(dialog).toContainText("bob");
    await expect(dialog).toContainText("SecurityAudit");
    const confirm = dialog.getByRole("button", { name: "Delete" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("To confirm deletion, enter the user group name in the text input field.").fill("QA-Team-2");
    await confirm.click();
    await expect(page.getByText("User group QA-Team-2 deleted.")).toBeVisible();
    await expect(page.getByRole("link", { name: "QA-Team-2", exact: true })).toHaveCount(0);
  });

  await test.step("bob is still there, without the group", async () => {
    await page.goto("/users/details/bob?section=groups");
    const groups = page.getByRole("table", { name: "User groups membership" });
    await expect(groups.getByRole("link", { name: "Developers" })).toBeVisible();
    await expect(groups.getByRole("link", { name: "QA-Team-2" })).toHaveCount(0);
  });
});

test("a user without permissions sees the denied action on the User groups page", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);
  await page.goto("/groups");
  await expect(page.getByText("You don't have permission to iam:ListGroups")).toBeVisible();
  await expect(
    page.getByText(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListGroups on resource: arn:aws:iam::123456789012:group/ because no identity-based policy allows the iam:ListGroups action",
      { exact: true },
    ),
  ).toBeVisible();
});
