import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNT_ID, expectDashboard, filterTable, signInAsIamUser, signInAsRoot, signOut, test } from "./fixtures";

// The Event history, end to end in Chromium: dave, without permissions, opens Users and is
// denied; root finds that call in the event history by filtering to Access denied and to dave,
// opens its record (errorCode AccessDenied, with the reason), and downloads the filtered events
// as CSV and JSON. Root also pages through the history with the table's pagination, which reads
// by cursor: a page read again from the next one shows the same events. dave is denied the page.

const CSV_HEADER =
  "Event ID,Event time,User name,Principal ARN,Event name,Event source,AWS region,Source IP address,User agent,AWS access key,Read-only,Resource type,Resource name,Error code,Error message";

const daveArn = `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/dave`;

async function openEventHistory(page: Page, search = "") {
  await page.goto(`/event-history${search}`);
  await expect(page.getByRole("heading", { level: 1, name: "Event history" })).toBeVisible();
}

const eventsTable = (page: Page) => page.getByRole("table", { name: "Event history" });

/** The event IDs of the rows shown, from their links. */
async function shownEventIds(page: Page): Promise<string[]> {
  const links = eventsTable(page).getByRole("rowheader").getByRole("link");
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.map((h) => h.replace("/event-history/", ""));
}

test("root finds dave's AccessDenied call, reads its record and downloads the filtered events", async ({ page }) => {
  await test.step("dave opens Users and is denied iam:ListUsers", async () => {
    await signInAsIamUser(page, "dave");
    await expectDashboard(page);
    await page.goto("/users");
    await expect(page.getByText("You don't have permission to iam:ListUsers")).toBeVisible();
    await signOut(page, "dave");
  });

  await signInAsRoot(page);
  await expectDashboard(page);
  await openEventHistory(page);

  await test.step("filter to Access denied, then to dave", async () => {
    await page.getByRole("button", { name: /Filter by outcome/ }).click();
    await page.getByRole("option", { name: "Access denied" }).click();
    await expect(page).toHaveURL(/[?&]outcome=AccessDenied(&|$)/);
    await filterTable(page, "Filter events", "dave");
    const row = eventsTable(page).getByRole("row").filter({ hasText: "ListUsers" }).first();
    await expect(row).toContainText("dave");
    await expect(row).toContainText(daveArn);
    await expect(row).toContainText("AccessDenied");
    await expect(row).toContainText("because no identity-based policy allows the iam:ListUsers action");
    // Every row is a denial.
    const codes = await eventsTable(page).getByRole("row").filter({ hasText: daveArn }).allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    for (const text of codes) expect(text).toContain("AccessDenied");
  });

  await test.step("the event's page: the reason, and the CloudTrail record with errorCode AccessDenied", async () => {
    await eventsTable(page).getByRole("row").filter({ hasText: "ListUsers" }).first().getByRole("link", { name: "ListUsers" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "ListUsers" })).toBeVisible();
    await expect(page.getByText(`User: ${daveArn} is not authorized to perform: iam:ListUsers`).first()).toBeVisible();
    const record = page.locator("pre").filter({ hasText: '"eventVersion"' });
    await expect(record).toContainText('"errorCode": "AccessDenied"');
    await expect(record).toContainText(`"arn": "${daveArn}"`);
    await expect(record).toContainText('"eventSource": "iam.amazonaws.com"');
    const json = JSON.parse((await record.textContent()) ?? "{}") as { eventName?: string; userIdentity?: { userName?: string } };
    expect(json.eventName).toBe("ListUsers");
    expect(json.userIdentity?.userName).toBe("dave");
    await page.goBack();
    await expect(page).toHaveURL(/[?&]outcome=AccessDenied(&|$)/);
  });

  await test.step("Download CSV: the header, then dave's denials", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).or(page.getByRole("button", { name: "Download CSV" })).first().click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^event-history-${DEMO_ACCOUNT_ID}-\\d{8}T\\d{6}Z\\.csv$`));
    const lines = (await readFile(await file.path(), "utf8")).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.length).toBeGreaterThan(1);
    const listUsers = lines.find((l) => l.includes(",ListUsers,"));
    expect(listUsers).toContain(`,dave,${daveArn},ListUsers,iam.amazonaws.com,`);
    expect(listUsers).toContain(",AccessDenied,");
    for (const line of lines.slice(1)) expect(line).toContain(daveArn);
  });

  await test.step("Download JSON: CloudTrail's Records", async () => {
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download JSON" }).or(page.getByRole("button", { name: "Download JSON" })).first().click();
    const { Records } = JSON.parse(await readFile(await (await download).path(), "utf8")) as { Records: { errorCode?: string; userIdentity: { arn: string } }[] };
    expect(Records.length).toBeGreaterThan(0);
    for (const r of Records) expect([r.errorCode, r.userIdentity.arn]).toEqual(["AccessDenied", daveArn]);
  });
});

test("root pages through the history: next, next, previous shows the same second page", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);
  // Each view of the page is a LookupEvents call of its own: enough events for three pages of ten.
  for (let i = 0; i < 3; i++) await openEventHistory(page, "?size=10");
  // The page's cursor is in the URL once the page has loaded: the next page reads from it.
  await expect(page).toHaveURL(/[?&]cursor=/);
  const first = await shownEventIds(page);
  expect(first).toHaveLength(10);
  // The history is read by cursor, never counted: the counter is open-ended.
  const heading = page.getByRole("heading", { level: 1, name: /Event history/ });
  await expect(heading).toContainText("(10+)");

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect.poll(() => shownEventIds(page)).not.toEqual(first);
  const second = await shownEventIds(page);
  expect(second).toHaveLength(10);
  await expect(heading).toContainText("(20+)");
  expect(second.filter((id) => first.includes(id))).toEqual([]);

  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=3(&|$)/);
  await expect.poll(() => shownEventIds(page)).not.toEqual(second);

  await page.getByRole("button", { name: "Previous page" }).click();
  await expect(page).toHaveURL(/[?&]page=2(&|$)/);
  await expect.poll(() => shownEventIds(page)).toEqual(second);
});

test("dave, without cloudtrail:LookupEvents, sees the permission alert", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);
  await openEventHistory(page);
  await expect(page.getByText("You don't have permission to cloudtrail:LookupEvents")).toBeVisible();
  await expect(page.getByText(`User: ${daveArn} is not authorized to perform: cloudtrail:LookupEvents on resource: *`)).toBeVisible();
});
