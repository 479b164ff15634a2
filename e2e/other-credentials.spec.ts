import { generateKeyPairSync } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";
import { chooseRowAction, confirmDelete, DEMO_ACCOUNT_ID, expectDashboard, region, signInAsRoot, test, uploadTestCertificate } from "./fixtures";

// The other credentials of a user's Security credentials tab, end to end in Chromium: root
// uploads an SSH public key for alice (and shows it), generates HTTPS Git credentials (the
// password shown once, downloadable as .csv), uploads an X.509 certificate, then deletes all
// three, leaving alice as she was.

/** A fresh 2048-bit RSA key in OpenSSH's one-line form. */
function newSshPublicKey(comment: string): string {
  const jwk = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
  const string = (value: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(value.length);
    return Buffer.concat([length, value]);
  };
  const mpint = (base64url: string | undefined) => {
    const bytes = Buffer.from(base64url ?? "", "base64url");
    return string(bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
  };
  return `ssh-rsa ${Buffer.concat([string(Buffer.from("ssh-rsa")), mpint(jwk.e), mpint(jwk.n)]).toString("base64")} ${comment}`;
}

function dialog(page: Page, name: string) {
  return page.getByRole("dialog", { name });
}

test("root uploads an SSH key, generates HTTPS Git credentials and uploads a certificate for alice, then deletes them", async ({ page }) => {
  await signInAsRoot(page);
  await expectDashboard(page);
  await page.goto("/users/details/alice?tab=security-credentials");
  await expect(page.getByRole("heading", { level: 1, name: "alice" })).toBeVisible();

  const sshKeys = region(page, "SSH public keys for AWS CodeCommit");
  const git = region(page, "HTTPS Git credentials for AWS CodeCommit");
  const certificates = region(page, "X.509 signing certificates");
  await expect(sshKeys.getByText("No SSH public keys", { exact: true })).toBeVisible();
  await expect(git.getByText("No credentials", { exact: true })).toBeVisible();
  await expect(certificates.getByText("No X.509 certificates", { exact: true })).toBeVisible();

  const publicKey = newSshPublicKey("e2e@other-credentials");
  let keyId = "";
  await test.step("upload an SSH public key and show it", async () => {
    await sshKeys.getByRole("button", { name: "Upload SSH public key" }).first().click();
    const upload = dialog(page, "Upload SSH public key");
    await upload.getByLabel("SSH public key").fill(publicKey);
    await upload.getByRole("button", { name: "Upload SSH public key" }).click();
    await expect(upload).toBeHidden();
    const flash = page.getByText(/^SSH public key APKA[A-Z2-7]{17} uploaded\.$/);
    await expect(flash).toBeVisible();
    keyId = /APKA[A-Z2-7]{17}/.exec((await flash.textContent()) ?? "")?.[0] ?? "";
    await expect(sshKeys.getByRole("row").filter({ hasText: keyId })).toContainText("Active");

    await chooseRowAction(page, sshKeys, keyId, "Show SSH key");
    const shown = dialog(page, "SSH public key");
    await expect(shown.getByTestId("ssh-public-key-body")).toHaveText(publicKey);
    await expect(shown.getByText(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/)).toBeVisible();
    await shown.getByRole("button", { name: "Close", exact: true }).click();
    await expect(shown).toBeHidden();

    await chooseRowAction(page, sshKeys, keyId, "Make inactive");
    await expect(page.getByText(`SSH public key ${keyId} deactivated.`)).toBeVisible();
    await expect(sshKeys.getByRole("row").filter({ hasText: keyId })).toContainText("Inactive");
  });

  const serviceUserName = `alice-at-${DEMO_ACCOUNT_ID}`;
  await test.step("generate HTTPS Git credentials: the password is shown once", async () => {
    await git.getByRole("button", { name: "Generate credentials" }).first().click();
    const generated = dialog(page, "Credentials generated");
    await expect(generated.getByText(serviceUserName)).toBeVisible();
    const password = generated.getByTestId("service-password");
    await expect(password).toHaveText(/^\*+$/);
    await generated.getByRole("button", { name: "Show password" }).click();
    await expect(password).toHaveText(/^[A-Za-z0-9+/]{43}=$/);
    const shownPassword = (await password.textContent()) ?? "";

    const download = page.waitForEvent("download");
    await generated.getByRole("button", { name: "Download credentials" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("alice_codecommit_credentials.csv");
    expect(await readFile(await file.path(), "utf8")).toBe(`User Name,Password\n${serviceUserName},${shownPassword}\n`);

    await generated.getByRole("button", { name: "Close", exact: true }).click();
    await expect(generated).toBeHidden();
    await expect(git.getByRole("row").filter({ hasText: serviceUserName })).toContainText("Active");
    await expect(page.getByText(shownPassword)).toHaveCount(0);
  });

  let certificateId = "";
  await test.step("upload an X.509 signing certificate", async () => {
    certificateId = await uploadTestCertificate(page, certificates);
  });

  await test.step("delete all three: alice is as before", async () => {
    await chooseRowAction(page, sshKeys, keyId, "Delete");
    await confirmDelete(page, keyId);
    await expect(page.getByText(`SSH public key ${keyId} deleted.`)).toBeVisible();
    await expect(sshKeys.getByText("No SSH public keys", { exact: true })).toBeVisible();

    await chooseRowAction(page, git, serviceUserName, "Delete");
    await confirmDelete(page, serviceUserName);
    await expect(git.getByText("No credentials", { exact: true })).toBeVisible();

    await chooseRowAction(page, certificates, certificateId, "Delete");
    await confirmDelete(page, certificateId);
    await expect(certificates.getByText("No X.509 certificates", { exact: true })).toBeVisible();
  });
});
