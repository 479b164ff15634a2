import type { WizardProps } from "@cloudscape-design/components/wizard";

// The console's words on every wizard's steps and buttons (Create user, Create role, Create
// policy, Edit policy, inline policies).

export const WIZARD_STRINGS: WizardProps.I18nStrings = {
  stepNumberLabel: (n) => `Step ${n}`,
  collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
  skipToButtonLabel: (target) => `Skip to ${target.title}`,
  navigationAriaLabel: "Steps",
  cancelButton: "Cancel",
  previousButton: "Previous",
  nextButton: "Next",
  optional: "optional",
};
