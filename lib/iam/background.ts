import "server-only";

// Work that AWS does asynchronously (report generation, access advisor jobs) runs after the
// request has answered. Its state lives in the database, so any server can read the outcome;
// a job whose process died is recognised by its age and started again by the next request.

const pending = new Set<Promise<void>>();

/** Starts `work` without waiting for it. A failure is the job's own to record; this only keeps
 * an unexpected one from becoming an unhandled rejection. */
export function runInBackground(name: string, work: () => Promise<void>): void {
  const job = (async () => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await work();
  })()
    .catch((err: unknown) => {
      console.error(`Background job ${name} failed:`, err);
    })
    .finally(() => pending.delete(job));
  pending.add(job);
}

/** Waits until every background job started so far (and any they start) has finished: for tests
 * and benchmarks, which need the outcome before they look. */
export async function settleBackgroundWork(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
