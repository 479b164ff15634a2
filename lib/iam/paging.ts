import { IamError, invalidMarker } from "./errors";

// IAM list operations page with Marker / MaxItems / IsTruncated. The marker is opaque to
// clients; here it carries the sort key of the last item returned.

export interface PageInput {
  Marker?: string;
  MaxItems?: number;
}

export interface PageOutput {
  IsTruncated: boolean;
  Marker?: string;
}

export const DEFAULT_MAX_ITEMS = 100;
/** The most one page may hold: pages that show "all" of a short list ask for this many. */
export const MAX_ITEMS_MAX = 1000;

export function maxItems(input: PageInput): number {
  const n = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  // AWS names the one bound that was broken.
  const constraint = !Number.isInteger(n) || n < 1 ? "greater than or equal to 1" : n > MAX_ITEMS_MAX ? `less than or equal to ${MAX_ITEMS_MAX}` : undefined;
  if (constraint) {
    throw new IamError(
      "ValidationError",
      `1 validation error detected: Value '${input.MaxItems}' at 'maxItems' failed to satisfy constraint: Member must have value ${constraint}`,
    );
  }
  return n;
}

export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(marker, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof parsed.after !== "string") throw invalidMarker();
    return parsed.after;
  } catch {
    throw invalidMarker();
  }
}

export function encodeMarker(after: string): string {
  return Buffer.from(JSON.stringify({ after }), "utf8").toString("base64url");
}

/** Rows were fetched with `take: limit + 1`; cut them and say whether more remain. */
export function cutPage<T>(rows: T[], limit: number, key: (row: T) => string): { items: T[] } & PageOutput {
  if (rows.length <= limit) return { items: rows, IsTruncated: false };
  const items = rows.slice(0, limit);
  return { items, IsTruncated: true, Marker: encodeMarker(key(items[items.length - 1])) };
}
