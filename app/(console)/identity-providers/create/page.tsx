import type { Metadata } from "next";
import { breadcrumbs, navTrail } from "@/components/console-layout/breadcrumbs";
import { PageFrame } from "@/components/console-layout/page-frame";
import { requireConsoleIdentity } from "@/lib/auth/session";
import { ADD_IDENTITY_PROVIDER_HREF, IDENTITY_PROVIDERS_HREF } from "../provider-href";
import { AddProviderForm } from "./add-provider-form";

export const metadata: Metadata = { title: "Add provider | Identity providers | IAM" };

export default async function AddProviderPage() {
  await requireConsoleIdentity();
  return (
    <>
      <PageFrame breadcrumbs={breadcrumbs(navTrail(IDENTITY_PROVIDERS_HREF), "Add provider", ADD_IDENTITY_PROVIDER_HREF)} contentType="form" />
      <AddProviderForm />
    </>
  );
}
