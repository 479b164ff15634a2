import { unmodifiableRole } from "./errors";
import { validationError } from "./validation";

// Input checks of role operations in AWS's words (iam-facts §2). No 'server-only', and no
// policy engine: the create-role form imports the same limits.

export const ROLE_DESCRIPTION_MAX = 1000;
export const ROLE_DESCRIPTION_PATTERN = /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/;
export const MAX_SESSION_DURATION_MIN = 3600;
export const MAX_SESSION_DURATION_MAX = 43200;
export const MAX_SESSION_DURATION_DEFAULT = 3600;
/** Roles under this path are service-linked: only the service (and DeleteServiceLinkedRole) may change them. */
export const SERVICE_LINKED_ROLE_PATH = "/aws-service-role/";
/** IAM Identity Center's roles: AWS-owned too. */
export const RESERVED_ROLE_PATH = "/aws-reserved/";

export function checkRoleDescription(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > ROLE_DESCRIPTION_MAX) {
    throw validationError(value, "description", `Member must have length less than or equal to ${ROLE_DESCRIPTION_MAX}`);
  }
  if (!ROLE_DESCRIPTION_PATTERN.test(value)) {
    throw validationError(
      value,
      "description",
      "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
    );
  }
  return value;
}

export function checkMaxSessionDuration(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < MAX_SESSION_DURATION_MIN) {
    throw validationError(value, "maxSessionDuration", `Member must have value greater than or equal to ${MAX_SESSION_DURATION_MIN}`);
  }
  if (value > MAX_SESSION_DURATION_MAX) {
    throw validationError(value, "maxSessionDuration", `Member must have value less than or equal to ${MAX_SESSION_DURATION_MAX}`);
  }
  return value;
}

export function isServiceLinkedPath(path: string): boolean {
  return path.startsWith(SERVICE_LINKED_ROLE_PATH);
}

/** Service-linked and other AWS-owned roles: the ordinary role operations may not change them. */
export function isProtectedRolePath(path: string): boolean {
  return isServiceLinkedPath(path) || path.startsWith(RESERVED_ROLE_PATH);
}

/** Service-linked (and other AWS-owned) roles change only through AWS: UnmodifiableEntity otherwise. */
export function assertRoleModifiable(row: { name: string; path: string }): void {
  if (isProtectedRolePath(row.path)) throw unmodifiableRole(row.name);
}
