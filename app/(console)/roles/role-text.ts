import { MAX_SESSION_DURATION_MAX, MAX_SESSION_DURATION_MIN } from "@/lib/iam/role-validation";

// Words the Roles pages share: session durations, as the console writes them.

/** 3600 → "1 hour", 5400 → "1 hour 30 minutes", 43200 → "12 hours". */
export function formatSessionDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [
    hours > 0 ? `${hours} hour${hours === 1 ? "" : "s"}` : "",
    minutes > 0 ? `${minutes} minute${minutes === 1 ? "" : "s"}` : "",
    rest > 0 ? `${rest} second${rest === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  return parts.join(" ") || "0 seconds";
}

/** The console's choices for Maximum session duration: 1 to 12 hours, and a custom duration. */
export const SESSION_DURATION_OPTIONS = Array.from({ length: 12 }, (_, i) => {
  const seconds = (i + 1) * 3600;
  return { value: String(seconds), label: i === 0 ? "1 hour (default)" : `${i + 1} hours` };
});

export const CUSTOM_DURATION = "custom";

/** The error text for a custom duration in seconds, or undefined when IAM accepts it. */
export function sessionDurationError(text: string): string | undefined {
  if (!/^\d+$/.test(text.trim())) return "Enter a whole number of seconds.";
  const n = Number(text.trim());
  if (n < MAX_SESSION_DURATION_MIN || n > MAX_SESSION_DURATION_MAX) {
    return `Enter a duration from ${MAX_SESSION_DURATION_MIN} seconds (1 hour) to ${MAX_SESSION_DURATION_MAX} seconds (12 hours).`;
  }
  return undefined;
}
