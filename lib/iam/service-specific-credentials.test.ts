import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { verifyPassword } from "./crypto";
import {
  createServiceSpecificCredential,
  deleteServiceSpecificCredential,
  listServiceSpecificCredentials,
  resetServiceSpecificCredential,
  updateServiceSpecificCredential,
} from "./service-specific-credentials";
import { addUser, callerWithPolicies, expectError, implicitDeny, policyDocument, rootCaller, setupDemoAccount, TEST_NOW, testUserArn, userCaller } from "./testing";

// Service-specific credentials (HTTPS Git credentials for CodeCommit, Amazon Keyspaces): a
// generated user name and password, the password shown once and kept only hashed.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const ACCT = DEMO_ACCOUNT_ID;
const CODECOMMIT = "codecommit.amazonaws.com";
const KEYSPACES = "cassandra.amazonaws.com";

describe("CreateServiceSpecificCredential", () => {
  it("generates a user name and a password for the service, and keeps only the password's hash", async () => {
    await addUser("ssc-create");
    const root = rootCaller();
    const out = await createServiceSpecificCredential(root, { UserName: "ssc-create", ServiceName: CODECOMMIT });
    expect(out).toEqual({
      ServiceSpecificCredential: {
        UserName: "ssc-create",
        Status: "Active",
        ServiceUserName: `ssc-create-at-${ACCT}`,
        CreateDate: TEST_NOW,
        ServiceSpecificCredentialId: expect.stringMatching(/^ACCA[A-Z2-7]{17}$/),
        ServiceName: CODECOMMIT,
        ServicePassword: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      },
    });
    const { ServicePassword, ServiceSpecificCredentialId } = out.ServiceSpecificCredential;
    const row = await prisma.serviceSpecificCredential.findUniqueOrThrow({ where: { id: ServiceSpecificCredentialId } });
    expect(JSON.stringify(row)).not.toContain(ServicePassword);
    expect(await verifyPassword(ServicePassword, row.passwordHash)).toBe(true);
    const events = await prisma.activityEvent.findMany({ where: { principalArn: root.principalArn }, select: { requestParameters: true } });
    expect(JSON.stringify(events)).not.toContain(ServicePassword);
  });

  it("a user's second credential for a service gets the next user name; a third fails with LimitExceeded", async () => {
    await addUser("ssc-quota");
    const first = await createServiceSpecificCredential(rootCaller(), { UserName: "ssc-quota", ServiceName: CODECOMMIT });
    const second = await createServiceSpecificCredential(rootCaller(), { UserName: "ssc-quota", ServiceName: CODECOMMIT });
    expect([first, second].map((c) => c.ServiceSpecificCredential.ServiceUserName)).toEqual([`ssc-quota-at-${ACCT}`, `ssc-quota+1-at-${ACCT}`]);
    const err = await expectError(
      createServiceSpecificCredential(rootCaller(), { UserName: "ssc-quota", ServiceName: CODECOMMIT }),
      "LimitExceeded",
      "Cannot exceed quota for ServiceSpecificCredentialsPerUser: 2",
    );
    expect(err.status).toBe(409);
    // The quota is per service.
    const keyspaces = await createServiceSpecificCredential(rootCaller(), { UserName: "ssc-quota", ServiceName: KEYSPACES });
    expect(keyspaces.ServiceSpecificCredential.ServiceName).toBe(KEYSPACES);
  });

  it("a service without service-specific credentials fails with NoSuchEntity", async () => {
    await addUser("ssc-service");
    await expectError(
      createServiceSpecificCredential(rootCaller(), { UserName: "ssc-service", ServiceName: "s3.amazonaws.com" }),
      "NoSuchEntity",
      "No such service s3.amazonaws.com is supported for Service Specific Credentials",
    );
  });

  it("for a user that does not exist fails with NoSuchEntity, after authorization", async () => {
    await expectError(createServiceSpecificCredential(rootCaller(), { UserName: "nobody", ServiceName: CODECOMMIT }), "NoSuchEntity", "The user with name nobody cannot be found.");
    const dave = await userCaller("dave");
    await expectError(
      createServiceSpecificCredential(dave, { UserName: "nobody", ServiceName: CODECOMMIT }),
      "AccessDenied",
      implicitDeny(dave, "iam:CreateServiceSpecificCredential", testUserArn("nobody")),
    );
  });
});

