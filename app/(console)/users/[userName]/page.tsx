import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listAttachedGroupPolicies, listAttachedUserPolicies } from "@/lib/iam/attachments";
import { listGroupsForUser } from "@/lib/iam/groups";
import { getUserPolicy, listGroupPolicies, listUserPolicies } from "@/lib/iam/inline-policies";
import { getLoginProfile } from "@/lib/iam/login-profiles";
import { managedPolicyType, nameFromSegment } from "../../roles/role-text";
import { userHref } from "../users-table-config";
import { readOptional, readUser } from "./user-data";
import { UserDetail, type UserGroupRow, type UserPermissionRow } from "./user-detail";

type Params = { userName: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${nameFromSegment((await params).userName)} | Users | IAM` };
}

const ALL = { MaxItems: 1000 };

export default async function UserPage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const userName = nameFromSegment((await params).userName);
  const trail = breadcrumbs(navTrail("/users"), userName, userHref(userName));
  const read = await readUser(caller, userName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">{userName}</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  const user = read.data;
  const UserName = user.UserName;
  const [login, attached, inline, groups] = await Promise.all([
    readOptional(getLoginProfile(caller, { UserName })),
    readOrDenied(listAttachedUserPolicies(caller, { UserName, ...ALL })),
    readOrDenied(listUserPolicies(caller, { UserName, ...ALL })),
    readOrDenied(listGroupsForUser(caller, { UserName, ...ALL })),
  ]);
  const groupNames = groups.ok ? groups.data.Groups.map((g) => g.GroupName) : [];
  const [inlineDocuments, groupPolicies] = await Promise.all([
    inline.ok ? Promise.all(inline.data.PolicyNames.map((PolicyName) => readOrDenied(getUserPolicy(caller, { UserName, PolicyName })))) : [],
    Promise.all(
      groupNames.map(async (GroupName) => ({
        GroupName,
        attached: await readOrDenied(listAttachedGroupPolicies(caller, { GroupName, ...ALL })),
        inline: await readOrDenied(listGroupPolicies(caller, { GroupName, ...ALL })),
      })),
    ),
  ]);

  const permissions: UserPermissionRow[] = [
    ...(attached.ok
      ? attached.data.AttachedPolicies.map((p): UserPermissionRow => ({
          id: p.PolicyArn,
          name: p.PolicyName,
          arn: p.PolicyArn,
          type: managedPolicyType(p.PolicyArn),
          attachedVia: "Directly",
        }))
      : []),
    ...(inline.ok
      ? inline.data.PolicyNames.map((name, i): UserPermissionRow => {
          const doc = inlineDocuments[i];
          return {
            id: `inline:${name}`,
            name,
            type: "Customer inline",
            attachedVia: "Directly",
            editHref: `${userHref(UserName, "inline-policy")}?policyName=${encodeURIComponent(name)}`,
            ...(doc?.ok ? { document: doc.data.PolicyDocument } : {}),
          };
        })
      : []),
    ...groupPolicies.flatMap(({ GroupName, attached: a, inline: n }) => [
      ...(a.ok
        ? a.data.AttachedPolicies.map((p): UserPermissionRow => ({
            id: `group:${GroupName}:${p.PolicyArn}`,
            name: p.PolicyName,
            arn: p.PolicyArn,
            type: managedPolicyType(p.PolicyArn),
            attachedVia: `Group ${GroupName}`,
            groupName: GroupName,
          }))
        : []),
      ...(n.ok
        ? n.data.PolicyNames.map((name): UserPermissionRow => ({
            id: `group:${GroupName}:inline:${name}`,
            name,
            type: "Customer inline",
            attachedVia: `Group ${GroupName}`,
            groupName: GroupName,
          }))
        : []),
    ]),
  ];
  const groupRows: UserGroupRow[] = groupPolicies.map(({ GroupName, attached: a }) => ({
    GroupName,
    attachedPolicies: a.ok ? a.data.AttachedPolicies.map((p) => p.PolicyName) : [],
  }));
  const denied = [attached, inline, groups, ...groupPolicies.flatMap((g) => [g.attached, g.inline])].flatMap((r) =>
    r.ok ? [] : [r.accessDenied],
  );
  const profile = login.ok ? login.data?.LoginProfile : undefined;

  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <UserDetail
        user={{
          UserName,
          Arn: user.Arn,
          created: formatDateTime(user.CreateDate),
          consoleAccess: !login.ok ? "-" : profile ? "Enabled without MFA" : "Disabled",
          consoleAccessDenied: login.ok ? undefined : login.accessDenied,
          passwordResetRequired: profile?.PasswordResetRequired ?? false,
          lastSignIn: user.PasswordLastUsed ? `${timeAgo(user.PasswordLastUsed, caller.now)}` : profile ? "Never" : "-",
          permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn,
          tags: user.Tags ?? [],
        }}
        permissions={permissions}
        permissionsDenied={denied[0]}
        groups={groupRows}
        groupsDenied={groups.ok ? undefined : groups.accessDenied}
      />
    </>
  );
}
