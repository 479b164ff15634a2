import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { getRolePolicy } from "@/lib/iam/inline-policies";
import { nameFromSegment } from "../../role-text";
import { roleHref } from "../../roles-table-config";
import { isServiceLinked, readRole } from "../role-data";
import { InlinePolicyWizard } from "./inline-policy-wizard";

export const metadata: Metadata = { title: "Create inline policy | Roles | IAM" };

export default async function RoleInlinePolicyPage({
  params,
  searchParams,
}: {
  params: Promise<{ roleName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const roleName = nameFromSegment((await params).roleName);
  const raw = (await searchParams).name;
  const policyName = Array.isArray(raw) ? raw[0] : raw;
  const title = policyName ? "Modify permissions" : "Create policy";
  const trail = breadcrumbs(breadcrumbs(navTrail("/roles"), roleName, roleHref(roleName)), title, `${roleHref(roleName)}/inline-policy`);
  const read = await readRole(caller, roleName);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <PermissionAlert message={read.accessDenied} />
      </>
    );
  }
  const existing = policyName ? await readOrDenied(getRolePolicy(caller, { RoleName: read.role.RoleName, PolicyName: policyName })) : undefined;
  if (existing && !existing.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <PermissionAlert message={existing.accessDenied} />
      </>
    );
  }
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="wizard" />
      <InlinePolicyWizard
        roleName={read.role.RoleName}
        accountId={caller.accountId}
        serviceLinked={isServiceLinked(read.role)}
        existing={existing?.ok ? { name: existing.data.PolicyName, document: pretty(existing.data.PolicyDocument) } : undefined}
      />
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
