import jsQR from "jsqr";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { getAccountSummary, getSecurityRecommendations } from "./accounts";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ALIAS, DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { decryptSecret } from "./crypto";
import { newId } from "./ids";
import {
  createVirtualMFADevice,
  deactivateMFADevice,
  deleteVirtualMFADevice,
  enableMFADevice,
  INVALID_AUTHENTICATION_CODE,
  listMFADevices,
  listVirtualMFADevices,
  mfaFactorsFor,
  resyncMFADevice,
  verifyTotpSignIn,
} from "./mfa";
import { callerWithPolicies, iamError, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";
import { codeForStep, timeStep } from "./totp";
import { deleteUser } from "./users";

// Virtual MFA devices end to end on a fixed clock (TEST_NOW): creation (seed, QR code, encrypted
// at rest), AWS's enable rules (two consecutive codes, out-of-sync codes, in use, quota),
// resync, deactivate and delete, the lists, sign-in codes (window, replay, concurrent use), and
// who may do each.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const T = timeStep(TEST_NOW);
const mfaArn = (name: string, path = "/") => iamArn(ACCT, "mfa", path, name);
const userArn = (name: string) => iamArn(ACCT, "user", "/", name);
const minutes = (n: number) => new Date(TEST_NOW.getTime() + n * 60_000);
const rootAt = (at: Date) => rootCaller(ACCT, { now: at });

/** The two codes an app shows at steps `step` and `step + 1`. */
const codes = (seed: string, step: number) => ({ AuthenticationCode1: codeForStep(seed, step), AuthenticationCode2: codeForStep(seed, step + 1) });

async function addUser(name: string) {
  return prisma.user.create({
    data: { id: newId("user"), accountId: ACCT, name, nameKey: name.toLowerCase(), path: "/", arn: userArn(name) },
  });
}

async function newDevice(name: string, caller: Caller = rootCaller()) {
  const { VirtualMFADevice } = await createVirtualMFADevice(caller, { VirtualMFADeviceName: name });
  return { serial: VirtualMFADevice.SerialNumber, seed: VirtualMFADevice.Base32StringSeed };
}

/**
 * A user with one virtual device, enabled at `at` with the codes of the two steps ending there:
 * the device's last used step is timeStep(at).
 */
async function userWithDevice(name: string, at = TEST_NOW) {
  const user = await addUser(name);
  const device = await newDevice(`${name}-phone`);
  await enableMFADevice(rootAt(at), { UserName: name, SerialNumber: device.serial, ...codes(device.seed, timeStep(at) - 1) });
  return { user, ...device, principal: { accountId: ACCT, userId: user.id } };
}

const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });

function readQr(base64: string): string {
  const png = PNG.sync.read(Buffer.from(base64, "base64"));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!code) throw new Error("No QR code in the image.");
  return code.data;
}

