import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { PermissionAlert } from "@/components/permission-alert";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { nameFromSegment } from "../../role-text";
import { roleHref } from "../../roles-table-config";
import { isServiceLinked, readRole } from "../role-data";
import { PermissionsBoundaryForm } from "./permissions-boundary-form";

export const metadata: Metadata = { title: "Set permissions boundary | Roles | IAM" };

export default async function RolePermissionsBoundaryPage({
  params,
  searchParams,
}: {
  params: Promise<{ roleName: string }>;
  searchParams: Promise<SearchParamsInput>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const roleName = nameFromSegment((await params).roleName);
  const href = `${roleHref(roleName)}/permissions-boundary`;
  const trail = breadcrumbs(breadcrumbs(navTrail("/roles"), roleName, roleHref(roleName)), "Set permissions boundary", href);
  const read = await readRole(caller, roleName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <PermissionAlert message={read.accessDenied} />
      </>
    );
  }
  const policies = await loadPolicyPicker(caller, await searchParams, "boundary");
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="table" />
      <PermissionsBoundaryForm
        roleName={read.role.RoleName}
        current={read.role.PermissionsBoundary?.PermissionsBoundaryArn}
        serviceLinked={isServiceLinked(read.role)}
        policies={policies}
      />
    </>
  );
}
