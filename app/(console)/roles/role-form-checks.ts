import { ROLE_DESCRIPTION_MAX, ROLE_DESCRIPTION_PATTERN } from "@/lib/iam/role-validation";
import { NAME_LIMITS, NAME_PATTERN } from "@/lib/iam/validation";

// The role forms' checks as the user types, with the domain's own limits and patterns: what
// the forms flag here is what CreateRole and UpdateRole would refuse.

export function roleNameError(name: string): string | undefined {
  if (name.length === 0) return "Enter a role name.";
  if (name.length > NAME_LIMITS.roleName) return `The role name must have no more than ${NAME_LIMITS.roleName} characters.`;
  if (!NAME_PATTERN.test(name)) return "The role name can only contain alphanumeric characters and the following: +=,.@-_";
  return undefined;
}

export function roleDescriptionError(description: string): string | undefined {
  if (description.length > ROLE_DESCRIPTION_MAX) return `The description must have no more than ${ROLE_DESCRIPTION_MAX} characters.`;
  if (!ROLE_DESCRIPTION_PATTERN.test(description)) return "The description contains characters that are not allowed.";
  return undefined;
}
