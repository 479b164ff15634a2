import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime, timeAgo } from "@/components/console-layout/time";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listAttachedRolePolicies } from "@/lib/iam/attachments";
import { getRolePolicy, listRolePolicies } from "@/lib/iam/inline-policies";
import { listInstanceProfilesForRole } from "@/lib/iam/instance-profiles";
import { roleHref } from "../roles-table-config";
import { managedPolicyType, nameFromSegment } from "../role-text";
import { isServiceLinked, readRole } from "./role-data";
import { RoleDetail, type RolePermissionRow } from "./role-detail";

type Params = { roleName: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  return { title: `${nameFromSegment((await params).roleName)} | Roles | IAM` };
}

export default async function RolePage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const roleName = nameFromSegment((await params).roleName);
  const trail = breadcrumbs(navTrail("/roles"), roleName, roleHref(roleName));
  const read = await readRole(caller, roleName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">{roleName}</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  const role = read.role;
  const [attached, inline, profiles] = await Promise.all([
    readOrDenied(listAttachedRolePolicies(caller, { RoleName: role.RoleName, MaxItems: 1000 })),
    readOrDenied(listRolePolicies(caller, { RoleName: role.RoleName, MaxItems: 1000 })),
    readOrDenied(listInstanceProfilesForRole(caller, { RoleName: role.RoleName, MaxItems: 1000 })),
  ]);
  const inlineDocuments = inline.ok
    ? await Promise.all(
        inline.data.PolicyNames.map((PolicyName) => readOrDenied(getRolePolicy(caller, { RoleName: role.RoleName, PolicyName }))),
      )
    : [];

  const permissions: RolePermissionRow[] = [
    ...(attached.ok
      ? attached.data.AttachedPolicies.map((p): RolePermissionRow => ({
          id: p.PolicyArn,
          name: p.PolicyName,
          arn: p.PolicyArn,
          type: managedPolicyType(p.PolicyArn),
        }))
      : []),
    ...(inline.ok
      ? inline.data.PolicyNames.map((name, i): RolePermissionRow => {
          const doc = inlineDocuments[i];
          return { id: `inline:${name}`, name, type: "Customer inline", ...(doc?.ok ? { document: doc.data.PolicyDocument } : {}) };
        })
      : []),
  ];
  const denied = [attached, inline].flatMap((r) => (r.ok ? [] : [r.accessDenied]));

  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <RoleDetail
        role={{
          RoleName: role.RoleName,
          Arn: role.Arn,
          Path: role.Path,
          Description: role.Description ?? "",
          AssumeRolePolicyDocument: prettyJson(role.AssumeRolePolicyDocument),
          MaxSessionDuration: role.MaxSessionDuration,
          created: formatDateTime(role.CreateDate),
          lastActivity: role.RoleLastUsed?.LastUsedDate
            ? `${timeAgo(role.RoleLastUsed.LastUsedDate, caller.now)}${role.RoleLastUsed.Region ? ` in ${role.RoleLastUsed.Region}` : ""}`
            : "-",
          instanceProfileArns: profiles.ok ? profiles.data.InstanceProfiles.map((p) => p.Arn) : [],
          permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn,
          tags: role.Tags ?? [],
          serviceLinked: isServiceLinked(role),
        }}
        permissions={permissions}
        permissionsDenied={denied[0]}
      />
    </>
  );
}

/** Trust policies are stored as sent; the console shows them indented. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 4);
  } catch {
    return text;
  }
}
