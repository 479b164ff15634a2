import { IamError } from "./errors";

// Input checks in AWS's words. The forms import the same constants.

export const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007F]*$/;

export function validationError(value: unknown, member: string, constraint: string): IamError {
  return new IamError(
    "ValidationError",
    `1 validation error detected: Value '${String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

export function checkPathPrefix(pathPrefix: string | undefined): string {
  if (pathPrefix === undefined) return "/";
  if (pathPrefix.length < 1 || pathPrefix.length > 512) {
    throw validationError(pathPrefix, "pathPrefix", "Member must have length less than or equal to 512");
  }
  if (!PATH_PREFIX_PATTERN.test(pathPrefix)) {
    throw validationError(pathPrefix, "pathPrefix", "Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");
  }
  return pathPrefix;
}

export function checkEnum<T extends string>(value: string | undefined, member: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw validationError(value, member, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}