describe("CreateVirtualMFADevice", () => {
  it("answers the serial number (the device's ARN), a 64-character seed and a QR code of the otpauth URI", async () => {
    const { VirtualMFADevice: device } = await createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: "create-basic" });
    expect(device.SerialNumber).toBe(mfaArn("create-basic"));
    expect(device.Base32StringSeed).toMatch(/^[A-Z2-7]{64}$/);
    expect(device.Tags).toBeUndefined();
    expect(readQr(device.QRCodePNG)).toBe(
      `otpauth://totp/Amazon%20Web%20Services:create-basic@${DEMO_ACCOUNT_ALIAS}?secret=${device.Base32StringSeed}&issuer=Amazon%20Web%20Services`,
    );
    const row = await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: device.SerialNumber } });
    expect(row).toMatchObject({ accountId: ACCT, name: "create-basic", path: "/", type: "virtual", userId: null, assignedToRoot: false, enableDate: null });
  });

  it("names the account by its ID in the QR code when it has no alias", async () => {
    await prisma.account.update({ where: { id: ACCT }, data: { alias: null } });
    try {
      const { VirtualMFADevice: device } = await createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: "create-no-alias" });
      expect(readQr(device.QRCodePNG)).toContain(`:create-no-alias@${ACCT}?`);
    } finally {
      await prisma.account.update({ where: { id: ACCT }, data: { alias: DEMO_ACCOUNT_ALIAS } });
    }
  });

  it("keeps a path and tags", async () => {
    const tags = [{ Key: "Team", Value: "blue" }];
    const { VirtualMFADevice: device } = await createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: "create-tagged", Path: "/division/", Tags: tags });
    expect(device.SerialNumber).toBe(mfaArn("create-tagged", "/division/"));
    expect(device.Tags).toEqual(tags);
    expect(await prisma.tag.findMany({ where: { mfaSerialNumber: device.SerialNumber }, select: { key: true, value: true } })).toEqual([{ key: "Team", value: "blue" }]);
  });

  it("stores the seed only encrypted: no column of any table holds it in clear", async () => {
    const { VirtualMFADevice: device } = await createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: "create-secret" });
    const seed = device.Base32StringSeed;
    const row = await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: device.SerialNumber } });
    expect(row.seedEncrypted).not.toContain(seed);
    expect(decryptSecret(row.seedEncrypted!)).toBe(seed);
    const columns = await prisma.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb')`,
    );
    expect(columns.length).toBeGreaterThan(10);
    for (const c of columns) {
      const [{ n }] = await prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text LIKE '%' || $1 || '%'`,
        seed,
      );
      expect({ column: `${c.table_name}.${c.column_name}`, n }).toEqual({ column: `${c.table_name}.${c.column_name}`, n: 0 });
    }
  });

  it("a second device at the same path and name fails with EntityAlreadyExists", async () => {
    await createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: "create-twice" });
    const err = await iamError(createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: "create-twice" }));
    expect(err.code).toBe("EntityAlreadyExists");
    expect(err.message).toBe("MFADevice entity at the same path and name already exists.");
    // Another path is another device.
    await createVirtualMFADevice(rootCaller(), { VirtualMFADeviceName: "create-twice", Path: "/other/" });
  });

  it.each([
    [{ VirtualMFADeviceName: "has space" }, "Value 'has space' at 'virtualMFADeviceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [{ VirtualMFADeviceName: "" }, "Value '' at 'virtualMFADeviceName' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    [{ VirtualMFADeviceName: "ok", Path: "no-slash" }, "at 'path' failed to satisfy constraint"],
    [{ VirtualMFADeviceName: "x".repeat(240) }, "at 'virtualMFADeviceName' failed to satisfy constraint: Member must have length less than or equal to 226"],
  ])("refuses %j with a ValidationError", async (input, message) => {
    const err = await iamError(createVirtualMFADevice(rootCaller(), input));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toContain(message);
  });
});

describe("EnableMFADevice", () => {
  it("assigns the device once two consecutive codes match, and spends their steps", async () => {
    const user = await addUser("en-basic");
    const { serial, seed } = await newDevice("en-basic-phone");
    await enableMFADevice(rootCaller(), { UserName: "en-basic", SerialNumber: serial, ...codes(seed, T - 1) });
    const row = await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } });
    expect(row).toMatchObject({ userId: user.id, assignedToRoot: false, enableDate: TEST_NOW, lastTimeStep: BigInt(T) });
    const event = await lastEvent("EnableMFADevice");
    expect(event.requestParameters).toMatchObject({
      UserName: "en-basic",
      SerialNumber: serial,
      AuthenticationCode1: "HIDDEN_DUE_TO_SECURITY_REASONS",
      AuthenticationCode2: "HIDDEN_DUE_TO_SECURITY_REASONS",
    });
  });

  it("accepts codes made up to five minutes earlier: the device is enabled out of sync, as in AWS", async () => {
    await addUser("en-late");
    const { serial, seed } = await newDevice("en-late-phone");
    await enableMFADevice(rootCaller(), { UserName: "en-late", SerialNumber: serial, ...codes(seed, T - 10) });
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).lastTimeStep).toBe(BigInt(T - 9));
  });

  it.each([
    ["a wrong code", "wrong", (seed: string) => ({ AuthenticationCode1: codeForStep(seed, T), AuthenticationCode2: codeForStep(seed, T) === "000000" ? "111111" : "000000" })],
    ["codes in the wrong order", "order", (seed: string) => ({ AuthenticationCode1: codeForStep(seed, T + 1), AuthenticationCode2: codeForStep(seed, T) })],
    ["codes two steps apart", "apart", (seed: string) => ({ AuthenticationCode1: codeForStep(seed, T), AuthenticationCode2: codeForStep(seed, T + 2) })],
    ["codes from six minutes ago", "old", (seed: string) => codes(seed, T - 12)],
  ])("with %s fails with InvalidAuthenticationCode (403) and leaves the device unassigned", async (_, slug, make) => {
    await addUser(`en-bad-${slug}`);
    const { serial, seed } = await newDevice(`en-bad-${slug}-phone`);
    const err = await iamError(enableMFADevice(rootCaller(), { UserName: `en-bad-${slug}`, SerialNumber: serial, ...make(seed) }));
    expect(err.code).toBe("InvalidAuthenticationCode");
    expect(err.status).toBe(403);
    expect(err.message).toBe(INVALID_AUTHENTICATION_CODE);
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).enableDate).toBeNull();
  });

  it("refuses a device already assigned, to anyone, with EntityAlreadyExists", async () => {
    const { serial, seed } = await userWithDevice("en-taken");
    await addUser("en-taker");
    for (const UserName of ["en-taken", "en-taker"]) {
      const err = await iamError(enableMFADevice(rootAt(minutes(2)), { UserName, SerialNumber: serial, ...codes(seed, timeStep(minutes(2)) - 1) }));
      expect(err.code).toBe("EntityAlreadyExists");
      expect(err.message).toBe("MFA Device is already in use.");
    }
  });

  it("refuses a device that does not exist with NoSuchEntity, and a user that does not exist", async () => {
    await addUser("en-nodevice");
    const serial = mfaArn("en-missing");
    const err = await iamError(enableMFADevice(rootCaller(), { UserName: "en-nodevice", SerialNumber: serial, AuthenticationCode1: "123456", AuthenticationCode2: "234567" }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
    const { serial: real } = await newDevice("en-nouser-phone");
    const noUser = await iamError(enableMFADevice(rootCaller(), { UserName: "en-nobody", SerialNumber: real, AuthenticationCode1: "123456", AuthenticationCode2: "234567" }));
    expect(noUser.code).toBe("NoSuchEntity");
    expect(noUser.message).toBe("The user with name en-nobody cannot be found.");
  });

  it("allows 8 devices per user, then fails with LimitExceeded", async () => {
    const user = await addUser("en-eight");
    await prisma.mfaDevice.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ serialNumber: mfaArn(`en-eight-${i}`), accountId: ACCT, name: `en-eight-${i}`, userId: user.id, enableDate: TEST_NOW })),
    });
    const eighth = await newDevice("en-eight-7");
    await enableMFADevice(rootCaller(), { UserName: "en-eight", SerialNumber: eighth.serial, ...codes(eighth.seed, T - 1) });
    const ninth = await newDevice("en-eight-8");
    const err = await iamError(enableMFADevice(rootCaller(), { UserName: "en-eight", SerialNumber: ninth.serial, ...codes(ninth.seed, T - 1) }));
    expect(err.code).toBe("LimitExceeded");
    expect(err.message).toBe("Cannot exceed quota for MFADevicesPerUser: 8");
    expect(await prisma.mfaDevice.count({ where: { userId: user.id } })).toBe(8);
  });

  it("two concurrent enables of one device assign it once", async () => {
    await addUser("en-race-a");
    await addUser("en-race-b");
    const { serial, seed } = await newDevice("en-race-phone");
    const results = await Promise.allSettled(
      ["en-race-a", "en-race-b"].map((UserName) => enableMFADevice(rootCaller(), { UserName, SerialNumber: serial, ...codes(seed, T - 1) })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["EntityAlreadyExists", "InvalidAuthenticationCode"]).toContain((refused.reason as { code: string }).code);
  });

  it("without UserName assigns the device to the caller: root itself, as the dashboard counts it", async () => {
    await prisma.mfaDevice.deleteMany({ where: { accountId: ACCT, assignedToRoot: true } });
    const { serial, seed } = await newDevice("root-account-mfa-device");
    await enableMFADevice(rootCaller(), { SerialNumber: serial, ...codes(seed, T - 1) });
    const row = await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } });
    expect(row).toMatchObject({ userId: null, assignedToRoot: true, enableDate: TEST_NOW });
    expect(await prisma.mfaDevice.count({ where: { accountId: ACCT, assignedToRoot: true, enableDate: { not: null } } })).toBe(1);
    // The dashboard's recommendation and the account summary follow.
    expect((await getSecurityRecommendations(rootCaller())).rootMfaEnabled).toBe(true);
    expect((await getAccountSummary(rootCaller())).SummaryMap.AccountMFAEnabled).toBe(1);
    expect(await mfaFactorsFor({ accountId: ACCT, userId: null })).toEqual({ totp: true, securityKey: false });
    const listed = await listMFADevices(rootCaller());
    expect(listed).toEqual({ MFADevices: [{ SerialNumber: serial, EnableDate: TEST_NOW }], IsTruncated: false });
    await deactivateMFADevice(rootCaller(), { SerialNumber: serial });
    await deleteVirtualMFADevice(rootCaller(), { SerialNumber: serial });
    expect((await getSecurityRecommendations(rootCaller())).rootMfaEnabled).toBe(false);
  });

  it.each([
    [{ AuthenticationCode1: "12345" }, "Value at 'authenticationCode1' failed to satisfy constraint: Member must have length greater than or equal to 6"],
    [{ AuthenticationCode2: "1234567" }, "Value at 'authenticationCode2' failed to satisfy constraint: Member must have length less than or equal to 6"],
    [{ AuthenticationCode1: "12a456" }, "Value at 'authenticationCode1' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\d]+"],
    [{ SerialNumber: "short" }, "Value 'short' at 'serialNumber' failed to satisfy constraint: Member must have length greater than or equal to 9"],
  ])("refuses %j with a ValidationError that does not echo a code", async (override, message) => {
    const err = await iamError(
      enableMFADevice(rootCaller(), { UserName: "alice", SerialNumber: mfaArn("whatever"), AuthenticationCode1: "123456", AuthenticationCode2: "234567", ...override }),
    );
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe(`1 validation error detected: ${message}`);
  });
});

describe("sign-in codes (verifyTotpSignIn)", () => {
  it.each([
    [-2, false],
    [-1, true],
    [0, true],
    [1, true],
    [2, false],
  ])("a code of step %i from now is accepted: %s", async (offset, accepted) => {
    // Enabled ten minutes earlier: the steps around now are all unused.
    const { seed, principal } = await userWithDevice(`si-edge${offset}`, minutes(-10));
    expect(await verifyTotpSignIn(principal, codeForStep(seed, T + offset), TEST_NOW)).toBe(accepted);
  });

  it("a code works once: the same code again is refused, the next step's is accepted", async () => {
    const { seed, serial, principal } = await userWithDevice("si-replay", minutes(-10));
    const code = codeForStep(seed, T);
    expect(await verifyTotpSignIn(principal, code, TEST_NOW)).toBe(true);
    expect(await verifyTotpSignIn(principal, code, TEST_NOW)).toBe(false);
    expect(await verifyTotpSignIn(principal, code, new Date(TEST_NOW.getTime() + 10_000))).toBe(false);
    // An earlier step than one already used is spent too.
    expect(await verifyTotpSignIn(principal, codeForStep(seed, T - 1), TEST_NOW)).toBe(false);
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).lastTimeStep).toBe(BigInt(T));
    expect(await verifyTotpSignIn(principal, codeForStep(seed, T + 1), minutes(0.5))).toBe(true);
  });

  it("the codes that enabled a device are spent", async () => {
    const { seed, principal } = await userWithDevice("si-enable-codes");
    expect(await verifyTotpSignIn(principal, codeForStep(seed, T), TEST_NOW)).toBe(false);
    expect(await verifyTotpSignIn(principal, codeForStep(seed, T + 1), TEST_NOW)).toBe(true);
  });

  it("of several concurrent uses of one code (several servers), exactly one is accepted", async () => {
    const { seed, principal } = await userWithDevice("si-race", minutes(-10));
    const code = codeForStep(seed, T);
    const results = await Promise.all(Array.from({ length: 6 }, () => verifyTotpSignIn(principal, code, TEST_NOW)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("accepts a code of any of the principal's devices, and none of another's", async () => {
    const a = await userWithDevice("si-multi", minutes(-10));
    const second = await newDevice("si-multi-tablet");
    await enableMFADevice(rootAt(minutes(-10)), { UserName: "si-multi", SerialNumber: second.serial, ...codes(second.seed, timeStep(minutes(-10)) - 1) });
    const other = await userWithDevice("si-other", minutes(-10));
    expect(await verifyTotpSignIn(a.principal, codeForStep(other.seed, T), TEST_NOW)).toBe(
      [-1, 0, 1].some((d) => codeForStep(a.seed, T + d) === codeForStep(other.seed, T) || codeForStep(second.seed, T + d) === codeForStep(other.seed, T)),
    );
    expect(await verifyTotpSignIn(a.principal, codeForStep(second.seed, T), TEST_NOW)).toBe(true);
  });

  it("refuses malformed codes, principals without devices, and deactivated devices", async () => {
    const { seed, serial, principal } = await userWithDevice("si-misc", minutes(-10));
    expect(await verifyTotpSignIn(principal, "12345", TEST_NOW)).toBe(false);
    expect(await verifyTotpSignIn(principal, "", TEST_NOW)).toBe(false);
    const bare = await addUser("si-bare");
    expect(await verifyTotpSignIn({ accountId: ACCT, userId: bare.id }, codeForStep(seed, T), TEST_NOW)).toBe(false);
    expect(await mfaFactorsFor({ accountId: ACCT, userId: bare.id })).toEqual({ totp: false, securityKey: false });
    await deactivateMFADevice(rootCaller(), { UserName: "si-misc", SerialNumber: serial });
    expect(await mfaFactorsFor(principal)).toEqual({ totp: false, securityKey: false });
    expect(await verifyTotpSignIn(principal, codeForStep(seed, T), TEST_NOW)).toBe(false);
  });
});

describe("ResyncMFADevice", () => {
  it("accepts two consecutive codes near now and moves the last used step to the second", async () => {
    const { seed, serial } = await userWithDevice("rs-basic", minutes(-60));
    await resyncMFADevice(rootCaller(), { UserName: "rs-basic", SerialNumber: serial, ...codes(seed, T + 3) });
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).lastTimeStep).toBe(BigInt(T + 4));
    // Those codes are now spent.
    const again = await iamError(resyncMFADevice(rootCaller(), { UserName: "rs-basic", SerialNumber: serial, ...codes(seed, T + 3) }));
    expect(again.code).toBe("InvalidAuthenticationCode");
  });

  it("refuses wrong codes with InvalidAuthenticationCode, and an unassigned or another's device with NoSuchEntity", async () => {
    const { seed, serial } = await userWithDevice("rs-bad", minutes(-60));
    const wrong = await iamError(resyncMFADevice(rootCaller(), { UserName: "rs-bad", SerialNumber: serial, ...codes(seed, T + 20) }));
    expect(wrong.code).toBe("InvalidAuthenticationCode");
    await addUser("rs-notmine");
    const notMine = await iamError(resyncMFADevice(rootCaller(), { UserName: "rs-notmine", SerialNumber: serial, ...codes(seed, T) }));
    expect(notMine.code).toBe("NoSuchEntity");
    expect(notMine.message).toBe(`Device with serial number ${serial} cannot be found.`);
    const loose = await newDevice("rs-loose");
    const unassigned = await iamError(resyncMFADevice(rootCaller(), { UserName: "rs-bad", SerialNumber: loose.serial, ...codes(loose.seed, T) }));
    expect(unassigned.code).toBe("NoSuchEntity");
  });
});

describe("DeactivateMFADevice and DeleteVirtualMFADevice", () => {
  it("deactivate leaves a virtual device unassigned in the account; delete then removes it", async () => {
    const { serial, user } = await userWithDevice("dd-basic");
    const inUse = await iamError(deleteVirtualMFADevice(rootCaller(), { SerialNumber: serial }));
    expect(inUse.code).toBe("DeleteConflict");
    expect(inUse.message).toBe("MFA device is still in use.");
    // DeleteUser refuses while the device is assigned.
    expect((await iamError(deleteUser(rootCaller(), { UserName: "dd-basic" }))).message).toBe("Cannot delete entity, must delete MFA device first.");

    await deactivateMFADevice(rootCaller(), { UserName: "dd-basic", SerialNumber: serial });
    expect(await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).toMatchObject({ userId: null, assignedToRoot: false, enableDate: null });
    expect((await listMFADevices(rootCaller(), { UserName: "dd-basic" })).MFADevices).toEqual([]);
    const unassigned = await listVirtualMFADevices(rootCaller(), { AssignmentStatus: "Unassigned", MaxItems: 1000 });
    expect(unassigned.VirtualMFADevices).toContainEqual({ SerialNumber: serial });

    await deleteVirtualMFADevice(rootCaller(), { SerialNumber: serial });
    expect(await prisma.mfaDevice.findUnique({ where: { serialNumber: serial } })).toBeNull();
    const gone = await iamError(deleteVirtualMFADevice(rootCaller(), { SerialNumber: serial }));
    expect(gone.code).toBe("NoSuchEntity");
    expect(gone.message).toBe(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
    await deleteUser(rootCaller(), { UserName: user.name });
  });

  it("a deactivated device can be enabled again, but not with codes it already used", async () => {
    const { serial, seed } = await userWithDevice("dd-again");
    await deactivateMFADevice(rootCaller(), { UserName: "dd-again", SerialNumber: serial });
    const reused = await iamError(enableMFADevice(rootCaller(), { UserName: "dd-again", SerialNumber: serial, ...codes(seed, T - 1) }));
    expect(reused.code).toBe("InvalidAuthenticationCode");
    await enableMFADevice(rootAt(minutes(1)), { UserName: "dd-again", SerialNumber: serial, ...codes(seed, timeStep(minutes(1)) - 1) });
  });

  it("deactivate of a device the user does not have fails with NoSuchEntity", async () => {
    const { serial } = await userWithDevice("dd-owner");
    await addUser("dd-stranger");
    const err = await iamError(deactivateMFADevice(rootCaller(), { UserName: "dd-stranger", SerialNumber: serial }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe(`Device with serial number ${serial} cannot be found.`);
  });
});

describe("ListMFADevices and ListVirtualMFADevices", () => {
  it("list a user's devices by serial number, in pages", async () => {
    const { serial: first } = await userWithDevice("ls-user");
    const second = await newDevice("ls-user-tablet");
    await enableMFADevice(rootCaller(), { UserName: "ls-user", SerialNumber: second.serial, ...codes(second.seed, T - 1) });
    const page1 = await listMFADevices(rootCaller(), { UserName: "ls-user", MaxItems: 1 });
    expect(page1.MFADevices).toEqual([{ UserName: "ls-user", SerialNumber: first, EnableDate: TEST_NOW }]);
    expect(page1.IsTruncated).toBe(true);
    const page2 = await listMFADevices(rootCaller(), { UserName: "ls-user", MaxItems: 1, Marker: page1.Marker });
    expect(page2).toEqual({ MFADevices: [{ UserName: "ls-user", SerialNumber: second.serial, EnableDate: TEST_NOW }], IsTruncated: false });
  });

  it("list the account's virtual devices with their users, filtered by assignment", async () => {
    const { serial, user } = await userWithDevice("ls-virtual");
    const loose = await newDevice("ls-virtual-loose");
    const all = await listVirtualMFADevices(rootCaller(), { MaxItems: 1000 });
    expect(all.VirtualMFADevices).toContainEqual({
      SerialNumber: serial,
      EnableDate: TEST_NOW,
      User: { Path: "/", UserName: "ls-virtual", UserId: user.id, Arn: userArn("ls-virtual"), CreateDate: user.createdAt },
    });
    expect(all.VirtualMFADevices).toContainEqual({ SerialNumber: loose.serial });
    const assigned = await listVirtualMFADevices(rootCaller(), { AssignmentStatus: "Assigned", MaxItems: 1000 });
    expect(assigned.VirtualMFADevices.every((d) => d.EnableDate && d.User)).toBe(true);
    expect(assigned.VirtualMFADevices.map((d) => d.SerialNumber)).not.toContain(loose.serial);
    const serials = all.VirtualMFADevices.map((d) => d.SerialNumber);
    expect(serials).toEqual([...serials].sort());
    const bad = await iamError(listVirtualMFADevices(rootCaller(), { AssignmentStatus: "Some" as "Any" }));
    expect(bad.code).toBe("ValidationError");
  });

  it("show a root device with the root user's shape", async () => {
    const { serial, seed } = await newDevice("ls-root");
    await enableMFADevice(rootCaller(), { SerialNumber: serial, ...codes(seed, T - 1) });
    try {
      const { VirtualMFADevices } = await listVirtualMFADevices(rootCaller(), { AssignmentStatus: "Assigned", MaxItems: 1000 });
      const entry = VirtualMFADevices.find((d) => d.SerialNumber === serial);
      expect(entry?.User).toMatchObject({ UserId: ACCT, Arn: `arn:aws:iam::${ACCT}:root` });
      expect(entry?.User).not.toHaveProperty("UserName");
    } finally {
      await deactivateMFADevice(rootCaller(), { SerialNumber: serial });
    }
  });
});

describe("who may manage MFA devices", () => {
  const denied = (caller: Caller, action: string, resource: string) =>
    `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

  it("a user without permissions is refused each operation, on the resource AWS names", async () => {
    const caller = await callerWithPolicies("mfa-nobody", []);
    const { serial, seed } = await userWithDevice("az-target");
    const cases: [() => Promise<unknown>, string, string][] = [
      [() => createVirtualMFADevice(caller, { VirtualMFADeviceName: "az-new", Path: "/p/" }), "iam:CreateVirtualMFADevice", mfaArn("az-new", "/p/")],
      [() => enableMFADevice(caller, { UserName: "az-target", SerialNumber: serial, ...codes(seed, T) }), "iam:EnableMFADevice", userArn("az-target")],
      [() => resyncMFADevice(caller, { UserName: "az-target", SerialNumber: serial, ...codes(seed, T) }), "iam:ResyncMFADevice", userArn("az-target")],
      [() => deactivateMFADevice(caller, { UserName: "az-target", SerialNumber: serial }), "iam:DeactivateMFADevice", userArn("az-target")],
      [() => listMFADevices(caller, { UserName: "az-target" }), "iam:ListMFADevices", userArn("az-target")],
      [() => listMFADevices(caller), "iam:ListMFADevices", userArn("mfa-nobody")],
      [() => deleteVirtualMFADevice(caller, { SerialNumber: serial }), "iam:DeleteVirtualMFADevice", serial],
      [() => listVirtualMFADevices(caller), "iam:ListVirtualMFADevices", `arn:aws:iam::${ACCT}:mfa/`],
      // AccessDenied before NoSuchEntity: a stranger learns nothing.
      [() => enableMFADevice(caller, { UserName: "az-nobody", SerialNumber: serial, ...codes(seed, T) }), "iam:EnableMFADevice", userArn("az-nobody")],
    ];
    for (const [attempt, action, resource] of cases) {
      const err = await iamError(attempt());
      expect(err.code).toBe("AccessDenied");
      expect(err.message).toBe(denied(caller, action, resource));
    }
    const event = await lastEvent("EnableMFADevice");
    expect(event).toMatchObject({ principalArn: caller.principalArn, errorCode: "AccessDenied" });
  });

  it("AWS's self-service policy lets a user manage its own devices without UserName, and no one else's", async () => {
    const self = `arn:aws:iam::${ACCT}:user/\${aws:username}`;
    const caller = await callerWithPolicies("az-self", [
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["iam:CreateVirtualMFADevice", "iam:DeleteVirtualMFADevice"], Resource: `arn:aws:iam::${ACCT}:mfa/*` },
          { Effect: "Allow", Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice", "iam:DeactivateMFADevice"], Resource: self },
        ],
      },
    ]);
    const { serial, seed } = await newDevice("az-self-phone", caller);
    await enableMFADevice(caller, { SerialNumber: serial, ...codes(seed, T - 1) });
    expect((await listMFADevices(caller)).MFADevices).toEqual([{ UserName: "az-self", SerialNumber: serial, EnableDate: TEST_NOW }]);
    await resyncMFADevice(caller, { SerialNumber: serial, ...codes(seed, T + 1) });

    const other = await newDevice("az-self-for-alice", caller);
    const err = await iamError(enableMFADevice(caller, { UserName: "alice", SerialNumber: other.serial, ...codes(other.seed, T - 1) }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(denied(caller, "iam:EnableMFADevice", userArn("alice")));

    await deactivateMFADevice(caller, { SerialNumber: serial });
    await deleteVirtualMFADevice(caller, { SerialNumber: serial });
  });

  it("a policy scoped to device names decides which devices a user may create", async () => {
    const caller = await callerWithPolicies("az-scoped", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:CreateVirtualMFADevice", Resource: `arn:aws:iam::${ACCT}:mfa/team-*` }] },
    ]);
    await createVirtualMFADevice(caller, { VirtualMFADeviceName: "team-phone" });
    const err = await iamError(createVirtualMFADevice(caller, { VirtualMFADeviceName: "phone" }));
    expect(err.message).toBe(denied(caller, "iam:CreateVirtualMFADevice", mfaArn("phone")));
  });

  it("a role session must name the user", async () => {
    const session: Caller = {
      ...rootCaller(),
      principalType: "AssumedRole",
      principalArn: `arn:aws:sts::${ACCT}:assumed-role/Admin/s`,
      principalId: "AROAEXAMPLE:s",
    };
    const err = await iamError(listMFADevices(session));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toBe("Must specify userName when calling with non-User credentials");
  });
});
