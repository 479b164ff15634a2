import type { Metadata } from "next";
import { connection } from "next/server";
import { entityTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { loadPermissionRows, readOrNotFound } from "@/components/entity-permissions/data";
import { nameFromSegment } from "@/components/entity-permissions/kinds";
import { DeniedContent } from "@/components/entity-permissions/pages";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { getGroup } from "@/lib/iam/groups";
import { GroupDetail } from "./group-detail";

type Params = { groupName: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${nameFromSegment((await params).groupName)} | User groups | IAM` };
}

export default async function GroupPage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const groupName = nameFromSegment((await params).groupName);
  const trail = entityTrail("Group", groupName);
  const read = await readOrNotFound(getGroup(caller, { GroupName: groupName, MaxItems: 1000 }));
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <DeniedContent title={groupName} message={read.accessDenied} />
      </>
    );
  }
  const group = read.data.Group;
  const permissions = await loadPermissionRows(caller, "Group", group.GroupName);
  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <GroupDetail
        group={{ GroupName: group.GroupName, Arn: group.Arn, created: formatDateTime(group.CreateDate) }}
        members={read.data.Users.map((u) => ({
          UserName: u.UserName,
          lastSignIn: u.PasswordLastUsed ? timeAgo(u.PasswordLastUsed, caller.now) : "-",
          created: timeAgo(u.CreateDate, caller.now),
        }))}
        permissions={permissions.rows}
        permissionsDenied={permissions.denied[0]}
      />
    </>
  );
}
