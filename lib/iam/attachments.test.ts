import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import {
  attachGroupPolicy,
  attachRolePolicy,
  attachUserPolicy,
  detachGroupPolicy,
  detachRolePolicy,
  detachUserPolicy,
  listAttachedGroupPolicies,
  listAttachedRolePolicies,
  listAttachedUserPolicies,
  listEntitiesForPolicy,
  type ListEntitiesForPolicyInput,
} from "./attachments";
import type { Caller } from "./caller";
import { getPolicy } from "./policies";
import { awsPolicy, awsPolicyArn, lastEvent, makeGroup, makePolicy, makeRole, makeUser, policyArn } from "./policy-fixtures";
import { callerWithPolicies, iamError, loadTestManagedPolicies, rootCaller, setupDemoAccount } from "./testing";

// Managed policy attachments: ten per user, group and role, enforced under a row lock;
// attaching twice changes nothing; AWS-owned roles refuse changes.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  await loadTestManagedPolicies(prisma, ["AmazonECSServiceRolePolicy"]);
});

const root = () => rootCaller();

type Kind = "user" | "group" | "role";
const ops = {
  user: {
    make: (n: string) => makeUser(n),
    attach: (c: Caller, name: string, PolicyArn: string) => attachUserPolicy(c, { UserName: name, PolicyArn }),
    detach: (c: Caller, name: string, PolicyArn: string) => detachUserPolicy(c, { UserName: name, PolicyArn }),
    list: (c: Caller, name: string, more = {}) => listAttachedUserPolicies(c, { UserName: name, ...more }),
    noun: "User",
  },
  group: {
    make: (n: string) => makeGroup(n),
    attach: (c: Caller, name: string, PolicyArn: string) => attachGroupPolicy(c, { GroupName: name, PolicyArn }),
    detach: (c: Caller, name: string, PolicyArn: string) => detachGroupPolicy(c, { GroupName: name, PolicyArn }),
    list: (c: Caller, name: string, more = {}) => listAttachedGroupPolicies(c, { GroupName: name, ...more }),
    noun: "Group",
  },
  role: {
    make: (n: string) => makeRole(n),
    attach: (c: Caller, name: string, PolicyArn: string) => attachRolePolicy(c, { RoleName: name, PolicyArn }),
    detach: (c: Caller, name: string, PolicyArn: string) => detachRolePolicy(c, { RoleName: name, PolicyArn }),
    list: (c: Caller, name: string, more = {}) => listAttachedRolePolicies(c, { RoleName: name, ...more }),
    noun: "Role",
  },
} as const;

const kinds: Kind[] = ["user", "group", "role"];

/** Eleven customer managed policies for quota tests, named `${prefix}00`…`${prefix}10`. */
async function policies(prefix: string, count = 11) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(await makePolicy(`${prefix}${String(i).padStart(2, "0")}`));
  return out;
}

