import "server-only";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { randomBytes } from "node:crypto";
import QRCode from "qrcode";
import { db, Prisma, type Db, type Tx } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { iamArn, listResourceArn, PARTITION, rootArn } from "./arns";
import { authorize } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { decryptSecret, encryptSecret } from "./crypto";
import { isUniqueViolation, lockRow, write } from "./db-facts";
import { IamError, isIamError, noSuchUser, quotaExceeded } from "./errors";
import { MFA_DEVICES_PER_USER, VIRTUAL_MFA_DEVICES_PER_ACCOUNT } from "./limits";
import { cutPage, decodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";
import { checkTags, requestTagContext, resourceTagContext, toTags, type Tag } from "./tags";
import { ENABLE_WINDOW, matchConsecutiveTotp, matchTotp, newSeed, otpauthUri, TOTP_DIGITS, TOTP_WINDOW } from "./totp";
import { authorizeOnUser, EXISTING_USER_NAME_MAX, findUser, toUser, USER_DETAIL, type RootUser, type User } from "./users";
import { checkEnum, checkName, checkPath, missingMember, NAME_PATTERN, validationError } from "./validation";
import {
  authenticationOptions,
  registrationOptions,
  storedTransports,
  verifyAuthentication,
  verifyRegistration,
  WEBAUTHN_TIMEOUT_MS,
} from "./webauthn";

// Multi-factor authentication devices (iam-facts §8): virtual MFA devices (TOTP apps, created by
// CreateVirtualMFADevice and assigned by EnableMFADevice) and FIDO2 security keys (registered in
// the console only, as in AWS). Both live in MfaDevice. A device assigned to an IAM user has its
// userId; one assigned to the root user has assignedToRoot and no userId; an assigned device has
// an enableDate, an unassigned virtual device none. Seeds are stored only encrypted.
//
// A TOTP code works once: each virtual device keeps the last time step it accepted, raised by a
// single conditional UPDATE, so two app servers given the same code cannot both accept it.
// Quotas (8 devices per user and per root) are counted under a lock on the user's row (the
// account's row for root), so concurrent enables cannot pass them together.

export const VIRTUAL = "virtual";
export const SECURITY_KEY = "u2f";

// AWS's words where known; unverified texts are marked so (iam-facts §16).
const noSuchVirtualDevice = (serial: string) => new IamError("NoSuchEntity", `VirtualMFADevice with serial number ${serial} doesn't exist.`);
/** DeactivateMFADevice, ResyncMFADevice, GetMFADevice on a device the principal does not have (obs. in mocks). */
const noSuchDevice = (serial: string) => new IamError("NoSuchEntity", `Device with serial number ${serial} cannot be found.`);
const deviceInUse = () => new IamError("EntityAlreadyExists", "MFA Device is already in use.");
const deviceAlreadyExists = () => new IamError("EntityAlreadyExists", "MFADevice entity at the same path and name already exists.");
export const INVALID_AUTHENTICATION_CODE = "Authentication code for device is not valid.";
const invalidCode = () => new IamError("InvalidAuthenticationCode", INVALID_AUTHENTICATION_CODE);
/** Unverified wording. */
const stillInUse = () => new IamError("DeleteConflict", "MFA device is still in use.");
const tooManyDevices = () => quotaExceeded("MFADevicesPerUser", MFA_DEVICES_PER_USER);
const notAUser = () => new IamError("ValidationError", "Must specify userName when calling with non-User credentials");
/** Not AWS's: the console's security key ceremony has no API counterpart. */
export const REGISTRATION_EXPIRED = "The security key registration has expired. Start again.";
export const SECURITY_KEY_NOT_VERIFIED = "The security key's response could not be verified.";

// ---- Input checks ----------------------------------------------------------------------------

const SERIAL_PATTERN = /^[\w+=/:,.@-]+$/;
const SERIAL_MIN = 9;
const SERIAL_MAX = 256;
/** The console's limit on a security key's name, which becomes the device's name. */
export const SECURITY_KEY_NAME_MAX = 128;

function checkSerialNumber(value: string | undefined): string {
  const member = "serialNumber";
  if (value === undefined) throw missingMember(member);
  if (value.length < SERIAL_MIN) throw validationError(value, member, `Member must have length greater than or equal to ${SERIAL_MIN}`);
  if (value.length > SERIAL_MAX) throw validationError(value, member, `Member must have length less than or equal to ${SERIAL_MAX}`);
  if (!SERIAL_PATTERN.test(value)) throw validationError(value, member, "Member must satisfy regular expression pattern: [\\w+=/:,.@-]+");
  return value;
}

/** A code is a secret for its 30 seconds: like passwords, the message does not echo it. */
function checkAuthenticationCode(value: string | undefined, member: string): string {
  if (value === undefined) throw missingMember(member);
  const fail = (constraint: string) =>
    new IamError("ValidationError", `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`);
  if (value.length < TOTP_DIGITS) throw fail(`Member must have length greater than or equal to ${TOTP_DIGITS}`);
  if (value.length > TOTP_DIGITS) throw fail(`Member must have length less than or equal to ${TOTP_DIGITS}`);
  if (!/^\d+$/.test(value)) throw fail("Member must satisfy regular expression pattern: [\\d]+");
  return value;
}

function checkDeviceName(value: string | undefined, member: string, max: number): string {
  if (value === undefined) throw missingMember(member);
  if (value === "") throw validationError(value, member, "Member must have length greater than or equal to 1");
  if (value.length > max) throw validationError(value, member, `Member must have length less than or equal to ${max}`);
  if (!NAME_PATTERN.test(value)) throw validationError(value, member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  return value;
}

const checkUserName = (value: string) => checkName(value, "userName", EXISTING_USER_NAME_MAX);

// ---- Principals ------------------------------------------------------------------------------

/** Whose devices: an IAM user, or the account's root user (userId null). */
export interface MfaPrincipal {
  accountId: string;
  userId: string | null;
}

interface Target extends MfaPrincipal {
  /** Absent for root. */
  userName?: string;
}

/**
 * The principal a request is about, once `action` is allowed on it: UserName, or, without one,
 * the caller itself (an IAM user, or root). Other callers must name a user, as in AWS.
 */
async function resolveTarget(caller: Caller, action: string, userName: string | undefined): Promise<Target> {
  const prisma = await db();
  if (userName === undefined) {
    if (isRoot(caller)) {
      await authorize(caller, action, rootArn(caller.accountId));
      return { accountId: caller.accountId, userId: null };
    }
    if (caller.principalType !== "User" || !caller.userId) throw notAUser();
    const self = await prisma.user.findUnique({ where: { id: caller.userId }, include: USER_DETAIL });
    const user = await authorizeOnUser(caller, action, self?.name ?? caller.userName ?? "", self);
    return { accountId: caller.accountId, userId: user.id, userName: user.name };
  }
  const name = checkUserName(userName);
  const user = await authorizeOnUser(caller, action, name, await findUser(prisma, caller.accountId, name));
  return { accountId: caller.accountId, userId: user.id, userName: user.name };
}

/** The devices assigned to a principal. */
function assignedTo(p: MfaPrincipal): Prisma.MfaDeviceWhereInput {
  return p.userId ? { accountId: p.accountId, userId: p.userId, enableDate: { not: null } } : { accountId: p.accountId, assignedToRoot: true, enableDate: { not: null } };
}

/**
 * Inside a write: no other assignment to the principal runs until this one ends, and there is
 * room for one more device.
 */
async function reserveDeviceSlot(tx: Tx, target: Target): Promise<void> {
  if (target.userId) {
    if (!(await lockRow(tx, "User", target.userId))) throw noSuchUser(target.userName ?? "");
  } else {
    await lockRow(tx, "Account", target.accountId);
  }
  if ((await tx.mfaDevice.count({ where: assignedTo(target) })) >= MFA_DEVICES_PER_USER) throw tooManyDevices();
}

async function accountLabel(prisma: Db | Tx, accountId: string): Promise<string> {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId }, select: { alias: true } });
  return account.alias ?? accountId;
}

