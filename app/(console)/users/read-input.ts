// Reading server action arguments for shape only (they come from the browser: any value can
// arrive). The rules of the values themselves are lib/iam's.

const MAX_NAMES = 100;

/** A non-empty list of names (users, groups, policy names), or undefined. */
export function readNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_NAMES) return undefined;
  return value.every((v): v is string => typeof v === "string" && v.length > 0) ? value : undefined;
}

/** A possibly empty list of strings (ARNs, names), or undefined. */
export function readStrings(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_NAMES) return undefined;
  return value.every((v): v is string => typeof v === "string") ? value : undefined;
}

export function readString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
