import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { getUserPolicy } from "@/lib/iam/inline-policies";
import { nameFromSegment } from "../../../roles/role-text";
import { prettyJson } from "../../user-text";
import { userHref } from "../../users-table-config";
import { readOptional, readUser } from "../user-data";
import { InlinePolicyEditor } from "./inline-policy-editor";

export const metadata: Metadata = { title: "Inline policy | Users | IAM" };

export default async function UserInlinePolicyPage({
  params,
  searchParams,
}: {
  params: Promise<{ userName: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const userName = nameFromSegment((await params).userName);
  const query = await searchParams;
  const policyName = typeof query.policyName === "string" && query.policyName !== "" ? query.policyName : undefined;
  const trail = breadcrumbs(
    breadcrumbs(navTrail("/users"), userName, userHref(userName)),
    policyName ? `Edit ${policyName}` : "Create policy",
    userHref(userName, "inline-policy"),
  );
  const read = await readUser(caller, userName);
  const existing = read.ok && policyName ? await readOptional(getUserPolicy(caller, { UserName: read.data.UserName, PolicyName: policyName })) : undefined;
  const denied = !read.ok ? read.accessDenied : existing && !existing.ok ? existing.accessDenied : undefined;
  if (!read.ok || denied) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">{policyName ?? "Create policy"}</Header>}>
          <PermissionAlert message={denied ?? ""} />
        </ContentLayout>
      </>
    );
  }
  const document = existing?.ok ? existing.data?.PolicyDocument : undefined;
  return (
    <>
      <PageFrame breadcrumbs={trail} contentType="form" />
      <InlinePolicyEditor
        userName={read.data.UserName}
        accountId={caller.accountId}
        // A name that is not (or no longer) there starts a new policy.
        {...(document !== undefined && policyName ? { policyName, document: prettyJson(document) } : {})}
      />
    </>
  );
}
