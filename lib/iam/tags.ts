import { IamError } from "./errors";
import { missingMember, validationError } from "./validation";

// Tags of users, roles, policies, instance profiles, MFA devices and identity providers
// (groups cannot be tagged). Keys of users and roles are case-insensitive, elsewhere exact.

export interface Tag {
  Key: string;
  Value: string;
}

export const TAGS_PER_RESOURCE = 50;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
export const TAG_KEY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
export const TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The stored comparison key: lower-cased where AWS compares keys case-insensitively. */
export function tagKeyKey(key: string, caseInsensitive: boolean): string {
  return caseInsensitive ? key.toLowerCase() : key;
}

/** Checks a request's Tags as AWS does; returns them unchanged. */
export function checkTags(tags: Tag[] | undefined, caseInsensitive: boolean): Tag[] {
  if (!tags) return [];
  if (tags.length > TAGS_PER_RESOURCE) {
    throw validationError("[…]", "tags", `Member must have length less than or equal to ${TAGS_PER_RESOURCE}`);
  }
  const seen = new Set<string>();
  tags.forEach((t, i) => {
    const member = `tags.${i + 1}.member`;
    if (!t.Key || t.Key.length > TAG_KEY_MAX) {
      throw validationError(t.Key, `${member}.key`, `Member must have length less than or equal to ${TAG_KEY_MAX}`);
    }
    if (!TAG_KEY_PATTERN.test(t.Key)) {
      throw validationError(t.Key, `${member}.key`, "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    }
    if ((t.Value ?? "").length > TAG_VALUE_MAX) {
      throw validationError(t.Value, `${member}.value`, `Member must have length less than or equal to ${TAG_VALUE_MAX}`);
    }
    if (!TAG_VALUE_PATTERN.test(t.Value ?? "")) {
      throw validationError(t.Value, `${member}.value`, "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    }
    if (t.Key.toLowerCase().startsWith("aws:")) {
      throw new IamError("InvalidInput", "User-defined tag keys can't start with \"aws:\". This prefix is reserved for AWS tags.");
    }
    const k = tagKeyKey(t.Key, caseInsensitive);
    if (seen.has(k)) {
      throw new IamError("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    }
    seen.add(k);
  });
  return tags;
}

/** Checks an Untag request's TagKeys as AWS does; returns them unchanged. */
export function checkTagKeys(keys: string[] | undefined): string[] {
  if (keys === undefined) throw missingMember("tagKeys");
  if (keys.length > TAGS_PER_RESOURCE) {
    throw validationError("[…]", "tagKeys", `Member must have length less than or equal to ${TAGS_PER_RESOURCE}`);
  }
  keys.forEach((k, i) => {
    const member = `tagKeys.${i + 1}.member`;
    if (!k || k.length > TAG_KEY_MAX) {
      throw validationError(k, member, `Member must have length less than or equal to ${TAG_KEY_MAX}`);
    }
    if (!TAG_KEY_PATTERN.test(k)) {
      throw validationError(k, member, "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    }
  });
  return keys;
}

/** The request condition keys a tagging request carries: aws:RequestTag/K and aws:TagKeys. */
export function requestTagContext(tags: Tag[]): Record<string, string | string[]> {
  if (tags.length === 0) return {};
  const ctx: Record<string, string | string[]> = { "aws:TagKeys": tags.map((t) => t.Key) };
  for (const t of tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value ?? "";
  return ctx;
}

/** aws:ResourceTag/K (and iam:ResourceTag/K) of the target. */
export function resourceTagContext(tags: Tag[]): Record<string, string> {
  const ctx: Record<string, string> = {};
  for (const t of tags) {
    ctx[`aws:ResourceTag/${t.Key}`] = t.Value;
    ctx[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  return ctx;
}

export function toTags(rows: { key: string; value: string }[]): Tag[] {
  return rows.map((r) => ({ Key: r.key, Value: r.value }));
}
