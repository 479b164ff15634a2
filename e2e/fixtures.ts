import { expect, type Page } from "@playwright/test";

// What the e2e server is seeded with (scripts/test.mjs sets the same values), and the
// steps every spec shares. Elements are found by role and label, as a user would.

export const ROOT_EMAIL = process.env.SEED_ROOT_EMAIL || "e2e-root@demo.example.com";
export const ROOT_PASSWORD = process.env.SEED_ROOT_PASSWORD || "E2e-Root-Passw0rd!";
export const USER_PASSWORD = process.env.SEED_USER_PASSWORD || "E2e-User-Passw0rd!";

export const DEMO_ACCOUNT_ID = "123456789012";
export const DEMO_ALIAS = "demo";

export const INCORRECT_CREDENTIALS = "Your authentication information is incorrect. Please try again.";

/** Signs in as the root user from the sign-in page the browser is on (or /signin). */
export async function signInAsRoot(page: Page, password = ROOT_PASSWORD): Promise<void> {
  if (!new URL(page.url(), "http://x").pathname.startsWith("/signin")) await page.goto("/signin");
  await page.getByRole("radio", { name: /Root user/ }).check();
  await page.getByLabel("Email address").fill(ROOT_EMAIL);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as an IAM user of the demo account through its sign-in URL. */
export async function signInAsIamUser(page: Page, userName: string, password = USER_PASSWORD): Promise<void> {
  await page.goto(`/signin/${DEMO_ALIAS}`);
  await expect(page.getByLabel("Account ID (12 digits) or account alias")).toHaveValue(DEMO_ALIAS);
  await page.getByLabel("IAM user name").fill(userName);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The sign-in form's error (Next's own route announcer is an empty alert too). */
export function signInError(page: Page) {
  return page.getByRole("alert").filter({ hasText: /\S/ });
}

export async function expectDashboard(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "IAM Dashboard" })).toBeVisible();
}

/** The account menu of the top navigation, labelled "<name> @ <alias>". */
export function accountMenu(page: Page, displayName: string) {
  return page.getByRole("button", { name: `${displayName} @ ${DEMO_ALIAS}` });
}

export async function signOut(page: Page, displayName: string): Promise<void> {
  await accountMenu(page, displayName).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

/**
 * Selects a table row by its name (its checkbox, or its radio button in single selection).
 * Retried: a click that lands while the page is still hydrating is lost.
 */
export async function selectRow(page: Page, name: string, role: "checkbox" | "radio" = "checkbox"): Promise<void> {
  await expect(async () => {
    await page.getByRole(role, { name, exact: true }).check({ timeout: 2_000 });
  }).toPass();
}

/**
 * Types into a table's filter and waits until the filtered page has arrived. A table paged on the
 * server navigates to its new query; a click made before that navigation lands (say, on a
 * button whose action redirects) would be overtaken by it.
 */
export async function filterTable(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label).fill(text);
  await expect(page).toHaveURL(new RegExp(`[?&][\\w.-]*filter=${encodeURIComponent(text)}(&|$)`));
}

/** Replaces the text of the visible Monaco editor, as a paste does (no auto-closing of brackets). */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator(".monaco-editor:visible").first();
  await editor.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
  await expect(editor).toContainText(text.slice(0, 20));
}
