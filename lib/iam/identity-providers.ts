import "server-only";
import { db, Prisma, type Db, type Tx } from "@/lib/db";
import { operation } from "./activity";
import { authorize, type ExtraContext } from "./authorize";
import type { Caller } from "./caller";
import { isUniqueViolation, lockRow } from "./db-facts";
import { IamError } from "./errors";
import {
  checkClientId,
  checkClientIds,
  checkOidcUrl,
  checkProviderArn,
  checkSamlMetadataLength,
  checkSamlProviderName,
  checkThumbprints,
  clientIdQuotaExceeded,
  CLIENT_IDS_PER_PROVIDER,
  COULD_NOT_PARSE_METADATA,
  oidcProviderArn,
  PROVIDERS_PER_ACCOUNT,
  samlProviderArn,
  samlValidUntil,
  type ProviderType,
} from "./identity-provider-rules";
import type { PageInput, PageOutput } from "./paging";
import { listTagsPage, putTags, removeTags } from "./resource-tags";
import { readSamlMetadata } from "./saml-metadata";
import { checkTagKeys, checkTags, requestTagContext, resourceTagContext, toTags, type Tag } from "./tags";
import { missingMember } from "./validation";

// Identity providers: SAML 2.0 providers (a name and the IdP's metadata document) and OpenID
// Connect providers (an issuer URL, its audiences and certificate thumbprints), which roles'
// trust policies name as Federated principals. Both are keyed by ARN. SAML provider names are
// unique per account regardless of case, as IAM names are; an OIDC provider's URL is compared
// exactly, as STS compares a token's issuer. The account row is locked while one is created, so
// the quota of 100 of each type and the case-insensitive name hold under concurrent calls. Tag
// keys are case-sensitive, as on every resource but users and roles.

const SAML: ProviderType = "SAML";
const OIDC: ProviderType = "OIDC";

const PROVIDER_DETAIL = {
  tags: { select: { key: true, value: true }, orderBy: { keyKey: "asc" } },
} as const satisfies Prisma.IdentityProviderInclude;

type ProviderRow = Prisma.IdentityProviderGetPayload<{ include: typeof PROVIDER_DETAIL }>;

export const noSuchSamlProvider = (arn: string) => new IamError("NoSuchEntity", `Manifest not found for arn ${arn}`);
export const noSuchOidcProvider = (arn: string) => new IamError("NoSuchEntity", `OpenIDConnect Provider not found for arn ${arn}`);
/** DeleteOpenIDConnectProvider words it differently from the other operations (obs.). */
const oidcProviderNotFoundForDelete = (arn: string) => new IamError("NoSuchEntity", `OpenId connect Provider ${arn} cannot be found.`);

const quotaExceeded = (type: ProviderType) =>
  new IamError(
    "LimitExceeded",
    `Cannot exceed quota for ${type === SAML ? "SAMLProvidersPerAccount" : "OpenIdConnectProvidersPerAccount"}: ${PROVIDERS_PER_ACCOUNT}`,
  );

const strings = (value: Prisma.JsonValue | null): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The SAML provider with this name in the account, whatever the case of the name. */
async function findSamlProvider(prisma: Db | Tx, accountId: string, name: string): Promise<ProviderRow | null> {
  const [match] = await prisma.$queryRaw<{ arn: string }[]>(
    Prisma.sql`SELECT arn FROM "IdentityProvider" WHERE "accountId" = ${accountId} AND type = ${SAML} AND lower(name) = lower(${name}) LIMIT 1`,
  );
  if (!match) return null;
  return prisma.identityProvider.findUnique({ where: { arn: match.arn }, include: PROVIDER_DETAIL });
}

function findOidcProvider(prisma: Db | Tx, accountId: string, name: string): Promise<ProviderRow | null> {
  return prisma.identityProvider.findUnique({ where: { accountId_type_name: { accountId, type: OIDC, name } }, include: PROVIDER_DETAIL });
}

/** Held until the transaction ends: writes to one provider queue behind each other. */
async function lockProvider(tx: Tx, arn: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ arn: string }[]>(Prisma.sql`SELECT arn FROM "IdentityProvider" WHERE arn = ${arn} FOR UPDATE`);
  return rows.length > 0;
}

