// The typed confirmation of the IAM console's delete dialogs, as plain functions (no React),
// so the rule is tested once. The console asks for the entity's name when one entity goes
// ("To confirm deletion, enter the user name in the text input field.") and for the word
// "confirm" when several go at once.

export const CONFIRM_WORD = "confirm";

/** What the user must type: the name for one entity, "confirm" for several, nothing when not asked. */
export function confirmationPhrase(names: readonly string[], mode: ConfirmationMode): string | undefined {
  if (mode === "none") return undefined;
  if (mode === "confirm") return CONFIRM_WORD;
  return names.length === 1 ? names[0] : CONFIRM_WORD;
}

/** "name": the entity's name (or "confirm" for several); "confirm": always the word; "none": no typing. */
export type ConfirmationMode = "name" | "confirm" | "none";

/** Exactly what was asked for: names are case-sensitive in the console's check, as is "confirm". */
export function isConfirmed(typed: string, phrase: string | undefined): boolean {
  return phrase === undefined || typed.trim() === phrase;
}

/** The label above the input, in the console's words. */
export function confirmationLabel(phrase: string, nameLabel: string): string {
  return phrase === CONFIRM_WORD
    ? `To confirm deletion, enter ${CONFIRM_WORD} in the text input field.`
    : `To confirm deletion, enter the ${nameLabel} in the text input field.`;
}
