import { parseEventHistoryFilters, rangeTimes } from "@/components/reports/event-history/event-history-query";
import { getConsoleIdentity } from "@/lib/auth/session";
import { isIamError } from "@/lib/iam/errors";
import { EVENT_EXPORT_LIMIT, exportEventHistory, type EventExportFormat } from "@/lib/iam/reports/event-history";

// "Download CSV" / "Download JSON" of the Event history page: the events that match the page's
// filters, newest first, up to EVENT_EXPORT_LIMIT, streamed as the database hands them over.

export async function GET(request: Request): Promise<Response> {
  const identity = await getConsoleIdentity();
  if (!identity) return new Response("Sign in to download the event history.", { status: 401 });
  const { caller } = identity;
  const params = new URL(request.url).searchParams;
  const format = params.get("format");
  if (format !== "csv" && format !== "json") return new Response("The format must be csv or json.", { status: 400 });
  const filters = parseEventHistoryFilters(params);
  try {
    const file = await exportEventHistory(caller, {
      format: format as EventExportFormat,
      principal: params.get("filter")?.trim() || undefined,
      eventName: filters.eventName || undefined,
      eventSource: filters.eventSource || undefined,
      outcome: filters.outcome,
      ...rangeTimes(filters.range, caller.now),
    });
    const iterator = file.chunks[Symbol.asyncIterator]();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return new Response(body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
        "X-Event-Export-Limit": String(EVENT_EXPORT_LIMIT),
      },
    });
  } catch (err) {
    if (isIamError(err)) return new Response(err.message, { status: err.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw err;
  }
}