const tagRows = (tags: Tag[]) => tags.map((t) => ({ key: t.Key, keyKey: t.Key, value: t.Value ?? "" }));

// ---- CreateVirtualMFADevice -----------------------------------------------------------------

export interface CreateVirtualMFADeviceInput {
  VirtualMFADeviceName: string;
  Path?: string;
  Tags?: Tag[];
}

export interface VirtualMFADevice {
  SerialNumber: string;
  /** Base32 text; the Query API sends it base64-encoded, as every blob. */
  Base32StringSeed: string;
  /** A PNG of the otpauth:// URI, base64. */
  QRCodePNG: string;
  Tags?: Tag[];
}

/**
 * A new, unassigned virtual MFA device. The seed is returned this once (as text and as a QR
 * code) and stored only encrypted.
 */
export function createVirtualMFADevice(caller: Caller, input: CreateVirtualMFADeviceInput): Promise<{ VirtualMFADevice: VirtualMFADevice }> {
  return operation(caller, { eventName: "CreateVirtualMFADevice", readOnly: false, params: { ...input } }, async () => {
    const name = checkDeviceName(input.VirtualMFADeviceName, "virtualMFADeviceName", SERIAL_MAX);
    const path = checkPath(input.Path);
    const tags = checkTags(input.Tags, false);
    const serial = iamArn(caller.accountId, "mfa", path, name);
    if (serial.length > SERIAL_MAX) {
      throw validationError(name, "virtualMFADeviceName", `Member must have length less than or equal to ${SERIAL_MAX - (serial.length - name.length)}`);
    }
    await authorize(caller, "iam:CreateVirtualMFADevice", serial, { context: { ...requestTagContext(tags), ...resourceTagContext(tags) } });
    const seed = newSeed();
    // Drawn before the write: a device exists only once everything it answers is ready.
    const png = await QRCode.toBuffer(otpauthUri(name, await accountLabel(await db(), caller.accountId), seed), {
      type: "png",
      errorCorrectionLevel: "M",
      margin: 2,
    });
    await write(async (tx) => {
      await lockRow(tx, "Account", caller.accountId);
      if ((await tx.mfaDevice.count({ where: { accountId: caller.accountId, type: VIRTUAL } })) >= VIRTUAL_MFA_DEVICES_PER_ACCOUNT) {
        throw quotaExceeded("MFADevices", VIRTUAL_MFA_DEVICES_PER_ACCOUNT);
      }
      if (await tx.mfaDevice.findUnique({ where: { serialNumber: serial }, select: { serialNumber: true } })) throw deviceAlreadyExists();
      try {
        await tx.mfaDevice.create({
          data: {
            serialNumber: serial,
            accountId: caller.accountId,
            name,
            path,
            type: VIRTUAL,
            seedEncrypted: encryptSecret(seed),
            createdAt: caller.now,
            tags: { create: tagRows(tags) },
          },
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw deviceAlreadyExists();
        throw err;
      }
    });
    return {
      VirtualMFADevice: {
        SerialNumber: serial,
        Base32StringSeed: seed,
        QRCodePNG: png.toString("base64"),
        ...(tags.length > 0 ? { Tags: tags } : {}),
      },
    };
  });
}

// ---- EnableMFADevice / ResyncMFADevice ----------------------------------------------------------

export interface EnableMFADeviceInput {
  /** Absent: the caller itself (an IAM user, or root). */
  UserName?: string;
  SerialNumber: string;
  AuthenticationCode1: string;
  AuthenticationCode2: string;
}

function checkCodes(input: EnableMFADeviceInput) {
  return {
    serial: checkSerialNumber(input.SerialNumber),
    code1: checkAuthenticationCode(input.AuthenticationCode1, "authenticationCode1"),
    code2: checkAuthenticationCode(input.AuthenticationCode2, "authenticationCode2"),
  };
}

const toStep = (value: bigint | null): number | null => (value === null ? null : Number(value));

/**
 * Assigns an unassigned virtual MFA device to a user (or root) once two consecutive codes prove
 * the app holds its seed. Codes made some minutes earlier still enable it (ENABLE_WINDOW), as in
 * AWS. Up to 8 devices per principal.
 */
export function enableMFADevice(caller: Caller, input: EnableMFADeviceInput): Promise<void> {
  return operation(caller, { eventName: "EnableMFADevice", readOnly: false, params: { ...input } }, async () => {
    const { serial, code1, code2 } = checkCodes(input);
    const target = await resolveTarget(caller, "iam:EnableMFADevice", input.UserName);
    const prisma = await db();
    const device = await prisma.mfaDevice.findFirst({ where: { serialNumber: serial, accountId: caller.accountId, type: VIRTUAL } });
    if (!device?.seedEncrypted) throw noSuchVirtualDevice(serial);
    if (device.enableDate) throw deviceInUse();
    const step = matchConsecutiveTotp(decryptSecret(device.seedEncrypted), code1, code2, caller.now, ENABLE_WINDOW, toStep(device.lastTimeStep));
    if (step === null) throw invalidCode();
    await write(async (tx) => {
      await reserveDeviceSlot(tx, target);
      // One statement: a concurrent enable of the same device, or a replay of its codes, changes nothing.
      const { count } = await tx.mfaDevice.updateMany({
        where: { serialNumber: serial, enableDate: null, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: step - 1 } }] },
        data: { userId: target.userId, assignedToRoot: target.userId === null, enableDate: caller.now, lastTimeStep: step },
      });
      if (count === 1) return;
      const now = await tx.mfaDevice.findUnique({ where: { serialNumber: serial }, select: { enableDate: true } });
      if (!now) throw noSuchVirtualDevice(serial);
      throw now.enableDate ? deviceInUse() : invalidCode();
    });
  });
}

