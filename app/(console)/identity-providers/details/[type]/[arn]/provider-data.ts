import "server-only";
import { notFound } from "next/navigation";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";
import type { ProviderType } from "@/lib/iam/identity-provider-rules";
import { getOpenIDConnectProvider, getSAMLProvider } from "@/lib/iam/identity-providers";
import type { Tag } from "@/lib/iam/tags";

// The provider a route names: GetSAMLProvider or GetOpenIDConnectProvider, with a missing
// provider as Next's not-found page. AccessDenied comes back as data, for the permission alert.

export type ProviderDetails =
  | { type: "SAML"; createDate: Date; validUntil: Date; tags: Tag[] }
  | { type: "OIDC"; createDate: Date; audiences: string[]; thumbprints: string[]; tags: Tag[] };

export type ProviderRead = { ok: true; provider: ProviderDetails } | { ok: false; accessDenied: string };

export async function readProvider(caller: Caller, arn: string, type: ProviderType): Promise<ProviderRead> {
  try {
    if (type === "SAML") {
      const p = await getSAMLProvider(caller, { SAMLProviderArn: arn });
      return { ok: true, provider: { type, createDate: p.CreateDate, validUntil: p.ValidUntil, tags: p.Tags ?? [] } };
    }
    const p = await getOpenIDConnectProvider(caller, { OpenIDConnectProviderArn: arn });
    return { ok: true, provider: { type, createDate: p.CreateDate, audiences: p.ClientIDList, thumbprints: p.ThumbprintList, tags: p.Tags ?? [] } };
  } catch (err) {
    if (isIamError(err) && err.code === "AccessDenied") return { ok: false, accessDenied: err.message };
    if (isIamError(err) && (err.code === "NoSuchEntity" || err.code === "InvalidInput" || err.code === "ValidationError")) notFound();
    throw err;
  }
}
