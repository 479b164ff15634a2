import { entityHref, type EntityKind } from "@/lib/console-paths";
import { navEntryFor } from "./navigation";

// Breadcrumb trails. A page's trail is its parent's trail plus the page itself, so trails
// are built by extending, never written out in full:
//   breadcrumbs(navTrail("/users"), userName, userHref(userName))
// Plain data: server pages build trails and hand them to <PageFrame breadcrumbs={…} />.

export interface Crumb {
  text: string;
  href: string;
}

export type Trail = readonly Crumb[];

/** Every trail starts at the service. */
export const IAM_TRAIL: Trail = [{ text: "IAM", href: "/" }];

/** Extends a parent trail with one page. */
export function breadcrumbs(parent: Trail, text: string, href: string): Trail {
  return [...parent, { text, href }];
}

/** The trail of a navigation page ("IAM" > "Users"), or of the page a path belongs to. */
export function navTrail(pathname: string): Trail {
  const entry = navEntryFor(pathname);
  return entry ? breadcrumbs(IAM_TRAIL, entry.text, entry.href) : IAM_TRAIL;
}

/** The trail of a user's, group's or role's page ("IAM" > "Users" > "Samy"), or of a page under it. */
export function entityTrail(kind: EntityKind, name: string, sub?: { text: string; page: string }): Trail {
  const trail = breadcrumbs(navTrail(entityHref(kind, name)), name, entityHref(kind, name));
  return sub ? breadcrumbs(trail, sub.text, entityHref(kind, name, sub.page)) : trail;
}
