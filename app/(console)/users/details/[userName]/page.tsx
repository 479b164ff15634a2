import type { Metadata } from "next";
import { connection } from "next/server";
import { entityTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { loadPermissionRows, readOrNotFound } from "@/components/entity-permissions/data";
import { nameFromSegment } from "@/components/entity-permissions/kinds";
import { DeniedContent } from "@/components/entity-permissions/pages";
import { readOrDenied } from "@/components/permission-alert";
import { SecurityCredentialsView, securityCredentialsProps } from "@/components/security-credentials/security-credentials-view";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { readSecurityCredentials, type SecurityCredentialsRead } from "@/lib/iam/console-security-credentials";
import { listGroupsForUser } from "@/lib/iam/groups";
import { getUser, type User } from "@/lib/iam/users";
import { UserDetail, type UserGroupRow } from "./user-detail";

type Params = { userName: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${nameFromSegment((await params).userName)} | Users | IAM` };
}

/** "Enabled with MFA", "Enabled without MFA", "Disabled", or "-" when it could not be read. */
function consoleAccessText(read: SecurityCredentialsRead): string {
  if (read.consoleSignIn.denied) return "-";
  if (!read.consoleSignIn.enabled) return "Disabled";
  return read.mfa.rows.length > 0 ? "Enabled with MFA" : "Enabled without MFA";
}

export default async function UserPage({ params }: { params: Promise<Params> }) {
  await connection();
  const identity = await requireConsoleIdentity();
  const { caller } = identity;
  const userName = nameFromSegment((await params).userName);
  const trail = entityTrail("User", userName);
  const read = await readOrNotFound(getUser(caller, { UserName: userName }));
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <DeniedContent title={userName} message={read.accessDenied} />
      </>
    );
  }
  const user = read.data.User as User;
  const UserName = user.UserName;
  const [credentials, own, groups] = await Promise.all([
    readSecurityCredentials(caller, { UserName }, user),
    loadPermissionRows(caller, "User", UserName),
    readOrDenied(listGroupsForUser(caller, { UserName, MaxItems: 1000 })),
  ]);
  const groupNames = groups.ok ? groups.data.Groups.map((g) => g.GroupName) : [];
  // What the user has through each group is listed too ("Attached via"); the documents are read on the group's page.
  const viaGroups = await Promise.all(groupNames.map((GroupName) => loadPermissionRows(caller, "Group", GroupName, { documents: false, via: GroupName })));
  const groupRows: UserGroupRow[] = groupNames.map((GroupName, i) => ({
    GroupName,
    attachedPolicies: viaGroups[i].rows.filter((r) => r.arn).map((r) => r.name),
  }));
  const denied = [...own.denied, ...(groups.ok ? [] : [groups.accessDenied]), ...viaGroups.flatMap((g) => g.denied)];

  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <UserDetail
        user={{
          UserName,
          Arn: user.Arn,
          created: formatDateTime(user.CreateDate),
          consoleAccess: consoleAccessText(credentials),
          consoleAccessDenied: credentials.consoleSignIn.denied,
          lastSignIn: user.PasswordLastUsed ? `${timeAgo(user.PasswordLastUsed, caller.now)}` : credentials.consoleSignIn.enabled ? "Never" : "-",
          permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn,
          tags: user.Tags ?? [],
        }}
        permissions={[...own.rows, ...viaGroups.flatMap((g) => g.rows)]}
        permissionsDenied={denied[0]}
        groups={groupRows}
        groupsDenied={groups.ok ? undefined : groups.accessDenied}
        securityCredentials={
          <SecurityCredentialsView
            {...securityCredentialsProps(credentials, {
              now: caller.now,
              signInUrl: identity.signInUrl,
              accountNames: [caller.accountId, ...(identity.accountAlias ? [identity.accountAlias] : [])],
            })}
          />
        }
      />
    </>
  );
}
