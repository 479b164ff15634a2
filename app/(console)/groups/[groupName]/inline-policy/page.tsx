import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { getGroupPolicy } from "@/lib/iam/inline-policies";
import { nameFromSegment } from "../../../roles/role-text";
import { readOptional } from "../../../users/[userName]/user-data";
import { prettyJson } from "../../../users/user-text";
import { groupHref } from "../../groups-table-config";
import { readGroup } from "../group-data";
import { GroupInlinePolicyEditor } from "./group-inline-policy-editor";

export const metadata: Metadata = { title: "Inline policy | User groups | IAM" };

export default async function GroupInlinePolicyPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const groupName = nameFromSegment((await params).groupName);
  const query = await searchParams;
  const policyName = typeof query.policyName === "string" && query.policyName !== "" ? query.policyName : undefined;
  const trail = breadcrumbs(
    breadcrumbs(navTrail("/groups"), groupName, groupHref(groupName)),
    policyName ? `Edit ${policyName}` : "Create policy",
    groupHref(groupName, "inline-policy"),
  );
  const read = await readGroup(caller, groupName);
  const existing =
    read.ok && policyName ? await readOptional(getGroupPolicy(caller, { GroupName: read.data.Group.GroupName, PolicyName: policyName })) : undefined;
  const denied = !read.ok ? read.accessDenied : existing && !existing.ok ? existing.accessDenied : undefined;
  if (!read.ok || denied) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">{policyName ?? "Create policy"}</Header>}>
          <PermissionAlert message={denied ?? ""} />
        </ContentLayout>
      </>
    );
  }
  const document = existing?.ok ? existing.data?.PolicyDocument : undefined;
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="form" />
      <GroupInlinePolicyEditor
        groupName={read.data.Group.GroupName}
        accountId={caller.accountId}
        {...(document !== undefined && policyName ? { policyName, document: prettyJson(document) } : {})}
      />
    </>
  );
}
