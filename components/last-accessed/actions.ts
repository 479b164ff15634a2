"use server";

import { readString } from "@/lib/action-input";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { generateServiceLastAccessedDetails, readLastAccessedReport } from "@/lib/iam/reports/service-last-accessed";
import { toLastAccessedData, type LastAccessedData, type LastAccessedSubject } from "./last-accessed-rows";

// The "Last accessed" tab's two calls: opening the tab generates a report (as the IAM console
// does), and the tab polls the job until it has completed. Nothing changes, so nothing is
// revalidated.

const SUBJECTS: readonly LastAccessedSubject[] = ["User", "Group", "Role", "Policy"];

/** GenerateServiceLastAccessedDetails at ACTION_LEVEL, so IAM's actions come with the services. */
export async function startLastAccessedReport(arn: unknown): Promise<ActionResult<{ jobId: string }>> {
  const Arn = readString(arn);
  if (!Arn) return invalidFields({ arn: "The entity's ARN is required." });
  const caller = await requireCaller();
  try {
    const { JobId } = await generateServiceLastAccessedDetails(caller, { Arn, Granularity: "ACTION_LEVEL" });
    return succeeded({ jobId: JobId });
  } catch (err) {
    return failed(err);
  }
}

/** The job's state, and once it has completed the tab's rows (with the policies granting each service). */
export async function readLastAccessed(jobId: unknown, arn: unknown, subject: unknown): Promise<ActionResult<LastAccessedData>> {
  const JobId = readString(jobId);
  const Arn = readString(arn);
  const kind = SUBJECTS.find((s) => s === subject);
  if (!JobId || !Arn || !kind) return invalidFields({ jobId: "The report could not be read." });
  const caller = await requireCaller();
  try {
    return succeeded(toLastAccessedData(await readLastAccessedReport(caller, { JobId, Arn }), kind, caller.now));
  } catch (err) {
    return failed(err);
  }
}