describe.each(kinds)("Attach, ListAttached and Detach for a %s", (kind) => {
  const op = ops[kind];
  const noun = op.noun;

  it("attaches customer and AWS managed policies, lists them by name, detaches them", async () => {
    await op.make(`${kind}-basic`);
    await op.attach(root(), `${kind}-basic`, awsPolicyArn("ReadOnlyAccess"));
    await op.attach(root(), `${kind}-basic`, policyArn("DeveloperAccess"));
    expect(await op.list(root(), `${kind}-basic`)).toEqual({
      AttachedPolicies: [
        { PolicyName: "DeveloperAccess", PolicyArn: policyArn("DeveloperAccess") },
        { PolicyName: "ReadOnlyAccess", PolicyArn: awsPolicyArn("ReadOnlyAccess") },
      ],
      IsTruncated: false,
    });
    expect((await getPolicy(root(), { PolicyArn: awsPolicyArn("ReadOnlyAccess") })).Policy.AttachmentCount).toBeGreaterThanOrEqual(1);
    const event = await lastEvent(root(), `Attach${noun}Policy`);
    expect(event).toMatchObject({ errorCode: null, readOnly: false, requestParameters: { [`${noun}Name`]: `${kind}-basic`, PolicyArn: policyArn("DeveloperAccess") } });

    await op.detach(root(), `${kind}-basic`, awsPolicyArn("ReadOnlyAccess"));
    expect((await op.list(root(), `${kind}-basic`)).AttachedPolicies.map((p) => p.PolicyName)).toEqual(["DeveloperAccess"]);
    expect((await lastEvent(root(), `Detach${noun}Policy`)).errorCode).toBeNull();
    expect((await lastEvent(root(), `ListAttached${noun}Policies`)).readOnly).toBe(true);
  });

  it("attaching a policy that is already attached succeeds and changes nothing", async () => {
    await op.make(`${kind}-twice`);
    await op.attach(root(), `${kind}-twice`, awsPolicyArn("SecurityAudit"));
    await op.attach(root(), `${kind}-twice`, awsPolicyArn("SecurityAudit"));
    expect((await op.list(root(), `${kind}-twice`)).AttachedPolicies).toHaveLength(1);
  });

  it(`the 11th policy fails with LimitExceeded (PoliciesPer${noun}: 10)`, async () => {
    await op.make(`${kind}-full`);
    const ps = await policies(`${kind}Quota`);
    for (const p of ps.slice(0, 10)) await op.attach(root(), `${kind}-full`, p.arn);
    const err = await iamError(op.attach(root(), `${kind}-full`, ps[10].arn));
    expect(err).toMatchObject({ code: "LimitExceeded", message: `Cannot exceed quota for PoliciesPer${noun}: 10` });
    // Re-attaching one of the ten is still fine.
    await op.attach(root(), `${kind}-full`, ps[0].arn);
  });

  it("the 11th policy from two requests at once: exactly one succeeds and ten stay attached", async () => {
    const target = await op.make(`${kind}-race`);
    const ps = await policies(`${kind}Race`, 11);
    for (const p of ps.slice(0, 9)) await op.attach(root(), `${kind}-race`, p.arn);
    const extra = await makePolicy(`${kind}RaceExtra`);
    const results = await Promise.allSettled([op.attach(root(), `${kind}-race`, ps[9].arn), op.attach(root(), `${kind}-race`, extra.arn)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "LimitExceeded" });
    expect(await prisma.policyAttachment.count({ where: { [`${kind}Id`]: target.id } })).toBe(10);
  });

  it("a policy that does not exist fails with NoSuchEntity", async () => {
    await op.make(`${kind}-nopolicy`);
    const arn = policyArn("Nope");
    expect(await iamError(op.attach(root(), `${kind}-nopolicy`, arn))).toMatchObject({
      code: "NoSuchEntity",
      message: "Policy arn:aws:iam::123456789012:policy/Nope does not exist or is not attachable.",
    });
    expect(await iamError(op.detach(root(), `${kind}-nopolicy`, arn))).toMatchObject({
      code: "NoSuchEntity",
      message: "Policy arn:aws:iam::123456789012:policy/Nope was not found.",
    });
  });

  it("detaching a policy that is not attached fails with NoSuchEntity", async () => {
    await op.make(`${kind}-notattached`);
    expect(await iamError(op.detach(root(), `${kind}-notattached`, awsPolicyArn("AdministratorAccess")))).toMatchObject({
      code: "NoSuchEntity",
      message: "Policy arn:aws:iam::aws:policy/AdministratorAccess was not found.",
    });
  });

  it(`a ${kind} that does not exist fails with NoSuchEntity`, async () => {
    const message = `The ${kind} with name nobody cannot be found.`;
    expect(await iamError(op.attach(root(), "nobody", awsPolicyArn("ReadOnlyAccess")))).toMatchObject({ code: "NoSuchEntity", message });
    expect(await iamError(op.detach(root(), "nobody", awsPolicyArn("ReadOnlyAccess")))).toMatchObject({ code: "NoSuchEntity", message });
    expect(await iamError(op.list(root(), "nobody"))).toMatchObject({ code: "NoSuchEntity", message });
  });

  it("an AWS service-linked role's policy cannot be attached (PolicyNotAttachable)", async () => {
    await op.make(`${kind}-slr-policy`);
    const err = await iamError(op.attach(root(), `${kind}-slr-policy`, awsPolicyArn("AmazonECSServiceRolePolicy", "/aws-service-role/")));
    expect(err).toMatchObject({ code: "PolicyNotAttachable", message: "Cannot attach a Service Role Policy to a Customer Role." });
  });

  it("ListAttached filters by the policy's path and pages", async () => {
    await op.make(`${kind}-paths`);
    const team = await makePolicy(`${kind}TeamPolicy`, { path: "/team/" });
    await op.attach(root(), `${kind}-paths`, team.arn);
    await op.attach(root(), `${kind}-paths`, awsPolicyArn("ReadOnlyAccess"));
    await op.attach(root(), `${kind}-paths`, awsPolicyArn("SecurityAudit"));
    expect((await op.list(root(), `${kind}-paths`, { PathPrefix: "/team/" })).AttachedPolicies).toEqual([{ PolicyName: team.name, PolicyArn: team.arn }]);
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await op.list(root(), `${kind}-paths`, { MaxItems: 1, Marker });
      seen.push(...page.AttachedPolicies.map((p) => p.PolicyName));
      Marker = page.Marker;
    } while (Marker);
    expect(seen).toEqual(["ReadOnlyAccess", "SecurityAudit", team.name].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });
});

