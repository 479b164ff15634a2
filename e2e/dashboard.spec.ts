import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT_ID, expectDashboard, signInAsIamUser } from "./fixtures";

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
