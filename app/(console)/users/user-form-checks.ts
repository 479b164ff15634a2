import { NAME_LIMITS, NAME_PATTERN } from "@/lib/iam/validation";

// The user name as the forms check it while the user types: the same limits CreateUser and
// UpdateUser enforce (lib/iam/validation), in the console's words.

export const USER_NAME_CONSTRAINT = `The user name can have up to ${NAME_LIMITS.userName} characters. Valid characters: A-Z, a-z, 0-9, and + = , . @ _ - (hyphen)`;

export function userNameError(name: string): string | undefined {
  if (name === "") return "Enter a user name.";
  if (name.length > NAME_LIMITS.userName) return `The user name must have no more than ${NAME_LIMITS.userName} characters.`;
  if (!NAME_PATTERN.test(name)) return "The user name contains characters that are not valid. Valid characters: A-Z, a-z, 0-9, and + = , . @ _ - (hyphen)";
  return undefined;
}
