import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { PermissionAlert } from "@/components/permission-alert";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { nameFromSegment } from "../../../roles/role-text";
import { POLICIES_PREFIX } from "../../../users/permission-choices-config";
import { groupHref } from "../../groups-table-config";
import { readGroup } from "../group-data";
import { AttachGroupPoliciesForm } from "./attach-group-policies-form";

export const metadata: Metadata = { title: "Attach policies | User groups | IAM" };

export default async function AttachGroupPoliciesPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupName: string }>;
  searchParams: Promise<SearchParamsInput>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const groupName = nameFromSegment((await params).groupName);
  const trail = breadcrumbs(breadcrumbs(navTrail("/groups"), groupName, groupHref(groupName)), "Attach policies", groupHref(groupName, "attach-policies"));
  const read = await readGroup(caller, groupName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">Attach policies</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="table" />
      <AttachGroupPoliciesForm groupName={read.data.Group.GroupName} policies={await loadPolicyPicker(caller, await searchParams, POLICIES_PREFIX)} />
    </>
  );
}
