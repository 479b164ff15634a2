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

/** Seconds left in the current step. */
export function secondsLeftInStep(now = Date.now()): number {
  return TOTP_PERIOD - (now / 1000 - currentStep(now) * TOTP_PERIOD);
}

/** The authenticator app's code for a step. */
export function codeForStep(secret: string, step: number): Promise<string> {
  return generate({ secret, epoch: step * TOTP_PERIOD + 1 });
}

/**
 * Waits until the clock is in a step after `after` (a code of a step IAM has already accepted
 * is refused) with at least `margin` seconds left in it, so that what follows happens within
 * one step. Returns that step.
 */
export async function waitForFreshStep(page: Page, { after = -Infinity, margin = 10 }: { after?: number; margin?: number } = {}): Promise<number> {
  for (;;) {
    const now = Date.now();
    const step = currentStep(now);
    if (step > after && secondsLeftInStep(now) >= margin) return step;
    const untilNextStep = (step + 1) * TOTP_PERIOD * 1000 - now;
    await page.waitForTimeout(untilNextStep + 250);
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
