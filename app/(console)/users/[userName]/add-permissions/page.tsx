import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { nameFromSegment } from "../../../roles/role-text";
import { loadPermissionChoices } from "../../permission-choices-data";
import type { PermissionOption } from "../../permission-options";
import { userHref } from "../../users-table-config";
import { readUser } from "../user-data";
import { AddPermissionsForm } from "./add-permissions-form";

export const metadata: Metadata = { title: "Add permissions | Users | IAM" };

const OPTIONS: readonly PermissionOption[] = ["groups", "copy", "policies"];

export default async function AddPermissionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ userName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const userName = nameFromSegment((await params).userName);
  const trail = breadcrumbs(breadcrumbs(navTrail("/users"), userName, userHref(userName)), "Add permissions", userHref(userName, "add-permissions"));
  const read = await readUser(caller, userName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">Add permissions</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  const query = await searchParams;
  const option = OPTIONS.find((o) => o === query.option) ?? "groups";
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="form" />
      <AddPermissionsForm userName={read.data.UserName} initialOption={option} choices={await loadPermissionChoices(caller, query)} />
    </>
  );
}
