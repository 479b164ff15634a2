import type { Metadata } from "next";
import { connection } from "next/server";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { CreatePolicyWizard } from "./create-policy-wizard";

export const metadata: Metadata = { title: "Create policy | IAM" };

export default async function CreatePolicyPage() {
  await connection();
  const { caller } = await requireConsoleIdentity();
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail("/policies"), "Create policy", "/policies/create")} contentType="wizard" />
      <CreatePolicyWizard accountId={caller.accountId} />
    </>
  );
}
