import "server-only";
import type { Db, Tx } from "@/lib/db";
import { IamError } from "./errors";
import { cutPage, decodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";
import { TAGS_PER_RESOURCE, tagKeyKey, type Tag } from "./tags";
import { TAG_LIMIT_MESSAGE } from "./users";

// Writing and listing the tags of one role or instance profile. Callers lock the owner's row
// first, so the 50-tag quota holds under concurrent TagRole / TagInstanceProfile calls.

export type TagOwner = { roleId: string } | { instanceProfileId: string } | { identityProviderArn: string };

/**
 * Adds or overwrites tags. A key already present (compared as the resource compares keys)
 * takes the new spelling and value. More than 50 tags in all fails with LimitExceeded, in the
 * words TagUser uses.
 */
export async function putTags(tx: Tx, owner: TagOwner, tags: Tag[], caseInsensitive: boolean): Promise<void> {
  if (tags.length === 0) return;
  const existing = await tx.tag.findMany({ where: owner, select: { keyKey: true } });
  const keys = new Set(existing.map((t) => t.keyKey));
  const incoming = tags.map((t) => ({ ...t, keyKey: tagKeyKey(t.Key, caseInsensitive) }));
  for (const t of incoming) keys.add(t.keyKey);
  if (keys.size > TAGS_PER_RESOURCE) {
    throw new IamError("LimitExceeded", TAG_LIMIT_MESSAGE);
  }
  await tx.tag.deleteMany({ where: { ...owner, keyKey: { in: incoming.map((t) => t.keyKey) } } });
  await tx.tag.createMany({ data: incoming.map((t) => ({ ...owner, key: t.Key, keyKey: t.keyKey, value: t.Value ?? "" })) });
}

export async function removeTags(tx: Tx, owner: TagOwner, keys: string[], caseInsensitive: boolean): Promise<void> {
  if (keys.length === 0) return;
  await tx.tag.deleteMany({ where: { ...owner, keyKey: { in: keys.map((k) => tagKeyKey(k, caseInsensitive)) } } });
}

/** One page of a resource's tags, in key order. */
export async function listTagsPage(prisma: Db | Tx, owner: TagOwner, input: PageInput): Promise<{ Tags: Tag[] } & PageOutput> {
  const limit = maxItems(input);
  const after = decodeMarker(input.Marker);
  const rows = await prisma.tag.findMany({
    where: { ...owner, ...(after !== undefined ? { keyKey: { gt: after } } : {}) },
    orderBy: { keyKey: "asc" },
    take: limit + 1,
    select: { key: true, keyKey: true, value: true },
  });
  const { items, ...rest } = cutPage(rows, limit, (r) => r.keyKey);
  return { Tags: items.map((r) => ({ Key: r.key, Value: r.value })), ...rest };
}
