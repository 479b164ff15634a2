import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listEntitiesForPolicy } from "@/lib/iam/attachments";
import { arnFromSegment, policyHref } from "../../policy-href";
import { EntitiesForm, type EntityChoice } from "../attach/entities-form";
import { readPolicy } from "../policy-data";

export const metadata: Metadata = { title: "Detach policy | Policies | IAM" };

export default async function DetachPolicyPage({ params }: { params: Promise<{ arn: string }> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const arn = arnFromSegment((await params).arn);
  const name = arn.replace(/^.*\//, "");
  const trail = breadcrumbs(breadcrumbs(navTrail("/policies"), name, policyHref(arn)), "Detach policy", `${policyHref(arn)}/detach`);
  const read = await readPolicy(caller, arn);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <PermissionAlert message={read.accessDenied} />
      </>
    );
  }
  const attached = await readOrDenied(listEntitiesForPolicy(caller, { PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy", MaxItems: 1000 }));
  const entities: EntityChoice[] = attached.ok
    ? [
        ...attached.data.PolicyUsers.map((u): EntityChoice => ({ id: `User:${u.UserName}`, kind: "User", name: u.UserName })),
        ...attached.data.PolicyGroups.map((g): EntityChoice => ({ id: `Group:${g.GroupName}`, kind: "Group", name: g.GroupName })),
        ...attached.data.PolicyRoles.map((r): EntityChoice => ({ id: `Role:${r.RoleName}`, kind: "Role", name: r.RoleName })),
      ]
    : [];
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="table" />
      <EntitiesForm mode="detach" policyName={read.policy.PolicyName} arn={arn} entities={entities} denied={attached.ok ? [] : [attached.accessDenied]} />
    </>
  );
}
