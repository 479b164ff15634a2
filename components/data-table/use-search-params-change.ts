"use client";

import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { hrefWithQuery } from "./table-query";

// A filter beside a server-paged table (a type, a status, a finding) lives in the URL like the
// table's own query: choosing one replaces the page's search params, and the table goes back
// to its first page, since the page it showed may not exist among the new matches.

export interface SearchParamsChangeOptions {
  /** The table's page param to drop ("page", or "<prefix>.page"); false keeps it. */
  resetPage?: string | false;
}

export function useSearchParamsChange() {
  const router = useRouter();
  const pathname = usePathname();
  const [navigating, startNavigation] = useTransition();

  /** Sets each param, or removes it when its value is "". */
  const change = (values: Readonly<Record<string, string>>, { resetPage = "page" }: SearchParamsChangeOptions = {}) => {
    const params = new URLSearchParams(window.location.search);
    for (const [name, value] of Object.entries(values)) {
      if (value) params.set(name, value);
      else params.delete(name);
    }
    if (resetPage) params.delete(resetPage);
    startNavigation(() => router.replace(hrefWithQuery(pathname, params), { scroll: false }));
  };

  return { navigating, change };
}
