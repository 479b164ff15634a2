import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { Metadata } from "next";
import { connection } from "next/server";
import { AccessAnalyzerLinks } from "@/components/access-analyzer/access-analyzer-links";
import {
  ACCESS_ANALYZER_HREF,
  accessAnalyzerTrail,
  CREATE_ANALYZER_HREF,
  STATUS_PARAM,
  statusChoice,
  statusOfChoice,
} from "@/components/access-analyzer/unused-access-text";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { tableQueryOptions } from "@/components/data-table/table-config";
import { parseTableQuery, searchParam, type SearchParamsInput } from "@/components/data-table/table-query";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listAnalyzers, UNUSED_ACCESS_ANALYZER, type AnalyzerSummary } from "@/lib/iam/access-analyzer/analyzers";
import { listFindingsForConsole, type ConsoleFindingSort } from "@/lib/iam/access-analyzer/findings";
import type { Caller } from "@/lib/iam/caller";
import { AnalyzerSettings } from "./analyzer-settings";
import { findingListRow } from "./finding-rows";
import { FindingsTable } from "./findings-table";
import { FINDINGS_TABLE } from "./findings-table-config";

export const metadata: Metadata = { title: "Unused access | Access Analyzer | IAM" };

// Access Analyzer's unused access: the account's analyzer and its findings, or, before there is
// one, the way to create it.

export default async function AccessAnalyzerPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const params = await searchParams;
  const analyzers = await readOrDenied(listAnalyzers(caller, { type: UNUSED_ACCESS_ANALYZER }));
  const analyzer = analyzers.ok ? analyzers.data.analyzers[0] : undefined;

  return (
    <>
      <PageFrame breadcrumbs={accessAnalyzerTrail()} />
      <ContentLayout
        header={
          <SpaceBetween size="m">
            <Header
              variant="h1"
              description="IAM Access Analyzer finds the roles, access keys, console passwords and permissions in this account that have not been used within the analyzer's tracking period."
            >
              Unused access
            </Header>
            <AccessAnalyzerLinks current={ACCESS_ANALYZER_HREF} />
          </SpaceBetween>
        }
      >
        {!analyzers.ok ? (
          <PermissionAlert message={analyzers.accessDenied} />
        ) : analyzer ? (
          <Findings caller={caller} analyzer={analyzer} params={params} />
        ) : (
          <NoAnalyzer />
        )}
      </ContentLayout>
    </>
  );
}

function NoAnalyzer() {
  return (
    <Container header={<Header variant="h2">No unused access analyzer</Header>}>
      <SpaceBetween size="m">
        <Box variant="p">
          Create an unused access analyzer to find unused roles, unused access keys and console passwords of IAM users, and permissions that roles and
          users were granted but did not use. The analyzer scans the account when it is created and again as you review its findings.
        </Box>
        <Box>
          <Button variant="primary" href={CREATE_ANALYZER_HREF}>
            Create analyzer
          </Button>
        </Box>
      </SpaceBetween>
    </Container>
  );
}

async function Findings({ caller, analyzer, params }: { caller: Caller; analyzer: AnalyzerSummary; params: SearchParamsInput }) {
  const status = statusChoice(searchParam(params, STATUS_PARAM));
  const query = parseTableQuery(params, tableQueryOptions(FINDINGS_TABLE));
  const read = await readOrDenied(
    listFindingsForConsole(caller, {
      analyzerArn: analyzer.arn,
      status: statusOfChoice(status),
      filter: query.filter,
      ...(query.sort ? { sort: query.sort.columnId as ConsoleFindingSort, descending: query.sort.descending } : {}),
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  const lastScannedAt = read.ok ? read.data.lastScannedAt : (analyzer.lastResourceAnalyzedAt ?? null);
  return (
    <SpaceBetween size="l">
      <FindingsTable
        analyzerArn={analyzer.arn}
        status={status}
        rows={read.ok ? read.data.findings.map((f) => findingListRow(f, caller.now)) : []}
        totalCount={read.ok ? read.data.total : 0}
        query={query}
        accessDenied={read.ok ? undefined : read.accessDenied}
      />
      <AnalyzerSettings
        analyzer={{
          name: analyzer.name,
          arn: analyzer.arn,
          unusedAccessAge: analyzer.configuration.unusedAccess.unusedAccessAge,
          created: formatDateTime(analyzer.createdAt),
          lastScanned: lastScannedAt ? timeAgo(lastScannedAt, caller.now) : "-",
        }}
      />
    </SpaceBetween>
  );
}
