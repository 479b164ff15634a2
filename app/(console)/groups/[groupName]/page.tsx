import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listAttachedGroupPolicies } from "@/lib/iam/attachments";
import { getGroupPolicy, listGroupPolicies } from "@/lib/iam/inline-policies";
import { managedPolicyType, nameFromSegment } from "../../roles/role-text";
import { groupHref } from "../groups-table-config";
import { readGroup } from "./group-data";
import { GroupDetail, type GroupMemberRow, type GroupPermissionRow } from "./group-detail";

type Params = { groupName: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${nameFromSegment((await params).groupName)} | User groups | IAM` };
}

export default async function GroupPage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const groupName = nameFromSegment((await params).groupName);
  const trail = breadcrumbs(navTrail("/groups"), groupName, groupHref(groupName));
  const read = await readGroup(caller, groupName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">{groupName}</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  const group = read.data.Group;
  const GroupName = group.GroupName;
  const [attached, inline] = await Promise.all([
    readOrDenied(listAttachedGroupPolicies(caller, { GroupName, MaxItems: 1000 })),
    readOrDenied(listGroupPolicies(caller, { GroupName, MaxItems: 1000 })),
  ]);
  const documents = inline.ok
    ? await Promise.all(inline.data.PolicyNames.map((PolicyName) => readOrDenied(getGroupPolicy(caller, { GroupName, PolicyName }))))
    : [];
  const permissions: GroupPermissionRow[] = [
    ...(attached.ok
      ? attached.data.AttachedPolicies.map((p): GroupPermissionRow => ({ id: p.PolicyArn, name: p.PolicyName, arn: p.PolicyArn, type: managedPolicyType(p.PolicyArn) }))
      : []),
    ...(inline.ok
      ? inline.data.PolicyNames.map((name, i): GroupPermissionRow => {
          const doc = documents[i];
          return {
            id: `inline:${name}`,
            name,
            type: "Customer inline",
            editHref: `${groupHref(GroupName, "inline-policy")}?policyName=${encodeURIComponent(name)}`,
            ...(doc?.ok ? { document: doc.data.PolicyDocument } : {}),
          };
        })
      : []),
  ];
  const members: GroupMemberRow[] = read.data.Users.map((u) => ({
    UserName: u.UserName,
    lastSignIn: u.PasswordLastUsed ? timeAgo(u.PasswordLastUsed, caller.now) : "-",
    created: timeAgo(u.CreateDate, caller.now),
  }));
  const denied = [attached, inline].flatMap((r) => (r.ok ? [] : [r.accessDenied]));

  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <GroupDetail
        group={{ GroupName, Arn: group.Arn, created: formatDateTime(group.CreateDate) }}
        members={members}
        permissions={permissions}
        permissionsDenied={denied[0]}
      />
    </>
  );
}
