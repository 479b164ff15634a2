"use client";

import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useMemo } from "react";
import { useCatalogData } from "@/components/policy-editor/use-catalog-data";
import { getPolicySummary } from "@/lib/iam/policy-summary";
import { PolicySummaryTable } from "./policy-summary-table";
import { summaryCatalog } from "./summary-catalog";

// The summary of a document being written (create and edit forms): computed in the browser
// with the catalog the editor has downloaded already. Pages that show a stored policy compute
// it on the server and render <PolicySummaryTable /> directly.

export function PolicySummaryView({ document }: { document: string }) {
  const catalog = useCatalogData();
  const lookups = useMemo(() => (catalog ? summaryCatalog(catalog) : undefined), [catalog]);
  const summary = useMemo(() => (lookups ? getPolicySummary(document, lookups) : undefined), [document, lookups]);
  if (catalog === undefined) return <StatusIndicator type="loading">Loading the policy summary</StatusIndicator>;
  if (catalog === null) return <StatusIndicator type="warning">The policy summary can&apos;t be shown: the action catalog did not load.</StatusIndicator>;
  return <PolicySummaryTable summary={summary} servicesCount={catalog.services.length} />;
}
