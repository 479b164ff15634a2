import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import type { Caller } from "./caller";
import { newId } from "./ids";
import {
  addRoleToInstanceProfile,
  createInstanceProfile,
  deleteInstanceProfile,
  getInstanceProfile,
  listInstanceProfiles,
  listInstanceProfilesForRole,
  listInstanceProfileTags,
  removeRoleFromInstanceProfile,
  tagInstanceProfile,
  untagInstanceProfile,
  type ListInstanceProfilesInput,
} from "./instance-profiles";
import { createRole, deleteRole } from "./roles";
import { callerWithPolicies, iamError, rootCaller, setupDemoAccount, TEST_NOW, userCaller } from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const EC2_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});
const root = () => rootCaller();
const lastEvent = (eventName: string) => prisma.activityEvent.findFirstOrThrow({ where: { eventName }, orderBy: { id: "desc" } });
const denied = (user: string, action: string, resource: string) =>
  `User: arn:aws:iam::123456789012:user/${user} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

async function walk(caller: Caller, input: ListInstanceProfilesInput) {
  const names: string[][] = [];
  let Marker: string | undefined;
  do {
    const page = await listInstanceProfiles(caller, { ...input, Marker });
    names.push(page.InstanceProfiles.map((p) => p.InstanceProfileName));
    Marker = page.Marker;
    expect(page.IsTruncated).toBe(Marker !== undefined);
  } while (Marker && names.length < 100);
  return names;
}

describe("the demo account's EC2AppRole instance profile", () => {
  it("GetInstanceProfile returns it with its role, in AWS's shape", async () => {
    const profile = await prisma.instanceProfile.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    const role = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    expect(await getInstanceProfile(root(), { InstanceProfileName: "ec2approle" })).toEqual({
      InstanceProfile: {
        Path: "/",
        InstanceProfileName: "EC2AppRole",
        InstanceProfileId: profile.id,
        Arn: "arn:aws:iam::123456789012:instance-profile/EC2AppRole",
        CreateDate: profile.createdAt,
        Roles: [
          {
            Path: "/",
            RoleName: "EC2AppRole",
            RoleId: role.id,
            Arn: role.arn,
            CreateDate: role.createdAt,
            AssumeRolePolicyDocument: role.assumeRolePolicyDocument,
          },
        ],
      },
    });
    expect(profile.id).toMatch(/^AIPA[A-Z2-7]{17}$/);
    expect(await lastEvent("GetInstanceProfile")).toMatchObject({ readOnly: true, errorCode: null, requestParameters: { InstanceProfileName: "ec2approle" } });
  });

  it("a profile that does not exist fails with NoSuchEntity", async () => {
    const err = await iamError(getInstanceProfile(root(), { InstanceProfileName: "Nope" }));
    expect([err.code, err.message, err.status]).toEqual(["NoSuchEntity", "Instance Profile Nope cannot be found.", 404]);
  });

  it("dave may not read it: AccessDenied on the profile's ARN", async () => {
    const err = await iamError(getInstanceProfile(await userCaller("dave"), { InstanceProfileName: "EC2AppRole" }));
    expect(err.message).toBe(denied("dave", "iam:GetInstanceProfile", "arn:aws:iam::123456789012:instance-profile/EC2AppRole"));
  });
});

describe("CreateInstanceProfile", () => {
  it("creates an empty profile, with tags, and returns it", async () => {
    const out = await createInstanceProfile(root(), { InstanceProfileName: "Web", Path: "/web/", Tags: [{ Key: "Tier", Value: "front" }] });
    const row = await prisma.instanceProfile.findFirstOrThrow({ where: { name: "Web" } });
    expect(out).toEqual({
      InstanceProfile: {
        Path: "/web/",
        InstanceProfileName: "Web",
        InstanceProfileId: row.id,
        Arn: "arn:aws:iam::123456789012:instance-profile/web/Web",
        CreateDate: TEST_NOW,
        Roles: [],
        Tags: [{ Key: "Tier", Value: "front" }],
      },
    });
    expect(await lastEvent("CreateInstanceProfile")).toMatchObject({ readOnly: false, errorCode: null, requestParameters: { InstanceProfileName: "Web" } });
  });

  it("a second profile of the same name, in any case, fails with EntityAlreadyExists", async () => {
    const err = await iamError(createInstanceProfile(root(), { InstanceProfileName: "web" }));
    expect([err.code, err.message, err.status]).toEqual(["EntityAlreadyExists", "Instance Profile web already exists.", 409]);
  });

  it("two concurrent creates of one name: one wins", async () => {
    const results = await Promise.allSettled([
      createInstanceProfile(root(), { InstanceProfileName: "Twin" }),
      createInstanceProfile(root(), { InstanceProfileName: "twin" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason).toMatchObject({ code: "EntityAlreadyExists" });
  });

  it("tag keys of instance profiles are case-sensitive", async () => {
    const { InstanceProfile } = await createInstanceProfile(root(), {
      InstanceProfileName: "CaseTags",
      Tags: [
        { Key: "env", Value: "a" },
        { Key: "Env", Value: "b" },
      ],
    });
    expect(InstanceProfile.Tags).toHaveLength(2);
  });

  it.each([
    [{ InstanceProfileName: "p".repeat(129) }, "instanceProfileName", "Member must have length less than or equal to 128"],
    [{ InstanceProfileName: "bad name" }, "instanceProfileName", "Member must satisfy regular expression pattern: [\\w+=,.@-]+"],
    [{ InstanceProfileName: "ok", Path: "no-slash" }, "path", "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"],
  ])("invalid input %j fails with ValidationError", async (input, member, constraint) => {
    const err = await iamError(createInstanceProfile(root(), input));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toContain(`at '${member}' failed to satisfy constraint: ${constraint}`);
  });

  it("aws:RequestTag reaches the policy", async () => {
    const caller = await callerWithPolicies("profile-creator", [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:CreateInstanceProfile", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/Tier": "back" } } }],
      },
    ]);
    const err = await iamError(createInstanceProfile(caller, { InstanceProfileName: "Untagged" }));
    expect(err.message).toBe(denied("profile-creator", "iam:CreateInstanceProfile", "arn:aws:iam::123456789012:instance-profile/Untagged"));
    await createInstanceProfile(caller, { InstanceProfileName: "Back", Tags: [{ Key: "Tier", Value: "back" }] });
  });
});

describe("CreateInstanceProfile quota: 1,000 per account", () => {
  it("the 1,001st fails with LimitExceeded, also when two race for the last slot", async () => {
    const other = "210987654321";
    await prisma.account.create({ data: { id: other, rootEmail: "ip-quota@test.example.com", rootPasswordHash: "x" } });
    await prisma.instanceProfile.createMany({
      data: Array.from({ length: 999 }, (_, i) => ({
        id: newId("instanceProfile"),
        accountId: other,
        name: `p${i}`,
        nameKey: `p${i}`,
        arn: iamArn(other, "instance-profile", "/", `p${i}`),
      })),
    });
    const results = await Promise.allSettled([
      createInstanceProfile(rootCaller(other), { InstanceProfileName: "last-a" }),
      createInstanceProfile(rootCaller(other), { InstanceProfileName: "last-b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    expect(lost.reason).toMatchObject({ code: "LimitExceeded", message: "Cannot exceed quota for InstanceProfilesPerAccount: 1000" });
    expect(await prisma.instanceProfile.count({ where: { accountId: other } })).toBe(1000);
  });
});

describe("AddRoleToInstanceProfile and RemoveRoleFromInstanceProfile", () => {
  beforeAll(async () => {
    await createRole(root(), { RoleName: "WebRole", AssumeRolePolicyDocument: EC2_TRUST });
    await createInstanceProfile(root(), { InstanceProfileName: "WebProfile" });
  });

  it("adds the role, lists the profile for the role, and removes it", async () => {
    expect(await addRoleToInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "webrole" })).toEqual({});
    expect((await getInstanceProfile(root(), { InstanceProfileName: "WebProfile" })).InstanceProfile.Roles.map((r) => r.RoleName)).toEqual(["WebRole"]);
    expect((await listInstanceProfilesForRole(root(), { RoleName: "WebRole" })).InstanceProfiles.map((p) => p.InstanceProfileName)).toEqual(["WebProfile"]);
    expect(await lastEvent("AddRoleToInstanceProfile")).toMatchObject({ errorCode: null, requestParameters: { InstanceProfileName: "WebProfile", RoleName: "webrole" } });

    expect(await removeRoleFromInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "WebRole" })).toEqual({});
    expect((await getInstanceProfile(root(), { InstanceProfileName: "WebProfile" })).InstanceProfile.Roles).toEqual([]);
    expect((await listInstanceProfilesForRole(root(), { RoleName: "WebRole" })).InstanceProfiles).toEqual([]);
    expect(await lastEvent("RemoveRoleFromInstanceProfile")).toMatchObject({ errorCode: null });
  });

  it("a profile holds one role: a second (or the same again) fails with LimitExceeded", async () => {
    await addRoleToInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "WebRole" });
    for (const RoleName of ["WebRole", "AuditorRole"]) {
      const err = await iamError(addRoleToInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName }));
      expect([err.code, err.message, err.status]).toEqual(["LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", 409]);
    }
    await removeRoleFromInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "WebRole" });
  });

  it("two roles added at once: one gets in", async () => {
    await createInstanceProfile(root(), { InstanceProfileName: "Contested" });
    const results = await Promise.allSettled([
      addRoleToInstanceProfile(root(), { InstanceProfileName: "Contested", RoleName: "WebRole" }),
      addRoleToInstanceProfile(root(), { InstanceProfileName: "Contested", RoleName: "AuditorRole" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")!.reason).toMatchObject({ code: "LimitExceeded" });
  });

  it("a missing profile or role fails with NoSuchEntity", async () => {
    let err = await iamError(addRoleToInstanceProfile(root(), { InstanceProfileName: "Nope", RoleName: "WebRole" }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", "Instance Profile Nope cannot be found."]);
    err = await iamError(addRoleToInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "Nope" }));
    expect([err.code, err.message]).toEqual(["NoSuchEntity", "The role with name Nope cannot be found."]);
    err = await iamError(removeRoleFromInstanceProfile(root(), { InstanceProfileName: "Nope", RoleName: "WebRole" }));
    expect(err.message).toBe("Instance Profile Nope cannot be found.");
    err = await iamError(removeRoleFromInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "Nope" }));
    expect(err.message).toBe("The role with name Nope cannot be found.");
    // A role that is not in the profile.
    err = await iamError(removeRoleFromInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "AuditorRole" }));
    expect(err.code).toBe("NoSuchEntity");
    err = await iamError(listInstanceProfilesForRole(root(), { RoleName: "Nope" }));
    expect(err.message).toBe("The role with name Nope cannot be found.");
  });

  it("adding a role needs iam:PassRole on it too", async () => {
    const onlyAdd = await callerWithPolicies("profile-adder", [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:AddRoleToInstanceProfile", Resource: "arn:aws:iam::123456789012:instance-profile/WebProfile" }] },
    ]);
    const err = await iamError(addRoleToInstanceProfile(onlyAdd, { InstanceProfileName: "WebProfile", RoleName: "WebRole" }));
    expect(err.message).toBe(denied("profile-adder", "iam:PassRole", "arn:aws:iam::123456789012:role/WebRole"));
    const both = await callerWithPolicies("profile-adder-2", [
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "iam:AddRoleToInstanceProfile", Resource: "arn:aws:iam::123456789012:instance-profile/WebProfile" },
          { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/WebRole" },
        ],
      },
    ]);
    await addRoleToInstanceProfile(both, { InstanceProfileName: "WebProfile", RoleName: "WebRole" });
    await removeRoleFromInstanceProfile(root(), { InstanceProfileName: "WebProfile", RoleName: "WebRole" });
  });

  it("a role in a profile cannot be deleted; once removed it can", async () => {
    await createRole(root(), { RoleName: "Temp", AssumeRolePolicyDocument: EC2_TRUST });
    await createInstanceProfile(root(), { InstanceProfileName: "TempProfile" });
    await addRoleToInstanceProfile(root(), { InstanceProfileName: "TempProfile", RoleName: "Temp" });
    expect((await iamError(deleteRole(root(), { RoleName: "Temp" }))).message).toBe("Cannot delete entity, must remove roles from instance profile first.");
    await removeRoleFromInstanceProfile(root(), { InstanceProfileName: "TempProfile", RoleName: "Temp" });
    await deleteRole(root(), { RoleName: "Temp" });
  });
});

describe("DeleteInstanceProfile", () => {
  it("deletes an empty profile and its tags", async () => {
    const { InstanceProfile } = await createInstanceProfile(root(), { InstanceProfileName: "Short", Tags: [{ Key: "a", Value: "b" }] });
    expect(await deleteInstanceProfile(root(), { InstanceProfileName: "SHORT" })).toEqual({});
    expect(await prisma.instanceProfile.count({ where: { id: InstanceProfile.InstanceProfileId } })).toBe(0);
    expect(await prisma.tag.count({ where: { instanceProfileId: InstanceProfile.InstanceProfileId } })).toBe(0);
    expect(await lastEvent("DeleteInstanceProfile")).toMatchObject({ errorCode: null });
  });

  it("a profile holding a role fails with DeleteConflict", async () => {
    const err = await iamError(deleteInstanceProfile(root(), { InstanceProfileName: "EC2AppRole" }));
    expect([err.code, err.message, err.status]).toEqual(["DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.", 409]);
    expect(await lastEvent("DeleteInstanceProfile")).toMatchObject({ errorCode: "DeleteConflict" });
  });

  it("a missing profile fails with NoSuchEntity", async () => {
    expect((await iamError(deleteInstanceProfile(root(), { InstanceProfileName: "Nope" }))).message).toBe("Instance Profile Nope cannot be found.");
  });
});

describe("ListInstanceProfiles and ListInstanceProfilesForRole", () => {
  const names = ["alpha", "Bravo", "charlie", "Delta", "echo"];
  beforeAll(async () => {
    const other = "109876543210";
    await prisma.account.create({ data: { id: other, rootEmail: "ip-list@test.example.com", rootPasswordHash: "x" } });
    await createRole(rootCaller(other), { RoleName: "Shared", AssumeRolePolicyDocument: EC2_TRUST });
    for (const [i, n] of names.entries()) {
      await createInstanceProfile(rootCaller(other), { InstanceProfileName: n, Path: i % 2 ? "/odd/" : "/", Tags: [{ Key: "t", Value: "v" }] });
    }
    for (const n of ["alpha", "charlie", "echo"]) await addRoleToInstanceProfile(rootCaller(other), { InstanceProfileName: n, RoleName: "Shared" });
  });
  const other = () => rootCaller("109876543210");

  it("lists in case-insensitive name order, with roles and without tags", async () => {
    const out = await listInstanceProfiles(other());
    expect(out.IsTruncated).toBe(false);
    expect(out.InstanceProfiles.map((p) => p.InstanceProfileName)).toEqual(names);
    expect(out.InstanceProfiles[0].Roles.map((r) => r.RoleName)).toEqual(["Shared"]);
    expect(out.InstanceProfiles[1].Roles).toEqual([]);
    for (const p of out.InstanceProfiles) expect(p).not.toHaveProperty("Tags");
  });

  it.each([1, 2, 4, 5])("MaxItems=%i pages through every profile once", async (MaxItems) => {
    const pages = await walk(other(), { MaxItems });
    expect(pages.flat()).toEqual(names);
    expect(pages).toHaveLength(Math.ceil(names.length / MaxItems));
  });

  it("filters by PathPrefix", async () => {
    expect((await listInstanceProfiles(other(), { PathPrefix: "/odd/" })).InstanceProfiles.map((p) => p.InstanceProfileName)).toEqual(["Bravo", "Delta"]);
    expect((await iamError(listInstanceProfiles(other(), { PathPrefix: "odd" }))).code).toBe("ValidationError");
  });

  it("ListInstanceProfilesForRole pages through the role's profiles", async () => {
    const first = await listInstanceProfilesForRole(other(), { RoleName: "Shared", MaxItems: 2 });
    expect(first.InstanceProfiles.map((p) => p.InstanceProfileName)).toEqual(["alpha", "charlie"]);
    expect(first.IsTruncated).toBe(true);
    const rest = await listInstanceProfilesForRole(other(), { RoleName: "Shared", MaxItems: 2, Marker: first.Marker });
    expect(rest).toMatchObject({ IsTruncated: false });
    expect(rest.InstanceProfiles.map((p) => p.InstanceProfileName)).toEqual(["echo"]);
    expect(await lastEvent("ListInstanceProfilesForRole")).toMatchObject({ readOnly: true, errorCode: null });
  });

  it("is authorized on the instance-profile path, and ListInstanceProfilesForRole on the role", async () => {
    const dave = await userCaller("dave");
    expect((await iamError(listInstanceProfiles(dave, { PathPrefix: "/odd/" }))).message).toBe(
      denied("dave", "iam:ListInstanceProfiles", "arn:aws:iam::123456789012:instance-profile/odd/"),
    );
    expect((await iamError(listInstanceProfilesForRole(dave, { RoleName: "EC2AppRole" }))).message).toBe(
      denied("dave", "iam:ListInstanceProfilesForRole", "arn:aws:iam::123456789012:role/EC2AppRole"),
    );
  });
});

describe("TagInstanceProfile, UntagInstanceProfile and ListInstanceProfileTags", () => {
  beforeAll(async () => {
    await createInstanceProfile(root(), { InstanceProfileName: "Tagged" });
  });

  it("adds, overwrites (case-sensitively), lists and removes tags", async () => {
    expect(await tagInstanceProfile(root(), { InstanceProfileName: "Tagged", Tags: [{ Key: "env", Value: "dev" }, { Key: "owner", Value: "me" }] })).toEqual({});
    await tagInstanceProfile(root(), { InstanceProfileName: "Tagged", Tags: [{ Key: "env", Value: "prod" }, { Key: "Env", Value: "other" }] });
    expect(await listInstanceProfileTags(root(), { InstanceProfileName: "Tagged" })).toEqual({
      Tags: [
        { Key: "Env", Value: "other" },
        { Key: "env", Value: "prod" },
        { Key: "owner", Value: "me" },
      ],
      IsTruncated: false,
    });
    const first = await listInstanceProfileTags(root(), { InstanceProfileName: "Tagged", MaxItems: 2 });
    expect(first).toMatchObject({ IsTruncated: true });
    expect((await listInstanceProfileTags(root(), { InstanceProfileName: "Tagged", Marker: first.Marker })).Tags).toEqual([{ Key: "owner", Value: "me" }]);
    expect(await untagInstanceProfile(root(), { InstanceProfileName: "Tagged", TagKeys: ["ENV", "Env"] })).toEqual({});
    expect((await listInstanceProfileTags(root(), { InstanceProfileName: "Tagged" })).Tags.map((t) => t.Key)).toEqual(["env", "owner"]);
    expect(await lastEvent("TagInstanceProfile")).toMatchObject({ errorCode: null });
    expect(await lastEvent("UntagInstanceProfile")).toMatchObject({ errorCode: null, requestParameters: { TagKeys: ["ENV", "Env"] } });
    expect(await lastEvent("ListInstanceProfileTags")).toMatchObject({ errorCode: null, readOnly: true });
  });

  it("more than 50 tags fails with LimitExceeded", async () => {
    const tags = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    const err = await iamError(tagInstanceProfile(root(), { InstanceProfileName: "Tagged", Tags: tags }));
    expect([err.code, err.message]).toEqual(["LimitExceeded", "The number of tags has reached the maximum limit."]);
    expect((await listInstanceProfileTags(root(), { InstanceProfileName: "Tagged" })).Tags).toHaveLength(2);
  });

  it("a missing profile fails with NoSuchEntity", async () => {
    for (const attempt of [
      () => tagInstanceProfile(root(), { InstanceProfileName: "Nope", Tags: [{ Key: "a", Value: "b" }] }),
      () => untagInstanceProfile(root(), { InstanceProfileName: "Nope", TagKeys: ["a"] }),
      () => listInstanceProfileTags(root(), { InstanceProfileName: "Nope" }),
    ]) {
      expect((await iamError(attempt())).message).toBe("Instance Profile Nope cannot be found.");
    }
  });

  it("aws:ResourceTag is the profile's tags", async () => {
    const caller = await callerWithPolicies("owner-tagger", [
      {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:TagInstanceProfile", Resource: "*", Condition: { StringEquals: { "aws:ResourceTag/owner": "me" } } }],
      },
    ]);
    await tagInstanceProfile(caller, { InstanceProfileName: "Tagged", Tags: [{ Key: "x", Value: "1" }] });
    expect((await iamError(tagInstanceProfile(caller, { InstanceProfileName: "Web", Tags: [{ Key: "x", Value: "1" }] }))).code).toBe("AccessDenied");
  });
});