/** Brings an assigned virtual device back in step with the server, from two consecutive codes. */
export function resyncMFADevice(caller: Caller, input: EnableMFADeviceInput): Promise<void> {
  return operation(caller, { eventName: "ResyncMFADevice", readOnly: false, params: { ...input } }, async () => {
    const { serial, code1, code2 } = checkCodes(input);
    const target = await resolveTarget(caller, "iam:ResyncMFADevice", input.UserName);
    const prisma = await db();
    const device = await prisma.mfaDevice.findFirst({ where: { serialNumber: serial, type: VIRTUAL, ...assignedTo(target) } });
    if (!device?.seedEncrypted) throw noSuchDevice(serial);
    const step = matchConsecutiveTotp(decryptSecret(device.seedEncrypted), code1, code2, caller.now, ENABLE_WINDOW, toStep(device.lastTimeStep));
    if (step === null) throw invalidCode();
    const { count } = await prisma.mfaDevice.updateMany({
      where: { serialNumber: serial, ...assignedTo(target), OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: step - 1 } }] },
      data: { lastTimeStep: step },
    });
    if (count === 0) throw invalidCode();
  });
}

// ---- DeactivateMFADevice ----------------------------------------------------------------------

export interface DeactivateMFADeviceInput {
  UserName?: string;
  SerialNumber: string;
}

