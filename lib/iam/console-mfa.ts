import "server-only";
import { db } from "@/lib/db";
import type { Caller } from "./caller";
import { listMFADevices, SECURITY_KEY } from "./mfa";
import { MAX_ITEMS_MAX } from "./paging";

// The MFA section of a Security credentials page: the principal's assigned devices with the
// name and kind the console shows beside the identifier. Read through ListMFADevices, so it is
// authorized and recorded as that call; the names and kinds come from the same rows.

export type MfaDeviceKind = "Virtual MFA device" | "Security key";

export interface ConsoleMfaDevice {
  SerialNumber: string;
  name: string;
  type: MfaDeviceKind;
  EnableDate: Date;
}

/** UserName absent: the caller itself, root included. */
export async function listMfaDevicesForConsole(caller: Caller, input: { UserName?: string } = {}): Promise<{ devices: ConsoleMfaDevice[] }> {
  // A principal has at most 8 devices: one page holds them all.
  const { MFADevices } = await listMFADevices(caller, { ...(input.UserName !== undefined ? { UserName: input.UserName } : {}), MaxItems: MAX_ITEMS_MAX });
  if (MFADevices.length === 0) return { devices: [] };
  const rows = await (await db()).mfaDevice.findMany({
    where: { accountId: caller.accountId, serialNumber: { in: MFADevices.map((d) => d.SerialNumber) } },
    select: { serialNumber: true, name: true, type: true },
  });
  const bySerial = new Map(rows.map((r) => [r.serialNumber, r]));
  const devices: ConsoleMfaDevice[] = [];
  for (const d of MFADevices) {
    const row = bySerial.get(d.SerialNumber);
    // Removed between the two reads.
    if (!row) continue;
    devices.push({ SerialNumber: d.SerialNumber, name: row.name, type: row.type === SECURITY_KEY ? "Security key" : "Virtual MFA device", EnableDate: d.EnableDate });
  }
  devices.sort((a, b) => a.EnableDate.getTime() - b.EnableDate.getTime() || (a.SerialNumber < b.SerialNumber ? -1 : 1));
  return { devices };
}
