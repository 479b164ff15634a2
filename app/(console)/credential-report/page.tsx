import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, IAM_TRAIL } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { queryRows } from "@/components/data-table/query-rows";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { parseTableQuery, searchParam, type SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { readCredentialReportForConsole } from "@/lib/iam/reports/credential-report";
import {
  credentialReportRow,
  CREDENTIAL_REPORT_HREF,
  FINDING_PARAM,
  generatedText,
  matchesFinding,
  parseFindingFilter,
} from "./credential-report-rows";
import { CREDENTIAL_REPORT_TABLE } from "./credential-report-table-config";
import { CredentialReportView, type ReportReadout } from "./credential-report-view";

export const metadata: Metadata = { title: "Credential report | IAM" };

// The report is read whole (it is one stored CSV), but the browser receives one page of its
// rows: filtered by finding and text, sorted and paged here, as the URL asks.

export default async function CredentialReportPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const params = await searchParams;
  const read = await readOrDenied(readCredentialReportForConsole(caller));
  let report: ReportReadout;
  if (!read.ok) report = read;
  else if (read.data.State === "COMPLETE") {
    const { GeneratedTime, entries } = read.data;
    const all = entries.map((e) => credentialReportRow(e, GeneratedTime));
    const finding = parseFindingFilter(searchParam(params, FINDING_PARAM));
    const query = parseTableQuery(params, tableQueryOptions(CREDENTIAL_REPORT_TABLE));
    const { rows, totalCount, page } = queryRows(
      all.filter((r) => matchesFinding(r, finding)),
      CREDENTIAL_REPORT_TABLE,
      query,
    );
    report = {
      ok: true,
      data: {
        State: "COMPLETE",
        generated: generatedText(GeneratedTime),
        table: {
          rows,
          totalCount,
          query: { ...query, page },
          finding,
          reportRows: all.length,
          withFindings: all.filter((r) => matchesFinding(r, "any")).length,
        },
      },
    };
  } else report = { ok: true, data: { State: read.data.State } };
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(IAM_TRAIL, "Credential report", CREDENTIAL_REPORT_HREF)} contentType="table" />
      <CredentialReportView report={report} />
    </>
  );
}