/**
 * Removes a device from its principal. A virtual device stays in the account, unassigned (its
 * seed and last used step are kept, so its old codes stay spent); a security key is deleted, as
 * AWS deletes FIDO devices when they are removed.
 */
export function deactivateMFADevice(caller: Caller, input: DeactivateMFADeviceInput): Promise<void> {
  return operation(caller, { eventName: "DeactivateMFADevice", readOnly: false, params: { ...input } }, async () => {
    const serial = checkSerialNumber(input.SerialNumber);
    const target = await resolveTarget(caller, "iam:DeactivateMFADevice", input.UserName);
    const prisma = await db();
    const device = await prisma.mfaDevice.findFirst({ where: { serialNumber: serial, ...assignedTo(target) }, select: { type: true } });
    if (!device) throw noSuchDevice(serial);
    const where = { serialNumber: serial, ...assignedTo(target) };
    const { count } =
      device.type === VIRTUAL
        ? await prisma.mfaDevice.updateMany({ where, data: { userId: null, assignedToRoot: false, enableDate: null } })
        : await prisma.mfaDevice.deleteMany({ where });
    if (count === 0) throw noSuchDevice(serial);
  });
}

// ---- DeleteVirtualMFADevice -------------------------------------------------------------------

export function deleteVirtualMFADevice(caller: Caller, input: { SerialNumber: string }): Promise<void> {
  return operation(caller, { eventName: "DeleteVirtualMFADevice", readOnly: false, params: { ...input } }, async () => {
    const serial = checkSerialNumber(input.SerialNumber);
    const prisma = await db();
    const device = await prisma.mfaDevice.findFirst({
      where: { serialNumber: serial, accountId: caller.accountId, type: VIRTUAL },
      select: { enableDate: true, tags: { select: { key: true, value: true } } },
    });
    await authorize(caller, "iam:DeleteVirtualMFADevice", serial, { context: device ? resourceTagContext(toTags(device.tags)) : {} });
    if (!device) throw noSuchVirtualDevice(serial);
    if (device.enableDate) throw stillInUse();
    const { count } = await prisma.mfaDevice.deleteMany({ where: { serialNumber: serial, enableDate: null } });
    if (count === 1) return;
    throw (await prisma.mfaDevice.findUnique({ where: { serialNumber: serial }, select: { serialNumber: true } })) ? stillInUse() : noSuchVirtualDevice(serial);
  });
}

