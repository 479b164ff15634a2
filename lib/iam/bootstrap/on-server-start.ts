import "server-only";
import { env } from "@/lib/env";
import { describeDemoCredentials, prepareDatabase, type PrepareResult } from "./index";

/** Brings the database up to date and, on the very first start, prints how to sign in. */
export async function onServerStart(): Promise<void> {
  let result: PrepareResult;
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