describe("AWS-owned roles", () => {
  it.each(["/aws-service-role/ecs.amazonaws.com/", "/aws-reserved/sso.amazonaws.com/"])("a role under %s refuses attach and detach (UnmodifiableEntity), but lists", async (path) => {
    const name = path.includes("sso") ? "AWSReservedSSO_Admin_123" : "AWSServiceRoleForECS";
    await makeRole(name, { path });
    const message = `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`;
    expect(await iamError(attachRolePolicy(root(), { RoleName: name, PolicyArn: awsPolicyArn("ReadOnlyAccess") }))).toMatchObject({ code: "UnmodifiableEntity", message });
    expect(await iamError(detachRolePolicy(root(), { RoleName: name, PolicyArn: awsPolicyArn("ReadOnlyAccess") }))).toMatchObject({ code: "UnmodifiableEntity", message });
    expect(await listAttachedRolePolicies(root(), { RoleName: name })).toEqual({ AttachedPolicies: [], IsTruncated: false });
  });
});

describe("iam:PolicyARN in the request context", () => {
  it("a user allowed to attach only ReadOnlyAccess can attach it and nothing else", async () => {
    await makeUser("intern");
    const caller = await callerWithPolicies("attach-ro-only", [
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["iam:AttachUserPolicy", "iam:DetachUserPolicy"],
            Resource: "arn:aws:iam::123456789012:user/intern",
            Condition: { ArnEquals: { "iam:PolicyARN": "arn:aws:iam::aws:policy/ReadOnlyAccess" } },
          },
        ],
      },
    ]);
    await attachUserPolicy(caller, { UserName: "intern", PolicyArn: awsPolicyArn("ReadOnlyAccess") });
    const err = await iamError(attachUserPolicy(caller, { UserName: "intern", PolicyArn: awsPolicyArn("AdministratorAccess") }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/attach-ro-only is not authorized to perform: iam:AttachUserPolicy on resource: arn:aws:iam::123456789012:user/intern because no identity-based policy allows the iam:AttachUserPolicy action",
    );
    expect((await lastEvent(caller, "AttachUserPolicy")).errorCode).toBe("AccessDenied");
  });

  it("iam:PermissionsBoundary carries the target's boundary", async () => {
    const bounded = await makeUser("bounded");
    const boundary = await awsPolicy("IAMReadOnlyAccess");
    await prisma.user.update({ where: { id: bounded.id }, data: { permissionsBoundaryId: boundary.id } });
    await makeUser("unbounded");
    const caller = await callerWithPolicies("bounded-admin", [
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "iam:AttachUserPolicy",
            Resource: "*",
            Condition: { StringEquals: { "iam:PermissionsBoundary": boundary.arn } },
          },
        ],
      },
    ]);
    await attachUserPolicy(caller, { UserName: "bounded", PolicyArn: awsPolicyArn("ReadOnlyAccess") });
    expect((await iamError(attachUserPolicy(caller, { UserName: "unbounded", PolicyArn: awsPolicyArn("ReadOnlyAccess") }))).code).toBe("AccessDenied");
  });
});

