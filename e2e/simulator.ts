import { expect, type Page } from "@playwright/test";

// Steps in the policy simulator page, shared by the specs that simulate.

/**
 * Cloudscape's controls respond once React has hydrated the page: open and close a dropdown,
 * retrying until it opens, so that no later click lands on the server-rendered HTML alone.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "Policy simulator" })).toBeVisible();
  await expect(async () => {
    await page.getByRole("button", { name: /^Service/ }).click();
    await expect(page.getByRole("combobox", { name: /Find a service/ })).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.keyboard.press("Escape");
}

export async function chooseService(page: Page, service: string, prefix: string): Promise<void> {
  await page.getByRole("button", { name: /^Service/ }).click();
  await page.getByRole("combobox", { name: /Find a service/ }).fill(service);
  await page.getByRole("option", { name: `${service} ${prefix}`, exact: true }).click();
}

export async function chooseAction(page: Page, action: string): Promise<void> {
  await page.getByRole("button", { name: /^Actions/ }).click();
  await page.getByRole("combobox", { name: /Find actions/ }).fill(action);
  await page.getByRole("option", { name: new RegExp(`^${action} `) }).click();
  await page.keyboard.press("Escape");
}

export function results(page: Page) {
  return page.getByRole("table", { name: "Results" });
}

export function resultRow(page: Page, action: string) {
  return results(page).getByRole("row").filter({ has: page.getByRole("rowheader", { name: action, exact: true }) });
}