// ---- ListMFADevices / GetMFADevice ------------------------------------------------------------

export interface MFADevice {
  /** Absent for the root user's devices. */
  UserName?: string;
  SerialNumber: string;
  EnableDate: Date;
}

export interface ListMFADevicesInput extends PageInput {
  UserName?: string;
}

/** The principal's assigned devices of both kinds, by serial number. */
export function listMFADevices(caller: Caller, input: ListMFADevicesInput = {}): Promise<{ MFADevices: MFADevice[] } & PageOutput> {
  return operation(caller, { eventName: "ListMFADevices", readOnly: true, params: { ...input } }, async () => {
    const limit = maxItems(input);
    const after = decodeMarker(input.Marker);
    const target = await resolveTarget(caller, "iam:ListMFADevices", input.UserName);
    const rows = await (await db()).mfaDevice.findMany({
      where: { ...assignedTo(target), ...(after !== undefined ? { serialNumber: { gt: after } } : {}) },
      orderBy: { serialNumber: "asc" },
      take: limit + 1,
      select: { serialNumber: true, enableDate: true },
    });
    const { items, ...rest } = cutPage(rows, limit, (r) => r.serialNumber);
    return {
      MFADevices: items.map((r) => ({ ...(target.userName ? { UserName: target.userName } : {}), SerialNumber: r.serialNumber, EnableDate: r.enableDate! })),
      ...rest,
    };
  });
}

export interface GetMFADeviceInput {
  SerialNumber: string;
  UserName?: string;
}

export interface GetMFADeviceOutput extends MFADevice {
  /** FIPS/FIDO certification levels from the FIDO metadata service: the simulation has none. */
  Certifications?: Record<string, string>;
}

/** A security key of the principal; AWS answers this only for FIDO security keys. */
export function getMFADevice(caller: Caller, input: GetMFADeviceInput): Promise<GetMFADeviceOutput> {
  return operation(caller, { eventName: "GetMFADevice", readOnly: true, params: { ...input } }, async () => {
    const serial = checkSerialNumber(input.SerialNumber);
    const target = await resolveTarget(caller, "iam:GetMFADevice", input.UserName);
    const device = await (await db()).mfaDevice.findFirst({
      where: { serialNumber: serial, type: SECURITY_KEY, ...assignedTo(target) },
      select: { serialNumber: true, enableDate: true },
    });
    if (!device) throw noSuchDevice(serial);
    return { ...(target.userName ? { UserName: target.userName } : {}), SerialNumber: device.serialNumber, EnableDate: device.enableDate! };
  });
}

// ---- ListVirtualMFADevices --------------------------------------------------------------------

