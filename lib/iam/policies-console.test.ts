import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { deletePolicy } from "./policies";
import { deletePolicyWithDependencies, listPoliciesForConsole, type ListPoliciesForConsoleInput } from "./policies-console";
import { awsPolicy, awsPolicyArn, lastEvent, makeGroup, makePolicy, makeRole, makeUser, S3_READ } from "./policy-fixtures";
import { callerWithPolicies, iamError, loadTestManagedPolicies, policyDocument, rootCaller, setupDemoAccount, userCaller } from "./testing";

// The console's Policies table over the demo account's five AWS managed policies, two more
// loaded here (a job function and a service role), and DeveloperAccess.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  await loadTestManagedPolicies(prisma, ["ViewOnlyAccess", "AWSLambdaBasicExecutionRole"]);
  await prisma.policy.updateMany({ where: { name: "DeveloperAccess" }, data: { description: "Build and run applications; read IAM; manage only your own credentials." } });
});

const names = async (input: ListPoliciesForConsoleInput) => (await listPoliciesForConsole(rootCaller(), input)).items.map((r) => r.PolicyName);

describe("listPoliciesForConsole", () => {
  it("lists name, type, used as and description, by name", async () => {
    const out = await listPoliciesForConsole(rootCaller());
    expect(out.total).toBe(8);
    expect(out.items.map((r) => [r.PolicyName, r.type, r.usedAs])).toEqual([
      ["AdministratorAccess", "AWS managed", "Permissions policy (1)"],
      ["AmazonS3ReadOnlyAccess", "AWS managed", "Permissions policy (1)"],
      ["AWSLambdaBasicExecutionRole", "AWS managed", "None"],
      ["DeveloperAccess", "Customer managed", "Permissions policy (1)"],
      ["IAMReadOnlyAccess", "AWS managed", "None"],
      ["ReadOnlyAccess", "AWS managed", "None"],
      ["SecurityAudit", "AWS managed", "Permissions policy (2)"],
      ["ViewOnlyAccess", "AWS managed - job function", "None"],
    ]);
    const dev = out.items.find((r) => r.PolicyName === "DeveloperAccess")!;
    expect(dev).toMatchObject({ Description: "Build and run applications; read IAM; manage only your own credentials.", Arn: "arn:aws:iam::123456789012:policy/DeveloperAccess" });
    expect((await lastEvent(rootCaller(), "ListPolicies")).readOnly).toBe(true);
  });

  it("filters by type", async () => {
    expect(await names({ type: "Customer managed" })).toEqual(["DeveloperAccess"]);
    expect(await names({ type: "AWS managed - job function" })).toEqual(["ViewOnlyAccess"]);
    expect(await names({ type: "AWS managed" })).not.toContain("ViewOnlyAccess");
    expect(await names({ type: "AWS managed" })).not.toContain("DeveloperAccess");
  });

  it("filters by use: permissions policy, permissions boundary, none", async () => {
    const boundary = await awsPolicy("IAMReadOnlyAccess");
    await prisma.user.updateMany({ where: { name: "dave" }, data: { permissionsBoundaryId: boundary.id } });
    try {
      expect(await names({ usage: "Permissions policy" })).toEqual(["AdministratorAccess", "AmazonS3ReadOnlyAccess", "DeveloperAccess", "SecurityAudit"]);
      expect(await names({ usage: "Permissions boundary" })).toEqual(["IAMReadOnlyAccess"]);
      expect(await names({ usage: "None" })).toEqual(["AWSLambdaBasicExecutionRole", "ReadOnlyAccess", "ViewOnlyAccess"]);
      const row = (await listPoliciesForConsole(rootCaller(), { usage: "Permissions boundary" })).items[0];
      expect(row.usedAs).toBe("Permissions boundary (1)");
    } finally {
      await prisma.user.updateMany({ where: { name: "dave" }, data: { permissionsBoundaryId: null } });
    }
  });

  it("filters by text in the name or description, case-insensitively", async () => {
    expect(await names({ filter: "readonly" })).toEqual(["AmazonS3ReadOnlyAccess", "IAMReadOnlyAccess", "ReadOnlyAccess"]);
    expect(await names({ filter: "OWN CREDENTIALS" })).toEqual(["DeveloperAccess"]);
    expect(await names({ filter: "  " })).toHaveLength(8);
  });

  it("sorts by name either way, and by type (AWS managed first)", async () => {
    const asc = await names({});
    expect(await names({ sort: { by: "name", descending: true } })).toEqual([...asc].reverse());
    expect((await names({ sort: { by: "type" } })).at(-1)).toBe("DeveloperAccess");
    expect((await names({ sort: { by: "type", descending: true } }))[0]).toBe("DeveloperAccess");
  });

  it("pages in the database and reports the total", async () => {
    await makePolicy("ZzPaging");
    const first = await listPoliciesForConsole(rootCaller(), { page: 1, pageSize: 4 });
    const third = await listPoliciesForConsole(rootCaller(), { page: 3, pageSize: 4 });
    expect(first).toMatchObject({ total: 9, page: 1, pageSize: 4 });
    expect(first.items).toHaveLength(4);
    expect(third.items.map((r) => r.PolicyName)).toEqual(["ZzPaging"]);
    const clamped = await listPoliciesForConsole(rootCaller(), { page: 0, pageSize: 10_000 });
    expect(clamped).toMatchObject({ page: 1, pageSize: 100 });
  });

  it("needs iam:ListPolicies", async () => {
    const err = await iamError(listPoliciesForConsole(await userCaller("dave")));
    expect(err).toMatchObject({ code: "AccessDenied" });
    expect((await listPoliciesForConsole(await userCaller("carol"), { type: "Customer managed" })).items.map((r) => r.PolicyName)).toEqual(["DeveloperAccess", "ZzPaging"]);
  });
});

