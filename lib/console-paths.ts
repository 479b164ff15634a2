// Where the console's pages for one entity are. The IAM console keys an entity's page under
// ".../details/NAME", so a user, group or role may be named "create" (a valid IAM name) without
// its page clashing with the "Create" form of the same list. Plain module: server actions
// (redirect, revalidatePath) and client components (links) share it.

function detailsHref(list: string, name: string, page?: string): string {
  return `/${list}/details/${encodeURIComponent(name)}${page ? `/${page}` : ""}`;
}

export function userHref(userName: string, page?: string): string {
  return detailsHref("users", userName, page);
}

export function groupHref(groupName: string, page?: string): string {
  return detailsHref("groups", groupName, page);
}

export function roleHref(roleName: string, page?: string): string {
  return detailsHref("roles", roleName, page);
}

/** A managed policy's page, keyed by its ARN encoded into one path segment, as the IAM console does. */
export function policyHref(arn: string, page?: "edit" | "attach" | "detach"): string {
  return `/policies/${encodeURIComponent(arn)}${page ? `/${page}` : ""}`;
}

export type EntityKind = "User" | "Group" | "Role";

/** The page of a user, group or role, for lists that mix them (a policy's "Entities attached"). */
export function entityHref(kind: EntityKind, name: string, page?: string): string {
  return kind === "User" ? userHref(name, page) : kind === "Group" ? groupHref(name, page) : roleHref(name, page);
}
