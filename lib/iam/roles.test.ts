import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import { newId } from "./ids";
import { listRoles } from "./roles";
import { iamError, rootCaller, setupDemoAccount, userCaller } from "./testing";

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
});

describe("ListRoles", () => {
  it("as root lists the demo roles in name order, with their trust policies", async () => {
    const out = await listRoles(rootCaller());
    expect(out.IsTruncated).toBe(false);
    expect(out.Roles.map((r) => r.RoleName)).toEqual(["AuditorRole", "EC2AppRole"]);
    const ec2 = out.Roles[1];
    const row = await prisma.role.findFirstOrThrow({ where: { name: "EC2AppRole" } });
    expect(ec2).toEqual({
      Path: "/",
      RoleName: "EC2AppRole",
      RoleId: row.id,
      Arn: "arn:aws:iam::123456789012:role/EC2AppRole",
      CreateDate: row.createdAt,
      AssumeRolePolicyDocument: row.assumeRolePolicyDocument,
      Description: "Allows EC2 instances of the application to read S3.",
      MaxSessionDuration: 3600,
    });
    expect(ec2.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(JSON.parse(ec2.AssumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    // ListRoles omits Tags, PermissionsBoundary and RoleLastUsed.
    expect(ec2).not.toHaveProperty("Tags");
    expect(ec2).not.toHaveProperty("RoleLastUsed");
  });

  it("as dave fails with AccessDenied on the roles path", async () => {
    const err = await iamError(listRoles(await userCaller("dave")));
    expect(err.code).toBe("AccessDenied");
    expect(err.message).toBe(
      "User: arn:aws:iam::123456789012:user/dave is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based policy allows the iam:ListRoles action",
    );
  });

  it.each(["alice", "bob", "carol"])("as %s is allowed", async (user) => {
    expect((await listRoles(await userCaller(user))).Roles).toHaveLength(2);
  });

  it("a role without a description has no Description member", async () => {
    await prisma.role.create({
      data: {
        id: newId("role"),
        accountId: DEMO_ACCOUNT_ID,
        name: "lambda-exec",
        nameKey: "lambda-exec",
        path: "/service-role/",
        arn: iamArn(DEMO_ACCOUNT_ID, "role", "/service-role/", "lambda-exec"),
        assumeRolePolicyDocument: "{}",
        maxSessionDuration: 7200,
      },
    });
    const [role] = (await listRoles(rootCaller(), { PathPrefix: "/service-role/" })).Roles;
    expect(role).toMatchObject({ RoleName: "lambda-exec", Path: "/service-role/", Arn: "arn:aws:iam::123456789012:role/service-role/lambda-exec", MaxSessionDuration: 7200 });
    expect(role).not.toHaveProperty("Description");
  });

  it("pages with MaxItems and Marker in case-insensitive order", async () => {
    const first = await listRoles(rootCaller(), { MaxItems: 2 });
    expect(first.Roles.map((r) => r.RoleName)).toEqual(["AuditorRole", "EC2AppRole"]);
    expect(first.IsTruncated).toBe(true);
    const second = await listRoles(rootCaller(), { MaxItems: 2, Marker: first.Marker });
    expect(second).toMatchObject({ IsTruncated: false });
    expect(second.Roles.map((r) => r.RoleName)).toEqual(["lambda-exec"]);
    expect((await iamError(listRoles(rootCaller(), { Marker: "%%%" }))).code).toBe("InvalidInput");
  });
});
