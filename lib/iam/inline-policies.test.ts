import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import type { Caller } from "./caller";
import {
  deleteGroupPolicy,
  deleteRolePolicy,
  deleteUserPolicy,
  getGroupPolicy,
  getRolePolicy,
  getUserPolicy,
  listGroupPolicies,
  listRolePolicies,
  listUserPolicies,
  putGroupPolicy,
  putRolePolicy,
  putUserPolicy,
} from "./inline-policies";
import { documentOfSize, lastEvent, makeGroup, makeRole, makeUser, S3_READ } from "./policy-fixtures";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount } from "./testing";

// Inline policies: one document per name per principal, checked as identity policies, with
// every inline policy of a principal counted together against its size quota.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const root = () => rootCaller();

type Kind = "user" | "group" | "role";
const ops = {
  user: {
    make: (n: string) => makeUser(n),
    put: (c: Caller, name: string, PolicyName: string, PolicyDocument: string) => putUserPolicy(c, { UserName: name, PolicyName, PolicyDocument }),
    get: (c: Caller, name: string, PolicyName: string) => getUserPolicy(c, { UserName: name, PolicyName }),
    list: (c: Caller, name: string, more = {}) => listUserPolicies(c, { UserName: name, ...more }),
    del: (c: Caller, name: string, PolicyName: string) => deleteUserPolicy(c, { UserName: name, PolicyName }),
    noun: "User",
    quota: 2048,
  },
  group: {
    make: (n: string) => makeGroup(n),
    put: (c: Caller, name: string, PolicyName: string, PolicyDocument: string) => putGroupPolicy(c, { GroupName: name, PolicyName, PolicyDocument }),
    get: (c: Caller, name: string, PolicyName: string) => getGroupPolicy(c, { GroupName: name, PolicyName }),
    list: (c: Caller, name: string, more = {}) => listGroupPolicies(c, { GroupName: name, ...more }),
    del: (c: Caller, name: string, PolicyName: string) => deleteGroupPolicy(c, { GroupName: name, PolicyName }),
    noun: "Group",
    quota: 5120,
  },
  role: {
    make: (n: string) => makeRole(n),
    put: (c: Caller, name: string, PolicyName: string, PolicyDocument: string) => putRolePolicy(c, { RoleName: name, PolicyName, PolicyDocument }),
    get: (c: Caller, name: string, PolicyName: string) => getRolePolicy(c, { RoleName: name, PolicyName }),
    list: (c: Caller, name: string, more = {}) => listRolePolicies(c, { RoleName: name, ...more }),
    del: (c: Caller, name: string, PolicyName: string) => deleteRolePolicy(c, { RoleName: name, PolicyName }),
    noun: "Role",
    quota: 10_240,
  },
} as const;

