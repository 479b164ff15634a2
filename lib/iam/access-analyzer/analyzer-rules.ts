// The unused access analyzer's limits, shared by CreateAnalyzer/UpdateAnalyzer and the console's
// forms, which check them while the user types. Plain module: no server code.

/** The tracking period in days (UnusedAccessConfiguration.unusedAccessAge). */
export const UNUSED_ACCESS_AGE = { min: 1, max: 365, default: 90 } as const;
export const ANALYZER_NAME_MAX = 255;
export const ANALYZER_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export const ANALYZER_NAME_CONSTRAINT = `Up to ${ANALYZER_NAME_MAX} characters. Start with a letter; then letters, numbers, periods (.), hyphens (-) and underscores (_).`;
export const TRACKING_PERIOD_CONSTRAINT = `A whole number of days from ${UNUSED_ACCESS_AGE.min} to ${UNUSED_ACCESS_AGE.max}.`;

/** Why a form would refuse the analyzer name, or undefined when CreateAnalyzer accepts it. */
export function analyzerNameError(name: string): string | undefined {
  if (name === "") return "Enter a name for the analyzer.";
  if (name.length > ANALYZER_NAME_MAX) return `The name must have no more than ${ANALYZER_NAME_MAX} characters.`;
  if (!ANALYZER_NAME_PATTERN.test(name)) return "The name must start with a letter and contain only letters, numbers, periods (.), hyphens (-) and underscores (_).";
  return undefined;
}

/** The tracking period a form's text gives, or the reason it gives none. */
export function readTrackingPeriod(text: string): { days: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { error: "Enter the tracking period in days." };
  const days = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(days) || days < UNUSED_ACCESS_AGE.min || days > UNUSED_ACCESS_AGE.max) {
    return { error: `The tracking period must be a whole number of days from ${UNUSED_ACCESS_AGE.min} to ${UNUSED_ACCESS_AGE.max}.` };
  }
  return { days };
}
