import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import type { Caller } from "@/lib/iam/caller";
import { MAX_ITEMS_MAX } from "@/lib/iam/paging";
import { listRoles } from "@/lib/iam/roles";
import { listUsers } from "@/lib/iam/users";
import { GeneratePolicyForm, type PrincipalChoice } from "./generate-policy-form";

export const metadata: Metadata = { title: "Generate policy | Access Analyzer | IAM" };

const HREF = "/access-analyzer/generate-policy";

async function allUsers(caller: Caller): Promise<PrincipalChoice[]> {
  const out: PrincipalChoice[] = [];
  let Marker: string | undefined;
  do {
    const page = await listUsers(caller, { MaxItems: MAX_ITEMS_MAX, ...(Marker ? { Marker } : {}) });
    out.push(...page.Users.map((u) => ({ arn: u.Arn, name: u.UserName, kind: "User" as const })));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return out;
}

async function allRoles(caller: Caller): Promise<PrincipalChoice[]> {
  const out: PrincipalChoice[] = [];
  let Marker: string | undefined;
  do {
    const page = await listRoles(caller, { MaxItems: MAX_ITEMS_MAX, ...(Marker ? { Marker } : {}) });
    out.push(...page.Roles.map((r) => ({ arn: r.Arn, name: r.RoleName, kind: "Role" as const })));
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return out;
}

/** The user or role ?principal= names, even when the lists could not be read. */
function principalOf(arn: string | undefined, known: PrincipalChoice[]): PrincipalChoice | undefined {
  if (!arn) return undefined;
  const match = /^arn:[^:]*:iam::\d{12}:(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!match) return undefined;
  return known.find((p) => p.arn === arn) ?? { arn, name: match[2], kind: match[1] === "user" ? "User" : "Role" };
}

export default async function GeneratePolicyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const principal = (await searchParams).principal;
  const [users, roles] = await Promise.all([readOrDenied(allUsers(caller)), readOrDenied(allRoles(caller))]);
  const known = [...(users.ok ? users.data : []), ...(roles.ok ? roles.data : [])];
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail("/access-analyzer"), "Generate policy", HREF)} contentType="form" />
      <ContentLayout
        header={
          <Header variant="h1" description="Generate a policy that allows only what a user or role used: IAM Access Analyzer reads its recorded activity in the period you choose.">
            Generate policy
          </Header>
        }
      >
        <SpaceBetween size="l">
          {!users.ok && <PermissionAlert message={users.accessDenied} />}
          {!roles.ok && <PermissionAlert message={roles.accessDenied} />}
          <GeneratePolicyForm
            users={users.ok ? users.data : []}
            roles={roles.ok ? roles.data : []}
            initialPrincipal={principalOf(typeof principal === "string" ? principal : undefined, known)}
          />
        </SpaceBetween>
      </ContentLayout>
    </>
  );
}
