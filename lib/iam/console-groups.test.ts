import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { createGroupWithAccess, deleteGroupWithDependencies, listGroupDependencies } from "./console-groups";
import { callerWithPolicies, iamError, policyDocument, rootCaller, setupDemoAccount, TEST_NOW } from "./testing";

const S3_READ_ONLY = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const ACCT = DEMO_ACCOUNT_ID;

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const groupRow = (name: string) =>
  prisma.group.findFirst({
    where: { accountId: ACCT, nameKey: name.toLowerCase() },
    include: { memberships: { include: { user: true } }, attachments: { include: { policy: true } }, inlinePolicies: true },
  });

const eventsFor = (groupName: string) =>
  prisma.activityEvent
    .findMany({ where: { accountId: ACCT, eventTime: TEST_NOW }, orderBy: { id: "asc" } })
    .then((events) => events.filter((e) => JSON.stringify(e.requestParameters).includes(`"GroupName":"${groupName}"`)));

describe("createGroupWithAccess (the console's Create user group)", () => {
  it("creates DeveloperGroup with members and a policy, one event per call", async () => {
    const out = await createGroupWithAccess(rootCaller(), { GroupName: "DeveloperGroup", UserNames: ["bob", "DAVE"], PolicyArns: [S3_READ_ONLY] });
    expect(out.Group).toMatchObject({ GroupName: "DeveloperGroup", Path: "/", Arn: "arn:aws:iam::123456789012:group/DeveloperGroup", CreateDate: TEST_NOW });
    expect(out.Group.GroupId).toMatch(/^AGPA/);
    expect(out.UserNames).toEqual(["bob", "dave"]);
    expect(out.AttachedPolicyArns).toEqual([S3_READ_ONLY]);
    const row = await groupRow("DeveloperGroup");
    expect(row!.memberships.map((m) => m.user.name).sort()).toEqual(["bob", "dave"]);
    expect((await eventsFor("DeveloperGroup")).map((e) => e.eventName)).toEqual([
      "CreateGroup",
      "AddUserToGroup",
      "AddUserToGroup",
      "AttachGroupPolicy",
    ]);
  });

  it("with a name that exists fails with EntityAlreadyExists", async () => {
    const err = await iamError(createGroupWithAccess(rootCaller(), { GroupName: "admins" }));
    expect(err.code).toBe("EntityAlreadyExists");
    expect(err.message).toBe("Group with name admins already exists.");
  });

  it("with a user that does not exist fails with NoSuchEntity and creates nothing", async () => {
    const err = await iamError(createGroupWithAccess(rootCaller(), { GroupName: "GhostGroup", UserNames: ["ghost"] }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The user with name ghost cannot be found.");
    expect(await groupRow("GhostGroup")).toBeNull();
  });

  it("allowed to create groups but not to attach policies fails with AccessDenied and creates nothing", async () => {
    const caller = await callerWithPolicies("group-maker", [policyDocument("Allow", ["iam:CreateGroup", "iam:AddUserToGroup"])]);
    const err = await iamError(createGroupWithAccess(caller, { GroupName: "HalfGroup", UserNames: ["bob"], PolicyArns: [S3_READ_ONLY] }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/group-maker is not authorized to perform: iam:AttachGroupPolicy on resource: arn:aws:iam::123456789012:group/HalfGroup because no identity-based policy allows the iam:AttachGroupPolicy action",
    );
    expect(await groupRow("HalfGroup")).toBeNull();
    expect((await eventsFor("HalfGroup")).map((e) => [e.eventName, e.errorCode])).toEqual([["AttachGroupPolicy", "AccessDenied"]]);
  });

  it("with an invalid name fails with ValidationError", async () => {
    const err = await iamError(createGroupWithAccess(rootCaller(), { GroupName: "a b" }));
    expect(err.code).toBe("ValidationError");
  });
});

describe("deleting a group as the console does", () => {
  it("lists its members and policies, then removes them with the group", async () => {
    await createGroupWithAccess(rootCaller(), { GroupName: "DoomedGroup", UserNames: ["carol"], PolicyArns: [S3_READ_ONLY] });
    const group = await groupRow("DoomedGroup");
    await prisma.inlinePolicy.create({
      data: { accountId: ACCT, groupId: group!.id, name: "inline", document: JSON.stringify(policyDocument("Allow", "s3:ListBucket")) },
    });
    const deps = await listGroupDependencies(rootCaller(), { GroupName: "doomedgroup" });
    expect(deps).toEqual({
      GroupName: "DoomedGroup",
      Arn: "arn:aws:iam::123456789012:group/DoomedGroup",
      UserNames: ["carol"],
      AttachedPolicies: [{ PolicyName: "AmazonS3ReadOnlyAccess", PolicyArn: S3_READ_ONLY }],
      InlinePolicyNames: ["inline"],
    });
    expect(await deleteGroupWithDependencies(rootCaller(), { GroupName: "DoomedGroup" })).toEqual(deps);
    expect(await groupRow("DoomedGroup")).toBeNull();
    expect(await prisma.user.findFirst({ where: { name: "carol" } })).not.toBeNull();
    const names = (await eventsFor("DoomedGroup")).map((e) => e.eventName);
    expect(names.slice(-4)).toEqual(["RemoveUserFromGroup", "DetachGroupPolicy", "DeleteGroupPolicy", "DeleteGroup"]);
  });

  it("a group that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(deleteGroupWithDependencies(rootCaller(), { GroupName: "NoGroup" }));
    expect(err.code).toBe("NoSuchEntity");
    expect(err.message).toBe("The group with name NoGroup cannot be found.");
  });

  it("allowed DeleteGroup but not RemoveUserFromGroup fails with AccessDenied and removes nothing", async () => {
    const caller = await callerWithPolicies("group-deleter", [policyDocument("Allow", ["iam:DeleteGroup", "iam:DetachGroupPolicy"])]);
    const err = await iamError(deleteGroupWithDependencies(caller, { GroupName: "Admins" }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:RemoveUserFromGroup on resource: arn:aws:iam::123456789012:group/Admins");
    expect((await groupRow("Admins"))!.memberships).toHaveLength(1);
  });

  it("listing without iam:ListGroupPolicies fails with AccessDenied", async () => {
    const caller = await callerWithPolicies("group-lister", [policyDocument("Allow", ["iam:GetGroup", "iam:ListAttachedGroupPolicies"])]);
    const err = await iamError(listGroupDependencies(caller, { GroupName: "Admins" }));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toContain("iam:ListGroupPolicies");
  });
});
