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
import { BOUNDARY_PREFIX } from "../../permission-choices-config";
import { userHref } from "../../users-table-config";
import { readUser } from "../user-data";
import { BoundaryForm } from "./boundary-form";

export const metadata: Metadata = { title: "Set permissions boundary | Users | IAM" };

export default async function UserBoundaryPage({
  params,
  searchParams,
}: {
  params: Promise<{ userName: string }>;
  searchParams: Promise<SearchParamsInput>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const userName = nameFromSegment((await params).userName);
  const trail = breadcrumbs(
    breadcrumbs(navTrail("/users"), userName, userHref(userName)),
    "Set permissions boundary",
    userHref(userName, "permissions-boundary"),
  );
  const read = await readUser(caller, userName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">Set permissions boundary</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="table" />
      <BoundaryForm
        userName={read.data.UserName}
        currentArn={read.data.PermissionsBoundary?.PermissionsBoundaryArn}
        policies={await loadPolicyPicker(caller, await searchParams, BOUNDARY_PREFIX)}
      />
    </>
  );
}
