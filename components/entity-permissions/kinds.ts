import type { EntityKind } from "@/lib/console-paths";
import type { PolicyEditorDocumentKind } from "@/components/policy-editor/types";

// What differs between the user, user group and role pages that share one implementation:
// the console's words for each, and which parts each kind has. Plain data, read by both sides.

export type { EntityKind };

export interface EntityWords {
  /** The entity in the console's words, lower case: "user", "user group", "role". */
  noun: string;
  /** The list page. */
  list: string;
  documentKind: PolicyEditorDocumentKind;
  /** The primary "Add permissions" menu's first item and the page it opens. */
  addPolicies: { text: string; page: "add-permissions" | "attach-policies" };
  permissionsDescription: string;
  boundaryDescription?: string;
  boundaryFormDescription?: string;
}

export const ENTITY_WORDS: Record<EntityKind, EntityWords> = {
  User: {
    noun: "user",
    list: "/users",
    documentKind: "inline-user",
    addPolicies: { text: "Add permissions", page: "add-permissions" },
    permissionsDescription: "Permissions are defined by policies attached to the user directly or through groups.",
    boundaryDescription: "Set a managed policy that controls the maximum permissions this user can have.",
    boundaryFormDescription:
      "Choose a managed policy to set the maximum permissions this user can have. The boundary grants no permissions by itself.",
  },
  Group: {
    noun: "user group",
    list: "/groups",
    documentKind: "inline-group",
    addPolicies: { text: "Attach policies", page: "attach-policies" },
    permissionsDescription: "You can attach up to 10 managed policies.",
  },
  Role: {
    noun: "role",
    list: "/roles",
    documentKind: "inline-role",
    addPolicies: { text: "Attach policies", page: "attach-policies" },
    permissionsDescription: "You can attach up to 10 managed policies.",
    boundaryDescription:
      "Set a managed policy that controls the maximum permissions this role can have. This isn't a common setting, but you can use it to delegate permission management to others.",
    boundaryFormDescription:
      "Choose a managed policy to use as the permissions boundary. The boundary sets the maximum permissions that the role's identity-based policies can grant.",
  },
};

const KINDS: ReadonlySet<string> = new Set<EntityKind>(["User", "Group", "Role"]);

/** An entity kind sent by the browser, or undefined. */
export function readKind(value: unknown): EntityKind | undefined {
  return typeof value === "string" && KINDS.has(value) ? (value as EntityKind) : undefined;
}

/** The URL prefixes of the policy pickers' table queries ("Attach policies", the boundary). */
export const POLICIES_PREFIX = "policies";
export const BOUNDARY_PREFIX = "boundary";

/** The query parameter of a detail page's tabs, as the IAM console names it. */
export const SECTION_PARAM = "section";

/**
 * A name a route segment holds. Next decodes route params; a segment that still holds escapes
 * is decoded once more. IAM names never contain "%".
 */
export function nameFromSegment(segment: string): string {
  try {
    return segment.includes("%") ? decodeURIComponent(segment) : segment;
  } catch {
    return segment;
  }
}

export type PolicyTypeText = "AWS managed" | "AWS managed - job function" | "Customer managed" | "Customer inline";

/** The type of an attached managed policy, from its ARN. */
export function managedPolicyType(arn: string): PolicyTypeText {
  if (!arn.startsWith("arn:aws:iam::aws:policy/")) return "Customer managed";
  return arn.startsWith("arn:aws:iam::aws:policy/job-function/") ? "AWS managed - job function" : "AWS managed";
}
