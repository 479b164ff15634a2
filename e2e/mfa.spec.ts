import { expect, type Page } from "@playwright/test";
import {
  chooseAccountMenuItem,
  DEMO_ACCOUNT_ID,
  DEMO_ALIAS,
  expectDashboard,
  filterTable,
  replaceEditorText,
  selectRow,
  signInAsIamUser,
  signInAsRoot,
  signInError,
  signOut,
  test,
} from "./fixtures";
import {
  addVirtualAuthenticator,
  codeForStep,
  currentStep,
  decodeQrDataUrl,
  enterSignInMfaCode,
  parseOtpauthUri,
  nextUsableStep,
} from "./mfa-helpers";

// Multi-factor authentication, end to end in Chromium: a user whose policy denies nearly
// everything without MFA (AWS's "force MFA" pattern) is blocked, enrolls an authenticator app by
// reading the QR code (decoded here, codes computed with otplib), signs in with a code and is no
// longer blocked, sees a reused code refused, registers a security key (a CDP virtual
// authenticator) and signs in with it. Root then resyncs and removes the devices and deletes the
// user.

const USER = "e2e-mfa-user";
const PASSWORD = "E2e-Mfa-Passw0rd!";
const PHONE = "e2e-phone";
const KEY = "e2e-key";

/** AWS's BlockMostAccessUnlessSignedInWithMFA, with what the user needs to enroll its own device. */
const FORCE_MFA = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AllowManageOwnMFA",
      Effect: "Allow",
      Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice", "iam:EnableMFADevice", "iam:ResyncMFADevice", "iam:DeactivateMFADevice"],
      Resource: ["arn:aws:iam::*:mfa/*", "arn:aws:iam::*:user/${aws:username}"],
    },
    {
      Sid: "BlockMostAccessUnlessSignedInWithMFA",
      Effect: "Deny",
      NotAction: ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:ListVirtualMFADevices", "iam:GetUser", "iam:ResyncMFADevice", "sts:GetSessionToken"],
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    },
  ],
});

/** The MFA section of a security credentials page, with its table and buttons. */
function mfaSection(page: Page) {
  return page.getByRole("region", { name: "Multi-factor authentication (MFA)" });
}

function mfaTable(page: Page) {
  return mfaSection(page).getByRole("table");
}

function buttonOrLink(page: Page, name: string) {
  return page.getByRole("button", { name, exact: true }).or(page.getByRole("link", { name, exact: true })).first();
}

async function openOwnSecurityCredentials(page: Page) {
  await chooseAccountMenuItem(page, USER, /Security credentials/);
  await expect(page).toHaveURL(/\/security-credentials$/);
  await expect(mfaTable(page)).toBeVisible();
}

async function startAssignMfa(page: Page, deviceName: string, kind: "Authenticator app" | "Passkey or security key") {
  await mfaSection(page).getByRole("button", { name: "Assign MFA device" }).or(mfaSection(page).getByRole("link", { name: "Assign MFA device" })).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Select MFA device" })).toBeVisible();
  await page.getByLabel("Device name").fill(deviceName);
  await page.getByRole("radio", { name: new RegExp(`^${kind}`) }).check();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Set up device" })).toBeVisible();
}

/** Whether the user of this spec is still there, for the clean-up after a failure. */
let userExists = false;

test.afterEach(async ({ page }) => {
  if (!userExists) return;
  // A failure left the user behind: root deletes it (with its devices), so other specs find the account as seeded.
  await page.context().clearCookies();
  await page.goto("/signin");
  await signInAsRoot(page);
  await expectDashboard(page);
  await deleteUser(page);
});