export const ASSIGNMENT_STATUSES = ["Assigned", "Unassigned", "Any"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface VirtualMFADeviceListEntry {
  SerialNumber: string;
  /** The user it is assigned to; the root user's shape for a root device. */
  User?: User | RootUser;
  EnableDate?: Date;
}

export interface ListVirtualMFADevicesInput extends PageInput {
  AssignmentStatus?: AssignmentStatus;
}

/** The account's virtual devices, without seeds or tags, by serial number. */
export function listVirtualMFADevices(
  caller: Caller,
  input: ListVirtualMFADevicesInput = {},
): Promise<{ VirtualMFADevices: VirtualMFADeviceListEntry[] } & PageOutput> {
  return operation(caller, { eventName: "ListVirtualMFADevices", readOnly: true, params: { ...input } }, async () => {
    const status = checkEnum(input.AssignmentStatus, "assignmentStatus", ASSIGNMENT_STATUSES, "Any");
    const limit = maxItems(input);
    const after = decodeMarker(input.Marker);
    await authorize(caller, "iam:ListVirtualMFADevices", listResourceArn(caller.accountId, "mfa"));
    const prisma = await db();
    const rows = await prisma.mfaDevice.findMany({
      where: {
        accountId: caller.accountId,
        type: VIRTUAL,
        ...(status === "Assigned" ? { enableDate: { not: null } } : status === "Unassigned" ? { enableDate: null } : {}),
        ...(after !== undefined ? { serialNumber: { gt: after } } : {}),
      },
      orderBy: { serialNumber: "asc" },
      take: limit + 1,
      select: {
        serialNumber: true,
        enableDate: true,
        assignedToRoot: true,
        user: { select: { id: true, name: true, path: true, arn: true, createdAt: true, passwordLastUsed: true } },
      },
    });
    const { items, ...rest } = cutPage(rows, limit, (r) => r.serialNumber);
    const root = items.some((r) => r.assignedToRoot && r.enableDate) ? await rootUser(prisma, caller.accountId) : undefined;
    return {
      VirtualMFADevices: items.map((r) => {
        const user = r.user ? toUser(r.user) : r.assignedToRoot && r.enableDate ? root : undefined;
        return { SerialNumber: r.serialNumber, ...(user ? { User: user } : {}), ...(r.enableDate ? { EnableDate: r.enableDate } : {}) };
      }),
      ...rest,
    };
  });
}

async function rootUser(prisma: Db, accountId: string): Promise<RootUser> {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId }, select: { createdAt: true, rootPasswordLastUsed: true } });
  return {
    UserId: accountId,
    Arn: rootArn(accountId),
    CreateDate: account.createdAt,
    ...(account.rootPasswordLastUsed ? { PasswordLastUsed: account.rootPasswordLastUsed } : {}),
  };
}

// ---- Security keys (console only) --------------------------------------------------------------

/** arn:aws:iam::ACCT:u2f/user/NAME/fidosecuritykey-XXXXXXXXXXXXXXXX, or …:u2f/root-user/… for root. */
function securityKeySerial(target: Target): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const suffix = Array.from(randomBytes(16), (b) => alphabet[b % 32]).join("");
  const owner = target.userName ? `user/${target.userName}` : "root-user";
  return `arn:${PARTITION}:iam::${target.accountId}:u2f/${owner}/fidosecuritykey-${suffix}`;
}

async function securityKeysOf(prisma: Db | Tx, p: MfaPrincipal) {
  const rows = await prisma.mfaDevice.findMany({
    where: { ...assignedTo(p), type: SECURITY_KEY, credentialId: { not: null } },
    select: { serialNumber: true, credentialId: true, publicKey: true, signCount: true, transports: true },
    orderBy: { serialNumber: "asc" },
  });
  return rows.map((r) => ({
    serialNumber: r.serialNumber,
    credentialId: r.credentialId!,
    publicKey: r.publicKey ?? "",
    signCount: Number(r.signCount),
    transports: storedTransports(r.transports),
  }));
}

/**
 * Runs a step that has no operation of its own (the start of a security key registration): a
 * refusal is recorded as the EnableMFADevice it would have become; success is recorded once the
 * registration completes.
 */
async function recordedOnFailure<T>(caller: Caller, spec: OperationSpec, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isIamError(err)) await operation(caller, spec, () => Promise.reject(err)).catch(() => undefined);
    throw err;
  }
}

