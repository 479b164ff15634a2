import "server-only";
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import type { Caller } from "./caller";
import { hashPassword } from "./crypto";
import { isUniqueViolation, write } from "./db-facts";
import { IamError, quotaExceeded } from "./errors";
import { newId } from "./ids";
import { SERVICE_SPECIFIC_CREDENTIAL_SERVICES, type ServiceSpecificCredentialService } from "./service-credential-services";
import { SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE } from "./limits";
import {
  checkCredentialId,
  credentialUser,
  deleteCredential,
  lockOwner,
  updateCredentialStatus,
  userOwner,
  type CredentialKind,
  type UserOwnerWhere,
  type CredentialStatus,
} from "./user-credentials";
import { missingMember, NAME_LIMITS } from "./validation";

// Service-specific credentials: a user name and password IAM generates for one service —
// HTTPS Git credentials for AWS CodeCommit, and credentials for Amazon Keyspaces (for Apache
// Cassandra). Only IAM users have them, at most two per service. The password is returned
// once (Create, Reset) and kept only as a bcrypt hash. The user name is
// "<user>-at-<account ID>", with "+N" before "-at-" for a user's further credentials, so it
// stays unique.

export interface ServiceSpecificCredentialMetadata {
  UserName: string;
  Status: CredentialStatus;
  ServiceUserName: string;
  CreateDate: Date;
  ServiceSpecificCredentialId: string;
  ServiceName: string;
}

export interface ServiceSpecificCredential extends ServiceSpecificCredentialMetadata {
  /** Returned by Create and Reset only. */
  ServicePassword: string;
}

/** The model's serviceSpecificCredentialId: 20–128 characters of [\w]. */
const CREDENTIAL_ID_MIN = 20;

/** The texts emulators checked against AWS report; not documented. */
export const unsupportedService = (serviceName: string) =>
  new IamError("NoSuchEntity", `No such service ${serviceName} is supported for Service Specific Credentials`);
export const noSuchServiceSpecificCredential = (id: string) => new IamError("NoSuchEntity", `No such credential ${id} exists`);

function checkService(value: string | undefined): ServiceSpecificCredentialService {
  if (value === undefined) throw missingMember("serviceName");
  if (!(SERVICE_SPECIFIC_CREDENTIAL_SERVICES as readonly string[]).includes(value)) throw unsupportedService(value);
  return value as ServiceSpecificCredentialService;
}

const checkId = (value: string | undefined) => checkCredentialId(value, "serviceSpecificCredentialId", CREDENTIAL_ID_MIN);

/** A generated password: 32 random bytes in base64, 44 characters, as AWS's look. */
export function newServicePassword(): string {
  return randomBytes(32).toString("base64");
}

/** Only IAM users have service-specific credentials; UserName absent is the calling user. */
const SERVICE_SPECIFIC_CREDENTIALS: CredentialKind<UserOwnerWhere> = {
  idMember: "serviceSpecificCredentialId",
  idMin: CREDENTIAL_ID_MIN,
  owner: userOwner(NAME_LIMITS.userName),
  rows: (prisma) => prisma.serviceSpecificCredential,
  noSuch: noSuchServiceSpecificCredential,
};

type CredentialRow = { id: string; serviceName: string; serviceUserName: string; status: string; createDate: Date };

const toMetadata = (userName: string, r: CredentialRow): ServiceSpecificCredentialMetadata => ({
  UserName: userName,
  Status: r.status as CredentialStatus,
  ServiceUserName: r.serviceUserName,
  CreateDate: r.createDate,
  ServiceSpecificCredentialId: r.id,
  ServiceName: r.serviceName,
});

/** The first free "<user>[+N]-at-<account>" (the user row is locked by the caller). */
async function freeServiceUserName(tx: Tx, userName: string, accountId: string): Promise<string> {
  const candidates = Array.from({ length: 16 }, (_, n) => `${userName}${n === 0 ? "" : `+${n}`}-at-${accountId}`);
  const taken = new Set(
    (await tx.serviceSpecificCredential.findMany({ where: { serviceUserName: { in: candidates } }, select: { serviceUserName: true } })).map(
      (r) => r.serviceUserName,
    ),
  );
  const free = candidates.find((c) => !taken.has(c));
  if (!free) throw quotaExceeded("ServiceSpecificCredentialsPerUser", SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE);
  return free;
}

// ---- CreateServiceSpecificCredential --------------------------------------------------------

export interface CreateServiceSpecificCredentialInput {
  UserName: string;
  ServiceName: string;
}

