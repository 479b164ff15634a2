import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listGroups } from "@/lib/iam/groups";
import { policyCatalogData } from "@/lib/iam/policy-catalog";
import { listRoles } from "@/lib/iam/roles";
import { listUsers } from "@/lib/iam/users";
import { PolicySimulator, type PrincipalChoices, type ServiceChoice } from "./policy-simulator";

export const metadata: Metadata = { title: "Policy simulator | IAM" };

/** The simulator lists every principal of the account at once: one page of each list. */
const MAX_PRINCIPALS = 1000;

export default async function PolicySimulatorPage() {
  await connection();
  const { caller } = await requireConsoleIdentity();
  // Each list reads on its own: a denied one shows the permission alert, the others still work.
  const [users, groups, roles, catalog] = await Promise.all([
    readOrDenied(listUsers(caller, { MaxItems: MAX_PRINCIPALS })),
    readOrDenied(listGroups(caller, { MaxItems: MAX_PRINCIPALS })),
    readOrDenied(listRoles(caller, { MaxItems: MAX_PRINCIPALS })),
    policyCatalogData(),
  ]);
  // The service list comes with the page; a service's actions come with the catalog download.
  const services: ServiceChoice[] = catalog.services
    .map((s) => ({ prefix: s.prefix, name: s.name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));

  const principals: PrincipalChoices = {
    users: users.ok
      ? { ok: true, data: users.data.Users.map((u) => ({ name: u.UserName, arn: u.Arn })), truncated: users.data.IsTruncated }
      : users,
    groups: groups.ok
      ? { ok: true, data: groups.data.Groups.map((g) => ({ name: g.GroupName, arn: g.Arn })), truncated: groups.data.IsTruncated }
      : groups,
    roles: roles.ok
      ? { ok: true, data: roles.data.Roles.map((r) => ({ name: r.RoleName, arn: r.Arn })), truncated: roles.data.IsTruncated }
      : roles,
  };

  return (
    <>
      <PageFrame breadcrumbs={navTrail("/policy-simulator")} contentType="default" />
      <PolicySimulator principals={principals} services={services} />
    </>
  );
}
