import "server-only";
import { expect, inject } from "vitest";
import { db, migrateDatabase, type Db } from "@/lib/db";
import { iamArn, rootArn } from "./arns";
import { newId } from "./ids";
import type { Caller } from "./caller";
import { IamError } from "./errors";
import { loadAwsManagedPolicies } from "./bootstrap/aws-managed-policies";
import { DEMO_ACCOUNT_ID, seedDemoAccount } from "./bootstrap/demo-account";
import { DEMO_TEST_MANAGED_POLICIES, TEST_MANAGED_POLICIES } from "./testing-managed-policies";

// Test support: a migrated database holding the demo account, and callers for its principals.

export const TEST_ROOT_PASSWORD = "Test-Root-Passw0rd!";
export const TEST_USER_PASSWORD = "Test-User-Passw0rd!";
export const TEST_ROOT_EMAIL = "root@test.example.com";
export const TEST_NOW = new Date("2026-06-01T12:00:00Z");

export async function setupDemoAccount() {
  await migrateDatabase();
  const prisma = await db();
  await loadTestManagedPolicies(prisma, DEMO_TEST_MANAGED_POLICIES);
  await seedDemoAccount(prisma, { rootEmail: TEST_ROOT_EMAIL, rootPassword: TEST_ROOT_PASSWORD, userPassword: TEST_USER_PASSWORD });
  return prisma;
}

/** Loads these AWS managed policies, from those vitest's global setup read for the run. */
export async function loadTestManagedPolicies(prisma: Db, names: string[]) {
  const missing = names.filter((n) => !TEST_MANAGED_POLICIES.includes(n));
  if (missing.length) throw new Error(`Add ${missing.join(", ")} to TEST_MANAGED_POLICIES (lib/iam/testing-managed-policies.ts).`);
  return loadAwsManagedPolicies(prisma, { only: names, source: inject("testManagedPolicies") });
}

const requestFacts = { sourceIp: "203.0.113.10", secureTransport: true, now: TEST_NOW };

export function rootCaller(accountId = DEMO_ACCOUNT_ID, overrides: Partial<Caller> = {}): Caller {
  return { accountId, principalType: "Account", principalArn: rootArn(accountId), principalId: accountId, ...requestFacts, ...overrides };
}

export async function userCaller(userName: string, overrides: Partial<Caller> = {}): Promise<Caller> {
  const user = await (await db()).user.findFirstOrThrow({ where: { nameKey: userName.toLowerCase() } });
  return {
    accountId: user.accountId,
    principalType: "User",
    principalArn: user.arn,
    principalId: user.id,
    userName: user.name,
    userId: user.id,
    ...requestFacts,
    ...overrides,
  };
}

/** A session of a role, as STS would issue it (AssumeRole with this session name). */
export async function roleSessionCaller(roleName: string, sessionName = "session", overrides: Partial<Caller> = {}): Promise<Caller> {
  // The role of the account named in the overrides, when several accounts have one of this name.
  const role = await (await db()).role.findFirstOrThrow({ where: { nameKey: roleName.toLowerCase(), ...(overrides.accountId ? { accountId: overrides.accountId } : {}) } });
  return {
    accountId: role.accountId,
    principalType: "AssumedRole",
    principalArn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
    principalId: `${role.id}:${sessionName}`,
    roleId: role.id,
    roleArn: role.arn,
    sessionName,
    ...requestFacts,
    ...overrides,
  };
}

/** The ARN of a user at path "/" in an account (the demo account unless named). */
export const testUserArn = (name: string, accountId = DEMO_ACCOUNT_ID) => iamArn(accountId, "user", "/", name);

/** A bare IAM user at path "/": no policies, no credentials. */
export async function addUser(name: string, accountId = DEMO_ACCOUNT_ID) {
  return (await db()).user.create({
    data: { id: newId("user"), accountId, name, nameKey: name.toLowerCase(), path: "/", arn: testUserArn(name, accountId) },
  });
}

/** AWS's AccessDenied text for an action no identity-based policy allows. */
export const implicitDeny = (caller: Pick<Caller, "principalArn">, action: string, resource: string) =>
  `User: ${caller.principalArn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

/** The call fails with exactly this AWS code and message. */
export async function expectError(attempt: Promise<unknown>, code: string, message: string): Promise<IamError> {
  const err = await iamError(attempt);
  expect({ code: err.code, message: err.message }).toEqual({ code, message });
  return err;
}

/** The latest activity event's ID (0 while there is none), to read what later calls record. */
export async function lastEventId(): Promise<bigint> {
  return (await (await db()).activityEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? BigInt(0);
}

/** The events a principal's calls recorded after event `afterId` (all of them by default), oldest first. */
export async function eventsSince(caller: Pick<Caller, "principalArn">, afterId = BigInt(0)) {
  const events = await (await db()).activityEvent.findMany({ where: { principalArn: caller.principalArn, id: { gt: afterId } }, orderBy: { id: "asc" } });
  return events.map((e) => [e.eventName, e.errorCode, e.requestParameters]);
}

/** The IamError a call fails with; fails the test when the call succeeds or throws anything else. */
export async function iamError(attempt: Promise<unknown>): Promise<IamError> {
  try {
    await attempt;
  } catch (err) {
    expect(err).toBeInstanceOf(IamError);
    return err as IamError;
  }
  throw new Error("The call succeeded, but it should have failed.");
}

/**
 * A new IAM user of the demo account whose only permissions are the given inline policy
 * documents, for authorization tests: "allowed exactly this action on this resource".
 */
export async function callerWithPolicies(userName: string, documents: (string | object)[], overrides: Partial<Caller> = {}): Promise<Caller> {
  const prisma = await db();
  await prisma.user.create({
    data: {
      id: newId("user"),
      accountId: DEMO_ACCOUNT_ID,
      name: userName,
      nameKey: userName.toLowerCase(),
      path: "/",
      arn: iamArn(DEMO_ACCOUNT_ID, "user", "/", userName),
      inlinePolicies: {
        create: documents.map((d, i) => ({
          accountId: DEMO_ACCOUNT_ID,
          name: `test-policy-${i + 1}`,
          document: typeof d === "string" ? d : JSON.stringify(d),
        })),
      },
    },
  });
  return userCaller(userName, overrides);
}

/** An identity policy allowing (or denying) exactly the given actions on the given resources. */
export function policyDocument(effect: "Allow" | "Deny", action: string | string[], resource: string | string[] = "*") {
  return { Version: "2012-10-17", Statement: [{ Effect: effect, Action: action, Resource: resource }] };
}
