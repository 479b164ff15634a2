import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { managedPolicyName, readAwsManagedPolicies, type AwsManagedPolicySource } from "./lib/iam/bootstrap/aws-managed-policies";
import { TEST_MANAGED_POLICIES } from "./lib/iam/testing-managed-policies";

// Work every test file would repeat, done once per run: creating an embedded database (initdb
// takes seconds of the 2-core machine's time in each file) and reading the 77 MB of AWS
// managed policies for the few that tests use.

declare module "vitest" {
  export interface ProvidedContext {
    /** A freshly initialized embedded data directory (tar), which each file's database starts from. */
    pgliteTemplate: string | undefined;
    /** The AWS managed policies test databases hold. */
    testManagedPolicies: AwsManagedPolicySource;
  }
}

export default async function setup(project: TestProject) {
  const all = readAwsManagedPolicies();
  const wanted = new Set(TEST_MANAGED_POLICIES);
  project.provide("testManagedPolicies", { version: all.version, policies: all.policies.filter((p) => wanted.has(managedPolicyName(p.arn))) });

  if (process.env.DATABASE_URL) {
    project.provide("pgliteTemplate", undefined);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "iam-vitest-"));
  const pglite = await PGlite.create();
  const file = path.join(dir, "pglite.tar");
  writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir("none")).arrayBuffer()));
  await pglite.close();
  project.provide("pgliteTemplate", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