describe.each(["user", "group", "role"] as Kind[])("Put, Get, List and Delete %s policies", (kind) => {
  const op = ops[kind];
  const noun = op.noun;

  it("puts, reads back as stored, lists by name and deletes", async () => {
    await op.make(`${kind}-inline`);
    await op.put(root(), `${kind}-inline`, "ReadS3", S3_READ);
    await op.put(root(), `${kind}-inline`, "Admin", JSON.stringify(policyDocument("Allow", "*")));
    expect(await op.get(root(), `${kind}-inline`, "ReadS3")).toEqual({ [`${noun}Name`]: `${kind}-inline`, PolicyName: "ReadS3", PolicyDocument: S3_READ });
    expect(await op.list(root(), `${kind}-inline`)).toEqual({ PolicyNames: ["Admin", "ReadS3"], IsTruncated: false });
    expect(await lastEvent(root(), `Put${noun}Policy`)).toMatchObject({ errorCode: null, readOnly: false, requestParameters: { PolicyName: "Admin" } });
    await op.del(root(), `${kind}-inline`, "Admin");
    expect((await op.list(root(), `${kind}-inline`)).PolicyNames).toEqual(["ReadS3"]);
    expect((await lastEvent(root(), `Delete${noun}Policy`)).errorCode).toBeNull();
    expect((await lastEvent(root(), `Get${noun}Policy`)).readOnly).toBe(true);
  });

  it("putting a policy under an existing name replaces it", async () => {
    await op.make(`${kind}-replace`);
    await op.put(root(), `${kind}-replace`, "P", S3_READ);
    const next = JSON.stringify(policyDocument("Allow", "s3:PutObject"));
    await op.put(root(), `${kind}-replace`, "P", next);
    expect((await op.get(root(), `${kind}-replace`, "P")).PolicyDocument).toBe(next);
    expect((await op.list(root(), `${kind}-replace`)).PolicyNames).toEqual(["P"]);
  });

  it("reading or deleting a policy that does not exist fails with NoSuchEntity", async () => {
    await op.make(`${kind}-missing`);
    const message = `The ${kind} policy with name Ghost cannot be found.`;
    expect(await iamError(op.get(root(), `${kind}-missing`, "Ghost"))).toMatchObject({ code: "NoSuchEntity", message });
    expect(await iamError(op.del(root(), `${kind}-missing`, "Ghost"))).toMatchObject({ code: "NoSuchEntity", message });
  });

  it(`a ${kind} that does not exist fails with NoSuchEntity`, async () => {
    const message = `The ${kind} with name nobody cannot be found.`;
    expect(await iamError(op.put(root(), "nobody", "P", S3_READ))).toMatchObject({ code: "NoSuchEntity", message });
    expect(await iamError(op.list(root(), "nobody"))).toMatchObject({ code: "NoSuchEntity", message });
  });

  it(`the ${kind}'s inline policies together may have ${op.quota} characters without white space`, async () => {
    await op.make(`${kind}-size`);
    const half = Math.floor(op.quota / 2);
    await op.put(root(), `${kind}-size`, "A", documentOfSize(half));
    await op.put(root(), `${kind}-size`, "B", documentOfSize(op.quota - half).replace(/,/g, ",\n  "));
    const err = await iamError(op.put(root(), `${kind}-size`, "C", documentOfSize(200)));
    expect(err).toMatchObject({ code: "LimitExceeded", message: `Maximum policy size of ${op.quota} bytes exceeded for ${kind} ${kind}-size` });
    // Replacing B counts B's new size instead of its old one.
    await op.put(root(), `${kind}-size`, "B", documentOfSize(op.quota - half - 10));
    await op.put(root(), `${kind}-size`, "B", documentOfSize(op.quota - half));
    expect(await iamError(op.put(root(), `${kind}-size`, "B", documentOfSize(op.quota - half + 1)))).toMatchObject({ code: "LimitExceeded" });
    expect((await op.list(root(), `${kind}-size`)).PolicyNames).toEqual(["A", "B"]);
  });

  it("two puts at once that fit only one at a time: exactly one is stored", async () => {
    await op.make(`${kind}-race`);
    const size = Math.floor(op.quota / 2) + 10;
    const results = await Promise.allSettled([op.put(root(), `${kind}-race`, "One", documentOfSize(size)), op.put(root(), `${kind}-race`, "Two", documentOfSize(size))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "LimitExceeded" });
    expect((await op.list(root(), `${kind}-race`)).PolicyNames).toHaveLength(1);
  });

  it("documents are checked as identity policies: a Principal fails, a missing Version does not", async () => {
    await op.make(`${kind}-grammar`);
    const withPrincipal = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }] });
    expect(await iamError(op.put(root(), `${kind}-grammar`, "P", withPrincipal))).toMatchObject({
      code: "MalformedPolicyDocument",
      message: "Policy document should not specify a principal.",
    });
    expect(await iamError(op.put(root(), `${kind}-grammar`, "P", "[]"))).toMatchObject({ code: "MalformedPolicyDocument", message: "Syntax errors in policy." });
    await op.put(root(), `${kind}-grammar`, "NoVersion", JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }));
  });

  it("names are checked as AWS does", async () => {
    await op.make(`${kind}-names`);
    expect(await iamError(op.put(root(), `${kind}-names`, "bad name", S3_READ))).toMatchObject({
      code: "ValidationError",
      message: "1 validation error detected: Value 'bad name' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
  });

  it("List pages with Marker", async () => {
    await op.make(`${kind}-paged`);
    for (const n of ["c", "a", "b"]) await op.put(root(), `${kind}-paged`, n, S3_READ);
    const first = await op.list(root(), `${kind}-paged`, { MaxItems: 2 });
    expect(first).toMatchObject({ PolicyNames: ["a", "b"], IsTruncated: true });
    expect(await op.list(root(), `${kind}-paged`, { MaxItems: 2, Marker: first.Marker })).toEqual({ PolicyNames: ["c"], IsTruncated: false });
  });
});

describe("inline policies of AWS-owned roles", () => {
  it("a service-linked role refuses Put and Delete (UnmodifiableEntity) but can be read", async () => {
    const role = await makeRole("AWSServiceRoleForSupport", { path: "/aws-service-role/support.amazonaws.com/" });
    await prisma.inlinePolicy.create({ data: { accountId: role.accountId, roleId: role.id, name: "AwsOwned", document: S3_READ } });
    const message = "Cannot perform the operation on the protected role 'AWSServiceRoleForSupport' - this role is only modifiable by AWS";
    expect(await iamError(putRolePolicy(root(), { RoleName: "AWSServiceRoleForSupport", PolicyName: "Mine", PolicyDocument: S3_READ }))).toMatchObject({
      code: "UnmodifiableEntity",
      message,
    });
    expect(await iamError(deleteRolePolicy(root(), { RoleName: "AWSServiceRoleForSupport", PolicyName: "AwsOwned" }))).toMatchObject({ code: "UnmodifiableEntity", message });
    expect((await listRolePolicies(root(), { RoleName: "AWSServiceRoleForSupport" })).PolicyNames).toEqual(["AwsOwned"]);
    expect((await getRolePolicy(root(), { RoleName: "AWSServiceRoleForSupport", PolicyName: "AwsOwned" })).PolicyDocument).toBe(S3_READ);
  });
});

describe("authorization of inline policy operations", () => {
  it("is on the principal's ARN, with its tags as aws:ResourceTag", async () => {
    const caller = await callerWithPolicies("app-team-admin", [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:PutRolePolicy", Resource: "arn:aws:iam::123456789012:role/*", Condition: { StringEquals: { "aws:ResourceTag/app": "web" } } }],
      },
    ]);
    await putRolePolicy(caller, { RoleName: "EC2AppRole", PolicyName: "Extra", PolicyDocument: S3_READ });
    const err = await iamError(putRolePolicy(caller, { RoleName: "AuditorRole", PolicyName: "Extra", PolicyDocument: S3_READ }));
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/app-team-admin is not authorized to perform: iam:PutRolePolicy on resource: arn:aws:iam::123456789012:role/AuditorRole because no identity-based policy allows the iam:PutRolePolicy action",
    );
  });
});
