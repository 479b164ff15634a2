import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { policyCatalogData } from "@/lib/iam/policy-catalog";
import { CreateRoleWizard } from "./create-role-wizard";

export const metadata: Metadata = { title: "Create role | IAM" };

export default async function CreateRolePage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const params = await searchParams;
  const [policies, boundaries, catalog] = await Promise.all([
    loadPolicyPicker(caller, params, "policies"),
    loadPolicyPicker(caller, params, "boundary"),
    policyCatalogData(),
  ]);
  const services = catalog.services.map((s) => ({ prefix: s.prefix, name: s.name })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail("/roles"), "Create role", "/roles/create")} contentType="wizard" />
      <CreateRoleWizard accountId={caller.accountId} services={services} policies={policies} boundaries={boundaries} />
    </>
  );
}
