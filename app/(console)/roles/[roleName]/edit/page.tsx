import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { nameFromSegment } from "../../role-text";
import { roleHref } from "../../roles-table-config";
import { isServiceLinked, readRole } from "../role-data";
import { EditRoleForm } from "./edit-role-form";

export const metadata: Metadata = { title: "Edit role | Roles | IAM" };

export default async function EditRolePage({ params }: { params: Promise<{ roleName: string }> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const roleName = nameFromSegment((await params).roleName);
  const trail = breadcrumbs(breadcrumbs(navTrail("/roles"), roleName, roleHref(roleName)), "Edit", `${roleHref(roleName)}/edit`);
  const read = await readRole(caller, roleName);
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="form" />
      {read.ok ? (
        <EditRoleForm
          roleName={read.role.RoleName}
          description={read.role.Description ?? ""}
          maxSessionDuration={read.role.MaxSessionDuration}
          serviceLinked={isServiceLinked(read.role)}
        />
      ) : (
        <PermissionAlert message={read.accessDenied} />
      )}
    </>
  );
}
