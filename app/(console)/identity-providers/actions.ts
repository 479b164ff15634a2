"use server";

import { revalidatePath } from "next/cache";
import { readString, readStrings, readTags } from "@/lib/action-input";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { redirectWithFlash } from "@/lib/flash";
import type { Caller } from "@/lib/iam/caller";
import { parseProviderArn, type ProviderType } from "@/lib/iam/identity-provider-rules";
import {
  addClientIDToOpenIDConnectProvider,
  createOpenIDConnectProvider,
  createSAMLProvider,
  deleteOpenIDConnectProvider,
  deleteSAMLProvider,
  removeClientIDFromOpenIDConnectProvider,
  tagOpenIDConnectProvider,
  tagSAMLProvider,
  untagOpenIDConnectProvider,
  untagSAMLProvider,
  updateOpenIDConnectProviderThumbprint,
  updateSAMLProvider,
} from "@/lib/iam/identity-providers";
import { IDENTITY_PROVIDERS_HREF, identityProviderHref, providerName } from "./provider-href";

// The identity provider pages' actions. Each reads its arguments for shape only (any value can
// arrive from the browser), checks the caller, makes the IAM calls the console makes for the
// button, and revalidates the pages whose data changed. "Add provider" and a delete from the
// provider's own page end on the list, with the outcome in the Flashbar.

function providerArn(value: unknown): { arn: string; type: ProviderType } | undefined {
  const arn = readString(value);
  const type = arn === undefined ? undefined : parseProviderArn(arn)?.type;
  return arn !== undefined && type ? { arn, type } : undefined;
}

function changed(arn: string): void {
  revalidatePath(IDENTITY_PROVIDERS_HREF);
  revalidatePath(identityProviderHref(arn));
}

const unreadable = <T>() => invalidFields<T>({ form: "The form could not be read." });

/** "Add provider" for SAML: CreateSAMLProvider with the uploaded metadata document and the tags. */
export async function addSamlProvider(form: { name?: unknown; metadataDocument?: unknown; tags?: unknown }): Promise<ActionResult<never>> {
  const name = readString(form.name);
  const document = readString(form.metadataDocument);
  const tags = readTags(form.tags);
  if (name === undefined || document === undefined || !tags) return unreadable();
  const caller = await requireCaller();
  let arn: string;
  try {
    arn = (await createSAMLProvider(caller, { Name: name, SAMLMetadataDocument: document, ...(tags.length > 0 ? { Tags: tags } : {}) })).SAMLProviderArn;
    revalidatePath(IDENTITY_PROVIDERS_HREF);
  } catch (err) {
    return failed(err);
  }
  return redirectWithFlash(IDENTITY_PROVIDERS_HREF, { type: "success", content: `Provider ${name} added.`, link: { text: name, href: identityProviderHref(arn) } });
}

/** "Add provider" for OpenID Connect: CreateOpenIDConnectProvider with its URL, one audience and the tags. */
export async function addOidcProvider(form: { url?: unknown; audience?: unknown; tags?: unknown }): Promise<ActionResult<never>> {
  const url = readString(form.url);
  const audience = readString(form.audience);
  const tags = readTags(form.tags);
  if (url === undefined || audience === undefined || !tags) return unreadable();
  const caller = await requireCaller();
  let arn: string;
  try {
    arn = (await createOpenIDConnectProvider(caller, { Url: url, ClientIDList: [audience], ...(tags.length > 0 ? { Tags: tags } : {}) }))
      .OpenIDConnectProviderArn;
    revalidatePath(IDENTITY_PROVIDERS_HREF);
  } catch (err) {
    return failed(err);
  }
  const name = providerName(arn);
  return redirectWithFlash(IDENTITY_PROVIDERS_HREF, { type: "success", content: `Provider ${name} added.`, link: { text: name, href: identityProviderHref(arn) } });
}

function deleteProvider(caller: Caller, provider: { arn: string; type: ProviderType }) {
  return provider.type === "SAML"
    ? deleteSAMLProvider(caller, { SAMLProviderArn: provider.arn })
    : deleteOpenIDConnectProvider(caller, { OpenIDConnectProviderArn: provider.arn });
}

/** The list's "Delete": the chosen providers, one after the other, stopping at the first failure. */
export async function deleteProviders(arns: unknown): Promise<ActionResult<{ deleted: string[] }>> {
  const list = readStrings(arns);
  const providers = list?.map(providerArn);
  if (!providers || providers.length === 0 || providers.some((p) => !p)) return invalidFields({ arns: "Choose the providers to delete." });
  const caller = await requireCaller();
  const deleted: string[] = [];
  try {
    for (const provider of providers as { arn: string; type: ProviderType }[]) {
      await deleteProvider(caller, provider);
      deleted.push(provider.arn);
    }
  } catch (err) {
    return failed(err);
  } finally {
    if (deleted.length > 0) revalidatePath(IDENTITY_PROVIDERS_HREF);
  }
  return succeeded({ deleted }, deleted.length === 1 ? `Provider ${providerName(deleted[0])} deleted.` : `${deleted.length} providers deleted.`);
}

