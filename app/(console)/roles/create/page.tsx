import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { readOrDenied } from "@/components/permission-alert";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import { requireConsoleIdentity } from "@/lib/auth/session";
import type { Caller } from "@/lib/iam/caller";
import { getOpenIDConnectProvider, listOpenIDConnectProviders, listSAMLProviders } from "@/lib/iam/identity-providers";
import { policyCatalogData } from "@/lib/iam/policy-catalog";
import { CreateRoleWizard } from "./create-role-wizard";
import { readPreselection, type AccountIdentityProviders } from "./trusted-entity";

export const metadata: Metadata = { title: "Create role | IAM" };

export default async function CreateRolePage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const params = await searchParams;
  const [policies, boundaries, catalog, providers] = await Promise.all([
    loadPolicyPicker(caller, params, "policies"),
    loadPolicyPicker(caller, params, "boundary"),
    policyCatalogData(),
    loadIdentityProviders(caller),
  ]);
  const services = catalog.services.map((s) => ({ prefix: s.prefix, name: s.name })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail("/roles"), "Create role", "/roles/create")} contentType="wizard" />
      <CreateRoleWizard
        accountId={caller.accountId}
        services={services}
        policies={policies}
        boundaries={boundaries}
        providers={providers}
        preselection={readPreselection(params, providers)}
      />
    </>
  );
}

/**
 * The account's providers, read as the console reads them: the two lists, then each OpenID
 * Connect provider for its audiences. A list the caller may not read leaves that type empty,
 * with the denial shown in step 1.
 */
async function loadIdentityProviders(caller: Caller): Promise<AccountIdentityProviders> {
  const [saml, oidc] = await Promise.all([readOrDenied(listSAMLProviders(caller)), readOrDenied(listOpenIDConnectProviders(caller))]);
  const details = oidc.ok
    ? await Promise.all(
        oidc.data.OpenIDConnectProviderList.map(({ Arn }) => readOrDenied(getOpenIDConnectProvider(caller, { OpenIDConnectProviderArn: Arn }))),
      )
    : [];
  const denied = [saml, oidc, ...details].find((r) => !r.ok);
  return {
    saml: saml.ok ? saml.data.SAMLProviderList.map((p) => ({ arn: p.Arn, name: providerName(p.Arn) })) : [],
    oidc: oidc.ok
      ? oidc.data.OpenIDConnectProviderList.map(({ Arn }, i) => {
          const detail = details[i];
          return { arn: Arn, name: providerName(Arn), clientIds: detail?.ok ? detail.data.ClientIDList : [] };
        })
      : [],
    ...(denied && !denied.ok ? { denied: denied.accessDenied } : {}),
  };
}

/** A provider's name in its ARN: the SAML provider's name, or the OIDC provider's URL without https://. */
function providerName(arn: string): string {
  return arn.replace(/^[^/]*\//, "");
}