/**
 * The provider an ARN parameter names, once `action` is allowed on it: AccessDenied comes before
 * NoSuchEntity, as in AWS, and the provider's tags are the request's aws:ResourceTag/… keys.
 */
async function authorizedProvider(
  caller: Caller,
  action: string,
  type: ProviderType,
  arnValue: string | undefined,
  extra: ExtraContext = {},
): Promise<ProviderRow> {
  const requested = checkProviderArn(arnValue, type === SAML ? "sAMLProviderArn" : "openIDConnectProviderArn", type);
  const prisma = await db();
  const row =
    requested.accountId !== caller.accountId
      ? null
      : type === SAML
        ? await findSamlProvider(prisma, caller.accountId, requested.name)
        : await findOidcProvider(prisma, caller.accountId, requested.name);
  const context = { ...(row ? resourceTagContext(toTags(row.tags)) : {}), ...extra };
  await authorize(caller, action, row?.arn ?? requested.arn, { context });
  if (!row) throw type === SAML ? noSuchSamlProvider(requested.arn) : noSuchOidcProvider(requested.arn);
  return row;
}

async function write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await db()).$transaction(fn);
}

/** Inside a write: the provider still exists, and no other write to it runs until this one ends. */
async function holdProvider(tx: Tx, row: ProviderRow): Promise<void> {
  if (await lockProvider(tx, row.arn)) return;
  throw row.type === SAML ? noSuchSamlProvider(row.arn) : noSuchOidcProvider(row.arn);
}

const tagRows = (tags: Tag[]) => tags.map((t) => ({ key: t.Key, keyKey: t.Key, value: t.Value ?? "" }));

/**
 * Creates a provider row under the account's lock: the quota of its type, then its name (a SAML
 * name regardless of case; the unique index catches an exact repeat of either type).
 */
