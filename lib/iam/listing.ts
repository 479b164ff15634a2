import { cutPage, decodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";

// The shared shape of IAM list operations over entities sorted case-insensitively by name:
// a page starts after the marker's (nameKey, id) and fetches one row more than it returns.

export interface Keyed {
  nameKey: string;
  id: string;
}

const SEPARATOR = "\u0000";

export function pageQuery(input: PageInput) {
  const limit = maxItems(input);
  const after = decodeMarker(input.Marker);
  let where = {};
  if (after !== undefined) {
    const [nameKey, id = ""] = after.split(SEPARATOR);
    where = { OR: [{ nameKey: { gt: nameKey } }, { nameKey, id: { gt: id } }] };
  }
  return {
    limit,
    /** Merge into the query's `where`. */
    after: where,
    orderBy: [{ nameKey: "asc" as const }, { id: "asc" as const }],
    take: limit + 1,
  };
}

export function page<T extends Keyed>(rows: T[], limit: number): { items: T[] } & PageOutput {
  return cutPage(rows, limit, (r) => r.nameKey + SEPARATOR + r.id);
}
