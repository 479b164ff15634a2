"use server";

import { revalidatePath } from "next/cache";
import { failed, invalidFields, succeeded, type ActionResult } from "@/lib/action-result";
import { requireCaller } from "@/lib/auth/session";
import { entityHref } from "@/lib/console-paths";
import { redirectWithFlash } from "@/lib/flash";
import type { DeleteDependency } from "@/components/delete-modal";
import { ENTITY_OPS } from "./entity-ops";
import { ENTITY_WORDS, readKind, SECTION_PARAM, type EntityKind } from "./kinds";
import { readNames, readString, readStrings, readTags } from "@/lib/action-input";

// The actions of the pages a user, a user group and a role share: the Permissions tab, the
// permissions boundary, inline policies, tags and Delete. Each takes the entity's kind and name
// (any value can arrive from the browser: read for shape only), checks the caller, and makes
// the console's calls through ENTITY_OPS — one per item, stopping at the first failure. A form
// that leaves for the entity's page ends with redirectWithFlash; a change made in place returns
// its result.

function readEntity(kind: unknown, name: unknown): { kind: EntityKind; name: string } | undefined {
  const k = readKind(kind);
  const n = readString(name);
  return k && n ? { kind: k, name: n } : undefined;
}

function changed(kind: EntityKind, name: string) {
  revalidatePath(entityHref(kind, name), "layout");
  revalidatePath(ENTITY_WORDS[kind].list);
  // A user's page lists its groups' policies, a group's list counts its users, and a policy's
  // page lists where it is attached.
  if (kind !== "Role") revalidatePath(kind === "User" ? "/groups" : "/users", "layout");
  revalidatePath("/policies", "layout");
}

const permissionsHref = (kind: EntityKind, name: string) => `${entityHref(kind, name)}?${SECTION_PARAM}=permissions`;

export interface PolicyToRemove {
  kind: "managed" | "inline";
  /** The policy ARN (managed) or name (inline). */
  id: string;
}

/** "Remove" on the Permissions tab: detaches managed policies, deletes inline ones. */
export async function removePolicies(kind: unknown, entityName: unknown, items: unknown): Promise<ActionResult<null>> {
  const entity = readEntity(kind, entityName);
  const list = Array.isArray(items) && items.length > 0 && items.length <= 100 ? items : undefined;
  const valid = list?.every((i) => i && typeof i === "object" && (i.kind === "managed" || i.kind === "inline") && typeof i.id === "string");
  if (!entity || !list || !valid) return invalidFields({ policies: "Choose the policies to remove." });
  const ops = ENTITY_OPS[entity.kind];
  const caller = await requireCaller();
  try {
    for (const item of list as PolicyToRemove[]) {
      if (item.kind === "managed") await ops.detachPolicy(caller, entity.name, item.id);
      else await ops.deleteInlinePolicy(caller, entity.name, item.id);
    }
  } catch (err) {
    changed(entity.kind, entity.name);
    return failed(err);
  }
  changed(entity.kind, entity.name);
  return succeeded(null, list.length === 1 ? "Policy removed." : `${list.length} policies removed.`);
}

/** "Attach policies": one Attach…Policy per chosen policy, then back to the Permissions tab. */
export async function attachPolicies(kind: unknown, entityName: unknown, policyArns: unknown): Promise<ActionResult<never>> {
  const entity = readEntity(kind, entityName);
  const arns = readNames(policyArns);
  if (!entity || !arns) return invalidFields({ policies: "Choose the policies to attach." });
  const caller = await requireCaller();
  try {
    for (const arn of arns) await ENTITY_OPS[entity.kind].attachPolicy(caller, entity.name, arn);
  } catch (err) {
    changed(entity.kind, entity.name);
    return failed(err);
  }
  changed(entity.kind, entity.name);
  return redirectWithFlash(permissionsHref(entity.kind, entity.name), {
    type: "success",
    content: arns.length === 1 ? `Policy attached to ${entity.name}.` : `${arns.length} policies attached to ${entity.name}.`,
  });
}

/** "Create inline policy" or editing one: Put…Policy, then back to the Permissions tab. */
export async function putInlinePolicy(
  kind: unknown,
  entityName: unknown,
  policyName: unknown,
  document: unknown,
  editing: unknown,
): Promise<ActionResult<never>> {
  const entity = readEntity(kind, entityName);
  const policy = readString(policyName);
  const text = readString(document);
  if (!entity || policy === undefined || text === undefined) return invalidFields({ policy: "Enter a policy name and document." });
  const caller = await requireCaller();
  try {
    await ENTITY_OPS[entity.kind].putInlinePolicy(caller, entity.name, policy, text);
  } catch (err) {
    return failed(err);
  }
  changed(entity.kind, entity.name);
  return redirectWithFlash(permissionsHref(entity.kind, entity.name), {
    type: "success",
    content: editing === true ? `Policy ${policy} updated.` : `Policy ${policy} created.`,
  });
}

