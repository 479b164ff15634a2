// Runs once when a server starts, before it serves requests: brings the database up to date
// and, on the very first start, creates the demo account and prints how to sign in.

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase, describeDemoCredentials } = await import("@/lib/iam/bootstrap");
  const { env } = await import("@/lib/env");
  let result;
  try {
    result = await prepareDatabase();
  } catch (err) {
    // A server without its database can serve nothing: say why and stop.
    console.error(`\nIAM Console cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  if (result.migrationsApplied.length) console.log(`Applied migrations: ${result.migrationsApplied.join(", ")}`);
  if (result.awsManagedPoliciesLoaded) console.log(`Loaded ${result.awsManagedPoliciesLoaded} AWS managed policies.`);
  if (result.demo) console.log(describeDemoCredentials(result.demo, env().baseUrl));
  else console.log(`Sign in at ${env().baseUrl}/signin (the demo account's passwords were printed on its first start).`);
}
