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
import { readRole } from "../role-data";
import { AttachPoliciesForm } from "./attach-policies-form";

export const metadata: Metadata = { title: "Attach policies | Roles | IAM" };

export default async function AttachRolePoliciesPage({
  params,
  searchParams,
}: {
  params: Promise<{ roleName: string }>;
  searchParams: Promise<SearchParamsInput>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const roleName = nameFromSegment((await params).roleName);
  const trail = breadcrumbs(breadcrumbs(navTrail("/roles"), roleName, roleHref(roleName)), "Attach policies", `${roleHref(roleName)}/attach-policies`);
  const read = await readRole(caller, roleName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <PermissionAlert message={read.accessDenied} />
      </>
    );
  }
  const policies = await loadPolicyPicker(caller, await searchParams, "policies");
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="table" />
      <AttachPoliciesForm roleName={read.role.RoleName} policies={policies} />
    </>
  );
}
