"use client";

import Link, { type LinkProps } from "@cloudscape-design/components/link";
import { useFollow } from "./use-follow";

/** A Cloudscape Link to a console page, followed client-side. Server pages can render it. */
export function RouterLink(props: Omit<LinkProps, "onFollow" | "href"> & { href: string }) {
  const follow = useFollow();
  return <Link {...props} onFollow={follow} />;
}
