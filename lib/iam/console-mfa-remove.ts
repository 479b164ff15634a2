import "server-only";
import type { Caller } from "./caller";
import { deactivateMFADevice, deleteVirtualMFADevice } from "./mfa";

// The console's "Remove" on an MFA device: the calls AWS's console makes, in its order.
// DeactivateMFADevice takes the device off the user (a security key is gone with it); a virtual
// device is then deleted too, so its seed does not outlive its use. Each call authorizes and
// records its own event; when the delete is refused, the device stays deactivated and
// unassigned, as it does after the same refusal in AWS's console.

/** A virtual MFA device's serial number is its ARN, arn:aws:iam::ACCT:mfa/PATH/NAME. */
const VIRTUAL_SERIAL = /^arn:aws:iam::\d{12}:mfa\//;

export async function removeMfaDevice(caller: Caller, input: { UserName?: string; SerialNumber: string }): Promise<void> {
  const { UserName, SerialNumber } = input;
  await deactivateMFADevice(caller, { ...(UserName !== undefined ? { UserName } : {}), SerialNumber });
  if (VIRTUAL_SERIAL.test(SerialNumber)) await deleteVirtualMFADevice(caller, { SerialNumber });
}
