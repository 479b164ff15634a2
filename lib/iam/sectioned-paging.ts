import { invalidMarker } from "./errors";
import type { Keyed } from "./listing";
import { decodeMarker, encodeMarker, maxItems, type PageInput, type PageOutput } from "./paging";

// Paging over several lists answered in one response (ListEntitiesForPolicy: groups, users,
// roles; GetAccountAuthorizationDetails: users, groups, roles, policies). Sections are read in
// order, each sorted by (nameKey, id); a page takes from one section after another, and the
// marker names the section and the key of the last item returned.

/** Where a section continues: merge into the section's `where`. */
export type After = { OR: [{ nameKey: { gt: string } }, { nameKey: string; id: { gt: string } }] } | Record<string, never>;

export interface Section {
  name: string;
  /** Reads up to `take` rows after `after`, and returns how to hand them out. */
  read(after: After, take: number): Promise<{ keys: Keyed[]; accept(count: number): void }>;
}

/** A section whose rows are collected into `out` after mapping. */
export function section<T extends Keyed, U>(name: string, fetch: (after: After, take: number) => Promise<T[]>, map: (row: T) => U, out: U[]): Section {
  return {
    name,
    async read(after, take) {
      const rows = await fetch(after, take);
      return { keys: rows, accept: (count) => out.push(...rows.slice(0, count).map(map)) };
    },
  };
}

const SEPARATOR = "\u0000";

export async function pageSections(input: PageInput, sections: Section[]): Promise<PageOutput> {
  const limit = maxItems(input);
  const marker = decodeMarker(input.Marker);
  let start = 0;
  let after: After = {};
  if (marker !== undefined) {
    const [name, nameKey, id] = marker.split(SEPARATOR);
    start = sections.findIndex((s) => s.name === name);
    if (start < 0 || nameKey === undefined || id === undefined) throw invalidMarker();
    after = { OR: [{ nameKey: { gt: nameKey } }, { nameKey, id: { gt: id } }] };
  }
  // One row more than the page holds tells whether anything follows.
  let wanted = limit + 1;
  const read: { section: Section; keys: Keyed[]; accept(count: number): void }[] = [];
  for (let i = start; i < sections.length && wanted > 0; i++) {
    const result = await sections[i].read(i === start ? after : {}, wanted);
    read.push({ section: sections[i], ...result });
    wanted -= result.keys.length;
  }
  let room = limit;
  let last: { section: Section; key: Keyed } | undefined;
  for (const r of read) {
    const count = Math.min(room, r.keys.length);
    r.accept(count);
    if (count > 0) last = { section: r.section, key: r.keys[count - 1] };
    room -= count;
  }
  if (wanted > 0 || !last) return { IsTruncated: false };
  return { IsTruncated: true, Marker: encodeMarker([last.section.name, last.key.nameKey, last.key.id].join(SEPARATOR)) };
}
