// Runs once when a server starts, before it serves requests: brings the database up to date
// and, on the very first start, creates the demo account and prints how to sign in.

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase, describeDemoCredentials } = await import("@/lib/iam/bootstrap");
  const { env } = await import("@/lib/env");
  const result = await prepareDatabase();
  if (result.migrationsApplied.length) console.log(`Applied migrations: ${result.migrationsApplied.join(", ")}`);
  if (result.awsManagedPoliciesLoaded) console.log(`Loaded ${result.awsManagedPoliciesLoaded} AWS managed policies.`);
  if (result.demo) console.log(describeDemoCredentials(result.demo, env().baseUrl));
}
