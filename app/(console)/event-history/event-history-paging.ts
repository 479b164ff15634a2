import "server-only";
import { EVENT_HISTORY_MAX_SKIP, listEventHistory, type EventHistoryFilters, type EventHistoryPage } from "@/lib/iam/reports/event-history";
import type { Caller } from "@/lib/iam/caller";
import { isIamError } from "@/lib/iam/errors";

// The table pages by number (?page=3) and the event history by cursor. The URL carries both:
// `cursor` names the page it was read for, with that page's own cursors, and the table keeps it
// while it changes `page`. The next page, the previous one and the links a few pages away are
// read from those cursors, so no page reads the events before it; a page a long way from any
// cursor starts again at the first page. After each read the browser's URL is given the new
// page's token (EventHistoryTable), ready for the next move.

interface PageToken {
  /** The page number it was read for. */
  p: number;
  /** Reads that page again. */
  at: string;
  /** Reads the pages before it. */
  prev?: string;
}

export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString("base64url");
}

function decodePageToken(text: string | undefined): PageToken | undefined {
  if (!text) return undefined;
  try {
    const t = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<PageToken>;
    if (!Number.isInteger(t.p) || (t.p ?? 0) < 1 || typeof t.at !== "string") return undefined;
    if (t.prev !== undefined && typeof t.prev !== "string") return undefined;
    return { p: t.p as number, at: t.at, ...(t.prev ? { prev: t.prev } : {}) };
  } catch {
    return undefined;
  }
}

export interface NumberedPage {
  /** The page number shown: the one asked for, or 1 when it could not be reached. */
  page: number;
  result: EventHistoryPage;
  /** The token of this page, for the URL. */
  token?: string;
  /** The events up to this page: the history is read by cursor, never counted. */
  totalCount: number;
  /** More events follow this page. */
  more: boolean;
}

export async function readNumberedPage(
  caller: Caller,
  filters: EventHistoryFilters,
  asked: { page: number; pageSize: number; cursor?: string },
): Promise<NumberedPage> {
  const { pageSize } = asked;
  const token = decodePageToken(asked.cursor);
  const within = (pages: number) => pages * pageSize <= EVENT_HISTORY_MAX_SKIP;
  const read = (input: { cursor?: string; direction?: "next" | "previous"; skip?: number }) => listEventHistory(caller, { ...filters, pageSize, ...input });

  let page = asked.page;
  let result: EventHistoryPage | undefined;
  try {
    if (page > 1 && token && page >= token.p && within(page - token.p)) {
      result = await read({ cursor: token.at, skip: (page - token.p) * pageSize });
    } else if (page > 1 && token?.prev && page < token.p && within(token.p - page - 1)) {
      result = await read({ cursor: token.prev, direction: "previous", skip: (token.p - page - 1) * pageSize });
      // Reading back ran into the newest event: that is the first page.
      if (!result.previousCursor) page = 1;
    } else if (page > 1 && within(page - 1)) {
      result = await read({ skip: (page - 1) * pageSize });
    }
  } catch (err) {
    // A token edited by hand: the first page instead.
    if (!isIamError(err) || err.code !== "InvalidNextTokenException") throw err;
  }
  if (!result || (result.events.length === 0 && page > 1)) {
    page = 1;
    result = await read({});
  }
  return {
    page,
    result,
    ...(result.pageCursor ? { token: encodePageToken({ p: page, at: result.pageCursor, ...(result.previousCursor ? { prev: result.previousCursor } : {}) }) } : {}),
    totalCount: (page - 1) * pageSize + result.events.length,
    more: !!result.nextCursor,
  };
}
