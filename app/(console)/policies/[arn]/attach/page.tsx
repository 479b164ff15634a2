import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listEntitiesForPolicy } from "@/lib/iam/attachments";
import { listGroups } from "@/lib/iam/groups";
import { listRoles } from "@/lib/iam/roles";
import { listUsers } from "@/lib/iam/users";
import { arnFromSegment, policyHref } from "../../policy-href";
import { readPolicy } from "../policy-data";
import { EntitiesForm, type EntityChoice } from "./entities-form";

export const metadata: Metadata = { title: "Attach policy | Policies | IAM" };

/** One page of each list: the console's attach page lists every entity of the account. */
const MAX_ENTITIES = 1000;

export default async function AttachPolicyPage({ params }: { params: Promise<{ arn: string }> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const arn = arnFromSegment((await params).arn);
  const name = arn.replace(/^.*\//, "");
  const trail = breadcrumbs(breadcrumbs(navTrail("/policies"), name, policyHref(arn)), "Attach policy", `${policyHref(arn)}/attach`);
  const read = await readPolicy(caller, arn);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <PermissionAlert message={read.accessDenied} />
      </>
    );
  }
  const [users, groups, roles, attached] = await Promise.all([
    readOrDenied(listUsers(caller, { MaxItems: MAX_ENTITIES })),
    readOrDenied(listGroups(caller, { MaxItems: MAX_ENTITIES })),
    readOrDenied(listRoles(caller, { MaxItems: MAX_ENTITIES })),
    readOrDenied(listEntitiesForPolicy(caller, { PolicyArn: arn, PolicyUsageFilter: "PermissionsPolicy", MaxItems: MAX_ENTITIES })),
  ]);
  const already = new Set(
    attached.ok
      ? [
          ...attached.data.PolicyUsers.map((u) => `User:${u.UserName}`),
          ...attached.data.PolicyGroups.map((g) => `Group:${g.GroupName}`),
          ...attached.data.PolicyRoles.map((r) => `Role:${r.RoleName}`),
        ]
      : [],
  );
  const entities: EntityChoice[] = [
    ...(users.ok ? users.data.Users.map((u): EntityChoice => ({ id: `User:${u.UserName}`, kind: "User", name: u.UserName })) : []),
    ...(groups.ok ? groups.data.Groups.map((g): EntityChoice => ({ id: `Group:${g.GroupName}`, kind: "Group", name: g.GroupName })) : []),
    ...(roles.ok
      ? roles.data.Roles.filter((r) => !r.Path.startsWith("/aws-service-role/")).map(
          (r): EntityChoice => ({ id: `Role:${r.RoleName}`, kind: "Role", name: r.RoleName }),
        )
      : []),
  ].filter((e) => !already.has(e.id));
  const denied = [users, groups, roles].flatMap((r) => (r.ok ? [] : [r.accessDenied]));
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="table" />
      <EntitiesForm mode="attach" policyName={read.policy.PolicyName} arn={arn} entities={entities} denied={denied} />
    </>
  );
}
