import { expect } from "@playwright/test";
import { DEMO_ACCOUNT_ID, expectDashboard, signInAsIamUser, signInAsRoot, test } from "./fixtures";

test("a user without permissions sees which action the dashboard was denied", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);

  const resources = page.getByRole("region", { name: "IAM resources" });
  await expect(resources.getByText("You don't have permission to iam:GetAccountSummary")).toBeVisible();
  await expect(resources).toContainText(
    `User: arn:aws:iam::${DEMO_ACCOUNT_ID}:user/dave is not authorized to perform: iam:GetAccountSummary`,
  );
  await expect(resources).toContainText("To request access, copy the following text and send it to your AWS administrator.");

  // The rest of the page still renders: the account ID needs no permission.
  await expect(page.getByRole("region", { name: "AWS Account" })).toContainText(DEMO_ACCOUNT_ID);
});

test("the dashboard leads to the access reports", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);

  const reports = page.getByRole("region", { name: "Access reports" });
  await expect(reports.getByRole("link", { name: "Policies with security warnings" })).toHaveAttribute(
    "href",
    "/access-analyzer/policy-validation?findingType=SECURITY_WARNING",
  );
  await reports.getByRole("link", { name: "Access denied events" }).click();
  // With more denials than a page holds (the demo history's), the page adds its cursor.
  await expect(page).toHaveURL(/\/event-history\?outcome=AccessDenied(&cursor=[\w-]+)?$/);
  await expect(page.getByRole("heading", { name: "Event history", level: 1 })).toBeVisible();

  await page.goto("/");
  const recommendations = page.getByRole("region", { name: "Security recommendations" });
  await recommendations.getByRole("link", { name: "Review in the credential report" }).first().click();
  await expect(page).toHaveURL(/\/credential-report\?finding=console-without-mfa$/);
  await expect(page.getByRole("heading", { name: "Credential report", level: 1 })).toBeVisible();
});
