import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, IAM_TRAIL } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { readCredentialReportForConsole } from "@/lib/iam/reports/credential-report";
import { credentialReportRow, CREDENTIAL_REPORT_HREF, generatedText } from "./credential-report-rows";
import { CredentialReportView, type ReportReadout } from "./credential-report-view";

export const metadata: Metadata = { title: "Credential report | IAM" };

export default async function CredentialReportPage() {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const read = await readOrDenied(readCredentialReportForConsole(caller));
  let report: ReportReadout;
  if (!read.ok) report = read;
  else if (read.data.State === "COMPLETE") {
    const { GeneratedTime, entries } = read.data;
    report = {
      ok: true,
      data: { State: "COMPLETE", generated: generatedText(GeneratedTime), rows: entries.map((e) => credentialReportRow(e, GeneratedTime)) },
    };
  } else report = { ok: true, data: { State: read.data.State } };
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(IAM_TRAIL, "Credential report", CREDENTIAL_REPORT_HREF)} contentType="table" />
      <CredentialReportView report={report} />
    </>
  );
}
