// The Assign MFA device and Resync forms' checks while the user types, in the console's words.
// The server checks the same things (and AWS's own rules) again; these only save a round trip.

/** AWS's limit on the console's "Device name" (the API's VirtualMFADeviceName allows more). */
export const MFA_DEVICE_NAME_MAX = 128;

/** IAM's name characters: letters, digits and _ + = , . @ - */
const DEVICE_NAME_PATTERN = /^[\w+=,.@-]+$/;

/** Each user, and the root user, can have up to 8 MFA devices assigned. */
export const MFA_DEVICES_MAX = 8;

export const MFA_DEVICE_NAME_CONSTRAINT = `Maximum ${MFA_DEVICE_NAME_MAX} characters. Use alphanumeric and '+ = , . @ - _' characters.`;

export function mfaDeviceNameError(name: string): string | undefined {
  if (name === "") return "Enter a device name.";
  if (name.length > MFA_DEVICE_NAME_MAX) return `The device name must have no more than ${MFA_DEVICE_NAME_MAX} characters.`;
  if (!DEVICE_NAME_PATTERN.test(name)) return "The device name can only contain alphanumeric characters and the following: + = , . @ - _";
  return undefined;
}

/** An MFA code as the authenticator app shows it: six digits. */
export function mfaCodeError(code: string): string | undefined {
  if (code === "") return "Enter an MFA code.";
  if (!/^\d{6}$/.test(code)) return "The MFA code must be 6 digits.";
  return undefined;
}