export interface BeginSecurityKeyRegistrationInput {
  UserName?: string;
  DeviceName: string;
}

/**
 * The first half of the console's "Assign MFA device → Security key": WebAuthn creation options
 * for the browser, and the challenge they carry, kept for five minutes. Needs
 * iam:EnableMFADevice on the principal, and room for one more device.
 */
export function beginSecurityKeyRegistration(
  caller: Caller,
  input: BeginSecurityKeyRegistrationInput,
): Promise<{ registrationId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  return recordedOnFailure(caller, { eventName: "EnableMFADevice", readOnly: false, params: { ...input } }, async () => {
    const deviceName = checkDeviceName(input.DeviceName, "deviceName", SECURITY_KEY_NAME_MAX);
    const target = await resolveTarget(caller, "iam:EnableMFADevice", input.UserName);
    const prisma = await db();
    if ((await prisma.mfaDevice.count({ where: assignedTo(target) })) >= MFA_DEVICES_PER_USER) throw tooManyDevices();
    const label = await accountLabel(prisma, caller.accountId);
    const keyName = `${target.userName ?? "root"}@${label}`;
    const options = await registrationOptions(
      { handle: target.userId ?? target.accountId, name: keyName, displayName: keyName },
      await securityKeysOf(prisma, target),
    );
    await prisma.mfaRegistration.deleteMany({ where: { accountId: caller.accountId, expiresAt: { lt: caller.now } } });
    const registration = await prisma.mfaRegistration.create({
      data: {
        accountId: caller.accountId,
        userId: target.userId,
        deviceName,
        challenge: options.challenge,
        createdAt: caller.now,
        expiresAt: new Date(caller.now.getTime() + WEBAUTHN_TIMEOUT_MS),
      },
    });
    return { registrationId: registration.id, options };
  });
}

export interface CompleteSecurityKeyRegistrationInput {
  registrationId: string;
  response: RegistrationResponseJSON;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The second half: verifies the browser's attestation against the stored challenge (used once,
 * whatever the outcome) and assigns the new security key, enabled now.
 */
export function completeSecurityKeyRegistration(caller: Caller, input: CompleteSecurityKeyRegistrationInput): Promise<{ SerialNumber: string }> {
  // Filled in as the registration is read: the event records the user and the new serial number.
  const params: Record<string, unknown> = {};
  return operation(caller, { eventName: "EnableMFADevice", readOnly: false, params }, async () => {
    if (input.registrationId === undefined) throw missingMember("registrationId");
    if (input.response === undefined) throw missingMember("response");
    const prisma = await db();
    const registration = UUID_PATTERN.test(input.registrationId)
      ? await prisma.mfaRegistration.findFirst({ where: { id: input.registrationId, accountId: caller.accountId } })
      : null;
    if (!registration || registration.expiresAt <= caller.now) throw new IamError("NoSuchEntity", REGISTRATION_EXPIRED);
    // A root registration is completed by root only; a user's, by whoever may enable its devices.
    const owner = registration.userId ? await prisma.user.findUnique({ where: { id: registration.userId }, select: { name: true } }) : undefined;
    if (owner === null || (owner === undefined && !isRoot(caller))) throw new IamError("NoSuchEntity", REGISTRATION_EXPIRED);
    if (owner) params.UserName = owner.name;
    params.DeviceName = registration.deviceName;
    const target = await resolveTarget(caller, "iam:EnableMFADevice", owner?.name);
    // The challenge is spent by this attempt, verified or not.
    const { count } = await prisma.mfaRegistration.deleteMany({ where: { id: registration.id } });
    if (count === 0) throw new IamError("NoSuchEntity", REGISTRATION_EXPIRED);
    const credential = await verifyRegistration(input.response, registration.challenge);
    if (!credential) throw new IamError("InvalidAuthenticationCode", SECURITY_KEY_NOT_VERIFIED);
    const serial = securityKeySerial(target);
    params.SerialNumber = serial;
    try {
      await write(async (tx) => {
        await reserveDeviceSlot(tx, target);
        await tx.mfaDevice.create({
          data: {
            serialNumber: serial,
            accountId: target.accountId,
            name: registration.deviceName,
            path: "/",
            type: SECURITY_KEY,
            userId: target.userId,
            assignedToRoot: target.userId === null,
            enableDate: caller.now,
            createdAt: caller.now,
            credentialId: credential.credentialId,
            publicKey: credential.publicKey,
            signCount: credential.signCount,
            transports: credential.transports,
            aaguid: credential.aaguid,
          },
        });
      });
    } catch (err) {
      // The same authenticator's credential registered twice.
      if (isUniqueViolation(err)) throw deviceInUse();
      throw err;
    }
    return { SerialNumber: serial };
  });
}

