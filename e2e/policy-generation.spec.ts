import { expect, type Locator, type Page } from "@playwright/test";
import { expectDashboard, replaceEditorText, selectRow, signInAsIamUser, signInAsRoot, signOut, test } from "./fixtures";

// IAM Access Analyzer's policy tools, end to end in Chromium: root generates a policy from what
// bob just did in the console and creates it; root creates a policy with a security warning,
// finds it on Policy validation, and follows "Edit at this location" into the policy's editor.
// Each test deletes the policy it made.

const suffix = Date.now().toString(36);

// Two sign-ins and two loads of the policy editor each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** Brings a text into the Monaco editor's view with its find widget (only visible lines are in the page). */
async function expectInEditor(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+f");
  const find = editor.getByRole("textbox", { name: "Find" });
  await find.fill(text);
  await find.press("Enter");
  await expect(editor.locator(".view-lines")).toContainText(text);
  await page.keyboard.press("Escape");
}

async function deletePolicyFromItsPage(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Delete", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await dialog.getByRole("textbox").fill(name);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL("/policies");
  await expect(page.getByText(`Policy ${name} deleted.`)).toBeVisible();
}

test("root generates a policy from bob's console activity and creates it", async ({ page }) => {
  const policyName = `e2e-generated-${suffix}`;

  await test.step("bob opens Users and Roles", async () => {
    await signInAsIamUser(page, "bob");
    await expectDashboard(page);
    await page.goto("/users");
    await expect(page.getByRole("table", { name: "Users" }).getByRole("link", { name: "alice", exact: true })).toBeVisible();
    await page.goto("/roles");
    await expect(page.getByRole("table", { name: "Roles" }).getByRole("link", { name: "EC2AppRole", exact: true })).toBeVisible();
    await signOut(page, "bob");
  });

  await test.step("root generates a policy from bob's last 7 days", async () => {
    await signInAsRoot(page);
    await expectDashboard(page);
    await page.goto("/access-analyzer/generate-policy");
    await expect(page.getByRole("heading", { level: 1, name: "Generate policy" })).toBeVisible();
    await page.getByRole("button", { name: /User or role/ }).click();
    await page.getByRole("option", { name: /^bob/ }).click();
    await expect(page.getByRole("button", { name: /Time period/ })).toContainText("7 days");
    await page.getByRole("button", { name: "Generate policy" }).click();

    const used = page.getByRole("table", { name: "Actions used" });
    // bob's CLI work in the demo account's history comes first: find the console's reads.
    await page.getByLabel("Filter actions").fill("iam:List");
    await expect(used.getByRole("row", { name: /iam:ListUsers/ })).toBeVisible();
    await expect(used.getByRole("row", { name: /iam:ListRoles/ })).toBeVisible();
    const editor = page.getByRole("group", { name: "Generated policy" });
    await expect(editor.getByRole("status", { name: "Policy validation" })).toContainText("Errors: 0");
    await expectInEditor(page, editor, "iam:ListUsers");
    await expectInEditor(page, editor, "iam:ListRoles");
  });

  await test.step("root names and creates it, and lands on the new policy", async () => {
    await page.getByLabel("Policy name").fill(policyName);
    await expect(page.getByLabel("Description")).toHaveValue(/activity of bob/);
    await page.getByRole("button", { name: "Create policy" }).click();
    await expect(page.getByRole("heading", { level: 1, name: policyName })).toBeVisible();
    await expect(page.getByText(`Policy ${policyName} created.`)).toBeVisible();
    await expect(page.getByText("Customer managed")).toBeVisible();
    await deletePolicyFromItsPage(page, policyName);
  });

  await test.step("the role's Permissions tab leads to Generate policy with the role chosen", async () => {
    await page.goto("/roles/details/EC2AppRole");
    await page.getByRole("link", { name: "Generate policy" }).click();
    await expect(page).toHaveURL(/\/access-analyzer\/generate-policy\?principal=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FEC2AppRole$/);
    await expect(page.getByRole("button", { name: /User or role/ })).toContainText("EC2AppRole");
  });
});

test("a policy's security warning on Policy validation opens its editor at the warning", async ({ page }) => {
  const policyName = `e2e-pass-any-role-${suffix}`;
  const document = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "PassAnyRole", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] });

  await test.step("root creates a policy that passes any role", async () => {
    await signInAsRoot(page);
    await expectDashboard(page);
    await page.goto("/policies/create");
    await expect(page.getByRole("heading", { name: "Specify permissions" })).toBeVisible();
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    await replaceEditorText(page, document);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByLabel("Policy name").fill(policyName);
    await page.getByRole("button", { name: "Create policy" }).click();
    await expect(page.getByRole("heading", { level: 1, name: policyName })).toBeVisible();
  });

  await test.step("Policy validation lists its security warning", async () => {
    await page.goto("/access-analyzer/policy-validation");
    await expect(page.getByRole("heading", { level: 1, name: /^Policy validation/ })).toBeVisible();
    await page.getByRole("button", { name: /Filter by finding type/ }).click();
    await page.getByRole("option", { name: "Security warnings" }).click();
    await expect(page).toHaveURL(/findingType=SECURITY_WARNING/);
    const policies = page.getByRole("table", { name: "Policy validation" });
    await expect(policies.getByRole("row", { name: new RegExp(policyName) })).toContainText("Customer managed");
    await selectRow(page, policyName, "radio");
    const findings = page.getByRole("table", { name: `Findings in ${policyName}` });
    await expect(findings).toContainText("PASS_ROLE_WITH_STAR_IN_RESOURCE");
    await expect(findings).toContainText("Statement[0].Resource");
    await findings.getByRole("link", { name: "Edit at this location" }).first().click();
  });

  await test.step("the policy's editor opens in JSON with the resource selected", async () => {
    await expect(page).toHaveURL(/\/edit\?line=\d+&column=\d+&endLine=\d+&endColumn=\d+/);
    await expect(page.getByRole("heading", { name: `Modify permissions in ${policyName}` })).toBeVisible();
    const editor = page.getByRole("group", { name: "Policy editor" }).filter({ has: page.locator(".monaco-editor") });
    await expect(editor.locator(".view-lines")).toContainText('"Resource": "*"');
    await expect(editor.locator(".selected-text").first()).toBeVisible();
    // The selection is the "*" of Resource: typing replaces it.
    await page.keyboard.insertText('"arn:aws:iam::123456789012:role/EC2AppRole"');
    await expect(editor.locator(".view-lines")).toContainText('"Resource": "arn:aws:iam::123456789012:role/EC2AppRole"');
    await expect(editor.getByRole("status", { name: "Policy validation" })).toContainText("Security: 0");
  });

  await test.step("clean up", async () => {
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByRole("heading", { level: 1, name: policyName })).toBeVisible();
    await deletePolicyFromItsPage(page, policyName);
  });
});
