import "server-only";
import type { AppLayoutProps } from "@cloudscape-design/components/app-layout";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { entityTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { PermissionAlert, readOrDenied } from "@/components/permission-alert";
import { prettyJson } from "@/components/policy-editor/pretty-json";
import { revealRangeFromQuery } from "@/components/policy-editor/reveal-range";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import { requireConsoleIdentity } from "@/lib/auth/session";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";
import { AttachPoliciesForm } from "./attach-policies-form";
import { BoundaryForm } from "./boundary-form";
import { readEntity, type EntitySummary } from "./data";
import { ENTITY_OPS } from "./entity-ops";
import { InlinePolicyWizard } from "./inline-policy-wizard";
import { BOUNDARY_PREFIX, nameFromSegment, POLICIES_PREFIX, type EntityKind } from "./kinds";

// The pages under a user's, group's or role's page (…/details/NAME/PAGE): each reads the
// entity the route names, shows the permission alert when that is denied, and otherwise its
// form. The route files only pick the kind and the form.

/** The route parameter holding the entity's name. */
const PARAM: Record<EntityKind, string> = { User: "userName", Group: "groupName", Role: "roleName" };

/** A page's query, as Next hands it over. */
export type PageQuery = Record<string, string | string[] | undefined>;

type RouteProps = { params: Promise<Record<string, string>>; searchParams: Promise<PageQuery> };

/** A page's content when its read was denied. */
export function DeniedContent({ title, message }: { title: string; message: string }) {
  return (
    <ContentLayout header={<Header variant="h1">{title}</Header>}>
      <PermissionAlert message={message} />
    </ContentLayout>
  );
}

export interface SubpageContext {
  caller: Caller;
  entity: EntitySummary;
  query: PageQuery;
}

/** The page at …/details/NAME/`page`, titled `text` in the breadcrumbs, showing `render`'s form. */
export function entitySubpage(
  kind: EntityKind,
  sub: { page: string; text: string | ((query: PageQuery) => string); contentType: AppLayoutProps.ContentType },
  render: (context: SubpageContext) => Promise<ReactNode> | ReactNode,
) {
  return async function EntitySubpage({ params, searchParams }: RouteProps) {
    await connection();
    const { caller } = await requireConsoleIdentity();
    const name = nameFromSegment((await params)[PARAM[kind]] ?? "");
    const query = await searchParams;
    const text = typeof sub.text === "function" ? sub.text(query) : sub.text;
    const trail = entityTrail(kind, name, { text, page: sub.page });
    const read = await readEntity(caller, kind, name);
    return (
      <>
        <PageFrame breadcrumbs={trail} contentType={read.ok ? sub.contentType : "default"} />
        {read.ok ? await render({ caller, entity: read.data, query }) : <DeniedContent title={text} message={read.accessDenied} />}
      </>
    );
  };
}

const policyNameOf = (query: PageQuery) => (typeof query.policyName === "string" && query.policyName !== "" ? query.policyName : undefined);

/** "Create inline policy", or editing the one `?policyName=` names. */
export function inlinePolicyPage(kind: EntityKind) {
  return entitySubpage(
    kind,
    { page: "inline-policy", text: (query) => (policyNameOf(query) ? `Edit ${policyNameOf(query)}` : "Create policy"), contentType: "wizard" },
    async ({ caller, entity, query }) => {
      const policyName = policyNameOf(query);
      const existing = policyName ? await readOrDenied(readInlinePolicy(caller, kind, entity.name, policyName)) : undefined;
      if (existing && !existing.ok) return <DeniedContent title={policyName ?? "Create policy"} message={existing.accessDenied} />;
      const document = existing?.data;
      return (
        <InlinePolicyWizard
          kind={kind}
          entityName={entity.name}
          accountId={caller.accountId}
          serviceLinked={entity.serviceLinked}
          // A name that is not (or no longer) there starts a new policy.
          existing={document !== undefined && policyName ? { name: policyName, document: prettyJson(document) } : undefined}
          revealRange={revealRangeFromQuery(query)}
        />
      );
    },
  );
}

async function readInlinePolicy(caller: Caller, kind: EntityKind, entityName: string, policyName: string): Promise<string | undefined> {
  try {
    return (await ENTITY_OPS[kind].getInlinePolicy(caller, entityName, policyName)).PolicyDocument;
  } catch (err) {
    if (isIamError(err) && err.code === "NoSuchEntity") return undefined;
    throw err;
  }
}

/** "Set permissions boundary" / "Change boundary" (users and roles). */
export function boundaryPage(kind: EntityKind) {
  return entitySubpage(kind, { page: "permissions-boundary", text: "Set permissions boundary", contentType: "table" }, async ({ caller, entity, query }) => (
    <BoundaryForm
      kind={kind}
      entityName={entity.name}
      currentArn={entity.permissionsBoundaryArn}
      serviceLinked={entity.serviceLinked}
      policies={await loadPolicyPicker(caller, query, BOUNDARY_PREFIX)}
    />
  ));
}

/** "Attach policies" (groups and roles; a user's page has "Add permissions"). */
export function attachPoliciesPage(kind: EntityKind) {
  return entitySubpage(kind, { page: "attach-policies", text: "Attach policies", contentType: "table" }, async ({ caller, entity, query }) => (
    <AttachPoliciesForm
      kind={kind}
      entityName={entity.name}
      serviceLinked={entity.serviceLinked}
      policies={await loadPolicyPicker(caller, query, POLICIES_PREFIX)}
    />
  ));
}