async function insertProvider(
  caller: Caller,
  data: Omit<Prisma.IdentityProviderUncheckedCreateInput, "accountId" | "createdAt" | "tags"> & { type: ProviderType },
  tags: Tag[],
  alreadyExists: () => IamError,
): Promise<void> {
  try {
    await write(async (tx) => {
      await lockRow(tx, "Account", caller.accountId);
      if ((await tx.identityProvider.count({ where: { accountId: caller.accountId, type: data.type } })) >= PROVIDERS_PER_ACCOUNT) {
        throw quotaExceeded(data.type);
      }
      if (data.type === SAML && (await findSamlProvider(tx, caller.accountId, data.name))) throw alreadyExists();
      await tx.identityProvider.create({
        data: { ...data, accountId: caller.accountId, createdAt: caller.now, tags: { create: tagRows(tags) } },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyExists();
    throw err;
  }
}

function readMetadata(document: string): { validUntil?: Date } {
  const read = readSamlMetadata(document);
  if (!read.ok) throw new IamError("InvalidInput", COULD_NOT_PARSE_METADATA);
  return read.metadata;
}

// ---- SAML providers ------------------------------------------------------------------------

export interface SAMLProviderListEntry {
  Arn: string;
  ValidUntil: Date;
  CreateDate: Date;
}

export interface CreateSAMLProviderInput {
  Name: string;
  SAMLMetadataDocument: string;
  Tags?: Tag[];
}

export interface CreateSAMLProviderOutput {
  SAMLProviderArn: string;
  Tags?: Tag[];
}

/** The request as recorded: the metadata document can be megabytes, so only its length is kept. */
function recordedSamlParams(input: { SAMLMetadataDocument?: string } & Record<string, unknown>): Record<string, unknown> {
  const { SAMLMetadataDocument, ...rest } = input;
  return { ...rest, ...(typeof SAMLMetadataDocument === "string" ? { SAMLMetadataDocumentLength: SAMLMetadataDocument.length } : {}) };
}

export function createSAMLProvider(caller: Caller, input: CreateSAMLProviderInput): Promise<CreateSAMLProviderOutput> {
  return operation(caller, { eventName: "CreateSAMLProvider", readOnly: false, params: recordedSamlParams({ ...input }) }, async () => {
    const name = checkSamlProviderName(input.Name);
    const document = checkSamlMetadataLength(input.SAMLMetadataDocument);
    const tags = checkTags(input.Tags, false);
    const arn = samlProviderArn(caller.accountId, name);
    await authorize(caller, "iam:CreateSAMLProvider", arn, { context: requestTagContext(tags) });
    const metadata = readMetadata(document);
    await insertProvider(
      caller,
      { arn, type: SAML, name, samlMetadata: document, validUntil: samlValidUntil(metadata.validUntil, caller.now) },
      tags,
      () => new IamError("EntityAlreadyExists", `Provider with name ${name} already exists.`),
    );
    return { SAMLProviderArn: arn, ...(tags.length > 0 ? { Tags: tags } : {}) };
  });
}

export interface SAMLProviderArnInput {
  SAMLProviderArn: string;
}

export interface GetSAMLProviderOutput {
  SAMLMetadataDocument: string;
  CreateDate: Date;
  ValidUntil: Date;
  Tags?: Tag[];
}

export function getSAMLProvider(caller: Caller, input: SAMLProviderArnInput): Promise<GetSAMLProviderOutput> {
  return operation(caller, { eventName: "GetSAMLProvider", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedProvider(caller, "iam:GetSAMLProvider", SAML, input.SAMLProviderArn);
    return {
      SAMLMetadataDocument: row.samlMetadata ?? "",
      CreateDate: row.createdAt,
      ValidUntil: row.validUntil ?? samlValidUntil(undefined, row.createdAt),
      ...(row.tags.length > 0 ? { Tags: toTags(row.tags) } : {}),
    };
  });
}

export function listSAMLProviders(caller: Caller): Promise<{ SAMLProviderList: SAMLProviderListEntry[] }> {
  return operation(caller, { eventName: "ListSAMLProviders", readOnly: true }, async () => {
    await authorize(caller, "iam:ListSAMLProviders", "*");
    const rows = await (await db()).identityProvider.findMany({
      where: { accountId: caller.accountId, type: SAML },
      orderBy: { arn: "asc" },
      select: { arn: true, createdAt: true, validUntil: true },
    });
    return {
      SAMLProviderList: rows.map((r) => ({ Arn: r.arn, ValidUntil: r.validUntil ?? samlValidUntil(undefined, r.createdAt), CreateDate: r.createdAt })),
    };
  });
}

export interface UpdateSAMLProviderInput extends SAMLProviderArnInput {
  SAMLMetadataDocument: string;
}

/** Replaces the metadata document; ValidUntil follows the new document. */
export function updateSAMLProvider(caller: Caller, input: UpdateSAMLProviderInput): Promise<{ SAMLProviderArn: string }> {
  return operation(caller, { eventName: "UpdateSAMLProvider", readOnly: false, params: recordedSamlParams({ ...input }) }, async () => {
    const document = checkSamlMetadataLength(input.SAMLMetadataDocument);
    const row = await authorizedProvider(caller, "iam:UpdateSAMLProvider", SAML, input.SAMLProviderArn);
    const metadata = readMetadata(document);
    await write(async (tx) => {
      await holdProvider(tx, row);
      await tx.identityProvider.update({
        where: { arn: row.arn },
        data: { samlMetadata: document, validUntil: samlValidUntil(metadata.validUntil, caller.now) },
      });
    });
    return { SAMLProviderArn: row.arn };
  });
}

export function deleteSAMLProvider(caller: Caller, input: SAMLProviderArnInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "DeleteSAMLProvider", readOnly: false, params: { ...input } }, async () => {
    const row = await authorizedProvider(caller, "iam:DeleteSAMLProvider", SAML, input.SAMLProviderArn);
    const { count } = await write((tx) => tx.identityProvider.deleteMany({ where: { arn: row.arn } }));
    if (count === 0) throw noSuchSamlProvider(row.arn);
    return {};
  });
}

export interface TagSAMLProviderInput extends SAMLProviderArnInput {
  Tags: Tag[];
}

export function tagSAMLProvider(caller: Caller, input: TagSAMLProviderInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "TagSAMLProvider", readOnly: false, params: { ...input } }, () =>
    tagProvider(caller, "iam:TagSAMLProvider", SAML, input.SAMLProviderArn, input.Tags),
  );
}

