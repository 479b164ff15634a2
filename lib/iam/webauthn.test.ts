import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import {
  beginSecurityKeyRegistration,
  completeSecurityKeyRegistration,
  deactivateMFADevice,
  getMFADevice,
  listMFADevices,
  mfaFactorsFor,
  REGISTRATION_EXPIRED,
  securityKeySignInOptions,
  SECURITY_KEY_NOT_VERIFIED,
  verifySecurityKeySignIn,
  type MfaPrincipal,
} from "./mfa";
import { addUser, callerWithPolicies, iamError, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";
import { relyingParty, WEBAUTHN_TIMEOUT_MS } from "./webauthn";
import { b64url, SoftwareAuthenticator } from "./webauthn-testing";

// FIDO2 security keys end to end, against the software authenticator of webauthn-testing.ts.
// Registration (begin, complete, the rules around them) and sign-in (options, verification,
// the signature counter).

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const RP = () => relyingParty();

/** Registers a new key of `authenticator` for the user (or root, without UserName). */
async function register(authenticator: SoftwareAuthenticator, input: { UserName?: string; DeviceName?: string }, caller: Caller = rootCaller()) {
  const { registrationId, options } = await beginSecurityKeyRegistration(caller, { DeviceName: "my-key", ...input });
  const { SerialNumber } = await completeSecurityKeyRegistration(caller, { registrationId, response: authenticator.create(options) });
  return SerialNumber;
}

async function signIn(authenticator: SoftwareAuthenticator, principal: MfaPrincipal, tamper: { challenge?: string; counter?: number } = {}) {
  const { options, challenge } = await securityKeySignInOptions(principal);
  return verifySecurityKeySignIn(principal, authenticator.get(options, tamper), challenge, TEST_NOW);
}

describe("security key registration", () => {
  it("offers creation options for this site, without attestation or user verification", async () => {
    const user = await addUser("sk-options");
    const { registrationId, options } = await beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-options", DeviceName: "yubikey" });
    expect(options.rp).toEqual({ id: RP().id, name: "Amazon Web Services" });
    expect(options.attestation).toBe("none");
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "preferred", userVerification: "discouraged" });
    expect(options.excludeCredentials).toEqual([]);
    expect(options.user.name).toBe("sk-options@demo");
    expect(Buffer.from(options.user.id, "base64url").toString()).toBe(user.id);
    const stored = await prisma.mfaRegistration.findUniqueOrThrow({ where: { id: registrationId } });
    expect(stored).toMatchObject({ accountId: ACCT, userId: user.id, deviceName: "yubikey", challenge: options.challenge });
    expect(stored.expiresAt.getTime() - TEST_NOW.getTime()).toBe(WEBAUTHN_TIMEOUT_MS);
  });

  it("verifies the authenticator's answer and assigns the key, enabled now", async () => {
    const user = await addUser("sk-register");
    const key = new SoftwareAuthenticator();
    const serial = await register(key, { UserName: "sk-register", DeviceName: "desk-key" });
    expect(serial).toMatch(new RegExp(`^arn:aws:iam::${ACCT}:u2f/user/sk-register/fidosecuritykey-[A-Z2-7]{16}$`));
    const row = await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } });
    expect(row).toMatchObject({
      accountId: ACCT,
      name: "desk-key",
      type: "u2f",
      userId: user.id,
      assignedToRoot: false,
      enableDate: TEST_NOW,
      credentialId: key.credentials[0].id,
      signCount: BigInt(0),
      transports: ["usb"],
      aaguid: "00000000-0000-0000-0000-000000000000",
      seedEncrypted: null,
    });
    expect(row.publicKey).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await prisma.mfaRegistration.count({ where: { userId: user.id } })).toBe(0);
    expect((await listMFADevices(rootCaller(), { UserName: "sk-register" })).MFADevices).toEqual([{ UserName: "sk-register", SerialNumber: serial, EnableDate: TEST_NOW }]);
    expect(await getMFADevice(rootCaller(), { UserName: "sk-register", SerialNumber: serial })).toEqual({ UserName: "sk-register", SerialNumber: serial, EnableDate: TEST_NOW });
    expect(await mfaFactorsFor({ accountId: ACCT, userId: user.id })).toEqual({ totp: false, securityKey: true });
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { eventName: "EnableMFADevice" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ errorCode: null, requestParameters: { UserName: "sk-register", DeviceName: "desk-key", SerialNumber: serial } });
  });

  it("excludes the keys the user already has", async () => {
    await addUser("sk-exclude");
    const key = new SoftwareAuthenticator();
    await register(key, { UserName: "sk-exclude" });
    const { options } = await beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-exclude", DeviceName: "second" });
    expect(options.excludeCredentials).toEqual([{ id: key.credentials[0].id, type: "public-key", transports: ["usb"] }]);
  });

  it("for root, without UserName, assigns the key to the root user", async () => {
    const key = new SoftwareAuthenticator();
    const serial = await register(key, {});
    expect(serial).toMatch(new RegExp(`^arn:aws:iam::${ACCT}:u2f/root-user/fidosecuritykey-[A-Z2-7]{16}$`));
    expect(await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).toMatchObject({ userId: null, assignedToRoot: true, enableDate: TEST_NOW });
    expect(await signIn(key, { accountId: ACCT, userId: null })).toBe(true);
    await deactivateMFADevice(rootCaller(), { SerialNumber: serial });
  });

  it("spends the challenge: the same registration cannot complete twice", async () => {
    await addUser("sk-twice");
    const key = new SoftwareAuthenticator();
    const { registrationId, options } = await beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-twice", DeviceName: "k" });
    await completeSecurityKeyRegistration(rootCaller(), { registrationId, response: key.create(options) });
    const err = await iamError(completeSecurityKeyRegistration(rootCaller(), { registrationId, response: key.create(options) }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe(REGISTRATION_EXPIRED);
  });

  it("expires after five minutes", async () => {
    await addUser("sk-late");
    const key = new SoftwareAuthenticator();
    const { registrationId, options } = await beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-late", DeviceName: "k" });
    const late = rootCaller(ACCT, { now: new Date(TEST_NOW.getTime() + WEBAUTHN_TIMEOUT_MS) });
    const err = await iamError(completeSecurityKeyRegistration(late, { registrationId, response: key.create(options) }));
    expect(err.message).toBe(REGISTRATION_EXPIRED);
    const unknown = await iamError(completeSecurityKeyRegistration(rootCaller(), { registrationId: "not-a-uuid", response: key.create(options) }));
    expect(unknown.message).toBe(REGISTRATION_EXPIRED);
  });

  it.each([
    ["another challenge", { challenge: b64url(randomBytes(32)) }],
    ["another origin", { origin: "https://evil.example.com" }],
    ["another relying party", { rpId: "evil.example.com" }],
  ])("refuses an answer signed for %s, and spends the registration", async (_, tamper) => {
    const user = await addUser(`sk-bad-${Object.keys(tamper)[0]}`);
    const key = new SoftwareAuthenticator();
    const { registrationId, options } = await beginSecurityKeyRegistration(rootCaller(), { UserName: user.name, DeviceName: "k" });
    const err = await iamError(completeSecurityKeyRegistration(rootCaller(), { registrationId, response: key.create(options, tamper) }));
    expect(err.code).toBe("InvalidAuthenticationCode");
    expect(err.message).toBe(SECURITY_KEY_NOT_VERIFIED);
    expect(await prisma.mfaDevice.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.mfaRegistration.count({ where: { id: registrationId } })).toBe(0);
  });

  it("refuses a ninth device with LimitExceeded, before and after the ceremony", async () => {
    const user = await addUser("sk-full");
    await prisma.mfaDevice.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ serialNumber: iamArn(ACCT, "mfa", "/", `sk-full-${i}`), accountId: ACCT, name: `sk-full-${i}`, userId: user.id, enableDate: TEST_NOW })),
    });
    const key = new SoftwareAuthenticator();
    const { registrationId, options } = await beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-full", DeviceName: "eighth" });
    const ninth = await beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-full", DeviceName: "ninth" });
    await completeSecurityKeyRegistration(rootCaller(), { registrationId, response: key.create(options) });
    const after = await iamError(completeSecurityKeyRegistration(rootCaller(), { registrationId: ninth.registrationId, response: key.create(ninth.options) }));
    expect(after.code).toBe("LimitExceeded");
    const before = await iamError(beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-full", DeviceName: "tenth" }));
    expect(before.code).toBe("LimitExceeded");
    expect(before.message).toBe("Cannot exceed quota for MFADevicesPerUser: 8");
  });

  it("needs iam:EnableMFADevice on the user, at both steps; a refusal is recorded as EnableMFADevice", async () => {
    await addUser("sk-guarded");
    const nobody = await callerWithPolicies("sk-nobody", []);
    const err = await iamError(beginSecurityKeyRegistration(nobody, { UserName: "sk-guarded", DeviceName: "k" }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:EnableMFADevice on resource: arn:aws:iam::123456789012:user/sk-guarded");
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { eventName: "EnableMFADevice", principalArn: nobody.principalArn }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ errorCode: "AccessDenied", requestParameters: { UserName: "sk-guarded", DeviceName: "k" } });

    const { registrationId, options } = await beginSecurityKeyRegistration(rootCaller(), { UserName: "sk-guarded", DeviceName: "k" });
    const completing = await iamError(completeSecurityKeyRegistration(nobody, { registrationId, response: new SoftwareAuthenticator().create(options) }));
    expect(completing.code).toBe("AccessDenied");
    // Another principal cannot finish root's registration.
    const rootRegistration = await beginSecurityKeyRegistration(rootCaller(), { DeviceName: "root-key" });
    const self = await callerWithPolicies("sk-self", [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:EnableMFADevice", Resource: "*" }] }]);
    const stolen = await iamError(completeSecurityKeyRegistration(self, { registrationId: rootRegistration.registrationId, response: new SoftwareAuthenticator().create(rootRegistration.options) }));
    expect(stolen.code).toBe("NoSuchEntity");
  });

  it("validates the device name", async () => {
    const err = await iamError(beginSecurityKeyRegistration(rootCaller(), { UserName: "alice", DeviceName: "has space" }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toContain("at 'deviceName'");
  });
});

describe("security key sign-in", () => {
  it("asks for the principal's keys and accepts an assertion from one, raising its counter", async () => {
    const user = await addUser("ska-basic");
    const principal = { accountId: ACCT, userId: user.id };
    const key = new SoftwareAuthenticator();
    const serial = await register(key, { UserName: "ska-basic" });
    const { options, challenge } = await securityKeySignInOptions(principal);
    expect(options.rpId).toBe(RP().id);
    expect(options.userVerification).toBe("discouraged");
    expect(options.allowCredentials).toEqual([{ id: key.credentials[0].id, type: "public-key", transports: ["usb"] }]);
    expect(challenge).toBe(options.challenge);
    expect(await verifySecurityKeySignIn(principal, key.get(options), challenge, TEST_NOW)).toBe(true);
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).signCount).toBe(BigInt(1));
    expect(await signIn(key, principal)).toBe(true);
    expect((await prisma.mfaDevice.findUniqueOrThrow({ where: { serialNumber: serial } })).signCount).toBe(BigInt(2));
  });

  it("refuses a replayed assertion and a counter that goes backwards (a cloned key)", async () => {
    const user = await addUser("ska-replay");
    const principal = { accountId: ACCT, userId: user.id };
    const key = new SoftwareAuthenticator();
    await register(key, { UserName: "ska-replay" });
    const { options, challenge } = await securityKeySignInOptions(principal);
    const assertion = key.get(options);
    expect(await verifySecurityKeySignIn(principal, assertion, challenge, TEST_NOW)).toBe(true);
    expect(await verifySecurityKeySignIn(principal, assertion, challenge, TEST_NOW)).toBe(false);
    expect(await signIn(key, principal, { counter: 5 })).toBe(true);
    expect(await signIn(key, principal, { counter: 3 })).toBe(false);
    expect(await signIn(key, principal, { counter: 5 })).toBe(false);
    expect(await signIn(key, principal)).toBe(true);
  });

  it("of two concurrent uses of one assertion, exactly one is accepted", async () => {
    const user = await addUser("ska-race");
    const principal = { accountId: ACCT, userId: user.id };
    const key = new SoftwareAuthenticator();
    await register(key, { UserName: "ska-race" });
    const { options, challenge } = await securityKeySignInOptions(principal);
    const assertion = key.get(options);
    const results = await Promise.all(Array.from({ length: 4 }, () => verifySecurityKeySignIn(principal, assertion, challenge, TEST_NOW)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("accepts a key that keeps no counter (always 0) every time", async () => {
    const user = await addUser("ska-nocounter");
    const principal = { accountId: ACCT, userId: user.id };
    const key = new SoftwareAuthenticator(0);
    await register(key, { UserName: "ska-nocounter" });
    expect(await signIn(key, principal)).toBe(true);
    expect(await signIn(key, principal)).toBe(true);
  });

  it("refuses another challenge, another principal's key, and a removed key", async () => {
    const user = await addUser("ska-misc");
    const other = await addUser("ska-other");
    const principal = { accountId: ACCT, userId: user.id };
    const key = new SoftwareAuthenticator();
    const serial = await register(key, { UserName: "ska-misc" });
    expect(await signIn(key, principal, { challenge: b64url(randomBytes(32)) })).toBe(false);

    const otherKey = new SoftwareAuthenticator();
    await register(otherKey, { UserName: "ska-other" });
    const { options, challenge } = await securityKeySignInOptions({ accountId: ACCT, userId: other.id });
    expect(await verifySecurityKeySignIn(principal, otherKey.get(options), challenge, TEST_NOW)).toBe(false);

    // DeactivateMFADevice deletes a security key.
    await deactivateMFADevice(rootCaller(), { UserName: "ska-misc", SerialNumber: serial });
    expect(await prisma.mfaDevice.findUnique({ where: { serialNumber: serial } })).toBeNull();
    const after = await securityKeySignInOptions(principal);
    expect(after.options.allowCredentials).toEqual([]);
    expect(await mfaFactorsFor(principal)).toEqual({ totp: false, securityKey: false });
    const stale = await securityKeySignInOptions({ accountId: ACCT, userId: other.id });
    expect(await verifySecurityKeySignIn(principal, otherKey.get(stale.options), stale.challenge, TEST_NOW)).toBe(false);
  });
});

describe("GetMFADevice", () => {
  it("answers for security keys only", async () => {
    await addUser("gm-user");
    const virtualSerial = iamArn(ACCT, "mfa", "/", "gm-virtual");
    const user = await prisma.user.findFirstOrThrow({ where: { name: "gm-user" } });
    await prisma.mfaDevice.create({ data: { serialNumber: virtualSerial, accountId: ACCT, name: "gm-virtual", userId: user.id, enableDate: TEST_NOW } });
    const err = await iamError(getMFADevice(rootCaller(), { UserName: "gm-user", SerialNumber: virtualSerial }));
    expect(err.code).toBe("NoSuchEntity");
  });
});
