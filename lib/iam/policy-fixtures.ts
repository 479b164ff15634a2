import "server-only";
import { db } from "@/lib/db";
import { iamArn } from "./arns";
import { DEMO_ACCOUNT_ID } from "./bootstrap/demo-account";
import type { Caller } from "./caller";
import { newId } from "./ids";

// Test fixtures for the managed and inline policy operations: principals and policies written
// straight to the database, so a test sets up exactly what it needs without the operations
// under test. Only tests import this module.

const ACCT = DEMO_ACCOUNT_ID;

/** A document of exactly `size` characters without white space (padded in the Sid), with no white space at all. */
export function documentOfSize(size: number, action = "s3:GetObject"): string {
  const base = { Version: "2012-10-17", Statement: [{ Sid: "", Effect: "Allow", Action: action, Resource: "*" }] };
  const pad = size - JSON.stringify(base).length;
  if (pad < 0) throw new Error(`A document cannot be smaller than ${JSON.stringify(base).length} characters.`);
  base.Statement[0].Sid = "S".repeat(pad);
  return JSON.stringify(base);
}

export const S3_READ = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }, null, 2);

export async function makeUser(name: string, options: { path?: string; accountId?: string } = {}) {
  const accountId = options.accountId ?? ACCT;
  const path = options.path ?? "/";
  return (await db()).user.create({ data: { id: newId("user"), accountId, name, nameKey: name.toLowerCase(), path, arn: iamArn(accountId, "user", path, name) } });
}

export async function makeGroup(name: string, options: { path?: string } = {}) {
  const path = options.path ?? "/";
  return (await db()).group.create({ data: { id: newId("group"), accountId: ACCT, name, nameKey: name.toLowerCase(), path, arn: iamArn(ACCT, "group", path, name) } });
}

const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });

export async function makeRole(name: string, options: { path?: string } = {}) {
  const path = options.path ?? "/";
  return (await db()).role.create({
    data: { id: newId("role"), accountId: ACCT, name, nameKey: name.toLowerCase(), path, arn: iamArn(ACCT, "role", path, name), assumeRolePolicyDocument: TRUST },
  });
}

/** A customer managed policy with the given versions (the first is the default). */
export async function makePolicy(name: string, options: { path?: string; versions?: string[]; accountId?: string } = {}) {
  const accountId = options.accountId ?? ACCT;
  const path = options.path ?? "/";
  const versions = options.versions ?? [S3_READ];
  return (await db()).policy.create({
    data: {
      id: newId("policy"),
      accountId,
      name,
      nameKey: name.toLowerCase(),
      path,
      arn: iamArn(accountId, "policy", path, name),
      defaultVersionId: "v1",
      nextVersionNumber: versions.length + 1,
      versions: { create: versions.map((document, i) => ({ versionId: `v${i + 1}`, document })) },
    },
  });
}

export async function awsPolicy(name: string) {
  return (await db()).policy.findFirstOrThrow({ where: { accountId: null, name } });
}

/** The newest event of this name by this caller. */
export async function lastEvent(caller: Caller, eventName: string) {
  return (await db()).activityEvent.findFirstOrThrow({ where: { principalArn: caller.principalArn, eventName }, orderBy: { id: "desc" } });
}

export const policyArn = (name: string, path = "/") => iamArn(ACCT, "policy", path, name);
export const awsPolicyArn = (name: string, path = "/") => `arn:aws:iam::aws:policy${path}${name}`;
