import type { Metadata } from "next";
import { connection } from "next/server";
import { entityTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { isServiceLinked, loadPermissionRows, readOrNotFound } from "@/components/entity-permissions/data";
import { nameFromSegment } from "@/components/entity-permissions/kinds";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { DeniedContent } from "@/components/entity-permissions/pages";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listInstanceProfilesForRole } from "@/lib/iam/instance-profiles";
import { getRole } from "@/lib/iam/roles";
import { RoleDetail } from "./role-detail";

type Params = { roleName: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${nameFromSegment((await params).roleName)} | Roles | IAM` };
}

export default async function RolePage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const roleName = nameFromSegment((await params).roleName);
  const trail = entityTrail("Role", roleName);
  const read = await readOrNotFound(getRole(caller, { RoleName: roleName }));
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <DeniedContent title={roleName} message={read.accessDenied} />
      </>
    );
  }
  const role = read.data.Role;
  const [permissions, profiles] = await Promise.all([
    loadPermissionRows(caller, "Role", role.RoleName),
    readOrDenied(listInstanceProfilesForRole(caller, { RoleName: role.RoleName, MaxItems: 1000 })),
  ]);
  const lastUsed = role.RoleLastUsed;

  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <RoleDetail
        role={{
          RoleName: role.RoleName,
          Arn: role.Arn,
          Description: role.Description ?? "",
          AssumeRolePolicyDocument: prettyJson(role.AssumeRolePolicyDocument),
          MaxSessionDuration: role.MaxSessionDuration,
          created: formatDateTime(role.CreateDate),
          lastActivity: lastUsed?.LastUsedDate ? `${timeAgo(lastUsed.LastUsedDate, caller.now)}${lastUsed.Region ? ` in ${lastUsed.Region}` : ""}` : "-",
          instanceProfileArns: profiles.ok ? profiles.data.InstanceProfiles.map((p) => p.Arn) : [],
          permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn,
          tags: role.Tags ?? [],
          serviceLinked: isServiceLinked(role),
        }}
        permissions={permissions.rows}
        permissionsDenied={permissions.denied[0]}
      />
    </>
  );
}
