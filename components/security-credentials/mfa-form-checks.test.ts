import { describe, expect, it } from "vitest";
import { MFA_DEVICE_NAME_MAX, mfaCodeError, mfaDeviceNameError } from "./mfa-form-checks";

// The Assign MFA device form's checks: each flags what the console refuses before calling IAM.

describe("Assign MFA device: device name", () => {
  it.each([
    ["my-phone", undefined],
    ["Work_Phone.2+backup=ok,@x", undefined],
    ["a", undefined],
    ["n".repeat(MFA_DEVICE_NAME_MAX), undefined],
    ["", "Enter a device name."],
    ["n".repeat(MFA_DEVICE_NAME_MAX + 1), "The device name must have no more than 128 characters."],
    ["my phone", "The device name can only contain alphanumeric characters and the following: + = , . @ - _"],
    ["phone/1", "The device name can only contain alphanumeric characters and the following: + = , . @ - _"],
    ["téléphone", "The device name can only contain alphanumeric characters and the following: + = , . @ - _"],
  ])("%j -> %j", (name, error) => {
    expect(mfaDeviceNameError(name)).toBe(error);
  });
});

describe("Assign MFA device: MFA codes", () => {
  it.each([
    ["123456", undefined],
    ["000000", undefined],
    ["", "Enter an MFA code."],
    ["12345", "The MFA code must be 6 digits."],
    ["1234567", "The MFA code must be 6 digits."],
    ["12 456", "The MFA code must be 6 digits."],
    ["abcdef", "The MFA code must be 6 digits."],
  ])("%j -> %j", (code, error) => {
    expect(mfaCodeError(code)).toBe(error);
  });
});
