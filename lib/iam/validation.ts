import { IamError } from "./errors";

// Input checks in AWS's words. The forms import the same constants.

export const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007F]*$/;

export interface ValidationFailure {
  value: unknown;
  /** The member in lowerCamel case, as AWS names it in the message. */
  member: string;
  constraint: string;
}

/** Every failed constraint in one ValidationError, as AWS reports them: "2 validation errors detected: …; …". */
export function validationErrors(failures: readonly ValidationFailure[]): IamError {
  const n = failures.length;
  const each = failures.map((f) => `Value '${String(f.value)}' at '${f.member}' failed to satisfy constraint: ${f.constraint}`);
  return new IamError("ValidationError", `${n} validation error${n === 1 ? "" : "s"} detected: ${each.join("; ")}`);
}

/** One failed constraint: the common case of validationErrors. */
export function validationError(value: unknown, member: string, constraint: string): IamError {
  return validationErrors([{ value, member, constraint }]);
}

/** A required member that is absent: AWS prints the value as a bare null. */
export function missingMember(member: string): IamError {
  return new IamError(
    "ValidationError",
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
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

// Entity names: users, groups, roles, policies, instance profiles (iam-facts §2).
export const NAME_PATTERN = /^[\w+=,.@-]+$/;
export const NAME_LIMITS = {
  userName: 64,
  roleName: 64,
  groupName: 128,
  policyName: 128,
  instanceProfileName: 128,
} as const;

export const PATH_PATTERN = /^(\/|\/[\u0021-\u007E]+\/)$/;
export const DESCRIPTION_MAX = 1000;

export function checkName(value: string | undefined, member: string, max: number): string {
  if (value === undefined) throw missingMember(member);
  if (value === "") throw validationError(value, member, "Member must have length greater than or equal to 1");
  if (value.length > max) {
    throw validationError(value, member, `Member must have length less than or equal to ${max}`);
  }
  if (!NAME_PATTERN.test(value)) {
    throw validationError(value, member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  }
  return value;
}

export function checkPath(value: string | undefined, member = "path"): string {
  if (value === undefined) return "/";
  if (value.length < 1) throw validationError(value, member, "Member must have length greater than or equal to 1");
  if (value.length > 512) {
    throw validationError(value, member, "Member must have length less than or equal to 512");
  }
  if (!PATH_PATTERN.test(value)) {
    throw validationError(
      value,
      member,
      "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
    );
  }
  return value;
}

// ARN parameters (the model's arnType): PolicyArn, PermissionsBoundary, OpenIDConnectProviderArn…
export const ARN_MIN = 20;
export const ARN_MAX = 2048;

/** An ARN parameter: present, within the model's length limits. Its shape is each operation's own check. */
export function checkArnMember(value: string | undefined, member: string): string {
  if (value === undefined) throw missingMember(member);
  if (value.length < ARN_MIN) throw validationError(value, member, `Member must have length greater than or equal to ${ARN_MIN}`);
  if (value.length > ARN_MAX) throw validationError(value, member, `Member must have length less than or equal to ${ARN_MAX}`);
  return value;
}
