"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Select, { type SelectProps } from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { DataTable } from "@/components/data-table/data-table";
import type { TableQuery } from "@/components/data-table/table-query";
import { useSearchParamsChange } from "@/components/data-table/use-search-params-change";
import { downloadCsv } from "@/components/download-csv";
import { PermissionAlert, type Readout } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import { downloadReport, generateReport } from "./actions";
import {
  FINDING_PARAM,
  FINDING_TYPE_LABELS,
  reportFileName,
  type CredentialReportRow,
  type FindingFilter,
} from "./credential-report-rows";
import { CREDENTIAL_REPORT_TABLE } from "./credential-report-table-config";

// The Credential report page: AWS's heading, description and "Download credentials report"
// button, then what the IAM console does not show: the last report's rows in a table, filtered
// by text or by finding, with the findings highlighted.

const DESCRIPTION =
  "The credentials report lists all your IAM users in this account and the status of their various credentials. After a report is created, it is stored for up to four hours.";

/** How long "Download credentials report" waits for a generation before giving up. */
const WAIT_SECONDS = 60;

/** One page of the report's rows, as the server page filtered, sorted and paged them. */
export interface ReportTablePage {
  rows: CredentialReportRow[];
  /** The rows that match the filters. */
  totalCount: number;
  query: TableQuery;
  finding: FindingFilter;
  /** All rows of the report, and those with findings. */
  reportRows: number;
  withFindings: number;
}

export type ReportReadout = Readout<
  { State: "NONE" | "EXPIRED" | "INPROGRESS" } | { State: "COMPLETE"; generated: string; table: ReportTablePage }
>;

const ALL_ROWS: SelectProps.Option = { value: "", label: "All users" };
const ANY_FINDING: SelectProps.Option = { value: "any", label: "Any finding" };
const NO_FINDINGS: SelectProps.Option = { value: "none", label: "No findings" };
const FINDING_OPTIONS: SelectProps.Option[] = [
  ALL_ROWS,
  ANY_FINDING,
  NO_FINDINGS,
  ...Object.entries(FINDING_TYPE_LABELS).map(([value, label]) => ({ value, label })),
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function CredentialReportView({ report }: { report: ReportReadout }) {
  const router = useRouter();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const state = report.ok ? report.data.State : undefined;

  // A generation started elsewhere (another tab, the API): look again every second until it ends.
  useEffect(() => {
    if (state !== "INPROGRESS" || working) return;
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [state, working, router]);

  const download = async () => {
    setWorking(true);
    setError(undefined);
    try {
      const generation = await generateReport();
      if (!generation.ok) {
        setError(resultError(generation));
        return;
      }
      for (let waited = 0; ; waited++) {
        const result = await downloadReport();
        if (result.ok) {
          downloadCsv(reportFileName(result.data.generatedTime), result.data.csv);
          return;
        }
        if (result.error?.code !== "ReportInProgress" || waited >= WAIT_SECONDS) {
          setError(resultError(result));
          return;
        }
        await sleep(1000);
      }
    } finally {
      setWorking(false);
    }
  };

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description={DESCRIPTION}
          actions={
            <Button variant="primary" loading={working} onClick={() => void download()}>
              Download credentials report
            </Button>
          }
        >
          Credential report
        </Header>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        {report.ok ? <ReportSummary report={report.data} /> : <PermissionAlert message={report.accessDenied} />}
        {report.ok && report.data.State === "COMPLETE" && <ReportTable {...report.data.table} />}
      </SpaceBetween>
    </ContentLayout>
  );
}

function ReportSummary({ report }: { report: Extract<ReportReadout, { ok: true }>["data"] }) {
  const status =
    report.State === "COMPLETE" ? (
      report.generated
    ) : report.State === "INPROGRESS" ? (
      <StatusIndicator type="in-progress">Generating the report</StatusIndicator>
    ) : report.State === "EXPIRED" ? (
      "The last report is more than four hours old. Download a new one."
    ) : (
      "No report yet. Download credentials report to generate one."
    );
  return (
    <section aria-label="Report">
      <Container header={<Header variant="h2">Report</Header>}>
        <KeyValuePairs columns={2} items={[{ label: "Last generated", value: status }]} />
      </Container>
    </section>
  );
}

function ReportTable({ rows, totalCount, query, finding, reportRows, withFindings }: ReportTablePage) {
  const { navigating, change } = useSearchParamsChange();
  return (
    <DataTable<CredentialReportRow>
      mode="server"
      config={CREDENTIAL_REPORT_TABLE}
      items={rows}
      totalCount={totalCount}
      query={query}
      loading={navigating}
      header="Users and their credentials"
      description={
        <Box variant="span" color="text-body-secondary">
          The last report&apos;s rows, with what to look at: console access without MFA, access keys older than 90 days or unused for 90
          days, passwords unused for 90 days. {withFindings} of {reportRows} rows have findings.
        </Box>
      }
      filteringPlaceholder="Find users"
      filterControls={
        <Select
          selectedOption={FINDING_OPTIONS.find((o) => o.value === finding) ?? ALL_ROWS}
          onChange={({ detail }) => change({ [FINDING_PARAM]: detail.selectedOption.value ?? "" })}
          options={FINDING_OPTIONS}
          ariaLabel="Filter by finding"
          inlineLabelText="Filter by finding"
        />
      }
      empty={{ title: "No users", description: "No users match the finding filter." }}
    />
  );
}
