"use client";

import Box from "@cloudscape-design/components/box";
import Container from "@cloudscape-design/components/container";
import ExpandableSection from "@cloudscape-design/components/expandable-section";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { PolicyEditor, type EditorHighlight } from "@/components/policy-editor";
import { DecisionStatus, RESULTS_TABLE } from "./results-table-config";
import {
  decisionCounts,
  failedElementName,
  highlightsByPolicy,
  statementName,
  type ResultRow,
  type SimulatedPolicy,
  type StatementHighlight,
} from "./simulation-view";

// The simulation's results: one row per action and resource, and for the selected row the
// statements that decided it, highlighted in their policies, with the near misses and the
// missing context values.

export interface SimulationOutcome {
  rows: ResultRow[];
  /** The simulated policies, to show the statements in. */
  policies: SimulatedPolicy[];
  /** "role EC2AppRole", "2 custom policies". */
  subject: string;
}

export function SimulationResults({
  outcome,
  selectedId,
  onSelect,
  actions,
}: {
  outcome: SimulationOutcome;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  actions: React.ReactNode;
}) {
  const counts = decisionCounts(outcome.rows);
  const selected = outcome.rows.find((row) => row.id === selectedId);
  const summary = [
    `${counts.allowed} allowed`,
    `${counts.implicitDeny} implicitly denied`,
    `${counts.explicitDeny} explicitly denied`,
  ].join(", ");

  return (
    <SpaceBetween size="l">
      <DataTable
        config={RESULTS_TABLE}
        items={outcome.rows}
        header="Results"
        description={
          outcome.subject
            ? `Simulated for ${outcome.subject}: ${summary}. Select a result to see why.`
            : "Choose the policies and the actions, then run the simulation."
        }
        variant="container"
        selectionType="single"
        selectedIds={selected ? [selected.id] : []}
        onSelectionChange={(rows) => onSelect(rows[0]?.id ?? null)}
        actions={() => actions}
        empty={{ title: "No results", description: "Run a simulation to see its results." }}
      />
      {selected ? (
        <ResultDetails row={selected} policies={outcome.policies} />
      ) : null}
    </SpaceBetween>
  );
}

function ResultDetails({ row, policies }: { row: ResultRow; policies: readonly SimulatedPolicy[] }) {
  const groups = useMemo(() => highlightsByPolicy(row, policies), [row, policies]);
  const explanation = row.explanation;
  return (
    <section aria-label="Result details">
      <Container
        header={
          <Header variant="h2" description={row.resource === "*" ? "On every resource (*)" : `On ${row.resource}`}>
            Details for {row.action}
          </Header>
        }
      >
        <SpaceBetween size="l">
          <KeyValuePairs
            columns={3}
            items={[
              { label: "Decision", value: <DecisionStatus decision={row.decision} /> },
              {
                label: "Permissions boundary",
                value:
                  row.allowedByPermissionsBoundary === undefined ? (
                    "None"
                  ) : row.allowedByPermissionsBoundary ? (
                    <StatusIndicator type="success">Allows</StatusIndicator>
                  ) : (
                    <StatusIndicator type="error">Does not allow</StatusIndicator>
                  ),
              },
              {
                label: "Missing context values",
                value: row.missingContextValues.length > 0 ? row.missingContextValues.join(", ") : "None",
              },
            ]}
          />
          {explanation && explanation.lines.length > 0 && (
            <div>
              {explanation.lines.map((line, i) => (
                <Box key={i} variant="p">
                  {line}
                </Box>
              ))}
            </div>
          )}
          {groups.length === 0 ? (
            <Box variant="p" color="text-body-secondary">
              {row.decision === "implicitDeny"
                ? "No statement applies to this request: nothing allows it, so it is implicitly denied."
                : "No statement to show."}
            </Box>
          ) : (
            groups.map(({ policy, highlights }) => <PolicyStatements key={policy.sourcePolicyId} policy={policy} highlights={highlights} />)
          )}
        </SpaceBetween>
      </Container>
    </section>
  );
}

function highlightOf(h: StatementHighlight): EditorHighlight {
  const s = h.statement;
  if (h.kind === "matched") {
    return {
      range: s.range,
      tone: s.effect === "Deny" ? "deny" : "allow",
      label: `${statementName(s)}: ${s.effect === "Deny" ? "denies" : "allows"} the request`,
    };
  }
  return {
    range: s.range,
    tone: "neutral",
    label: `${statementName(s)} would ${s.effect === "Deny" ? "deny" : "allow"} the request, but its ${failedElementName(h.statement.failed)} does not match`,
  };
}

function PolicyStatements({ policy, highlights }: { policy: SimulatedPolicy; highlights: readonly StatementHighlight[] }) {
  const matched = highlights.filter((h) => h.kind === "matched");
  const nearMisses = highlights.filter((h) => h.kind === "nearMiss");
  const editorHighlights = useMemo(() => highlights.map(highlightOf), [highlights]);
  const counts = [
    matched.length > 0 ? `${matched.length} matched` : undefined,
    nearMisses.length > 0 ? `${nearMisses.length} nearly applied` : undefined,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <ExpandableSection
      variant="container"
      defaultExpanded
      headerText={policy.name}
      headerDescription={`${policy.description} · ${counts}`}
    >
      <SpaceBetween size="m">
        <ul aria-label={`Statements of ${policy.name}`} style={{ margin: 0, paddingLeft: 20 }}>
          {highlights.map((h, i) => (
            <li key={i}>
              {h.kind === "matched" ? (
                <>
                  <b>{statementName(h.statement)}</b> ({h.statement.effect}) matches
                  {h.statement.effect === "Deny" ? " and denies the request." : " and allows the request."}
                </>
              ) : (
                <>
                  <b>{statementName(h.statement)}</b> ({h.statement.effect}) nearly applies: its{" "}
                  <b>{failedElementName(h.statement.failed)}</b> does not match.
                </>
              )}{" "}
              <Box variant="span" color="text-body-secondary" fontSize="body-s">
                Line {h.statement.range.start.line}
              </Box>
            </li>
          ))}
        </ul>
        <PolicyEditor value={policy.document} readOnly ariaLabel={`Policy document of ${policy.name}`} highlights={editorHighlights} height={280} />
      </SpaceBetween>
    </ExpandableSection>
  );
}