export function createServiceSpecificCredential(
  caller: Caller,
  input: CreateServiceSpecificCredentialInput,
): Promise<{ ServiceSpecificCredential: ServiceSpecificCredential }> {
  return operation(caller, { eventName: "CreateServiceSpecificCredential", readOnly: false, params: { ...input } }, async () => {
    if (input.UserName === undefined) throw missingMember("userName");
    const serviceName = checkService(input.ServiceName);
    const user = await credentialUser(await db(), caller, "iam:CreateServiceSpecificCredential", input.UserName, NAME_LIMITS.userName);
    const password = newServicePassword();
    const passwordHash = await hashPassword(password);
    const row = await write(async (tx) => {
      await lockOwner(tx, caller, { kind: "user", user, arn: user.arn });
      if ((await tx.serviceSpecificCredential.count({ where: { userId: user.id, serviceName } })) >= SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE) {
        throw quotaExceeded("ServiceSpecificCredentialsPerUser", SERVICE_SPECIFIC_CREDENTIALS_PER_SERVICE);
      }
      const serviceUserName = await freeServiceUserName(tx, user.name, caller.accountId);
      try {
        return await tx.serviceSpecificCredential.create({
          data: { id: newId("serviceSpecificCredential"), accountId: caller.accountId, userId: user.id, serviceName, serviceUserName, passwordHash, createDate: caller.now },
        });
      } catch (err) {
        // Another user's credential took the name (a renamed user's namesake): the caller may retry.
        if (isUniqueViolation(err)) throw new IamError("ConcurrentModification", "The service user name was taken concurrently. Try again.");
        throw err;
      }
    });
    return { ServiceSpecificCredential: { ...toMetadata(user.name, row), ServicePassword: password } };
  });
}

// ---- ListServiceSpecificCredentials ---------------------------------------------------------

export interface ListServiceSpecificCredentialsInput {
  /** Absent: the calling IAM user. */
  UserName?: string;
  /** Only this service's credentials. */
  ServiceName?: string;
}

export function listServiceSpecificCredentials(
  caller: Caller,
  input: ListServiceSpecificCredentialsInput = {},
): Promise<{ ServiceSpecificCredentials: ServiceSpecificCredentialMetadata[] }> {
  return operation(caller, { eventName: "ListServiceSpecificCredentials", readOnly: true, params: { ...input } }, async () => {
    const serviceName = input.ServiceName === undefined ? undefined : checkService(input.ServiceName);
    const prisma = await db();
    const user = await credentialUser(prisma, caller, "iam:ListServiceSpecificCredentials", input.UserName, NAME_LIMITS.userName);
    const rows = await prisma.serviceSpecificCredential.findMany({
      where: { userId: user.id, ...(serviceName ? { serviceName } : {}) },
      orderBy: [{ createDate: "asc" }, { id: "asc" }],
      select: { id: true, serviceName: true, serviceUserName: true, status: true, createDate: true },
    });
    return { ServiceSpecificCredentials: rows.map((r) => toMetadata(user.name, r)) };
  });
}

// ---- ResetServiceSpecificCredential ---------------------------------------------------------

export interface ResetServiceSpecificCredentialInput {
  UserName?: string;
  ServiceSpecificCredentialId: string;
}

/** A new generated password; the old one stops working at once. */
export function resetServiceSpecificCredential(
  caller: Caller,
  input: ResetServiceSpecificCredentialInput,
): Promise<{ ServiceSpecificCredential: ServiceSpecificCredential }> {
  return operation(caller, { eventName: "ResetServiceSpecificCredential", readOnly: false, params: { ...input } }, async () => {
    const id = checkId(input.ServiceSpecificCredentialId);
    const prisma = await db();
    const user = await credentialUser(prisma, caller, "iam:ResetServiceSpecificCredential", input.UserName, NAME_LIMITS.userName);
    const password = newServicePassword();
    const passwordHash = await hashPassword(password);
    const { count } = await prisma.serviceSpecificCredential.updateMany({ where: { id, userId: user.id }, data: { passwordHash } });
    if (count === 0) throw noSuchServiceSpecificCredential(id);
    const row = await prisma.serviceSpecificCredential.findUniqueOrThrow({ where: { id } });
    return { ServiceSpecificCredential: { ...toMetadata(user.name, row), ServicePassword: password } };
  });
}

// ---- UpdateServiceSpecificCredential --------------------------------------------------------

export interface UpdateServiceSpecificCredentialInput {
  UserName?: string;
  ServiceSpecificCredentialId: string;
  Status: string;
}

export function updateServiceSpecificCredential(caller: Caller, input: UpdateServiceSpecificCredentialInput): Promise<void> {
  return operation(caller, { eventName: "UpdateServiceSpecificCredential", readOnly: false, params: { ...input } }, () =>
    updateCredentialStatus(caller, SERVICE_SPECIFIC_CREDENTIALS, "iam:UpdateServiceSpecificCredential", {
      UserName: input.UserName,
      id: input.ServiceSpecificCredentialId,
      Status: input.Status,
    }),
  );
}

// ---- DeleteServiceSpecificCredential --------------------------------------------------------

export interface DeleteServiceSpecificCredentialInput {
  UserName?: string;
  ServiceSpecificCredentialId: string;
}

export function deleteServiceSpecificCredential(caller: Caller, input: DeleteServiceSpecificCredentialInput): Promise<void> {
  return operation(caller, { eventName: "DeleteServiceSpecificCredential", readOnly: false, params: { ...input } }, () =>
    deleteCredential(caller, SERVICE_SPECIFIC_CREDENTIALS, "iam:DeleteServiceSpecificCredential", { UserName: input.UserName, id: input.ServiceSpecificCredentialId }),
  );
}