/** "Set permissions boundary" / "Change boundary": Put…PermissionsBoundary, then back to the page. */
export async function putPermissionsBoundary(kind: unknown, entityName: unknown, policyArn: unknown): Promise<ActionResult<never>> {
  const entity = readEntity(kind, entityName);
  const arn = readString(policyArn);
  const boundary = entity && ENTITY_OPS[entity.kind].boundary;
  if (!entity || !boundary || !arn) return invalidFields({ boundary: "Choose a policy to use as the permissions boundary." });
  const caller = await requireCaller();
  try {
    await boundary.put(caller, entity.name, arn);
  } catch (err) {
    return failed(err);
  }
  changed(entity.kind, entity.name);
  return redirectWithFlash(permissionsHref(entity.kind, entity.name), {
    type: "success",
    content: `Permissions boundary set for ${entity.name}.`,
  });
}

/** "Remove boundary", on the page itself. */
export async function deletePermissionsBoundary(kind: unknown, entityName: unknown): Promise<ActionResult<null>> {
  const entity = readEntity(kind, entityName);
  const boundary = entity && ENTITY_OPS[entity.kind].boundary;
  if (!entity || !boundary) return invalidFields({ boundary: "Choose the permissions boundary to remove." });
  const caller = await requireCaller();
  try {
    await boundary.remove(caller, entity.name);
  } catch (err) {
    return failed(err);
  }
  changed(entity.kind, entity.name);
  return succeeded(null, `Permissions boundary removed from ${entity.name}.`);
}

/** "Manage tags" → "Save changes": Untag… for the removed keys, Tag… for the new and changed ones. */
export async function saveTags(kind: unknown, entityName: unknown, changes: { set?: unknown; remove?: unknown }): Promise<ActionResult<null>> {
  const entity = readEntity(kind, entityName);
  const tags = entity && ENTITY_OPS[entity.kind].tags;
  const set = readTags(changes.set ?? []);
  const remove = readStrings(changes.remove ?? []);
  if (!entity || !tags || !set || !remove) return invalidFields({ tags: "Enter valid tags." });
  const caller = await requireCaller();
  try {
    if (remove.length > 0) await tags.untag(caller, entity.name, remove);
    if (set.length > 0) await tags.tag(caller, entity.name, set);
  } catch (err) {
    changed(entity.kind, entity.name);
    return failed(err);
  }
  changed(entity.kind, entity.name);
  return succeeded(null, `Tags saved for ${entity.name}.`);
}

/** What the delete dialog lists, read when it opens. */
export async function loadDeleteDependencies(kind: unknown, names: unknown): Promise<ActionResult<DeleteDependency[]>> {
  const k = readKind(kind);
  const list = readNames(names);
  if (!k || !list) return invalidFields({ names: "Choose what to delete." });
  const caller = await requireCaller();
  try {
    return succeeded(await ENTITY_OPS[k].deleteDependencies(caller, list));
  } catch (err) {
    return failed(err);
  }
}

/**
 * "Delete": each entity with what must go first, one after the other, stopping at the first
 * failure (those deleted before it stay deleted). From an entity's own page, success leaves
 * for the list; from the list, the list refreshes in place.
 */
export async function deleteEntities(kind: unknown, names: unknown, returnToList: unknown): Promise<ActionResult<{ deleted: string[] }>> {
  const k = readKind(kind);
  const list = readNames(names);
  if (!k || !list) return invalidFields({ names: "Choose what to delete." });
  const words = ENTITY_WORDS[k];
  const caller = await requireCaller();
  const deleted: string[] = [];
  try {
    for (const name of list) {
      await ENTITY_OPS[k].deleteWithDependencies(caller, name);
      deleted.push(name);
    }
  } catch (err) {
    return failed(err);
  } finally {
    if (deleted.length > 0) {
      revalidatePath(words.list, "layout");
      if (k !== "Role") revalidatePath(k === "User" ? "/groups" : "/users", "layout");
      revalidatePath("/policies", "layout");
    }
  }
  const noun = words.noun;
  const message = list.length === 1 ? `${noun[0].toUpperCase()}${noun.slice(1)} ${list[0]} deleted.` : `${list.length} ${noun}s deleted.`;
  if (returnToList === true) return redirectWithFlash(words.list, { type: "success", content: message });
  return succeeded({ deleted }, message);
}
