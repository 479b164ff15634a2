import { expect } from "@playwright/test";
import {
  accountMenu,
  DEMO_ACCOUNT_ID,
  DEMO_ALIAS,
  expectDashboard,
  INCORRECT_CREDENTIALS,
  ROOT_EMAIL,
  signInAsIamUser,
  signInAsRoot,
  signInError,
  signOut,
  test,
} from "./fixtures";

test("the root user signs in, sees the account's resources on the dashboard and signs out", async ({ page }) => {
  await page.goto("/signin");
  await signInAsRoot(page);

  await expect(page).toHaveURL("/");
  await expectDashboard(page);
  await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toContainText("IAM");
  await expect(accountMenu(page, "root")).toBeVisible();

  const resources = page.getByRole("region", { name: "IAM resources" });
  await expect(resources).toHaveText(
    /User groups\s*3\s*Users\s*4\s*Roles\s*2\s*Policies\s*1\s*Identity providers\s*2/,
  );
  const account = page.getByRole("region", { name: "AWS Account" });
  await expect(account).toContainText(DEMO_ACCOUNT_ID);
  await expect(account).toContainText(`/signin/${DEMO_ALIAS}`);

  await signOut(page, "root");
  // Signed out means signed out: the console sends the browser back to sign-in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
});

test("an IAM user signs in through the account's sign-in URL", async ({ page }) => {
  await signInAsIamUser(page, "alice");

  await expect(page).toHaveURL("/");
  await expectDashboard(page);
  await expect(accountMenu(page, "alice")).toBeVisible();
  await expect(page.getByRole("region", { name: "IAM resources" })).toContainText("Users");
});

test("the IAM user choice on the sign-in page leads to the account's sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("radio", { name: /IAM user/ }).check();
  await page.getByLabel("Account ID (12 digits) or account alias").fill(DEMO_ACCOUNT_ID);
  await page.getByRole("button", { name: "Next" }).click();

  await expect(page).toHaveURL(`/signin/${DEMO_ACCOUNT_ID}`);
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toHaveValue(DEMO_ACCOUNT_ID);
});

test("a wrong password is refused with AWS's generic message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(ROOT_EMAIL);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(signInError(page)).toHaveText(INCORRECT_CREDENTIALS);
  await expect(page).toHaveURL("/signin");

  await signInAsIamUser(page, "bob", "not-the-password");
  await expect(signInError(page)).toHaveText(INCORRECT_CREDENTIALS);
  await expect(page).toHaveURL(`/signin/${DEMO_ALIAS}`);
});

test("a console page without a session redirects to sign-in, and back after signing in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);

  await signInAsRoot(page);
  await expect(page).toHaveURL("/");
  await expectDashboard(page);
});

test("the console's icon answers where the page names it and at /favicon.ico, without a session", async ({ page, request }) => {
  await page.goto("/signin");
  const href = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  for (const path of [href!, "/favicon.ico"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain("image/svg+xml");
  }
});
