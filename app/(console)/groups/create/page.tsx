import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import type { SearchParamsInput } from "@/components/data-table/table-query";
import { loadPolicyPicker } from "@/components/policy-picker/load-policy-picker";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { POLICIES_PREFIX } from "../../users/permission-choices-config";
import { loadUserChoices } from "../../users/permission-choices-data";
import { CreateGroupForm } from "./create-group-form";

export const metadata: Metadata = { title: "Create user group | IAM" };

export default async function CreateGroupPage({ searchParams }: { searchParams: Promise<SearchParamsInput> }) {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const params = await searchParams;
  const [users, policies] = await Promise.all([loadUserChoices(caller, params), loadPolicyPicker(caller, params, POLICIES_PREFIX)]);
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail("/groups"), "Create user group", "/groups/create")} contentType="form" />
      <CreateGroupForm users={users} policies={policies} />
    </>
  );
}
