import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_ACCOUNT_ID, DEMO_ALIAS, expectDashboard, region, signInAsIamUser, signInAsRoot, test } from "./fixtures";

// Account settings, end to end in Chromium: a user without permissions sees which reads were
// denied; root sets a strict custom password policy, sees its rules listed and a weak password
// refused by the Create user wizard, then goes back to the IAM default; root changes the account
// alias, deletes it and creates "demo" again. Every later spec relies on the default password
// policy and on the alias "demo" (IAM users sign in at /signin/demo): afterAll puts both back
// if a step failed half-way.

const TEST_ALIAS = "e2e-alias-test";

/** The account menu of the top navigation, labelled "root @ <alias>" (fixtures' accountMenu knows only "demo"). */
function rootMenu(page: Page, alias: string) {
  return page.getByRole("button", { name: `root @ ${alias}` });
}

async function openAccountSettings(page: Page) {
  await page.goto("/account-settings");
  await expect(page.getByRole("heading", { level: 1, name: "Account settings" })).toBeVisible();
}

async function openEditPasswordPolicy(page: Page) {
  await openAccountSettings(page);
  await region(page, "Password policy").getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit password policy" })).toBeVisible();
}

async function resetPasswordPolicy(page: Page) {
  await openEditPasswordPolicy(page);
  const defaultRules = page.getByRole("list", { name: "IAM default password policy" });
  await expect(async () => {
    await page.getByRole("radio", { name: /IAM default/ }).check({ timeout: 2_000 });
    await expect(defaultRules).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(defaultRules).toContainText("Must be at least 8 characters long");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Password policy updated.")).toBeVisible();
  await expect(region(page, "Password policy")).toContainText("This AWS account uses the following default password policy:");
}

/** Opens a dialog with its button. Retried: a click that lands while the page is still hydrating is lost. */
async function openDialog(page: Page, button: Locator, name: string | RegExp): Promise<Locator> {
  const dialog = page.getByRole("dialog", { name });
  await expect(async () => {
    if (!(await dialog.isVisible())) await button.click({ timeout: 2_000 });
    await expect(dialog).toBeVisible({ timeout: 2_000 });
  }).toPass();
  return dialog;
}

/** Create or Edit of the alias, from the Account alias container. */
async function saveAlias(page: Page, alias: string) {
  const container = region(page, "Account alias");
  const dialog = await openDialog(page, container.getByRole("button", { name: /^(Create|Edit)$/ }), /^(Create|Edit) alias$/);
  await dialog.getByLabel("Preferred alias").fill(alias);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Account alias ${alias} saved.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  // The whole console follows: the account menu names the account by its new alias.
  await expect(rootMenu(page, alias)).toBeVisible();
}

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  try {
    await signInAsRoot(page);
    await expectDashboard(page);
    await openAccountSettings(page);
    if (await region(page, "Password policy").getByText("custom password policy", { exact: false }).isVisible()) await resetPasswordPolicy(page);
    if (!(await rootMenu(page, DEMO_ALIAS).isVisible())) await saveAlias(page, DEMO_ALIAS);
  } finally {
    await page.close();
  }
});

test("a user without permissions sees which reads of Account settings were denied", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);
  await openAccountSettings(page);
  const denied = (action: string) => `You don't have permission to ${action}`;
  await expect(region(page, "Password policy")).toContainText(denied("iam:GetAccountPasswordPolicy"));
  await expect(region(page, "Account alias")).toContainText(denied("iam:ListAccountAliases"));
  await expect(region(page, "Security Token Service (STS)")).toContainText(denied("iam:GetAccountSummary"));
  // The rest still renders: the account ID and the fixed endpoints need no permission.
  await expect(region(page, "Account alias")).toContainText(DEMO_ACCOUNT_ID);
  await expect(page.getByRole("table", { name: "STS endpoints" })).toContainText("sts.us-east-1.amazonaws.com");
  await expect(region(page, "Account alias").getByRole("button", { name: /^(Create|Edit|Delete)$/ })).toHaveCount(0);
});

