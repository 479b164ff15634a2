import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { listMfaDevicesForConsole } from "./console-mfa";
import { newId } from "./ids";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";

// The Security credentials pages' MFA list: a principal's assigned devices with their names and
// kinds, authorized and recorded as ListMFADevices.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const ago = (minutes: number) => new Date(TEST_NOW.getTime() - minutes * 60_000);

async function userWithDevices(name: string) {
  const user = await prisma.user.create({
    data: { id: newId("user"), accountId: ACCT, name, nameKey: name.toLowerCase(), path: "/", arn: iamArn(ACCT, "user", "/", name) },
  });
  const phone = iamArn(ACCT, "mfa", "/", `${name}-phone`);
  const key = `arn:aws:iam::${ACCT}:u2f/user/${name}/fidosecuritykey-ABCDEFGHIJKLMNOP`;
  await prisma.mfaDevice.createMany({
    data: [
      { serialNumber: phone, accountId: ACCT, name: `${name}-phone`, type: "virtual", userId: user.id, enableDate: ago(10) },
      { serialNumber: key, accountId: ACCT, name: "desk key", type: "u2f", userId: user.id, enableDate: ago(5), credentialId: `${name}-cred` },
      // Unassigned: not the user's.
      { serialNumber: iamArn(ACCT, "mfa", "/", `${name}-spare`), accountId: ACCT, name: `${name}-spare`, type: "virtual" },
    ],
  });
  return { user, phone, key };
}

describe("listMfaDevicesForConsole", () => {
  it("lists a user's assigned devices, oldest first, with name and kind", async () => {
    const { phone, key } = await userWithDevices("cm-user");
    expect(await listMfaDevicesForConsole(rootCaller(), { UserName: "cm-user" })).toEqual({
      devices: [
        { SerialNumber: phone, name: "cm-user-phone", type: "Virtual MFA device", EnableDate: ago(10) },
        { SerialNumber: key, name: "desk key", type: "Security key", EnableDate: ago(5) },
      ],
    });
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { eventName: "ListMFADevices" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ readOnly: true, requestParameters: { UserName: "cm-user" }, errorCode: null });
  });

  it("without UserName lists the caller's own devices, root included", async () => {
    const serial = iamArn(ACCT, "mfa", "/", "cm-root");
    await prisma.mfaDevice.create({ data: { serialNumber: serial, accountId: ACCT, name: "cm-root", assignedToRoot: true, enableDate: ago(1) } });
    try {
      expect(await listMfaDevicesForConsole(rootCaller())).toEqual({
        devices: [{ SerialNumber: serial, name: "cm-root", type: "Virtual MFA device", EnableDate: ago(1) }],
      });
    } finally {
      await prisma.mfaDevice.delete({ where: { serialNumber: serial } });
    }
    const caller = await callerWithPolicies("cm-self", [policyDocument("Allow", "iam:ListMFADevices", `arn:aws:iam::${ACCT}:user/\${aws:username}`)]);
    expect(await listMfaDevicesForConsole(caller)).toEqual({ devices: [] });
  });

  it("is authorized as ListMFADevices on the user", async () => {
    await userWithDevices("cm-guarded");
    const caller = await callerWithPolicies("cm-reader", [policyDocument("Allow", "iam:ListMFADevices", `arn:aws:iam::${ACCT}:user/cm-guarded`)]);
    expect((await listMfaDevicesForConsole(caller, { UserName: "cm-guarded" })).devices).toHaveLength(2);
    const err = await iamError(listMfaDevicesForConsole(caller, { UserName: "alice" }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain(`iam:ListMFADevices on resource: arn:aws:iam::${ACCT}:user/alice`);
    const missing = await iamError(listMfaDevicesForConsole(rootCaller(), { UserName: "cm-nobody" }));
    expect(missing.code).toBe("NoSuchEntity");
  });
});
