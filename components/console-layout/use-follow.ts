"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";

interface FollowDetail {
  href?: string;
  external?: boolean;
  target?: string;
}

/**
 * The onFollow handler for Cloudscape links (Link, SideNavigation, BreadcrumbGroup,
 * TopNavigation): an in-app href is followed with Next's router, without a page load.
 * Cloudscape only fires onFollow for a plain left click, so opening in a new tab still works.
 */
export function useFollow(): (event: CustomEvent<FollowDetail>) => void {
  const router = useRouter();
  return useCallback(
    (event: CustomEvent<FollowDetail>) => {
      const { href, external, target } = event.detail;
      if (!href || external || (target && target !== "_self") || !href.startsWith("/") || href.startsWith("//")) return;
      event.preventDefault();
      router.push(href);
    },
    [router],
  );
}
