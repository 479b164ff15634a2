import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { nameFromSegment } from "../../role-text";
import { roleHref } from "../../roles-table-config";
import { isServiceLinked, readRole } from "../role-data";
import { EditTrustPolicyForm } from "./edit-trust-policy-form";

export const metadata: Metadata = { title: "Edit trust policy | Roles | IAM" };

export default async function EditTrustPolicyPage({ params }: { params: Promise<{ roleName: string }> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const roleName = nameFromSegment((await params).roleName);
  const trail = breadcrumbs(
    breadcrumbs(navTrail("/roles"), roleName, roleHref(roleName)),
    "Edit trust policy",
    `${roleHref(roleName)}/edit-trust-policy`,
  );
  const read = await readRole(caller, roleName);
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="form" />
      {read.ok ? (
        <EditTrustPolicyForm
          roleName={read.role.RoleName}
          document={pretty(read.role.AssumeRolePolicyDocument)}
          serviceLinked={isServiceLinked(read.role)}
        />
      ) : (
        <PermissionAlert message={read.accessDenied} />
      )}
    </>
  );
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 4);
  } catch {
    return text;
  }
}