export interface UntagSAMLProviderInput extends SAMLProviderArnInput {
  TagKeys: string[];
}

export function untagSAMLProvider(caller: Caller, input: UntagSAMLProviderInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UntagSAMLProvider", readOnly: false, params: { ...input } }, () =>
    untagProvider(caller, "iam:UntagSAMLProvider", SAML, input.SAMLProviderArn, input.TagKeys),
  );
}

export interface ListSAMLProviderTagsInput extends SAMLProviderArnInput, PageInput {}

export function listSAMLProviderTags(caller: Caller, input: ListSAMLProviderTagsInput): Promise<{ Tags: Tag[] } & PageOutput> {
  return operation(caller, { eventName: "ListSAMLProviderTags", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedProvider(caller, "iam:ListSAMLProviderTags", SAML, input.SAMLProviderArn);
    return listTagsPage(await db(), { identityProviderArn: row.arn }, input);
  });
}

// ---- OpenID Connect providers --------------------------------------------------------------

export interface CreateOpenIDConnectProviderInput {
  Url: string;
  ClientIDList?: string[];
  /** Optional since IAM fetches the IdP's certificate itself; this simulation does not reach the IdP, so none is stored then. */
  ThumbprintList?: string[];
  Tags?: Tag[];
}

export interface CreateOpenIDConnectProviderOutput {
  OpenIDConnectProviderArn: string;
  Tags?: Tag[];
}

export function createOpenIDConnectProvider(caller: Caller, input: CreateOpenIDConnectProviderInput): Promise<CreateOpenIDConnectProviderOutput> {
  return operation(caller, { eventName: "CreateOpenIDConnectProvider", readOnly: false, params: { ...input } }, async () => {
    const { url, name } = checkOidcUrl(input.Url);
    const thumbprints = checkThumbprints(input.ThumbprintList);
    const clientIds = checkClientIds(input.ClientIDList);
    const tags = checkTags(input.Tags, false);
    const arn = oidcProviderArn(caller.accountId, name);
    await authorize(caller, "iam:CreateOpenIDConnectProvider", arn, { context: requestTagContext(tags) });
    await insertProvider(
      caller,
      { arn, type: OIDC, name, url, clientIds, thumbprints },
      tags,
      () => new IamError("EntityAlreadyExists", `Provider with url ${url} already exists.`),
    );
    return { OpenIDConnectProviderArn: arn, ...(tags.length > 0 ? { Tags: tags } : {}) };
  });
}

export interface OpenIDConnectProviderArnInput {
  OpenIDConnectProviderArn: string;
}

export interface GetOpenIDConnectProviderOutput {
  /** The URL without "https://", as IAM returns it. */
  Url: string;
  ClientIDList: string[];
  ThumbprintList: string[];
  CreateDate: Date;
  Tags?: Tag[];
}

export function getOpenIDConnectProvider(caller: Caller, input: OpenIDConnectProviderArnInput): Promise<GetOpenIDConnectProviderOutput> {
  return operation(caller, { eventName: "GetOpenIDConnectProvider", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedProvider(caller, "iam:GetOpenIDConnectProvider", OIDC, input.OpenIDConnectProviderArn);
    return {
      Url: row.name,
      ClientIDList: strings(row.clientIds),
      ThumbprintList: strings(row.thumbprints),
      CreateDate: row.createdAt,
      ...(row.tags.length > 0 ? { Tags: toTags(row.tags) } : {}),
    };
  });
}

/** The account's OIDC providers with what the console lists; the caller has been allowed to list them. */
async function oidcRows(accountId: string) {
  return (await db()).identityProvider.findMany({
    where: { accountId, type: OIDC },
    orderBy: { arn: "asc" },
    select: { arn: true, name: true, createdAt: true },
  });
}

