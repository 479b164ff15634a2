import { navEntryFor } from "./navigation";

// Breadcrumb trails. A page's trail is its parent's trail plus the page itself, so trails
// are built by extending, never written out in full:
//   breadcrumbs(navTrail("/users"), userName, `/users/${encodeURIComponent(userName)}`)
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