describe("ListServiceSpecificCredentials", () => {
  it("lists a user's credentials without passwords, optionally for one service", async () => {
    await addUser("ssc-list");
    const git = (await createServiceSpecificCredential(rootCaller(), { UserName: "ssc-list", ServiceName: CODECOMMIT })).ServiceSpecificCredential;
    const cql = (await createServiceSpecificCredential(rootCaller(), { UserName: "ssc-list", ServiceName: KEYSPACES })).ServiceSpecificCredential;
    const all = await listServiceSpecificCredentials(rootCaller(), { UserName: "ssc-list" });
    expect(all.ServiceSpecificCredentials.map((c) => c.ServiceSpecificCredentialId).sort()).toEqual(
      [git.ServiceSpecificCredentialId, cql.ServiceSpecificCredentialId].sort(),
    );
    expect(await listServiceSpecificCredentials(rootCaller(), { UserName: "ssc-list", ServiceName: KEYSPACES })).toEqual({
      ServiceSpecificCredentials: [
        {
          UserName: "ssc-list",
          Status: "Active",
          ServiceUserName: cql.ServiceUserName,
          CreateDate: TEST_NOW,
          ServiceSpecificCredentialId: cql.ServiceSpecificCredentialId,
          ServiceName: KEYSPACES,
        },
      ],
    });
  });

  it("without UserName lists the calling user's; the root user has none", async () => {
    const caller = await callerWithPolicies("ssc-self", [
      policyDocument("Allow", ["iam:CreateServiceSpecificCredential", "iam:ListServiceSpecificCredentials"], testUserArn("ssc-self")),
    ]);
    await createServiceSpecificCredential(caller, { UserName: "ssc-self", ServiceName: CODECOMMIT });
    expect((await listServiceSpecificCredentials(caller)).ServiceSpecificCredentials).toHaveLength(1);
    await expectError(listServiceSpecificCredentials(rootCaller()), "ValidationError", "Must specify userName when calling with non-User credentials");
  });
});

describe("ResetServiceSpecificCredential, UpdateServiceSpecificCredential, DeleteServiceSpecificCredential", () => {
  it("resets the password (the old one stops matching), deactivates, and deletes", async () => {
    await addUser("ssc-life");
    const created = (await createServiceSpecificCredential(rootCaller(), { UserName: "ssc-life", ServiceName: CODECOMMIT })).ServiceSpecificCredential;
    const id = created.ServiceSpecificCredentialId;
    const reset = (await resetServiceSpecificCredential(rootCaller(), { UserName: "ssc-life", ServiceSpecificCredentialId: id })).ServiceSpecificCredential;
    expect(reset).toMatchObject({ ServiceSpecificCredentialId: id, ServiceUserName: created.ServiceUserName, Status: "Active" });
    expect(reset.ServicePassword).not.toBe(created.ServicePassword);
    const row = await prisma.serviceSpecificCredential.findUniqueOrThrow({ where: { id } });
    expect(await verifyPassword(reset.ServicePassword, row.passwordHash)).toBe(true);
    expect(await verifyPassword(created.ServicePassword, row.passwordHash)).toBe(false);

    await updateServiceSpecificCredential(rootCaller(), { UserName: "ssc-life", ServiceSpecificCredentialId: id, Status: "Inactive" });
    expect((await listServiceSpecificCredentials(rootCaller(), { UserName: "ssc-life" })).ServiceSpecificCredentials[0].Status).toBe("Inactive");
    await deleteServiceSpecificCredential(rootCaller(), { UserName: "ssc-life", ServiceSpecificCredentialId: id });
    expect((await listServiceSpecificCredentials(rootCaller(), { UserName: "ssc-life" })).ServiceSpecificCredentials).toEqual([]);
    for (const attempt of [
      () => resetServiceSpecificCredential(rootCaller(), { UserName: "ssc-life", ServiceSpecificCredentialId: id }),
      () => updateServiceSpecificCredential(rootCaller(), { UserName: "ssc-life", ServiceSpecificCredentialId: id, Status: "Active" }),
      () => deleteServiceSpecificCredential(rootCaller(), { UserName: "ssc-life", ServiceSpecificCredentialId: id }),
    ]) {
      await expectError(attempt(), "NoSuchEntity", `No such credential ${id} exists`);
    }
  });

  it("a status other than Active or Inactive fails with ValidationError", async () => {
    await expectError(
      updateServiceSpecificCredential(rootCaller(), { UserName: "alice", ServiceSpecificCredentialId: "ACCAEXAMPLE123EXAMPLE", Status: "On" }),
      "ValidationError",
      "1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
    );
  });
});
