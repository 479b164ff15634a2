import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime } from "@/components/console-layout/time";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { summaryCatalog } from "@/components/policy-summary/summary-catalog";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listEntitiesForPolicy } from "@/lib/iam/attachments";
import { policyCatalogData } from "@/lib/iam/policy-catalog";
import { getPolicySummary } from "@/lib/iam/policy-summary";
import { getPolicyVersion, listPolicyVersions } from "@/lib/iam/policy-versions";
import { policyHref } from "@/lib/console-paths";
import { arnFromSegment } from "../policy-href";
import { PolicyDetail, type PolicyEntityRow, type PolicyVersionRow } from "./policy-detail";
import { readPolicy } from "./policy-data";

type Params = { arn: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const arn = arnFromSegment((await params).arn);
  return { title: `${arn.replace(/^.*\//, "")} | Policies | IAM` };
}

export default async function PolicyPage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const arn = arnFromSegment((await params).arn);
  const name = arn.replace(/^.*\//, "");
  const trail = breadcrumbs(navTrail("/policies"), name, policyHref(arn));
  const read = await readPolicy(caller, arn);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">{name}</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  const { policy, type } = read;
  const customer = type === "Customer managed";
  const [versions, attached, boundaries, catalog] = await Promise.all([
    readOrDenied(listPolicyVersions(caller, { PolicyArn: arn })),
    readOrDenied(listEntitiesForPolicy(caller, { PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy", MaxItems: 1000 })),
    readOrDenied(listEntitiesForPolicy(caller, { PolicyArn: arn, PolicyUsageFilter: "PermissionsBoundary", MaxItems: 1000 })),
    policyCatalogData(),
  ]);
  const versionRows: PolicyVersionRow[] = versions.ok
    ? await Promise.all(
        versions.data.Versions.map(async (v) => {
          const doc =
            v.IsDefaultVersion && read.document !== undefined
              ? read.document
              : await readOrDenied(getPolicyVersion(caller, { PolicyArn: arn, VersionId: v.VersionId })).then((r) =>
                  r.ok ? r.data.PolicyVersion.Document : undefined,
                );
          return {
            VersionId: v.VersionId,
            IsDefaultVersion: v.IsDefaultVersion,
            created: formatDateTime(v.CreateDate),
            CreateDate: v.CreateDate,
            ...(doc !== undefined ? { document: prettyJson(doc) } : {}),
          };
        }),
      )
    : [];

  const entities: PolicyEntityRow[] = [];
  if (attached.ok) {
    for (const u of attached.data.PolicyUsers) entities.push({ id: `User:${u.UserName}:policy`, name: u.UserName, kind: "User", usage: "Permissions policy" });
    for (const g of attached.data.PolicyGroups) entities.push({ id: `Group:${g.GroupName}:policy`, name: g.GroupName, kind: "Group", usage: "Permissions policy" });
    for (const r of attached.data.PolicyRoles) entities.push({ id: `Role:${r.RoleName}:policy`, name: r.RoleName, kind: "Role", usage: "Permissions policy" });
  }
  if (boundaries.ok) {
    for (const u of boundaries.data.PolicyUsers) entities.push({ id: `User:${u.UserName}:boundary`, name: u.UserName, kind: "User", usage: "Permissions boundary" });
    for (const r of boundaries.data.PolicyRoles) entities.push({ id: `Role:${r.RoleName}:boundary`, name: r.RoleName, kind: "Role", usage: "Permissions boundary" });
  }

  const document = read.document === undefined ? undefined : prettyJson(read.document);
  const summary = document === undefined ? undefined : getPolicySummary(document, summaryCatalog(catalog));

  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <PolicyDetail
        policy={{
          PolicyName: policy.PolicyName,
          Arn: policy.Arn,
          type,
          customer,
          Description: policy.Description ?? "",
          DefaultVersionId: policy.DefaultVersionId,
          created: formatDateTime(policy.CreateDate),
          edited: formatDateTime(policy.UpdateDate),
          tags: policy.Tags ?? [],
        }}
        document={document}
        documentDenied={read.documentDenied}
        summary={summary}
        servicesCount={catalog.services.length}
        versions={versionRows}
        versionsDenied={versions.ok ? undefined : versions.accessDenied}
        entities={entities}
        entitiesDenied={attached.ok ? (boundaries.ok ? undefined : boundaries.accessDenied) : attached.accessDenied}
      />
    </>
  );
}
