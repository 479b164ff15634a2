import { expect, type Page } from "@playwright/test";
import { roleHref } from "../lib/console-paths";
import { DEMO_ACCOUNT_ID, expectDashboard, selectRow, signInAsIamUser, signInAsRoot, test } from "./fixtures";

// Identity providers, end to end in Chromium: the root user adds an OpenID Connect provider,
// adds an audience to it, creates a role for it from the provider's "Assign role" and reads
// the trust policy the wizard wrote, then deletes the role and the provider, leaving the demo
// account as it was. A user without permissions sees which action was denied.

const RUN = Date.now().toString(36);
const HOST = `e2e-${RUN}.gitlab.example.com`;
const PROVIDER_ARN = `arn:aws:iam::${DEMO_ACCOUNT_ID}:oidc-provider/${HOST}`;
const ROLE = `e2e-oidc-role-${RUN}`;

/** Chooses an option of a Cloudscape Select, found by its label. */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole("button", { name: label }).click();
  await page.getByRole("option", { name: option }).first().click();
}

test("root adds an OpenID Connect provider and an audience, creates a role for it, and deletes it", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);

  await test.step("the list shows the demo account's providers", async () => {
    const nav = page.getByRole("navigation", { name: "Side navigation" }).getByRole("link", { name: "Identity providers" });
    await expect(nav).toHaveAttribute("href", "/identity-providers");
    await page.goto("/identity-providers");
    await expect(page.getByRole("heading", { level: 1, name: /^Identity providers/ })).toBeVisible();
    const table = page.getByRole("table", { name: "Identity providers" });
    await expect(table.getByRole("row").filter({ has: page.getByRole("link", { name: "ExampleCorpIdP" }) })).toContainText("SAML");
    await expect(table.getByRole("row").filter({ has: page.getByRole("link", { name: "token.actions.githubusercontent.com" }) })).toContainText(
      "OpenID Connect",
    );
  });

  await test.step("add the provider: its URL is checked as it is typed", async () => {
    await page.getByRole("link", { name: "Add provider" }).or(page.getByRole("button", { name: "Add provider" })).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Add an Identity provider" })).toBeVisible();
    await page.getByRole("radio", { name: /OpenID Connect/ }).check();
    const url = page.getByLabel("Provider URL");
    await url.fill(`http://${HOST}`);
    await url.blur();
    await expect(page.getByText('The URL must begin with "https://".')).toBeVisible();
    await url.fill(`https://${HOST}`);
    await expect(page.getByText('The URL must begin with "https://".')).toHaveCount(0);
    await page.getByLabel("Audience").fill("sts.amazonaws.com");
    await page.getByRole("button", { name: "Add provider" }).click();

    await expect(page.getByText(`Provider ${HOST} added.`)).toBeVisible();
    await expect(page).toHaveURL(/\/identity-providers$/);
    const row = page.getByRole("table", { name: "Identity providers" }).getByRole("row").filter({ has: page.getByRole("link", { name: HOST }) });
    await expect(row).toContainText("OpenID Connect");
  });

  await test.step("add an audience on the provider's page", async () => {
    await page.getByRole("table", { name: "Identity providers" }).getByRole("link", { name: HOST }).click();
    await expect(page.getByRole("heading", { level: 1, name: HOST })).toBeVisible();
    await expect(page.getByText(PROVIDER_ARN)).toBeVisible();
    const audiences = page.getByRole("table", { name: "Audiences" });
    await expect(audiences).toContainText("sts.amazonaws.com");

    await page.getByRole("button", { name: "Actions" }).click();
    await page.getByRole("menuitem", { name: "Add audience" }).click();
    const dialog = page.getByRole("dialog", { name: "Add audience" });
    await dialog.getByLabel("Audience").fill("deploy-app");
    await dialog.getByRole("button", { name: "Add audience" }).click();
    await expect(page.getByText("Audience deploy-app added.")).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(audiences).toContainText("deploy-app");
  });

  await test.step("Assign role: the wizard starts with the provider, and writes its trust policy", async () => {
    await page.getByRole("link", { name: "Assign role" }).or(page.getByRole("button", { name: "Assign role" })).first().click();
    await expect(page.getByRole("heading", { name: "Select trusted entity" })).toBeVisible();
    await expect(page.getByRole("radio", { name: /Web identity/ })).toBeChecked();
    await expect(page.getByRole("button", { name: "Identity provider" })).toContainText(HOST);
    await choose(page, "Audience", "deploy-app");
    await page.getByRole("button", { name: "Next", exact: true }).click();

    await expect(page.getByRole("heading", { name: "Add permissions" })).toBeVisible();
    await page.getByRole("button", { name: "Next", exact: true }).click();

    await expect(page.getByRole("heading", { name: "Name, review, and create" })).toBeVisible();
    await page.getByLabel("Role name").fill(ROLE);
    const trust = page.getByRole("group", { name: "Trust policy" });
    await expect(trust).toContainText(PROVIDER_ARN);
    await expect(trust).toContainText("sts:AssumeRoleWithWebIdentity");
    await expect(trust).toContainText(`"${HOST}:aud": "deploy-app"`);
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(page).not.toHaveURL(/\/roles\/create/);

    await page.goto(roleHref(ROLE));
    await page.getByRole("tab", { name: "Trust relationships" }).click();
    const saved = page.getByRole("group", { name: `Trust policy of ${ROLE}` });
    await expect(saved).toContainText(PROVIDER_ARN);
    await expect(saved).toContainText(`${HOST}:aud`);
  });

  await test.step("delete the role, then the provider (the dialog asks for its name)", async () => {
    await page.goto("/roles");
    await page.getByRole("searchbox", { name: "Filter roles" }).fill(ROLE);
    await selectRow(page, ROLE);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const roleDialog = page.getByRole("dialog", { name: `Delete ${ROLE}?` });
    await roleDialog.getByRole("textbox").fill(ROLE);
    await roleDialog.getByRole("button", { name: "Delete" }).click();
    await expect(roleDialog).toBeHidden();
    await expect(page.getByRole("table", { name: "Roles" })).not.toContainText(ROLE);

    await page.goto("/identity-providers");
    await selectRow(page, HOST, "radio");
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${HOST}?` });
    const confirm = dialog.getByRole("button", { name: "Delete" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel("To confirm deletion, enter the provider name in the text input field.").fill(HOST);
    await confirm.click();
    await expect(page.getByText(`Provider ${HOST} deleted.`)).toBeVisible();
    await expect(page.getByRole("link", { name: HOST })).toHaveCount(0);
  });
});

test("a user without permissions sees the denied action on the Identity providers page", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);
  await page.goto("/identity-providers");
  await expect(page.getByText("You don't have permission to iam:ListSAMLProviders")).toBeVisible();
  await expect(page.getByRole("table", { name: "Identity providers" })).not.toContainText("ExampleCorpIdP");
});
