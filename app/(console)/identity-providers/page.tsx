import type { Metadata } from "next";
import { connection } from "next/server";
import { navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { timeAgo } from "@/components/console-layout/time";
import { readOrDenied } from "@/components/permission-alert";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { listIdentityProvidersForConsole } from "@/lib/iam/identity-providers";
import { IDENTITY_PROVIDERS_HREF, PROVIDER_TYPE_LABELS } from "./provider-href";
import { ProvidersTable } from "./providers-table";

export const metadata: Metadata = { title: "Identity providers | IAM" };

export default async function IdentityProvidersPage() {
  await connection();
  const { caller } = await requireConsoleIdentity();
  const result = await readOrDenied(listIdentityProvidersForConsole(caller));
  return (
    <>
      <PageFrame breadcrumbs={navTrail(IDENTITY_PROVIDERS_HREF)} contentType="table" />
      <ProvidersTable
        rows={
          result.ok
            ? result.data.map((p) => ({
                arn: p.arn,
                name: p.name,
                type: PROVIDER_TYPE_LABELS[p.type],
                createDate: p.createDate,
                created: timeAgo(p.createDate, caller.now),
              }))
            : []
        }
        accessDenied={result.ok ? undefined : result.accessDenied}
      />
    </>
  );
}
