import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { accessAnalyzerTrail, credentialsHref, findingHref, findingResource, lastAccessedText } from "@/components/access-analyzer/unused-access-text";
import { breadcrumbs } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime } from "@/components/console-layout/time";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listAnalyzers, UNUSED_ACCESS_ANALYZER, type AnalyzerSummary } from "@/lib/iam/access-analyzer/analyzers";
import { getFindingV2, type GetFindingV2Output } from "@/lib/iam/access-analyzer/findings";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";
import { policyCatalog } from "@/lib/iam/policy-catalog";
import { FindingDetail, type FindingView } from "./finding-detail";

export const metadata: Metadata = { title: "Finding | Access Analyzer | IAM" };

/** Every detail of a finding on one page: a finding lists at most every AWS service. */
const ALL_DETAILS = 1000;

export default async function FindingPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const { id: raw } = await params;
  const id = decodeURIComponent(raw);
  const trail = breadcrumbs(accessAnalyzerTrail(), id, findingHref(id));
  const analyzers = await readOrDenied(listAnalyzers(caller, { type: UNUSED_ACCESS_ANALYZER }));
  if (!analyzers.ok) return <Denied trail={trail} message={analyzers.accessDenied} />;
  const analyzer = analyzers.data.analyzers[0];
  if (!analyzer) notFound();
  const read = await readFinding(caller, analyzer.arn, id);
  if (!read.ok) return <Denied trail={trail} message={read.accessDenied} />;
  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <FindingDetail finding={await findingView(read.data, analyzer, caller.now)} />
    </>
  );
}

function Denied({ trail, message }: { trail: ReturnType<typeof breadcrumbs>; message: string }) {
  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <PermissionAlert message={message} />
    </>
  );
}

async function readFinding(caller: Caller, analyzerArn: string, id: string) {
  try {
    return await readOrDenied(getFindingV2(caller, { analyzerArn, id, maxResults: ALL_DETAILS }));
  } catch (err) {
    if (isIamError(err) && err.code === "ResourceNotFoundException") notFound();
    throw err;
  }
}

async function findingView(finding: GetFindingV2Output, analyzer: AnalyzerSummary, now: Date): Promise<FindingView> {
  const resource = findingResource(finding.resource);
  const view: FindingView = {
    id: finding.id,
    analyzerArn: analyzer.arn,
    findingType: finding.findingType,
    status: finding.status,
    resource: finding.resource,
    resourceName: resource.name,
    resourceKind: resource.kind,
    resourceHref: resource.href,
    resourceOwnerAccount: finding.resourceOwnerAccount,
    trackingPeriod: analyzer.configuration.unusedAccess.unusedAccessAge,
    created: formatDateTime(finding.createdAt),
    updated: formatDateTime(finding.updatedAt),
    analyzed: formatDateTime(finding.analyzedAt),
  };
  const catalog = await policyCatalog();
  const services = [];
  for (const d of finding.findingDetails) {
    if ("unusedIamRoleDetails" in d) view.lastUsed = lastAccessedText(d.unusedIamRoleDetails.lastAccessed, now);
    if ("unusedIamUserPasswordDetails" in d) {
      view.lastUsed = lastAccessedText(d.unusedIamUserPasswordDetails.lastAccessed, now);
      view.credentialsHref = credentialsHref(resource.name);
    }
    if ("unusedIamUserAccessKeyDetails" in d) {
      view.lastUsed = lastAccessedText(d.unusedIamUserAccessKeyDetails.lastAccessed, now);
      view.accessKeyId = d.unusedIamUserAccessKeyDetails.accessKeyId;
      view.credentialsHref = credentialsHref(resource.name);
    }
    if ("unusedPermissionDetails" in d) {
      const { serviceNamespace, actions, lastAccessed } = d.unusedPermissionDetails;
      services.push({
        serviceNamespace,
        serviceName: catalog.service(serviceNamespace)?.name ?? serviceNamespace,
        ...(actions ? { actions: actions.map((a) => a.action) } : {}),
        lastAccessed: lastAccessedText(lastAccessed, now),
      });
    }
  }
  if (finding.findingType === "UnusedPermission") view.unusedServices = services;
  return view;
}