// ---- Sign-in (no caller yet) --------------------------------------------------------------------

/** Which second factors the principal can present: its enabled devices of each kind. */
export async function mfaFactorsFor(principal: MfaPrincipal): Promise<{ totp: boolean; securityKey: boolean }> {
  const rows = await (await db()).mfaDevice.groupBy({ by: ["type"], where: assignedTo(principal), _count: { _all: true } });
  const has = (type: string) => rows.some((r) => r.type === type && r._count._all > 0);
  return { totp: has(VIRTUAL), securityKey: has(SECURITY_KEY) };
}

/**
 * A code from any of the principal's virtual devices, accepted once: the matched step must be
 * later than the device's last accepted step, and raising that step is one conditional UPDATE,
 * so of two servers given the same code only one accepts it.
 */
export async function verifyTotpSignIn(principal: MfaPrincipal, code: string, now: Date): Promise<boolean> {
  const prisma = await db();
  const devices = await prisma.mfaDevice.findMany({
    where: { ...assignedTo(principal), type: VIRTUAL, seedEncrypted: { not: null } },
    select: { serialNumber: true, seedEncrypted: true, lastTimeStep: true },
    orderBy: { serialNumber: "asc" },
  });
  for (const device of devices) {
    const step = matchTotp(decryptSecret(device.seedEncrypted!), code, now, TOTP_WINDOW, toStep(device.lastTimeStep));
    if (step === null) continue;
    const updated = await prisma.$executeRaw(Prisma.sql`
      UPDATE "MfaDevice" SET "lastTimeStep" = ${step}
      WHERE "serialNumber" = ${device.serialNumber} AND "enableDate" IS NOT NULL
        AND ("lastTimeStep" IS NULL OR "lastTimeStep" < ${step})`);
    if (updated === 1) return true;
  }
  return false;
}

/** WebAuthn request options naming the principal's security keys; `challenge` is what the answer must sign. */
export async function securityKeySignInOptions(principal: MfaPrincipal): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; challenge: string }> {
  const keys = await securityKeysOf(await db(), principal);
  const options = await authenticationOptions(keys);
  return { options, challenge: options.challenge };
}

/**
 * An assertion from one of the principal's security keys over `expectedChallenge`. The key's
 * counter must move forward (unless the key keeps none), and is raised by one conditional
 * UPDATE, so a replayed or cloned assertion fails.
 */
export async function verifySecurityKeySignIn(
  principal: MfaPrincipal,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  // Part of the sign-in's contract; the verdict does not depend on the time (the challenge's
  // expiry is the sign-in's to check).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  now: Date,
): Promise<boolean> {
  if (!response || typeof response.id !== "string") return false;
  const prisma = await db();
  const key = (await securityKeysOf(prisma, principal)).find((k) => k.credentialId === response.id);
  if (!key) return false;
  const verified = await verifyAuthentication(response, expectedChallenge, key);
  if (!verified) return false;
  const next = verified.newCounter;
  const counterMoves = next === 0 ? Prisma.sql`"signCount" = 0` : Prisma.sql`"signCount" < ${next}`;
  const updated = await prisma.$executeRaw(Prisma.sql`
    UPDATE "MfaDevice" SET "signCount" = ${next}
    WHERE "serialNumber" = ${key.serialNumber} AND "enableDate" IS NOT NULL AND ${counterMoves}`);
  return updated === 1;
}
