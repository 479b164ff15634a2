import "server-only";
import type { AppLayoutProps } from "@cloudscape-design/components/app-layout";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import type { ListEntitiesForPolicyOutput } from "@/lib/iam/attachments";
import type { Caller } from "@/lib/iam/caller";
import { policyHref } from "@/lib/console-paths";
import { arnFromSegment } from "../policy-href";
import type { EntityChoice } from "./attach/entities-form";
import { readPolicy, type PolicyRead } from "./policy-data";

// The pages under a managed policy's page (Edit policy, Attach policy, Detach policy): each
// reads the policy its route names and shows the permission alert when that is denied, and
// otherwise what `render` builds for it.

export interface PolicySubpageContext {
  caller: Caller;
  arn: string;
  read: Extract<PolicyRead, { ok: true }>;
  /** The page's query, as Next hands it over. */
  query: Record<string, string | string[] | undefined>;
  /** The page's content in the console frame, under the page's breadcrumbs. */
  frame: (content: ReactNode, contentType?: AppLayoutProps.ContentType) => ReactNode;
}

export function policySubpage(
  page: "edit" | "attach" | "detach",
  text: string,
  render: (context: PolicySubpageContext) => Promise<ReactNode>,
) {
  return async function PolicySubpage({
    params,
    searchParams,
  }: {
    params: Promise<{ arn: string }>;
    searchParams: Promise<Record<string, string | string[] | undefined>>;
  }) {
    await connection();
    const { caller } = await requireConsoleIdentity();
    const arn = arnFromSegment((await params).arn);
    const name = arn.replace(/^.*\//, "");
    const trail = breadcrumbs(breadcrumbs(navTrail("/policies"), name, policyHref(arn)), text, policyHref(arn, page));
    const frame = (content: ReactNode, contentType?: AppLayoutProps.ContentType) => (
      <>
        <PageFrame breadcrumbs={trail} contentType={contentType} />
        {content}
      </>
    );
    const read = await readPolicy(caller, arn);
    if (!read.ok) return frame(<PermissionAlert message={read.accessDenied} />);
    return render({ caller, arn, read, frame, query: await searchParams });
  };
}

/** The users, groups and roles a policy is attached to, as Attach and Detach list them. */
export function attachedEntities(attached: ListEntitiesForPolicyOutput): EntityChoice[] {
  return [
    ...attached.PolicyUsers.map((u): EntityChoice => ({ id: `User:${u.UserName}`, kind: "User", name: u.UserName })),
    ...attached.PolicyGroups.map((g): EntityChoice => ({ id: `Group:${g.GroupName}`, kind: "Group", name: g.GroupName })),
    ...attached.PolicyRoles.map((r): EntityChoice => ({ id: `Role:${r.RoleName}`, kind: "Role", name: r.RoleName })),
  ];
}
