import type { Metadata } from "next";
import { connection } from "next/server";
import { accessAnalyzerTrail, CREATE_ANALYZER_HREF, defaultAnalyzerName } from "@/components/access-analyzer/unused-access-text";
import { breadcrumbs } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { CreateAnalyzerForm } from "./create-analyzer-form";

export const metadata: Metadata = { title: "Create analyzer | Access Analyzer | IAM" };

export default async function CreateAnalyzerPage() {
  await connection();
  const { caller } = await requireConsoleIdentity();
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(accessAnalyzerTrail(), "Create analyzer", CREATE_ANALYZER_HREF)} contentType="form" />
      <CreateAnalyzerForm suggestedName={defaultAnalyzerName(caller.now)} accountId={caller.accountId} />
    </>
  );
}
