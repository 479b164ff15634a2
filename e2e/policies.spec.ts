import { expect } from "@playwright/test";
import { expectDashboard, replaceEditorText, signInAsRoot, test } from "./fixtures";

// Policies: the root user creates a customer managed policy in the JSON editor, edits it into a
// second version (the default), sets the first version as default again, compares the two,
// and deletes the policy, leaving the account as it was.

const POLICY = `e2e-policy-${Date.now().toString(36)}`;

const V1 = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "ReadBuckets", Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: "*" }],
});
const V2 = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }],
});

test("the root user creates a policy, adds a version, sets the first default again and compares them", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);
  await page.goto("/policies");
  await expect(page.getByRole("heading", { level: 1, name: /^Policies/ })).toBeVisible();
  await page.getByRole("link", { name: "Create policy" }).click();

  // Specify permissions, in JSON.
  await expect(page.getByRole("heading", { name: "Specify permissions" })).toBeVisible();
  await page.getByRole("button", { name: "JSON", exact: true }).click();
  await replaceEditorText(page, V1);
  await page.getByRole("button", { name: "Next", exact: true }).click();

  // Review and create.
  await expect(page.getByRole("heading", { name: "Review and create" })).toBeVisible();
  await page.getByLabel("Policy name").fill(POLICY);
  await expect(page.getByRole("table", { name: "Policy summary" })).toContainText("Amazon S3");
  await page.getByRole("button", { name: "Create policy" }).click();

  await expect(page.getByRole("heading", { level: 1, name: POLICY })).toBeVisible();
  await expect(page.getByText(`Policy ${POLICY} created.`)).toBeVisible();
  await expect(page.getByText("Customer managed")).toBeVisible();

  // Edit: a second version, saved as the default.
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Modify permissions in ${POLICY}` })).toBeVisible();
  await page.getByRole("button", { name: "JSON", exact: true }).click();
  await replaceEditorText(page, V2);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("checkbox", { name: "Set this new version as the default." })).toBeChecked();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(/version v2 created and set as the default/)).toBeVisible();

  // Policy versions: v2 is the default; make v1 the default again.
  await page.getByRole("tab", { name: "Policy versions" }).click();
  const versions = page.getByRole("table", { name: "Policy versions" });
  await expect(versions.getByRole("row", { name: /v2/ })).toContainText("Default");
  await versions.getByRole("checkbox", { name: "v1", exact: true }).check();
  await page.getByRole("button", { name: "Set as default" }).click();
  await expect(page.getByText("Version v1 is now the default version.")).toBeVisible();
  await expect(versions.getByRole("row", { name: /v1/ })).toContainText("Default");
  await expect(versions.getByRole("row", { name: /v2/ })).not.toContainText("Default");

  // Compare the two versions side by side.
  await versions.getByRole("checkbox", { name: "v1", exact: true }).check();
  await versions.getByRole("checkbox", { name: "v2", exact: true }).check();
  await page.getByRole("button", { name: "Compare" }).click();
  const diff = page.getByRole("group", { name: "Differences between version v1 and v2" });
  await expect(diff).toBeVisible();
  await expect(diff).toContainText("ListAllMyBuckets");
  await expect(diff).toContainText("GetObject");

  // Clean up: Delete asks for the policy name.
  await page.getByRole("button", { name: "Delete", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: `Delete ${POLICY}?` });
  await dialog.getByRole("textbox").fill(POLICY);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL("/policies");
  await expect(page.getByText(`Policy ${POLICY} deleted.`)).toBeVisible();
});
