import type { DateRangePickerProps } from "@cloudscape-design/components/date-range-picker";
import type { EventOutcome } from "@/lib/iam/reports/event-history";

// The Event history page's filters as its URL holds them, so the server page reads them and a
// link or a reload shows the same events. The principal is the table's own text filter
// (`filter`); the others sit beside it:
//
//   /event-history?filter=dave&eventName=ListUsers&eventSource=iam&outcome=AccessDenied&range=7d
//   /event-history?start=2026-11-01T00:00:00.000Z&end=2026-11-02T00:00:00.000Z
//
// Plain functions, no React: the server page parses, the filter controls write.

export interface EventHistoryFilterParams {
  eventName: string;
  eventSource: string;
  outcome: EventOutcome;
  range?: TimeRange;
}

export type TimeRange = { type: "relative"; amount: number; unit: RelativeUnit } | { type: "absolute"; start: string; end: string };

type RelativeUnit = "minute" | "hour" | "day" | "week";

const UNIT_CODES: Record<RelativeUnit, string> = { minute: "m", hour: "h", day: "d", week: "w" };
const UNIT_MS: Record<RelativeUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

export const OUTCOMES: readonly { value: EventOutcome; label: string }[] = [
  { value: "all", label: "All outcomes" },
  { value: "success", label: "Succeeded" },
  { value: "error", label: "Failed" },
  { value: "AccessDenied", label: "Access denied" },
];

/** The event sources the filter suggests; any other may be typed. */
export const EVENT_SOURCES: readonly string[] = [
  "iam.amazonaws.com",
  "sts.amazonaws.com",
  "signin.amazonaws.com",
  "access-analyzer.amazonaws.com",
  "cloudtrail.amazonaws.com",
  "s3.amazonaws.com",
  "ec2.amazonaws.com",
  "dynamodb.amazonaws.com",
  "lambda.amazonaws.com",
];

export const RELATIVE_OPTIONS: readonly DateRangePickerProps.RelativeOption[] = (
  [
    [15, "minute"],
    [1, "hour"],
    [12, "hour"],
    [1, "day"],
    [7, "day"],
    [30, "day"],
    [90, "day"],
  ] as const
).map(([amount, unit]) => ({ key: `${amount}${UNIT_CODES[unit]}`, amount, unit, type: "relative" }));

/** Longer text can only come from a hand-edited URL. */
const MAX_TEXT = 256;
const PARAMS = ["eventName", "eventSource", "outcome", "range", "start", "end"] as const;

type Params = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

function first(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

const isTime = (text: string | undefined): text is string => text !== undefined && !Number.isNaN(Date.parse(text));

function parseRange(params: Params): TimeRange | undefined {
  const relative = /^(\d{1,4})([mhdw])$/.exec(first(params, "range") ?? "");
  if (relative) {
    const unit = (Object.keys(UNIT_CODES) as RelativeUnit[]).find((u) => UNIT_CODES[u] === relative[2]);
    const amount = Number(relative[1]);
    if (unit && amount > 0) return { type: "relative", amount, unit };
  }
  const start = first(params, "start");
  const end = first(params, "end");
  return isTime(start) && isTime(end) ? { type: "absolute", start, end } : undefined;
}

/** The filters a URL asks for; anything malformed is left out. */
export function parseEventHistoryFilters(params: Params): EventHistoryFilterParams {
  const outcome = OUTCOMES.find((o) => o.value === first(params, "outcome"))?.value ?? "all";
  const range = parseRange(params);
  return {
    eventName: (first(params, "eventName") ?? "").trim().slice(0, MAX_TEXT),
    eventSource: (first(params, "eventSource") ?? "").trim().slice(0, MAX_TEXT),
    outcome,
    ...(range ? { range } : {}),
  };
}

/** The search params for new filters: the others kept, paging back to the first page. */
export function filterSearchParams(filters: EventHistoryFilterParams, current: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of [...PARAMS, "page", "cursor"]) next.delete(name);
  if (filters.eventName) next.set("eventName", filters.eventName);
  if (filters.eventSource) next.set("eventSource", filters.eventSource);
  if (filters.outcome !== "all") next.set("outcome", filters.outcome);
  if (filters.range?.type === "relative") next.set("range", `${filters.range.amount}${UNIT_CODES[filters.range.unit]}`);
  if (filters.range?.type === "absolute") {
    next.set("start", filters.range.start);
    next.set("end", filters.range.end);
  }
  return next;
}

/** The start and end of a range at `now`. */
export function rangeTimes(range: TimeRange | undefined, now: Date): { startTime?: Date; endTime?: Date } {
  if (!range) return {};
  if (range.type === "relative") return { startTime: new Date(now.getTime() - range.amount * UNIT_MS[range.unit]), endTime: now };
  return { startTime: new Date(range.start), endTime: new Date(range.end) };
}

/** The date range picker's value for a range. */
export function pickerValue(range: TimeRange | undefined): DateRangePickerProps.Value | null {
  if (!range) return null;
  if (range.type === "absolute") return { type: "absolute", startDate: range.start, endDate: range.end };
  const key = `${range.amount}${UNIT_CODES[range.unit]}`;
  return { type: "relative", amount: range.amount, unit: range.unit, ...(RELATIVE_OPTIONS.some((o) => o.key === key) ? { key } : {}) };
}

/** A range from the picker; units it offers beyond minutes to weeks are turned into days. */
export function rangeFromPicker(value: DateRangePickerProps.Value | null): TimeRange | undefined {
  if (!value) return undefined;
  if (value.type === "absolute") {
    if (!isTime(value.startDate) || !isTime(value.endDate)) return undefined;
    return { type: "absolute", start: new Date(value.startDate).toISOString(), end: new Date(value.endDate).toISOString() };
  }
  switch (value.unit) {
    case "second":
      return { type: "relative", amount: Math.max(1, Math.ceil(value.amount / 60)), unit: "minute" };
    case "month":
      return { type: "relative", amount: value.amount * 30, unit: "day" };
    case "year":
      return { type: "relative", amount: value.amount * 365, unit: "day" };
    default:
      return { type: "relative", amount: value.amount, unit: value.unit };
  }
}

/** Why the picker's range cannot be used, or undefined. */
export function rangeError(value: DateRangePickerProps.Value | null): string | undefined {
  if (!value || value.type === "relative") return undefined;
  if (!isTime(value.startDate) || !isTime(value.endDate)) return "Enter a start and an end date and time.";
  if (Date.parse(value.startDate) > Date.parse(value.endDate)) return "The start must be before the end.";
  return undefined;
}