test("root sets a custom password policy, the Create user wizard refuses a weak password, and root goes back to the IAM default", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);

  await test.step("Account settings shows the default policy and the STS settings", async () => {
    const nav = page.getByRole("navigation", { name: "Side navigation" }).getByRole("link", { name: "Account settings" });
    await expect(nav).toHaveAttribute("href", "/account-settings");
    await openAccountSettings(page);
    const policy = region(page, "Password policy");
    await expect(policy).toContainText("This AWS account uses the following default password policy:");
    await expect(policy.getByRole("list", { name: "Password policy rules" })).toContainText("Must be at least 8 characters long");
    const sts = region(page, "Security Token Service (STS)");
    await expect(sts).toContainText("Valid only in AWS Regions enabled by default");
    await expect(sts).toContainText("The simulator keeps these settings fixed");
    await expect(page.getByRole("table", { name: "STS endpoints" }).getByRole("row").filter({ hasText: "eu-west-1" })).toContainText("Active");
  });

  await test.step("Edit: a custom policy, checked as it is typed", async () => {
    await openEditPasswordPolicy(page);
    await expect(page.getByRole("radio", { name: /IAM default/ })).toBeChecked();
    const length = page.getByLabel("Password minimum length");
    await expect(async () => {
      await page.getByRole("radio", { name: /Custom/ }).check({ timeout: 2_000 });
      await expect(length).toBeVisible({ timeout: 2_000 });
    }).toPass();
    await expect(length).toHaveValue("8");
    await length.fill("5");
    await length.blur();
    await expect(page.getByText("Password minimum length must be a whole number between 6 and 128.")).toBeVisible();
    await length.fill("14");
    await expect(page.getByText("Password minimum length must be a whole number between 6 and 128.")).toHaveCount(0);
    await page.getByRole("checkbox", { name: /uppercase letter/ }).check();
    await page.getByRole("checkbox", { name: /lowercase letter/ }).check();
    await page.getByRole("checkbox", { name: "Require at least one number" }).check();
    await page.getByRole("checkbox", { name: /non-alphanumeric character/ }).check();
    await page.getByRole("checkbox", { name: /Prevent password reuse/ }).check();
    const remember = page.getByLabel("Remember");
    await remember.fill("30");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("The number of passwords to remember must be a whole number between 1 and 24.")).toBeVisible();
    await remember.fill("3");
    await page.getByRole("button", { name: "Save changes" }).click();

    await expect(page.getByText("Password policy updated.")).toBeVisible();
    await expect(page).toHaveURL(/\/account-settings$/);
    const policy = region(page, "Password policy");
    await expect(policy).toContainText("This AWS account uses the following custom password policy:");
    const rules = policy.getByRole("list", { name: "Password policy rules" });
    await expect(rules).toContainText("Password minimum length: 14 characters");
    await expect(rules).toContainText("Require at least one uppercase letter from the Latin alphabet (A-Z)");
    await expect(rules).toContainText("Require at least one lowercase letter from the Latin alphabet (a-z)");
    await expect(rules).toContainText("Require at least one number");
    await expect(rules).toContainText("Require at least one non-alphanumeric character");
    await expect(rules).toContainText("Remember 3 password(s) and prevent reuse");
  });

  await test.step("the Edit form opens with the saved policy", async () => {
    await openEditPasswordPolicy(page);
    await expect(page.getByRole("radio", { name: /Custom/ })).toBeChecked();
    await expect(page.getByLabel("Password minimum length")).toHaveValue("14");
    await expect(page.getByLabel("Remember")).toHaveValue("3");
  });

  await test.step("the Create user wizard checks a custom password against the custom policy", async () => {
    await page.goto("/users/create");
    await expect(page.getByRole("heading", { level: 1, name: "Specify user details" })).toBeVisible();
    await page.getByLabel("User name").fill("e2e-account-settings-user");
    await page.getByRole("checkbox", { name: /Provide user access to the AWS Management Console/ }).check();
    await page.getByRole("radio", { name: /Custom password/ }).check();
    // The policy's own rules are listed; "weakpass" would not even meet the default ones.
    await expect(page.getByText("Must include at least one number (0-9)")).toBeVisible();
    await page.getByLabel("Password", { exact: true }).fill("weakpass");
    await expect(page.getByText("Must be at least 14 characters long").first()).toBeVisible();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByLabel("Password", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Specify user details" })).toBeVisible();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page).toHaveURL(/\/users$/);
  });

  await test.step("back to the IAM default", async () => {
    await resetPasswordPolicy(page);
    await expect(region(page, "Password policy").getByRole("list", { name: "Password policy rules" })).toContainText(
      "Must include at least three of the following mix of character types",
    );
  });
});

test("root changes the account alias, deletes it, and creates it again", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);
  await openAccountSettings(page);
  const container = region(page, "Account alias");
  await expect(container).toContainText(`/signin/${DEMO_ALIAS}`);

  await test.step("Edit: the alias is checked as it is typed, then saved", async () => {
    const dialog = await openDialog(page, container.getByRole("button", { name: "Edit" }), "Edit alias");
    await expect(dialog.getByLabel("Preferred alias")).toHaveValue(DEMO_ALIAS);
    await expect(dialog.getByRole("list", { name: "Alias rules" })).toContainText("Must be 3 to 63 characters long.");
    await dialog.getByLabel("Preferred alias").fill("E2E_alias");
    await dialog.getByLabel("Preferred alias").blur();
    await expect(dialog).toContainText("The alias can contain only lowercase letters (a-z), numbers (0-9) and hyphens (-).");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();

    await saveAlias(page, TEST_ALIAS);
    await expect(container).toContainText(`/signin/${TEST_ALIAS}`);
  });

  await test.step("Delete: the dialog asks for the alias; the sign-in URL goes back to the account ID", async () => {
    const dialog = await openDialog(page, container.getByRole("button", { name: "Delete" }), `Delete ${TEST_ALIAS}?`);
    const confirm = dialog.getByRole("button", { name: "Delete" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("To confirm deletion, enter the alias in the text input field.").fill(TEST_ALIAS);
    await confirm.click();
    await expect(page.getByText(`Account alias ${TEST_ALIAS} deleted.`)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(container).toContainText(`/signin/${DEMO_ACCOUNT_ID}`);
    await expect(container.getByRole("button", { name: "Create" })).toBeVisible();
  });

  await test.step(`Create: "${DEMO_ALIAS}" again, for the specs that follow`, async () => {
    await saveAlias(page, DEMO_ALIAS);
    await expect(container).toContainText(`/signin/${DEMO_ALIAS}`);
  });
});
