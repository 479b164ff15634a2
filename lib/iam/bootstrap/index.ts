import "server-only";
import { db, migrateDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { loadAwsManagedPolicies } from "./aws-managed-policies";
import { DEMO_ACCOUNT_ID, seedDemoAccount, type DemoCredentials } from "./demo-account";
import { seedDemoActivity } from "./demo-activity";

export { DEMO_ACCOUNT_ID, DEMO_ACCOUNT_ALIAS } from "./demo-account";

export interface PrepareResult {
  migrationsApplied: string[];
  awsManagedPoliciesLoaded: number;
  /** Present only when the demo account was created by this call: shown once, never stored. */
  demo?: DemoCredentials;
}

/**
 * Brings the database up to date: migrations, AWS managed policies, and on first run the demo
 * account with a history of activity.
 */
export async function prepareDatabase(): Promise<PrepareResult> {
  const migrationsApplied = await migrateDatabase();
  const prisma = await db();
  const awsManagedPoliciesLoaded = await loadAwsManagedPolicies(prisma);
  const exists = await prisma.account.findUnique({ where: { id: DEMO_ACCOUNT_ID }, select: { id: true } });
  if (exists) return { migrationsApplied, awsManagedPoliciesLoaded };
  const e = env();
  let demo: DemoCredentials;
  try {
    demo = await seedDemoAccount(prisma, {
      rootEmail: e.seedRootEmail,
      rootPassword: e.seedRootPassword,
      userPassword: e.seedUserPassword,
    });
  } catch (err) {
    // Another server seeded it at the same moment.
    if ((err as { code?: string }).code === "P2002") return { migrationsApplied, awsManagedPoliciesLoaded };
    throw err;
  }
  await seedDemoActivity(prisma, { passwords: demo.users });
  return { migrationsApplied, awsManagedPoliciesLoaded, demo };
}

/** The lines printed once, when the demo account is created. */
export function describeDemoCredentials(demo: DemoCredentials, baseUrl: string): string {
  const userLines = demo.users.map((u) => `    ${u.userName.padEnd(8)} ${u.password}`).join("\n");
  return [
    "",
    `The demo account ${demo.accountId} (alias "${demo.alias}") was created. These passwords are shown only now.`,
    "",
    `  Root user        ${baseUrl}/signin`,
    `    email    ${demo.rootEmail}`,
    `    password ${demo.rootPassword}`,
    "",
    `  IAM users        ${baseUrl}/signin/${demo.alias}`,
    userLines,
    "",
  ].join("\n");
}
