// Times as the IAM console writes them. Plain functions: server pages format, so the server
// render and the browser's hydration print the same text.
//
//   formatDateTime(d)   "November 26, 2026, 13:29 (UTC)"   (detail pages: Creation date)
//   timeAgo(d, now)     "2 days ago"                         (tables: Creation time, Last activity)

const DATE_TIME = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "long",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "November 26, 2026, 13:29 (UTC)" */
export function formatDateTime(date: Date): string {
  return `${DATE_TIME.format(date)} (UTC)`;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "2 days ago", "1 hour ago", "Now" (under a minute), as the console's tables say it. */
export function timeAgo(date: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  for (const [unit, size] of UNITS) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
  }
  return "Now";
}
