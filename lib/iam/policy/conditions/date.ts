// DateEquals, DateNotEquals, DateLessThan, DateLessThanEquals, DateGreaterThan,
// DateGreaterThanEquals. ISO 8601 (UTC when no zone is given) or epoch seconds; no variables.

import { compiled, invalid, memoized, type ConditionOperator } from "./operator";

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

/** Milliseconds since the epoch, or undefined when the text is not a date. */
export function parseDate(value: string): number | undefined {
  const text = value.trim().toUpperCase();
  if (EPOCH.test(text)) return Number(text) * 1000;
  const iso = ISO.exec(text);
  if (!iso) return undefined;
  // Without a zone, JavaScript would read a date-time as local time; AWS reads UTC.
  const withZone = text.includes("T") && !iso[1] ? `${text}Z` : text;
  const ms = Date.parse(withZone.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(ms) ? undefined : ms;
}

const parseRequestDate = memoized(parseDate);

function date(name: string, negated: boolean, compare: (request: number, policy: number) => boolean): ConditionOperator<number, number> {
  return {
    name,
    negated,
    compile(value) {
      const ms = parseDate(value);
      return ms === undefined ? invalid(`${name} needs an ISO 8601 date or epoch seconds, not ${JSON.stringify(value)}.`) : compiled(ms);
    },
    parseRequest: parseRequestDate,
    test: (request, policy) => compare(request, policy),
  };
}

export const dateOperators: ConditionOperator[] = [
  date("DateEquals", false, (r, p) => r === p),
  date("DateNotEquals", true, (r, p) => r === p),
  date("DateLessThan", false, (r, p) => r < p),
  date("DateLessThanEquals", false, (r, p) => r <= p),
  date("DateGreaterThan", false, (r, p) => r > p),
  date("DateGreaterThanEquals", false, (r, p) => r >= p),
];
