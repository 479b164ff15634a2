// Reading server action arguments for shape only: they come from the browser, where any value
// can be sent. The rules of the values themselves (names, lengths, quotas) are lib/iam's, which
// answers with AWS's errors; these bounds only keep what is read small.

const MAX_ITEMS = 100;

export function readString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A possibly empty list of strings (ARNs, names), or undefined. */
export function readStrings(value: unknown, max = MAX_ITEMS): string[] | undefined {
  if (!Array.isArray(value) || value.length > max) return undefined;
  return value.every((v): v is string => typeof v === "string") ? value : undefined;
}

/** A non-empty list of non-empty names (users, groups, policy names), or undefined. */
export function readNames(value: unknown): string[] | undefined {
  const names = readStrings(value);
  return names && names.length > 0 && names.every((n) => n.length > 0) ? names : undefined;
}

/** Tags as Create…/Tag… take them (absent is none), or undefined when not a list of { Key, Value } strings. */
export function readTags(value: unknown): { Key: string; Value: string }[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_ITEMS) return undefined;
  const tags: { Key: string; Value: string }[] = [];
  for (const t of value) {
    if (!t || typeof t !== "object") return undefined;
    const { Key, Value } = t as Record<string, unknown>;
    if (typeof Key !== "string" || typeof Value !== "string") return undefined;
    tags.push({ Key, Value });
  }
  return tags;
}