/** "Delete" on a provider's page: the provider goes, and the console returns to the list. */
export async function deleteProviderFromPage(arn: unknown): Promise<ActionResult<never>> {
  const provider = providerArn(arn);
  if (!provider) return unreadable();
  const caller = await requireCaller();
  try {
    await deleteProvider(caller, provider);
    revalidatePath(IDENTITY_PROVIDERS_HREF);
  } catch (err) {
    return failed(err);
  }
  return redirectWithFlash(IDENTITY_PROVIDERS_HREF, { type: "success", content: `Provider ${providerName(provider.arn)} deleted.` });
}

/** "Add audience": AddClientIDToOpenIDConnectProvider. */
export async function addAudience(arn: unknown, audience: unknown): Promise<ActionResult<null>> {
  const provider = providerArn(arn);
  const clientId = readString(audience);
  if (provider?.type !== "OIDC" || clientId === undefined) return unreadable();
  const caller = await requireCaller();
  try {
    await addClientIDToOpenIDConnectProvider(caller, { OpenIDConnectProviderArn: provider.arn, ClientID: clientId });
  } catch (err) {
    return failed(err);
  }
  changed(provider.arn);
  return succeeded(null, `Audience ${clientId} added.`);
}

/** "Remove audience": RemoveClientIDFromOpenIDConnectProvider for each chosen audience. */
export async function removeAudiences(arn: unknown, audiences: unknown): Promise<ActionResult<null>> {
  const provider = providerArn(arn);
  const clientIds = readStrings(audiences);
  if (provider?.type !== "OIDC" || !clientIds || clientIds.length === 0) return unreadable();
  const caller = await requireCaller();
  try {
    for (const clientId of clientIds) await removeClientIDFromOpenIDConnectProvider(caller, { OpenIDConnectProviderArn: provider.arn, ClientID: clientId });
  } catch (err) {
    changed(provider.arn);
    return failed(err);
  }
  changed(provider.arn);
  return succeeded(null, clientIds.length === 1 ? `Audience ${clientIds[0]} removed.` : `${clientIds.length} audiences removed.`);
}

/** "Manage thumbprints" → "Save changes": UpdateOpenIDConnectProviderThumbprint with the whole list. */
export async function saveThumbprints(arn: unknown, thumbprints: unknown): Promise<ActionResult<null>> {
  const provider = providerArn(arn);
  const list = readStrings(thumbprints);
  if (provider?.type !== "OIDC" || !list) return unreadable();
  const caller = await requireCaller();
  try {
    await updateOpenIDConnectProviderThumbprint(caller, { OpenIDConnectProviderArn: provider.arn, ThumbprintList: list });
  } catch (err) {
    return failed(err);
  }
  changed(provider.arn);
  return succeeded(null, "Thumbprints saved.");
}

/** "Replace metadata": UpdateSAMLProvider with the new document. */
export async function replaceMetadata(arn: unknown, metadataDocument: unknown): Promise<ActionResult<null>> {
  const provider = providerArn(arn);
  const document = readString(metadataDocument);
  if (provider?.type !== "SAML" || document === undefined) return unreadable();
  const caller = await requireCaller();
  try {
    await updateSAMLProvider(caller, { SAMLProviderArn: provider.arn, SAMLMetadataDocument: document });
  } catch (err) {
    return failed(err);
  }
  changed(provider.arn);
  return succeeded(null, `Metadata of ${providerName(provider.arn)} replaced.`);
}

/** "Manage tags" → "Save changes": Untag… for removed keys, Tag… for new and changed ones. */
export async function saveProviderTags(arn: unknown, changes: { set?: unknown; remove?: unknown }): Promise<ActionResult<null>> {
  const provider = providerArn(arn);
  const set = readTags(changes.set ?? []);
  const remove = readStrings(changes.remove ?? []);
  if (!provider || !set || !remove) return invalidFields({ tags: "Enter valid tags." });
  const caller = await requireCaller();
  try {
    if (provider.type === "SAML") {
      if (remove.length > 0) await untagSAMLProvider(caller, { SAMLProviderArn: provider.arn, TagKeys: remove });
      if (set.length > 0) await tagSAMLProvider(caller, { SAMLProviderArn: provider.arn, Tags: set });
    } else {
      if (remove.length > 0) await untagOpenIDConnectProvider(caller, { OpenIDConnectProviderArn: provider.arn, TagKeys: remove });
      if (set.length > 0) await tagOpenIDConnectProvider(caller, { OpenIDConnectProviderArn: provider.arn, Tags: set });
    }
  } catch (err) {
    changed(provider.arn);
    return failed(err);
  }
  changed(provider.arn);
  return succeeded(null, `Tags saved for ${providerName(provider.arn)}.`);
}
