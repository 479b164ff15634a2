import { TAG_VALUE_MAX, TAG_VALUE_PATTERN } from "./tags";

// What the console's access key forms and the domain agree on. No 'server-only': the browser
// checks a description as it is typed, with the same rules TagUser applies to it.

/** The description is the value of the user tag keyed by the key's ID, so a tag value's limits apply. */
export const ACCESS_KEY_DESCRIPTION_MAX = TAG_VALUE_MAX;

/** The age at which the console recommends rotating a key (the CIS benchmark's 90 days; AWS enforces nothing). */
export const ACCESS_KEY_ROTATION_DAYS = 90;

/** Why the console would refuse a description, or undefined when it is acceptable. */
export function accessKeyDescriptionError(description: string): string | undefined {
  if (description.length > ACCESS_KEY_DESCRIPTION_MAX) return `The description must be ${ACCESS_KEY_DESCRIPTION_MAX} characters or fewer.`;
  if (!TAG_VALUE_PATTERN.test(description)) {
    return "The description can contain only letters, numbers, spaces and the following characters: _ . : / = + - @";
  }
  return undefined;
}

const DAY_MS = 86_400_000;

/** Whole days since a date, as the console counts a key's age. */
export function ageInDays(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}
