import { useEffect, useState } from "react";
import type { CatalogData } from "@/lib/iam/policy/catalog";
import { loadCatalogData } from "./catalog";

/**
 * The action catalog for a component that shows or checks a policy: undefined while it loads
 * (or while `enabled` is false), null when it could not be loaded.
 */
export function useCatalogData(enabled = true): CatalogData | null | undefined {
  const [catalog, setCatalog] = useState<CatalogData | null | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void loadCatalogData().then((data) => {
      if (live) setCatalog(data);
    });
    return () => {
      live = false;
    };
  }, [enabled]);
  return catalog;
}
