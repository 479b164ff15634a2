"use client";

import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useEffect, useMemo, useState } from "react";
import { loadCatalogData } from "@/components/policy-editor/catalog";
import type { CatalogData } from "@/lib/iam/policy/catalog";
import { getPolicySummary } from "@/lib/iam/policy-summary";
import { PolicySummaryTable } from "./policy-summary-table";
import { summaryCatalog } from "./summary-catalog";

// The summary of a document being written (create and edit forms): computed in the browser
// with the catalog the editor has downloaded already. Pages that show a stored policy compute
// it on the server and render <PolicySummaryTable /> directly.

export function PolicySummaryView({ document }: { document: string }) {
  const [catalog, setCatalog] = useState<CatalogData | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadCatalogData().then((data) => {
      if (live) setCatalog(data);
    });
    return () => {
      live = false;
    };
  }, []);
  const lookups = useMemo(() => (catalog ? summaryCatalog(catalog) : undefined), [catalog]);
  const summary = useMemo(() => (lookups ? getPolicySummary(document, lookups) : undefined), [document, lookups]);
  if (catalog === undefined) return <StatusIndicator type="loading">Loading the policy summary</StatusIndicator>;
  if (catalog === null) return <StatusIndicator type="warning">The policy summary can&apos;t be shown: the action catalog did not load.</StatusIndicator>;
  return <PolicySummaryTable summary={summary} servicesCount={catalog.services.length} />;
}
