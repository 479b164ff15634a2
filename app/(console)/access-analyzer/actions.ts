"use server";

import { revalidatePath } from "next/cache";
import { ACCESS_ANALYZER_HREF } from "@/components/access-analyzer/unused-access-text";
import { readString, readStrings } from "@/lib/action-input";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { redirectWithFlash } from "@/lib/flash";
import { createAnalyzer, deleteAnalyzer, updateAnalyzer } from "@/lib/iam/access-analyzer/analyzers";
import { rescanUnusedAccess, updateFindings } from "@/lib/iam/access-analyzer/findings";

// The Access Analyzer pages' actions: each reads its arguments for shape only (the analyzer's
// rules are CreateAnalyzer's and UpdateAnalyzer's to check), makes the one Access Analyzer call
// of its button, and revalidates the pages that show the analyzer and its findings.

function analyzerChanged(): void {
  revalidatePath(ACCESS_ANALYZER_HREF, "layout");
  // The dashboard counts active findings.
  revalidatePath("/");
}

const readAge = (value: unknown) => (typeof value === "number" ? value : undefined);

/** "Create analyzer": the account's unused access analyzer, then its findings. */
export async function createUnusedAccessAnalyzer(form: { analyzerName?: unknown; unusedAccessAge?: unknown }): Promise<ActionResult<never>> {
  const analyzerName = readString(form.analyzerName);
  const unusedAccessAge = readAge(form.unusedAccessAge);
  if (analyzerName === undefined || unusedAccessAge === undefined) return invalidFields({ form: "The form could not be read." });
  const caller = await requireCaller();
  try {
    await createAnalyzer(caller, { analyzerName, type: "ACCOUNT_UNUSED_ACCESS", configuration: { unusedAccess: { unusedAccessAge } } });
    analyzerChanged();
  } catch (err) {
    return failed(err);
  }
  return redirectWithFlash(ACCESS_ANALYZER_HREF, { type: "success", content: `Analyzer ${analyzerName} created.` });
}

/** "Edit" of the tracking period: UpdateAnalyzer, which scans again with it. */
export async function saveTrackingPeriod(form: { analyzerName?: unknown; unusedAccessAge?: unknown }): Promise<ActionResult<null>> {
  const analyzerName = readString(form.analyzerName);
  const unusedAccessAge = readAge(form.unusedAccessAge);
  if (analyzerName === undefined || unusedAccessAge === undefined) return invalidFields({ form: "The form could not be read." });
  const caller = await requireCaller();
  try {
    await updateAnalyzer(caller, { analyzerName, configuration: { unusedAccess: { unusedAccessAge } } });
  } catch (err) {
    return failed(err);
  }
  analyzerChanged();
  return succeeded(null, `Tracking period of ${analyzerName} set to ${unusedAccessAge} days.`);
}

/** "Delete" of the analyzer, with its findings. */
export async function removeAnalyzer(analyzerName: unknown): Promise<ActionResult<null>> {
  const name = readString(analyzerName);
  if (name === undefined) return invalidFields({ form: "The analyzer could not be read." });
  const caller = await requireCaller();
  try {
    await deleteAnalyzer(caller, { analyzerName: name });
  } catch (err) {
    return failed(err);
  }
  analyzerChanged();
  return succeeded(null, `Analyzer ${name} deleted.`);
}

/** "Archive" and "Unarchive" of the selected findings: UpdateFindings. */
export async function setFindingsStatus(form: { analyzerArn?: unknown; ids?: unknown; status?: unknown }): Promise<ActionResult<null>> {
  const analyzerArn = readString(form.analyzerArn);
  const ids = readStrings(form.ids);
  const status = form.status === "ARCHIVED" || form.status === "ACTIVE" ? form.status : undefined;
  if (analyzerArn === undefined || !ids || ids.length === 0 || status === undefined) return invalidFields({ form: "The findings could not be read." });
  const caller = await requireCaller();
  try {
    await updateFindings(caller, { analyzerArn, ids, status });
  } catch (err) {
    return failed(err);
  }
  analyzerChanged();
  const count = ids.length === 1 ? "1 finding" : `${ids.length} findings`;
  return succeeded(null, `${count} ${status === "ARCHIVED" ? "archived" : "unarchived"}.`);
}

/** "Rescan": the analyzer scans the account now. */
export async function rescan(analyzerArn: unknown): Promise<ActionResult<null>> {
  const arn = readString(analyzerArn);
  if (arn === undefined) return invalidFields({ form: "The analyzer could not be read." });
  const caller = await requireCaller();
  try {
    await rescanUnusedAccess(caller, { analyzerArn: arn });
  } catch (err) {
    return failed(err);
  }
  analyzerChanged();
  return succeeded(null, "The analyzer scanned the account.");
}
