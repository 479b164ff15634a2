"use server";

import { revalidatePath } from "next/cache";
import { failed, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { generateCredentialReport, getCredentialReport, type ReportState } from "@/lib/iam/reports/credential-report";
import { CREDENTIAL_REPORT_HREF } from "./credential-report-rows";

// "Download credentials report" makes the IAM console's two calls: GenerateCredentialReport
// (which keeps a report younger than four hours), then GetCredentialReport until the report is
// there. Each is its own action, so the page can wait between them.

/** GenerateCredentialReport. */
export async function generateReport(): Promise<ActionResult<{ State: ReportState }>> {
  const caller = await requireCaller();
  try {
    const { State } = await generateCredentialReport(caller);
    return succeeded({ State });
  } catch (err) {
    return failed(err);
  }
}

/** GetCredentialReport, decoded: the CSV text and its generation time (ISO). ReportInProgress comes back as an error to wait on. */
export async function downloadReport(): Promise<ActionResult<{ csv: string; generatedTime: string }>> {
  const caller = await requireCaller();
  try {
    const report = await getCredentialReport(caller);
    revalidatePath(CREDENTIAL_REPORT_HREF);
    return succeeded({ csv: Buffer.from(report.Content, "base64").toString("utf8"), generatedTime: report.GeneratedTime.toISOString() });
  } catch (err) {
    return failed(err);
  }
}