export function listOpenIDConnectProviders(caller: Caller): Promise<{ OpenIDConnectProviderList: { Arn: string }[] }> {
  return operation(caller, { eventName: "ListOpenIDConnectProviders", readOnly: true }, async () => {
    await authorize(caller, "iam:ListOpenIDConnectProviders", "*");
    return { OpenIDConnectProviderList: (await oidcRows(caller.accountId)).map((r) => ({ Arn: r.arn })) };
  });
}

export interface ClientIDInput extends OpenIDConnectProviderArnInput {
  ClientID: string;
}

/** Adds an audience; one the provider already has is left as it is. */
export function addClientIDToOpenIDConnectProvider(caller: Caller, input: ClientIDInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "AddClientIDToOpenIDConnectProvider", readOnly: false, params: { ...input } }, async () => {
    const clientId = checkClientId(input.ClientID, "clientID");
    const row = await authorizedProvider(caller, "iam:AddClientIDToOpenIDConnectProvider", OIDC, input.OpenIDConnectProviderArn);
    await write(async (tx) => {
      await holdProvider(tx, row);
      const current = strings((await tx.identityProvider.findUniqueOrThrow({ where: { arn: row.arn }, select: { clientIds: true } })).clientIds);
      if (current.includes(clientId)) return;
      if (current.length >= CLIENT_IDS_PER_PROVIDER) throw clientIdQuotaExceeded();
      await tx.identityProvider.update({ where: { arn: row.arn }, data: { clientIds: [...current, clientId] } });
    });
    return {};
  });
}

/** Removes an audience; one the provider does not have is no error. */
export function removeClientIDFromOpenIDConnectProvider(caller: Caller, input: ClientIDInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "RemoveClientIDFromOpenIDConnectProvider", readOnly: false, params: { ...input } }, async () => {
    const clientId = checkClientId(input.ClientID, "clientID");
    const row = await authorizedProvider(caller, "iam:RemoveClientIDFromOpenIDConnectProvider", OIDC, input.OpenIDConnectProviderArn);
    await write(async (tx) => {
      await holdProvider(tx, row);
      const current = strings((await tx.identityProvider.findUniqueOrThrow({ where: { arn: row.arn }, select: { clientIds: true } })).clientIds);
      if (!current.includes(clientId)) return;
      await tx.identityProvider.update({ where: { arn: row.arn }, data: { clientIds: current.filter((c) => c !== clientId) } });
    });
    return {};
  });
}

export interface UpdateOpenIDConnectProviderThumbprintInput extends OpenIDConnectProviderArnInput {
  ThumbprintList: string[];
}

/** Replaces the whole list of thumbprints (lists are not merged). */
export function updateOpenIDConnectProviderThumbprint(
  caller: Caller,
  input: UpdateOpenIDConnectProviderThumbprintInput,
): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UpdateOpenIDConnectProviderThumbprint", readOnly: false, params: { ...input } }, async () => {
    if (input.ThumbprintList === undefined) throw missingMember("thumbprintList");
    const thumbprints = checkThumbprints(input.ThumbprintList);
    const row = await authorizedProvider(caller, "iam:UpdateOpenIDConnectProviderThumbprint", OIDC, input.OpenIDConnectProviderArn);
    await write(async (tx) => {
      await holdProvider(tx, row);
      await tx.identityProvider.update({ where: { arn: row.arn }, data: { thumbprints } });
    });
    return {};
  });
}

export function deleteOpenIDConnectProvider(caller: Caller, input: OpenIDConnectProviderArnInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "DeleteOpenIDConnectProvider", readOnly: false, params: { ...input } }, async () => {
    let row: ProviderRow;
    try {
      row = await authorizedProvider(caller, "iam:DeleteOpenIDConnectProvider", OIDC, input.OpenIDConnectProviderArn);
    } catch (err) {
      if (err instanceof IamError && err.code === "NoSuchEntity") throw oidcProviderNotFoundForDelete(input.OpenIDConnectProviderArn);
      throw err;
    }
    const { count } = await write((tx) => tx.identityProvider.deleteMany({ where: { arn: row.arn } }));
    if (count === 0) throw oidcProviderNotFoundForDelete(row.arn);
    return {};
  });
}

