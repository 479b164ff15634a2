import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { removeMfaDevice } from "./console-mfa-remove";
import { newId } from "./ids";
import { createVirtualMFADevice, enableMFADevice } from "./mfa";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";
import { codeForStep, timeStep } from "./totp";

// The console's Remove on an MFA device: DeactivateMFADevice, then DeleteVirtualMFADevice for
// a virtual device, each authorized and recorded as its own call.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

async function addUser(name: string) {
  return prisma.user.create({
    data: { id: newId("user"), accountId: DEMO_ACCOUNT_ID, name, nameKey: name.toLowerCase(), path: "/", arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", name) },
  });
}

/** A virtual device created and enabled by `caller` for UserName (absent: the caller itself). */
async function enabledVirtualDevice(caller: Caller, deviceName: string, UserName?: string): Promise<string> {
  const { VirtualMFADevice: device } = await createVirtualMFADevice(caller, { VirtualMFADeviceName: deviceName });
  const step = timeStep(TEST_NOW);
  await enableMFADevice(caller, {
    ...(UserName ? { UserName } : {}),
    SerialNumber: device.SerialNumber,
    AuthenticationCode1: codeForStep(device.Base32StringSeed, step - 1),
    AuthenticationCode2: codeForStep(device.Base32StringSeed, step),
  });
  return device.SerialNumber;
}

/** A security key assigned to a user, as a completed registration leaves it. */
async function securityKey(userId: string, userName: string, suffix: string): Promise<string> {
  const serialNumber = `arn:aws:iam::${DEMO_ACCOUNT_ID}:u2f/user/${userName}/fidosecuritykey-${suffix}`;
  await prisma.mfaDevice.create({
    data: {
      serialNumber,
      accountId: DEMO_ACCOUNT_ID,
      name: `key-${suffix}`,
      type: "u2f",
      userId,
      enableDate: TEST_NOW,
      credentialId: `credential-${suffix}`,
      publicKey: "cHVibGljLWtleQ",
    },
  });
  return serialNumber;
}

const eventsSince = async (id: bigint) =>
  (await prisma.activityEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } })).map((e) => ({ eventName: e.eventName, errorCode: e.errorCode }));

const lastEventId = async () => (await prisma.activityEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? BigInt(0);

describe("Remove MFA device", () => {
  it("deactivates a user's virtual device and deletes it, as two recorded calls", async () => {
    await addUser("rm-virtual");
    const serial = await enabledVirtualDevice(rootCaller(), "rm-virtual-phone", "rm-virtual");
    const before = await lastEventId();
    await removeMfaDevice(rootCaller(), { UserName: "rm-virtual", SerialNumber: serial });
    expect(await prisma.mfaDevice.findUnique({ where: { serialNumber: serial } })).toBeNull();
    expect(await eventsSince(before)).toEqual([
      { eventName: "DeactivateMFADevice", errorCode: null },
      { eventName: "DeleteVirtualMFADevice", errorCode: null },
    ]);
  });

  it("removes the root user's own device when no UserName is given", async () => {
    const serial = await enabledVirtualDevice(rootCaller(), "rm-root-phone");
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).assignedToRoot).toBe(true);
    await removeMfaDevice(rootCaller(), { SerialNumber: serial });
    expect(await prisma.mfaDevice.findUnique({ where: { serialNumber: serial } })).toBeNull();
  });

  it("removes a security key with DeactivateMFADevice alone", async () => {
    const user = await addUser("rm-key");
    const serial = await securityKey(user.id, "rm-key", "AAAABBBBCCCCDDDD");
    const before = await lastEventId();
    await removeMfaDevice(rootCaller(), { UserName: "rm-key", SerialNumber: serial });
    expect(await prisma.mfaDevice.findUnique({ where: { serialNumber: serial } })).toBeNull();
    expect(await eventsSince(before)).toEqual([{ eventName: "DeactivateMFADevice", errorCode: null }]);
  });

  it("lets an IAM user remove its own device", async () => {
    const caller = await callerWithPolicies("rm-self", [
      policyDocument(
        "Allow",
        ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice"],
        [`arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/*`, `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/rm-self`],
      ),
    ]);
    const serial = await enabledVirtualDevice(caller, "rm-self-phone");
    await removeMfaDevice(caller, { SerialNumber: serial });
    expect(await prisma.mfaDevice.findUnique({ where: { serialNumber: serial } })).toBeNull();
  });

  it("with DeleteVirtualMFADevice denied fails with AccessDenied and leaves the device unassigned", async () => {
    await addUser("rm-denied-target");
    const serial = await enabledVirtualDevice(rootCaller(), "rm-denied-phone", "rm-denied-target");
    const caller = await callerWithPolicies("rm-denied", [policyDocument("Allow", "iam:DeactivateMFADevice", `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/rm-denied-target`)]);
    const before = await lastEventId();
    const err = await iamError(removeMfaDevice(caller, { UserName: "rm-denied-target", SerialNumber: serial }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:DeleteVirtualMFADevice");
    const row = await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } });
    expect(row.enableDate).toBeNull();
    expect(row.userId).toBeNull();
    expect(await eventsSince(before)).toEqual([
      { eventName: "DeactivateMFADevice", errorCode: null },
      { eventName: "DeleteVirtualMFADevice", errorCode: "AccessDenied" },
    ]);
  });

  it("with DeactivateMFADevice denied fails with AccessDenied and changes nothing", async () => {
    await addUser("rm-nothing-target");
    const serial = await enabledVirtualDevice(rootCaller(), "rm-nothing-phone", "rm-nothing-target");
    const caller = await callerWithPolicies("rm-nothing", [policyDocument("Allow", "iam:DeleteVirtualMFADevice", "*")]);
    const err = await iamError(removeMfaDevice(caller, { UserName: "rm-nothing-target", SerialNumber: serial }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:DeactivateMFADevice");
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).enableDate).toEqual(TEST_NOW);
  });

  it("of a device the user does not have fails with NoSuchEntity", async () => {
    await addUser("rm-missing");
    const err = await iamError(removeMfaDevice(rootCaller(), { UserName: "rm-missing", SerialNumber: `arn:aws:iam::${DEMO_ACCOUNT_ID}:mfa/nothing-here` }));
    expect(err.code).toBe("NoSuchEntity");
  });
});
