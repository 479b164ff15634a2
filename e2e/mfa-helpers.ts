import { expect, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { generate } from "otplib";
import { PNG } from "pngjs";

// What the MFA spec does as an authenticator app would: read the QR code the console shows,
// keep the secret, and produce codes for chosen 30-second steps. And a CDP virtual
// authenticator, standing in for a FIDO2 security key.

export const TOTP_PERIOD = 30;

/** The text a QR code in a data:image/png;base64 URL holds. */
export function decodeQrDataUrl(dataUrl: string): string {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match) throw new Error(`Not a PNG data URL: ${dataUrl.slice(0, 40)}…`);
  const png = PNG.sync.read(Buffer.from(match[1], "base64"));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!code) throw new Error("No QR code found in the image.");
  return code.data;
}

export interface OtpauthUri {
  /** The label, decoded: "Amazon Web Services:DEVICE@ACCOUNT". */
  label: string;
  secret: string;
  issuer: string | null;
}

/** Reads an otpauth://totp/LABEL?secret=…&issuer=… URI as an authenticator app does. */
export function parseOtpauthUri(uri: string): OtpauthUri {
  const match = /^otpauth:\/\/totp\/([^?]+)\?(.*)$/.exec(uri);
  if (!match) throw new Error(`Not an otpauth TOTP URI: ${uri}`);
  const params = new URLSearchParams(match[2]);
  const secret = params.get("secret");
  if (!secret) throw new Error(`No secret in ${uri}`);
  return { label: decodeURIComponent(match[1]), secret, issuer: params.get("issuer") };
}

/** The current 30-second TOTP step. */
export function currentStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD);
}

/** The authenticator app's code for a step. */
export function codeForStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD + 1 });
}

/**
 * A step after `after` (IAM refuses a code of a step it has already accepted) whose code sign-in
 * accepts now. Sign-in takes the current step and one either side, so the step is valid at once
 * and stays valid for at least 30 seconds. Waits only when `after` is already the next step.
 */
export async function nextUsableStep(page: Page, after: number): Promise<number> {
  for (;;) {
    const now = Date.now();
    const step = Math.max(after + 1, currentStep(now));
    if (step <= currentStep(now) + 1) return step;
    await page.waitForTimeout((currentStep(now) + 1) * TOTP_PERIOD * 1000 - now + 250);
  }
}

/**
 * Adds a CTAP2 authenticator with user verification to the page's browser: WebAuthn calls of
 * this page then create and use its credentials, as a FIDO2 security key would. It stays for
 * the life of the page, through navigations and sign-outs.
 */
export async function addVirtualAuthenticator(page: Page): Promise<{ credentialCount: () => Promise<number> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "usb",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentialCount: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials.length,
  };
}

/** The MFA step of sign-in, when it asks for a code: enters it and submits. */
export async function enterSignInMfaCode(page: Page, code: string): Promise<void> {
  await expect(page.getByLabel("MFA code")).toBeVisible();
  await page.getByLabel("MFA code").fill(code);
  await page.getByRole("button", { name: "Submit", exact: true }).click();
}