export interface TagOpenIDConnectProviderInput extends OpenIDConnectProviderArnInput {
  Tags: Tag[];
}

export function tagOpenIDConnectProvider(caller: Caller, input: TagOpenIDConnectProviderInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "TagOpenIDConnectProvider", readOnly: false, params: { ...input } }, () =>
    tagProvider(caller, "iam:TagOpenIDConnectProvider", OIDC, input.OpenIDConnectProviderArn, input.Tags),
  );
}

export interface UntagOpenIDConnectProviderInput extends OpenIDConnectProviderArnInput {
  TagKeys: string[];
}

export function untagOpenIDConnectProvider(caller: Caller, input: UntagOpenIDConnectProviderInput): Promise<Record<string, never>> {
  return operation(caller, { eventName: "UntagOpenIDConnectProvider", readOnly: false, params: { ...input } }, () =>
    untagProvider(caller, "iam:UntagOpenIDConnectProvider", OIDC, input.OpenIDConnectProviderArn, input.TagKeys),
  );
}

export interface ListOpenIDConnectProviderTagsInput extends OpenIDConnectProviderArnInput, PageInput {}

export function listOpenIDConnectProviderTags(
  caller: Caller,
  input: ListOpenIDConnectProviderTagsInput,
): Promise<{ Tags: Tag[] } & PageOutput> {
  return operation(caller, { eventName: "ListOpenIDConnectProviderTags", readOnly: true, params: { ...input } }, async () => {
    const row = await authorizedProvider(caller, "iam:ListOpenIDConnectProviderTags", OIDC, input.OpenIDConnectProviderArn);
    return listTagsPage(await db(), { identityProviderArn: row.arn }, input);
  });
}

// ---- Tags of either type -------------------------------------------------------------------

async function tagProvider(
  caller: Caller,
  action: string,
  type: ProviderType,
  arn: string | undefined,
  input: Tag[] | undefined,
): Promise<Record<string, never>> {
  if (input === undefined) throw missingMember("tags");
  const tags = checkTags(input, false);
  const row = await authorizedProvider(caller, action, type, arn, requestTagContext(tags));
  await write(async (tx) => {
    await holdProvider(tx, row);
    await putTags(tx, { identityProviderArn: row.arn }, tags, false);
  });
  return {};
}

async function untagProvider(
  caller: Caller,
  action: string,
  type: ProviderType,
  arn: string | undefined,
  input: string[] | undefined,
): Promise<Record<string, never>> {
  const keys = checkTagKeys(input);
  const row = await authorizedProvider(caller, action, type, arn, keys.length > 0 ? { "aws:TagKeys": keys } : {});
  await write(async (tx) => {
    await holdProvider(tx, row);
    await removeTags(tx, { identityProviderArn: row.arn }, keys, false);
  });
  return {};
}

// ---- The console's list --------------------------------------------------------------------

export interface ConsoleIdentityProvider {
  arn: string;
  /** A SAML provider's name, or an OIDC provider's URL without https://. */
  name: string;
  type: ProviderType;
  createDate: Date;
}

/**
 * What the console's Identity providers page lists: both types, with their creation times.
 * The console reads it with ListSAMLProviders and ListOpenIDConnectProviders, and each is
 * authorized and recorded as its own call.
 */
export async function listIdentityProvidersForConsole(caller: Caller): Promise<ConsoleIdentityProvider[]> {
  const { SAMLProviderList } = await listSAMLProviders(caller);
  const oidc = await operation(caller, { eventName: "ListOpenIDConnectProviders", readOnly: true }, async () => {
    await authorize(caller, "iam:ListOpenIDConnectProviders", "*");
    return oidcRows(caller.accountId);
  });
  return [
    ...SAMLProviderList.map((p) => ({ arn: p.Arn, name: p.Arn.replace(/^[^/]*\//, ""), type: SAML, createDate: p.CreateDate })),
    ...oidc.map((p) => ({ arn: p.arn, name: p.name, type: OIDC, createDate: p.createdAt })),
  ].sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
}
