import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { formatDateTime } from "@/components/console-layout/time";
import { PermissionAlert } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { createRoleForProviderHref } from "../../../../roles/create/trusted-entity";
import { IDENTITY_PROVIDERS_HREF, identityProviderHref, providerFromSegments } from "../../../provider-href";
import { readProvider } from "./provider-data";
import { ProviderDetail } from "./provider-detail";

type Params = { type: string; arn: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { type, arn } = await params;
  const provider = providerFromSegments(type, arn);
  return { title: `${provider?.name ?? "Provider"} | Identity providers | IAM` };
}

export default async function IdentityProviderPage({ params }: { params: Promise<Params> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const segments = await params;
  const named = providerFromSegments(segments.type, segments.arn);
  if (!named) notFound();
  const trail = breadcrumbs(navTrail(IDENTITY_PROVIDERS_HREF), named.name, identityProviderHref(named.arn));
  const read = await readProvider(caller, named.arn, named.type);
  if (!read.ok) {
    return (
      <>
        <PageFrame breadcrumbs={trail} />
        <ContentLayout header={<Header variant="h1">{named.name}</Header>}>
          <PermissionAlert message={read.accessDenied} />
        </ContentLayout>
      </>
    );
  }
  const p = read.provider;
  return (
    <>
      <PageFrame breadcrumbs={trail} />
      <ProviderDetail
        provider={{
          arn: named.arn,
          name: named.name,
          created: formatDateTime(p.createDate),
          tags: p.tags,
          assignRoleHref: createRoleForProviderHref(named.arn),
          ...(p.type === "SAML"
            ? { type: "SAML", validUntil: formatDateTime(p.validUntil) }
            : { type: "OIDC", audiences: p.audiences, thumbprints: p.thumbprints }),
        }}
      />
    </>
  );
}
