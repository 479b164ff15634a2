"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import SegmentedControl from "@cloudscape-design/components/segmented-control";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Table from "@cloudscape-design/components/table";
import TextFilter from "@cloudscape-design/components/text-filter";
import { useState } from "react";
import type { PolicySummary, PolicySummaryRow } from "@/lib/iam/policy-summary";

// SHARED COMPONENT — the console's policy summary ("Permissions defined in this policy"):
// one row per service the document allows or denies, with the access level ("Full: List,
// Read" / "Limited: Write"), the resources and the request conditions. The summary itself
// comes from lib/iam/policy-summary's getPolicySummary (pure), computed by the page.

export function PolicySummaryTable({ summary, servicesCount }: { summary: PolicySummary | undefined; servicesCount?: number }) {
  const [effect, setEffect] = useState<"allow" | "deny">("allow");
  const [filter, setFilter] = useState("");
  if (!summary) {
    return <Alert type="warning">The policy summary can&apos;t be shown: the policy is not valid JSON.</Alert>;
  }
  const rows = (effect === "allow" ? summary.allow : summary.deny).filter((r) => {
    const needle = filter.trim().toLowerCase();
    return !needle || r.serviceName.toLowerCase().includes(needle) || r.service.includes(needle);
  });
  const of = servicesCount ? ` of ${servicesCount} services` : "";
  return (
    <SpaceBetween size="s">
      <SegmentedControl
        selectedId={effect}
        onChange={({ detail }) => setEffect(detail.selectedId === "deny" ? "deny" : "allow")}
        label="Effect"
        options={[
          { id: "allow", text: `Allow (${summary.allow.length}${of})` },
          { id: "deny", text: `Deny (${summary.deny.length}${of})` },
        ]}
      />
      <Table<PolicySummaryRow>
        variant="embedded"
        items={rows}
        trackBy={(r) => `${r.effect}:${r.service}`}
        ariaLabels={{ tableLabel: "Policy summary" }}
        filter={
          <TextFilter
            filteringText={filter}
            onChange={({ detail }) => setFilter(detail.filteringText)}
            filteringPlaceholder="Search"
            filteringAriaLabel="Filter services"
          />
        }
        columnDefinitions={[
          { id: "service", header: "Service", cell: (r) => r.serviceName, isRowHeader: true },
          { id: "access", header: "Access level", cell: (r) => r.accessLevel },
          {
            id: "resource",
            header: "Resource",
            cell: (r) => (r.resources.length > 1 && r.resource === "Multiple" ? <span title={r.resources.join("\n")}>Multiple</span> : r.resource),
          },
          { id: "condition", header: "Request condition", cell: (r) => r.requestCondition },
        ]}
        empty={
          <Box textAlign="center" color="inherit">
            {effect === "allow" ? "This policy allows no actions." : "This policy denies no actions explicitly."}
          </Box>
        }
      />
      {(summary.unrecognizedServices.length > 0 || summary.unrecognizedActions.length > 0) && (
        <Alert type="warning" header="Unrecognized services or actions">
          {[
            summary.unrecognizedServices.length > 0 ? `Services: ${summary.unrecognizedServices.join(", ")}.` : "",
            summary.unrecognizedActions.length > 0 ? `Actions: ${summary.unrecognizedActions.join(", ")}.` : "",
          ]
            .filter(Boolean)
            .join(" ")}
        </Alert>
      )}
    </SpaceBetween>
  );
}
