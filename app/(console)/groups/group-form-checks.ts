import { NAME_LIMITS, NAME_PATTERN } from "@/lib/iam/validation";

// The group name as the forms check it while the user types: the limits CreateGroup and
// UpdateGroup enforce (lib/iam/validation), in the console's words.

export const GROUP_NAME_CONSTRAINT = `Maximum ${NAME_LIMITS.groupName} characters. Use alphanumeric and '+=,.@-_' characters.`;

export function groupNameError(name: string): string | undefined {
  if (name === "") return "Enter a user group name.";
  if (name.length > NAME_LIMITS.groupName) return `The user group name must have no more than ${NAME_LIMITS.groupName} characters.`;
  if (!NAME_PATTERN.test(name)) return "The user group name can only contain alphanumeric characters and the following: +=,.@-_";
  return undefined;
}