describe("ListEntitiesForPolicy", () => {
  const list = (input: Omit<ListEntitiesForPolicyInput, "PolicyArn">, arn = awsPolicyArn("SecurityAudit")) => listEntitiesForPolicy(root(), { PolicyArn: arn, ...input });

  it("lists the groups, users and roles a policy is attached to, in this account", async () => {
    const auditors = await prisma.group.findFirstOrThrow({ where: { name: "Auditors" } });
    const auditorRole = await prisma.role.findFirstOrThrow({ where: { name: "AuditorRole" } });
    const out = await listEntitiesForPolicy(root(), { PolicyArn: awsPolicyArn("AdministratorAccess") });
    const admins = await prisma.group.findFirstOrThrow({ where: { name: "Admins" } });
    expect(out).toEqual({ PolicyGroups: [{ GroupName: "Admins", GroupId: admins.id }], PolicyUsers: [], PolicyRoles: [], IsTruncated: false });
    const audit = await list({});
    expect(audit.PolicyGroups).toContainEqual({ GroupName: "Auditors", GroupId: auditors.id });
    expect(audit.PolicyRoles).toContainEqual({ RoleName: "AuditorRole", RoleId: auditorRole.id });
    expect((await lastEvent(root(), "ListEntitiesForPolicy")).readOnly).toBe(true);
  });

  it("EntityFilter, PathPrefix and PolicyUsageFilter narrow the lists", async () => {
    const p = await makePolicy("Entities");
    await makeUser("ent-user", { path: "/eng/" });
    await makeUser("ent-bounded");
    await makeGroup("ent-group");
    await makeRole("ent-role", { path: "/eng/" });
    await attachUserPolicy(root(), { UserName: "ent-user", PolicyArn: p.arn });
    await attachGroupPolicy(root(), { GroupName: "ent-group", PolicyArn: p.arn });
    await attachRolePolicy(root(), { RoleName: "ent-role", PolicyArn: p.arn });
    await prisma.user.updateMany({ where: { name: "ent-bounded" }, data: { permissionsBoundaryId: p.id } });

    const names = async (input: Omit<ListEntitiesForPolicyInput, "PolicyArn">) => {
      const out = await list(input, p.arn);
      return [...out.PolicyGroups.map((g) => g.GroupName), ...out.PolicyUsers.map((u) => u.UserName), ...out.PolicyRoles.map((r) => r.RoleName)];
    };
    expect(await names({})).toEqual(["ent-group", "ent-bounded", "ent-user", "ent-role"]);
    expect(await names({ EntityFilter: "Role" })).toEqual(["ent-role"]);
    expect(await names({ EntityFilter: "User" })).toEqual(["ent-bounded", "ent-user"]);
    expect(await names({ EntityFilter: "LocalManagedPolicy" })).toEqual([]);
    expect(await names({ PathPrefix: "/eng/" })).toEqual(["ent-user", "ent-role"]);
    expect(await names({ PolicyUsageFilter: "PermissionsBoundary" })).toEqual(["ent-bounded"]);
    expect(await names({ PolicyUsageFilter: "PermissionsPolicy" })).toEqual(["ent-group", "ent-user", "ent-role"]);

    // MaxItems=1 walks groups, then users, then roles, each once.
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await list({ MaxItems: 1, Marker }, p.arn);
      const items = [...page.PolicyGroups.map((g) => g.GroupName), ...page.PolicyUsers.map((u) => u.UserName), ...page.PolicyRoles.map((r) => r.RoleName)];
      expect(items.length).toBe(1);
      seen.push(...items);
      Marker = page.Marker;
      expect(page.IsTruncated).toBe(Marker !== undefined);
    } while (Marker);
    expect(seen).toEqual(["ent-group", "ent-bounded", "ent-user", "ent-role"]);
  });

  it("a policy that does not exist fails with NoSuchEntity; a bad filter with ValidationError; a bad marker with InvalidInput", async () => {
    expect(await iamError(list({}, policyArn("Nope")))).toMatchObject({ code: "NoSuchEntity", message: "Policy arn:aws:iam::123456789012:policy/Nope was not found." });
    expect(await iamError(list({ EntityFilter: "Robot" as never }))).toMatchObject({
      code: "ValidationError",
      message:
        "1 validation error detected: Value 'Robot' at 'entityFilter' failed to satisfy constraint: Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]",
    });
    expect(await iamError(list({ Marker: "garbage" }))).toMatchObject({ code: "InvalidInput", message: "Invalid Marker." });
  });
});
