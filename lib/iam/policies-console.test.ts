import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { loadAwsManagedPolicies } from "./bootstrap/aws-managed-policies";
import { listPoliciesForConsole, type ListPoliciesForConsoleInput } from "./policies-console";
import { awsPolicy, lastEvent, makePolicy } from "./policy-fixtures";
import { iamError, rootCaller, setupDemoAccount, userCaller } from "./testing";

// The console's Policies table over the demo account's five AWS managed policies, two more
// loaded here (a job function and a service role), and DeveloperAccess.

let prisma: Db;
beforeAll(async () => {
  prisma = await setupDemoAccount();
  await loadAwsManagedPolicies(prisma, { only: ["ViewOnlyAccess", "AWSLambdaBasicExecutionRole"] });
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