describe("deletePolicyWithDependencies (the console's Delete of a policy)", () => {
  const ACCT = DEMO_ACCOUNT_ID;
  const lastEventId = async () => (await prisma.activityEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
  const eventsSince = async (id: bigint) =>
    (await prisma.activityEvent.findMany({ where: { id: { gt: id } }, orderBy: { id: "asc" } })).map((e) => [e.eventName, e.errorCode, e.requestParameters]);

  /** A policy with three versions (v1 the default), attached to a user, a group and a role of its own. */
  async function sharedPolicy(name: string, options: { rolePath?: string } = {}) {
    const policy = await makePolicy(name, { versions: [S3_READ, S3_READ, S3_READ] });
    const user = await makeUser(`${name}-user`);
    const group = await makeGroup(`${name}-group`);
    const role = await makeRole(`${name}-role`, { path: options.rolePath });
    await prisma.policyAttachment.createMany({
      data: [{ userId: user.id }, { groupId: group.id }, { roleId: role.id }].map((owner) => ({ accountId: ACCT, policyId: policy.id, ...owner })),
    });
    return policy;
  }

  const untouched = async (policy: { id: string }) => {
    expect(await prisma.policyAttachment.count({ where: { policyId: policy.id } })).toBe(3);
    expect(await prisma.policyVersion.count({ where: { policyId: policy.id } })).toBe(3);
  };

  it("detaches it from every user, group and role, deletes its other versions, then deletes it: one event per call", async () => {
    const policy = await sharedPolicy("Shared");
    const before = await lastEventId();
    expect(await deletePolicyWithDependencies(rootCaller(), { PolicyArn: policy.arn })).toEqual({
      PolicyName: "Shared",
      PolicyArn: policy.arn,
      DetachedFrom: { UserNames: ["Shared-user"], GroupNames: ["Shared-group"], RoleNames: ["Shared-role"] },
      DeletedVersionIds: ["v3", "v2"],
    });
    expect(await prisma.policy.count({ where: { id: policy.id } })).toBe(0);
    expect(await prisma.policyAttachment.count({ where: { policyId: policy.id } })).toBe(0);
    expect(await prisma.user.count({ where: { name: "Shared-user" } })).toBe(1);
    const arn = policy.arn;
    expect(await eventsSince(before)).toEqual([
      ["DetachUserPolicy", null, { UserName: "Shared-user", PolicyArn: arn }],
      ["DetachGroupPolicy", null, { GroupName: "Shared-group", PolicyArn: arn }],
      ["DetachRolePolicy", null, { RoleName: "Shared-role", PolicyArn: arn }],
      ["DeletePolicyVersion", null, { PolicyArn: arn, VersionId: "v3" }],
      ["DeletePolicyVersion", null, { PolicyArn: arn, VersionId: "v2" }],
      ["DeletePolicy", null, { PolicyArn: arn }],
    ]);
  });

  it("deletes a policy nothing uses with DeletePolicy alone", async () => {
    const policy = await makePolicy("Unused");
    const before = await lastEventId();
    await deletePolicyWithDependencies(rootCaller(), { PolicyArn: policy.arn });
    expect(await eventsSince(before)).toEqual([["DeletePolicy", null, { PolicyArn: policy.arn }]]);
  });

  it("of a policy in use as a permissions boundary fails with DeletePolicy's DeleteConflict and changes nothing", async () => {
    const policy = await sharedPolicy("Boundary");
    await prisma.user.updateMany({ where: { name: "Boundary-user" }, data: { permissionsBoundaryId: policy.id } });
    const before = await lastEventId();
    const err = await iamError(deletePolicyWithDependencies(rootCaller(), { PolicyArn: policy.arn }));
    expect([err.code, err.message]).toEqual(["DeleteConflict", "Cannot delete a policy attached to entities."]);
    await untouched(policy);
    expect(await eventsSince(before)).toEqual([["DeletePolicy", "DeleteConflict", { PolicyArn: policy.arn }]]);
  });

  it("of an AWS managed policy is refused as DeletePolicy refuses it, even to root, and detaches nothing", async () => {
    const arn = awsPolicyArn("SecurityAudit");
    const attached = await prisma.policyAttachment.count({ where: { policy: { arn } } });
    const expected = await iamError(deletePolicy(rootCaller(), { PolicyArn: arn }));
    const err = await iamError(deletePolicyWithDependencies(rootCaller(), { PolicyArn: arn }));
    expect([err.code, err.message]).toEqual([expected.code, expected.message]);
    expect(err.code).toBe("AccessDenied");
    expect(await prisma.policyAttachment.count({ where: { policy: { arn } } })).toBe(attached);
  });

  it("of a policy that does not exist fails with NoSuchEntity, after AccessDenied for a caller who may not delete", async () => {
    const arn = "arn:aws:iam::123456789012:policy/Nope";
    const err = await iamError(deletePolicyWithDependencies(rootCaller(), { PolicyArn: arn }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", `Policy ${arn} was not found.`]);
    expect((await iamError(deletePolicyWithDependencies(await userCaller("dave"), { PolicyArn: arn }))).code).toBe("AccessDenied");
  });

  it("with an ARN that is not a policy's fails with InvalidInput, recorded under DeletePolicy", async () => {
    const before = await lastEventId();
    const err = await iamError(deletePolicyWithDependencies(rootCaller(), { PolicyArn: "arn:aws:iam::123456789012:user/alice" }));
    expect(err.code).toBe("InvalidInput");
    expect((await eventsSince(before)).map((e) => e.slice(0, 2))).toEqual([["DeletePolicy", "InvalidInput"]]);
  });

  it("attached to a service-linked role fails with UnmodifiableEntity at DetachRolePolicy and changes nothing", async () => {
    const policy = await sharedPolicy("Linked", { rolePath: "/aws-service-role/autoscaling.amazonaws.com/" });
    const err = await iamError(deletePolicyWithDependencies(rootCaller(), { PolicyArn: policy.arn }));
    expect([err.code, err.message]).toEqual([
      "UnmodifiableEntity",
      "Cannot perform the operation on the protected role 'Linked-role' - this role is only modifiable by AWS",
    ]);
    await untouched(policy);
    expect(await lastEvent(rootCaller(), "DetachRolePolicy")).toMatchObject({ errorCode: "UnmodifiableEntity" });
  });

  // Every call needs its own permission: denying any one of them changes nothing, and the
  // denied call is the event recorded.
  it.each([
    { denied: "DetachUserPolicy", resource: (n: string) => `arn:aws:iam::123456789012:user/${n}-user` },
    { denied: "DetachGroupPolicy", resource: (n: string) => `arn:aws:iam::123456789012:group/${n}-group` },
    { denied: "DetachRolePolicy", resource: (n: string) => `arn:aws:iam::123456789012:role/${n}-role` },
    { denied: "DeletePolicyVersion", resource: (n: string) => `arn:aws:iam::123456789012:policy/${n}` },
    { denied: "DeletePolicy", resource: (n: string) => `arn:aws:iam::123456789012:policy/${n}` },
  ])("with iam:$denied denied fails with AccessDenied on it and changes nothing", async ({ denied, resource }) => {
    const name = `No${denied}`;
    const policy = await sharedPolicy(name);
    const caller = await callerWithPolicies(`deleter-${denied}`, [policyDocument("Allow", "iam:*"), policyDocument("Deny", `iam:${denied}`)]);
    const before = await lastEventId();
    const err = await iamError(deletePolicyWithDependencies(caller, { PolicyArn: policy.arn }));
    expect(err.message).toBe(
      `User: ${caller.principalArn} is not authorized to perform: iam:${denied} on resource: ${resource(name)} with an explicit deny in an identity-based policy`,
    );
    await untouched(policy);
    expect((await eventsSince(before)).map((e) => e.slice(0, 2))).toEqual([[denied, "AccessDenied"]]);
  });

  it("authorizes each detach with iam:PolicyARN: a caller allowed to detach only other policies is denied", async () => {
    const policy = await sharedPolicy("Conditioned");
    const onlyOthers = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "iam:*", Resource: "*" },
        { Effect: "Deny", Action: "iam:DetachGroupPolicy", Resource: "*", Condition: { ArnEquals: { "iam:PolicyARN": policy.arn } } },
      ],
    };
    const caller = await callerWithPolicies("conditioned-deleter", [onlyOthers]);
    expect((await iamError(deletePolicyWithDependencies(caller, { PolicyArn: policy.arn }))).message).toContain("iam:DetachGroupPolicy");
    await untouched(policy);
  });
});
