import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { nameFromSegment } from "../../../roles/role-text";
import { loadUserChoices } from "../../../users/permission-choices-data";
import { groupHref } from "../../groups-table-config";
import { readGroup } from "../group-data";
import { AddUsersForm } from "./add-users-form";

export const metadata: Metadata = { title: "Add users | User groups | IAM" };

export default async function AddUsersPage({
  params,
  searchParams,
}: {
  params: Promise<{ groupName: string }>;
  searchParams: Promise<SearchParamsInput>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const groupName = nameFromSegment((await params).groupName);
  const trail = breadcrumbs(breadcrumbs(navTrail("/groups"), groupName, groupHref(groupName)), "Add users", groupHref(groupName, "add-users"));
  const read = await readGroup(caller, groupName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">Add users</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="table" />
      <AddUsersForm
        groupName={read.data.Group.GroupName}
        members={read.data.Users.map((u) => u.UserName)}
        users={await loadUserChoices(caller, await searchParams)}
      />
    </>
  );
}
