import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { listGroups } from "./groups";
import { newId } from "./ids";
import { iamError, rootCaller, setupDemoAccount, userCaller } from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

const addGroup = (name: string, path = "/") =>
  prisma.group.create({
    data: { id: newId("group"), accountId: DEMO_ACCOUNT_ID, name, nameKey: name.toLowerCase(), path, arn: iamArn(DEMO_ACCOUNT_ID, "group", path, name) },
  });

describe("ListGroups", () => {
  it("as root lists the demo groups in name order, in AWS's shape", async () => {
    const out = await listGroups(rootCaller());
    expect(out.IsTruncated).toBe(false);
    expect(out.Marker).toBeUndefined();
    expect(out.Groups.map((g) => g.GroupName)).toEqual(["Admins", "Auditors", "Developers"]);
    const admins = await prisma.group.findFirstOrThrow({ where: { name: "Admins" } });
    expect(out.Groups[0]).toEqual({
      Path: "/",
      GroupName: "Admins",
      GroupId: admins.id,
      Arn: "arn:aws:iam::123456789012:group/Admins",
      CreateDate: admins.createdAt,
    });
    expect(out.Groups[0].GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
  });

  it("as dave fails with AccessDenied on the groups path, and the denial is recorded", async () => {
    const dave = await userCaller("dave");
    const err = await iamError(listGroups(dave));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListGroups on resource: arn:aws:iam::123456789012:group/ because no identity-based policy allows the iam:ListGroups action",
    );
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { principalArn: dave.principalArn, eventName: "ListGroups" } });
    expect(event).toMatchObject({ errorCode: "AccessDenied", errorMessage: err.message, readOnly: true });
  });

  it.each(["alice", "bob", "carol"])("as %s is allowed", async (user) => {
    expect((await listGroups(await userCaller(user))).Groups).toHaveLength(3);
  });

  it("pages case-insensitively with MaxItems and Marker, and filters by PathPrefix", async () => {
    await addGroup("billing", "/finance/");
    await addGroup("Contractors");
    const names: string[][] = [];
    let Marker: string | undefined;
    do {
      const page = await listGroups(rootCaller(), { MaxItems: 2, Marker });
      names.push(page.Groups.map((g) => g.GroupName));
      Marker = page.Marker;
      expect(page.IsTruncated).toBe(Marker !== undefined);
    } while (Marker);
    expect(names).toEqual([["Admins", "Auditors"], ["billing", "Contractors"], ["Developers"]]);
    expect((await listGroups(rootCaller(), { PathPrefix: "/finance/" })).Groups.map((g) => g.Arn)).toEqual([
      "arn:aws:iam::123456789012:group/finance/billing",
    ]);
  });

  it("a bad Marker fails with InvalidInput; MaxItems out of range with ValidationError", async () => {
    expect((await iamError(listGroups(rootCaller(), { Marker: "nope" }))).code).toBe("InvalidInput");
    const err = await iamError(listGroups(rootCaller(), { MaxItems: 0 }));
    expect(err.code).toBe("ValidationError");
    expect(err.message).toContain("at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
  });
});
