import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNT_ID, expectDashboard, signInAsIamUser, signInAsRoot, test } from "./fixtures";
import { chooseAction, chooseService, resultRow, waitForHydration } from "./simulator";

// The policy simulator: a principal's policies and custom ones, simulated by the same engine
// that authorizes the console, with the statements that decided each result.

const ADMINISTRATOR_ACCESS = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}';
const DENY_BUCKET_DELETION =
  '{"Version": "2012-10-17", "Statement": [{"Sid": "NeverDeleteBuckets", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}';
const READ_WITH_MFA =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}';

/** Signs in as root on the way to the simulator, and waits until the page is interactive. */
async function openSimulatorAsRoot(page: Page): Promise<void> {
  await page.goto("/policy-simulator");
  await signInAsRoot(page);
  await expect(page).toHaveURL("/policy-simulator");
  await waitForHydration(page);
}

async function chooseCustomPolicies(page: Page): Promise<void> {
  await page.getByRole("radio", { name: /Custom policies/ }).check();
}

/** Replaces the text of a policy editor (Monaco) as a paste would. */
async function setPolicy(page: Page, name: string, document: string): Promise<void> {
  const editor = page.getByRole("textbox", { name });
  await expect(editor).toBeAttached();
  await editor.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(document);
  await expect(page.getByRole("group", { name }).getByRole("status", { name: "Policy validation" })).toContainText("Errors: 0");
}

test("a role's attached policy allows reading S3 objects and implicitly denies writing them", async ({ page }) => {
  await openSimulatorAsRoot(page);

  await page.getByRole("button", { name: /^User, user group or role/ }).click();
  await page.getByRole("option", { name: /^EC2AppRole/ }).click();

  const policies = page.getByRole("table", { name: "Permissions policies" });
  await expect(policies.getByRole("checkbox", { name: "AmazonS3ReadOnlyAccess" })).toBeChecked();

  await chooseService(page, "Amazon S3", "s3");
  await chooseAction(page, "s3:GetObject");
  await chooseAction(page, "s3:PutObject");
  await page.getByRole("button", { name: "Run simulation" }).click();

  await expect(resultRow(page, "s3:GetObject")).toContainText("Allowed");
  await expect(resultRow(page, "s3:PutObject")).toContainText("Denied (implicit)");
  await expect(page.getByRole("heading", { name: "Results" })).toBeVisible();

  // Why it is allowed: the statement of the managed policy, shown in the policy.
  await page.getByRole("radio", { name: "s3:GetObject on *" }).check();
  const details = page.getByRole("region", { name: "Result details" });
  await expect(details).toContainText("Statement 1 of AWS managed policy AmazonS3ReadOnlyAccess");
  await expect(details.getByRole("list", { name: "Statements of AmazonS3ReadOnlyAccess" })).toContainText("Statement 1 (Allow) matches");
  await expect(details.getByRole("textbox", { name: "Policy document of AmazonS3ReadOnlyAccess" })).toBeAttached();

  // Leaving the policy out denies both.
  await policies.getByRole("checkbox", { name: "AmazonS3ReadOnlyAccess" }).uncheck();
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(resultRow(page, "s3:GetObject")).toContainText("Denied (implicit)");
});

test("custom policies: an explicit deny wins over AdministratorAccess", async ({ page }) => {
  await openSimulatorAsRoot(page);
  await chooseCustomPolicies(page);

  await setPolicy(page, "Policy 1", ADMINISTRATOR_ACCESS);
  await page.getByRole("button", { name: "Add policy" }).click();
  await setPolicy(page, "Policy 2", DENY_BUCKET_DELETION);

  await chooseService(page, "Amazon S3", "s3");
  await chooseAction(page, "s3:DeleteBucket");
  await chooseAction(page, "s3:GetObject");
  await page.getByRole("button", { name: "Run simulation" }).click();

  await expect(resultRow(page, "s3:DeleteBucket")).toContainText("Denied (explicit)");
  await expect(resultRow(page, "s3:GetObject")).toContainText("Allowed");

  await page.getByRole("radio", { name: "s3:DeleteBucket on *" }).check();
  const details = page.getByRole("region", { name: "Result details" });
  await expect(details.getByRole("list", { name: "Statements of Policy 2" })).toContainText('Statement 1 ("NeverDeleteBuckets") (Deny) matches and denies the request.');
});

test("custom policy with an MFA condition: denied without the context key, allowed with it", async ({ page }) => {
  await openSimulatorAsRoot(page);
  await chooseCustomPolicies(page);

  await setPolicy(page, "Policy 1", READ_WITH_MFA);
  await chooseService(page, "Amazon S3", "s3");
  await chooseAction(page, "s3:GetObject");

  // The key the policy refers to is listed, without a value.
  const value = page.getByRole("textbox", { name: "Values of aws:MultiFactorAuthPresent" });
  await expect(value).toHaveValue("");
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(resultRow(page, "s3:GetObject")).toContainText("Denied (implicit)");
  await page.getByRole("radio", { name: "s3:GetObject on *" }).check();
  const details = page.getByRole("region", { name: "Result details" });
  await expect(details).toContainText("aws:MultiFactorAuthPresent");
  await expect(details.getByRole("list", { name: "Statements of Policy 1" })).toContainText("its Condition does not match");

  await value.fill("true");
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(resultRow(page, "s3:GetObject")).toContainText("Allowed");
});

test("a user without permissions sees which actions the simulator was denied", async ({ page }) => {
  await signInAsIamUser(page, "dave");
  await expectDashboard(page);
  await page.goto("/policy-simulator");
  await waitForHydration(page);
  const alert = page.getByText("You don't have permission to iam:ListUsers");
  await expect(alert).toBeVisible();
  await expect(page.getByRole("main")).toContainText(
    `User: arn:aws:iam::${DEMO_ACCOUNT_ID}:user/dave is not authorized to perform: iam:ListUsers`,
  );

  // Simulating custom policies needs iam:SimulateCustomPolicy, which dave lacks too.
  await chooseCustomPolicies(page);
  await setPolicy(page, "Policy 1", READ_WITH_MFA);
  await chooseService(page, "Amazon S3", "s3");
  await chooseAction(page, "s3:GetObject");
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(page.getByText("You don't have permission to iam:SimulateCustomPolicy")).toBeVisible();
});