/** Deletes the user from the Users list; the dialog lists (and removes) what goes with it. */
async function deleteUser(page: Page, listed?: string) {
  await page.goto("/users");
  await filterTable(page, "Filter users", USER);
  await selectRow(page, USER);
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${USER}?` });
  if (listed) await expect(dialog).toContainText(listed);
  await dialog.getByLabel("To confirm deletion, enter the user name in the text input field.").fill(USER);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText(`User ${USER} deleted.`)).toBeVisible();
  userExists = false;
}

test("force MFA: enroll an authenticator app from its QR code, sign in with codes, refuse a reused code, sign in with a security key", async ({ page }) => {
  // The longest flow of the suite: five sign-ins, two enrolments, a resync and a deletion.
  test.setTimeout(240_000);
  let secret = "";
  /** The last TOTP step IAM accepted a code of: a code of it (or before) is refused from then on. */
  let usedStep = 0;

  await test.step("root creates the user with IAMReadOnlyAccess and a force-MFA inline policy", async () => {
    await signInAsRoot(page);
    await expectDashboard(page);
    await page.goto("/users");
    await buttonOrLink(page, "Create user").click();
    await expect(page.getByRole("heading", { level: 1, name: "Specify user details" })).toBeVisible();
    await page.getByLabel("User name").fill(USER);
    await page.getByRole("checkbox", { name: /Provide user access to the AWS Management Console/ }).check();
    await page.getByRole("radio", { name: /Custom password/ }).check();
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("checkbox", { name: /Users must create a new password at next sign-in/ }).uncheck();
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("radio", { name: /Attach policies directly/ }).check();
    await filterTable(page, "Filter policies", "IAMReadOnlyAccess");
    await selectRow(page, "IAMReadOnlyAccess");
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Retrieve password" })).toBeVisible();
    userExists = true;

    await page.goto(`/users/details/${USER}`);
    await expect(page.getByRole("heading", { level: 1, name: USER })).toBeVisible();
    await page.getByRole("button", { name: "Add permissions" }).click();
    await page.getByRole("menuitem", { name: "Create inline policy" }).click();
    await expect(page.getByRole("heading", { name: "Specify permissions" })).toBeVisible();
    await page.getByRole("button", { name: "JSON", exact: true }).click();
    await replaceEditorText(page, FORCE_MFA);
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await page.getByLabel("Policy name").fill("ForceMFA");
    await page.getByRole("button", { name: "Create policy" }).click();
    await expect(page.getByText("Policy ForceMFA created.")).toBeVisible();
    await signOut(page, "root");
  });

  await test.step("without MFA the user is blocked from the Users list", async () => {
    await signInAsIamUser(page, USER, PASSWORD);
    await expectDashboard(page);
    await page.goto("/users");
    await expect(page.getByText("You don't have permission to iam:ListUsers")).toBeVisible();
  });

  await test.step("the user assigns an authenticator app: QR code decoded, two consecutive codes", async () => {
    await openOwnSecurityCredentials(page);
    await startAssignMfa(page, PHONE, "Authenticator app");

    await page.getByRole("button", { name: "Show QR code" }).click();
    const src = await page.getByRole("img", { name: "QR code" }).getAttribute("src");
    expect(src).toMatch(/^data:image\/png;base64,/);
    const uri = decodeQrDataUrl(src ?? "");
    expect(uri).toMatch(
      new RegExp(`^otpauth://totp/Amazon%20Web%20Services:${PHONE}@(${DEMO_ALIAS}|${DEMO_ACCOUNT_ID})\\?secret=[A-Z2-7]{64}&issuer=Amazon%20Web%20Services$`),
    );
    const otpauth = parseOtpauthUri(uri);
    expect(otpauth.issuer).toBe("Amazon Web Services");
    secret = otpauth.secret;
    // The secret key shown for typing is the one in the QR code.
    await page.getByRole("button", { name: "Show secret key" }).click();
    await expect(page.getByText(secret, { exact: true })).toBeVisible();

    // Two consecutive codes of a few minutes ago, which IAM still takes for enabling a device (up
    // to ten steps away). The steps from now on are left to the sign-ins below, which then need
    // not wait for the clock.
    const step = currentStep() - 5;
    await page.getByLabel("MFA code 1").fill(await codeForStep(secret, step - 1));
    await page.getByLabel("MFA code 2").fill(await codeForStep(secret, step));
    await page.getByRole("button", { name: "Add MFA" }).click();
    usedStep = step;

    await expect(page).toHaveURL(/\/security-credentials$/);
    await expect(page.getByText("MFA device assigned.")).toBeVisible();
    const row = mfaTable(page).getByRole("row").filter({ hasText: `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/${PHONE}` });
    await expect(row).toContainText("Virtual MFA device");
    await expect(row).toContainText("Not applicable");
    await signOut(page, USER);
  });

  let signInCode = "";
  let signInStep = 0;
  await test.step("signing in now asks for a code; with it the user is no longer blocked", async () => {
    await signInAsIamUser(page, USER, PASSWORD);
    // A code of a step after the ones used to enable the device, valid long enough that the reuse
    // below happens while IAM would still take it by its time.
    signInStep = await nextUsableStep(page, usedStep);
    signInCode = await codeForStep(secret, signInStep);
    await enterSignInMfaCode(page, signInCode);
    await expectDashboard(page);
    usedStep = signInStep;
    await page.goto("/users");
    await expect(page.getByRole("table", { name: "Users" }).getByRole("link", { name: "alice", exact: true })).toBeVisible();
    await expect(page.getByText("You don't have permission")).toHaveCount(0);
    await signOut(page, USER);
  });

  await test.step("the same code, again within its window, is refused", async () => {
    await signInAsIamUser(page, USER, PASSWORD);
    await enterSignInMfaCode(page, signInCode);
    await expect(signInError(page)).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("heading", { level: 1, name: "IAM Dashboard" })).toHaveCount(0);
    // Still a code IAM would accept by its time: the refusal is the replay's.
    expect(currentStep()).toBeLessThanOrEqual(signInStep + 1);
  });

  await test.step("signed in with a fresh code, the user registers a security key", async () => {
    await signInAsIamUser(page, USER, PASSWORD);
    const step = await nextUsableStep(page, usedStep);
    await enterSignInMfaCode(page, await codeForStep(secret, step));
    await expectDashboard(page);
    usedStep = step;

    const authenticator = await addVirtualAuthenticator(page);
    await openOwnSecurityCredentials(page);
    await startAssignMfa(page, KEY, "Passkey or security key");
    await page.getByRole("button", { name: "Add MFA" }).click();
    await expect(page).toHaveURL(/\/security-credentials$/);
    await expect(page.getByText("MFA device assigned.")).toBeVisible();
    await expect(mfaTable(page).getByRole("row").filter({ hasText: "Security key" })).toHaveCount(1);
    await expect(mfaTable(page).getByRole("row").filter({ hasText: "Virtual MFA device" })).toHaveCount(1);
    expect(await authenticator.credentialCount()).toBe(1);
    await signOut(page, USER);

    await signInAsIamUser(page, USER, PASSWORD);
    await page.getByRole("button", { name: "Use security key" }).click();
    await expectDashboard(page);
    await page.goto("/users");
    await expect(page.getByRole("table", { name: "Users" }).getByRole("link", { name: "alice", exact: true })).toBeVisible();
    await signOut(page, USER);
  });

  await test.step("root resyncs the app, removes the security key and deletes the user", async () => {
    await signInAsRoot(page);
    await expectDashboard(page);
    await page.goto(`/users/details/${USER}?section=security-credentials`);
    await expect(mfaTable(page)).toBeVisible();

    await selectRow(page, PHONE, "radio");
    await mfaSection(page).getByRole("button", { name: "Resync", exact: true }).click();
    const resync = page.getByRole("dialog", { name: `Resync ${PHONE}` });
    // The two steps after the last one used: within the ten steps resync takes either side of now.
    const step = usedStep + 2;
    await resync.getByLabel("MFA code 1").fill(await codeForStep(secret, step - 1));
    await resync.getByLabel("MFA code 2").fill(await codeForStep(secret, step));
    await resync.getByRole("button", { name: "Resync", exact: true }).click();
    await expect(page.getByText("MFA device resynchronized.")).toBeVisible();

    await selectRow(page, KEY, "radio");
    await mfaSection(page).getByRole("button", { name: "Remove", exact: true }).click();
    const remove = page.getByRole("dialog", { name: `Remove ${KEY}?` });
    await remove.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(page.getByText("MFA device removed.")).toBeVisible();
    await expect(mfaTable(page).getByRole("row").filter({ hasText: "Security key" })).toHaveCount(0);

    // The user's Delete dialog lists the remaining device and removes it with the user.
    await deleteUser(page, `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/${PHONE}`);
  });
});
