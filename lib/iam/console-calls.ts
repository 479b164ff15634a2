import "server-only";
import { db, type Tx } from "@/lib/db";
import { operation, type OperationSpec } from "./activity";
import { authorize, type ExtraContext } from "./authorize";
import { isRoot, type Caller } from "./caller";
import { loadPrincipalPolicies } from "./principal-policies";

// The console's actions that AWS's console carries out as several API calls (create a user with
// its password, groups and policies; create a role with its policies and instance profile;
// delete a user, group, role or policy with what is in the way): here each runs in one
// transaction, every underlying call authorized before anything is written, and each call
// recorded as its own activity event, as CloudTrail would show the console's calls.

export interface Step {
  spec: OperationSpec;
  /** The actions this call needs, each on its resource. */
  checks: { action: string; resource: string; context: ExtraContext }[];
}

export interface ConsoleCalls {
  tx: Tx;
  /** Authorizes a call (and remembers it, to record it). */
  check: (step: Step) => Promise<void>;
  /**
   * The writes that follow belong to this call (a step checked before, or the first checked
   * call of that name): a failure is recorded under it.
   */
  during: (call: string | Step) => void;
}

/**
 * A run of the calls the console would make, in one transaction: a failure is recorded under
 * the call it belongs to, and on success every call is recorded as its own event.
 */
export async function consoleCalls<T>(caller: Caller, fallback: OperationSpec, body: (calls: ConsoleCalls) => Promise<T>): Promise<T> {
  const steps: Step[] = [];
  let current: Step | undefined;
  let out: T;
  try {
    out = await (await db()).$transaction(
      async (tx) => {
        // The caller's policies, read once for all the checks.
        const policies = isRoot(caller) ? undefined : await loadPrincipalPolicies(tx, caller);
        const check = async (step: Step) => {
          steps.push(step);
          current = step;
          for (const c of step.checks) await authorize(caller, c.action, c.resource, { context: c.context, policies, tx });
        };
        const during = (call: string | Step) => {
          current = typeof call === "string" ? steps.find((s) => s.spec.eventName === call) : call;
        };
        const result = await body({ tx, check, during });
        current = undefined;
        return result;
      },
      { timeout: 30_000 },
    );
  } catch (err) {
    await operation(caller, current?.spec ?? fallback, () => Promise.reject(err));
    throw err;
  }
  for (const step of steps) await operation(caller, step.spec, async () => undefined);
  return out;
}

/** Input checks that fail before any call: recorded under the call the console would make first. */
export async function checkInput<T>(caller: Caller, fallback: OperationSpec, read: () => T): Promise<T> {
  try {
    return read();
  } catch (err) {
    await operation(caller, fallback, () => Promise.reject(err));
    throw err;
  }
}

/** Distinct values, compared case-insensitively for names (as IAM compares them). */
export function distinct(values: readonly string[], key: (v: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = key(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

