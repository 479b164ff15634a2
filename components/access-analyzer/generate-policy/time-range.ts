import type { DateRangePickerProps } from "@cloudscape-design/components/date-range-picker";

// The time period of Generate policy, as the date range picker gives it (the last N days, or
// a custom range of days, in UTC), turned into the start and end Access Analyzer takes.
// Plain module: the picker checks a range with it as the user chooses, the action converts it.

/** Access Analyzer's longest period (POLICY_GENERATION_MAX_DAYS in lib/iam/access-analyzer/policy-generation.ts). */
export const MAX_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<DateRangePickerProps.TimeUnit, number> = {
  second: 1000,
  minute: 60 * 1000,
  hour: 60 * 60 * 1000,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 30 * DAY_MS,
  year: 365 * DAY_MS,
};

export type TimeRange = DateRangePickerProps.RelativeValue | DateRangePickerProps.AbsoluteValue;

export const RELATIVE_OPTIONS: readonly DateRangePickerProps.RelativeOption[] = [1, 7, 30, 90].map((days) => ({
  key: `last-${days}-days`,
  amount: days,
  unit: "day",
  type: "relative",
}));

export const DEFAULT_RANGE: DateRangePickerProps.RelativeValue = { type: "relative", key: "last-7-days", amount: 7, unit: "day" };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A range sent by the browser, checked for shape only. */
export function readTimeRange(value: unknown): TimeRange | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (v.type === "relative") {
    if (typeof v.amount !== "number" || !Number.isInteger(v.amount) || v.amount < 1) return undefined;
    if (typeof v.unit !== "string" || !(v.unit in UNIT_MS)) return undefined;
    return { type: "relative", amount: v.amount, unit: v.unit as DateRangePickerProps.TimeUnit };
  }
  if (v.type === "absolute" && typeof v.startDate === "string" && typeof v.endDate === "string") {
    return { type: "absolute", startDate: v.startDate, endDate: v.endDate };
  }
  return undefined;
}

/** Midnight UTC of a day ("2026-05-01"), or of the day a timestamp falls on. */
function dayStart(text: string): number {
  return Date.parse(`${text.slice(0, 10)}T00:00:00.000Z`);
}

/** The start and end of a range at `now`: a custom range runs from the first day's start to the last day's end (at most now). */
export function rangeTimes(range: TimeRange, now: Date): { startTime: Date; endTime: Date } | undefined {
  if (range.type === "relative") {
    return { startTime: new Date(now.getTime() - range.amount * UNIT_MS[range.unit]), endTime: now };
  }
  if (!DATE.test(range.startDate.slice(0, 10)) || !DATE.test(range.endDate.slice(0, 10))) return undefined;
  const start = dayStart(range.startDate);
  const end = Math.min(dayStart(range.endDate) + DAY_MS - 1, now.getTime());
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  return { startTime: new Date(start), endTime: new Date(end) };
}

/** Why Access Analyzer would refuse the range, in the picker's words; undefined when it is fine. */
export function timeRangeError(range: TimeRange | null, now: Date): string | undefined {
  if (!range) return "Choose a time period.";
  const times = rangeTimes(range, now);
  if (!times) return "Enter a start date and an end date.";
  if (times.startTime.getTime() > now.getTime()) return "The start date can't be in the future.";
  if (times.startTime.getTime() >= times.endTime.getTime()) return "The end date must be after the start date.";
  if (times.endTime.getTime() - times.startTime.getTime() > MAX_DAYS * DAY_MS) return `Choose a time period of ${MAX_DAYS} days or less.`;
  return undefined;
}
