"use client";

import Box from "@cloudscape-design/components/box";
import Select, { type SelectProps } from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useEffect, useMemo, useState } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { RouterLink } from "@/components/console-layout/router-link";
import { DataTable } from "@/components/data-table/data-table";
import { defineTable, type DataTableColumn } from "@/components/data-table/table-config";
import { PermissionAlert } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import { readLastAccessed, startLastAccessedReport } from "./actions";
import type { ActionRow, LastAccessedData, LastAccessedSubject, ServiceRow } from "./last-accessed-rows";

// The "Last accessed" tab of a user, group, role or managed policy (access advisor). Opening the
// tab generates a report, as the IAM console does, and the tab polls the job until it has
// completed: every service the permissions policies allow, when it was last accessed (or "Not
// accessed in the tracking period"), and IAM's actions one by one.

const FIRST_POLL_MS = 250;
const POLL_MS = 1000;
const TRACKING_PERIOD_NOTE = "Tracking period: 400 days. Recent activity usually appears within 4 hours.";

const DESCRIPTIONS: Record<LastAccessedSubject, string> = {
  User: "Last accessed information shows the services that this user can access and when those services were last accessed. Review this data to remove unused permissions.",
  Group: "Last accessed information shows the services that this group's policies allow and when a member of the group last accessed them. Review this data to remove unused permissions.",
  Role: "Last accessed information shows the services that this role can access and when those services were last accessed. Review this data to remove unused permissions.",
  Policy: "Last accessed information shows the services that this policy allows and when the users and roles it is attached to last accessed them. Review this data to remove unused permissions.",
};

type State = { phase: "loading" } | { phase: "failed"; error?: ActionError } | { phase: "done"; data: Extract<LastAccessedData, { status: "COMPLETED" }> };

function LastAccessedCell({ row }: { row: { lastAccessedText: string; lastAccessedDate?: string } }) {
  return row.lastAccessedDate ? (
    <span title={row.lastAccessedDate}>
      {row.lastAccessedText}
      <Box variant="small" display="block" color="text-body-secondary">
        {row.lastAccessedDate}
      </Box>
    </span>
  ) : (
    row.lastAccessedText
  );
}

function servicesTable(subject: LastAccessedSubject) {
  const columns: DataTableColumn<ServiceRow>[] = [
    { id: "service", header: "Service", cell: (s) => s.name, value: (s) => s.name, isRowHeader: true, alwaysVisible: true },
  ];
  if (subject !== "Policy") {
    columns.push({
      id: "policies",
      header: "Policies granting permissions",
      cell: (s) =>
        s.policies.length === 0 ? (
          "-"
        ) : (
          <SpaceBetween size="xxxs">
            {s.policies.map((p) => (
              <span key={`${p.name}-${p.note ?? ""}`}>
                {p.href ? <RouterLink href={p.href}>{p.name}</RouterLink> : p.name}
                {p.note && <Box variant="small" color="text-body-secondary">{` ${p.note}`}</Box>}
              </span>
            ))}
          </SpaceBetween>
        ),
      filterValue: (s) => s.policies.map((p) => p.name).join(" "),
      sortable: false,
    });
  }
  columns.push({ id: "lastAccessed", header: "Last accessed", cell: (s) => <LastAccessedCell row={s} />, value: (s) => s.lastAccessed, filterValue: (s) => s.lastAccessedText });
  if (subject === "Group" || subject === "Policy") {
    columns.push({ id: "entity", header: "Last accessed by", cell: (s) => s.entity ?? "-", value: (s) => s.entity });
    columns.push({ id: "entities", header: "Entities that accessed", cell: (s) => String(s.entityCount), value: (s) => s.entityCount, hiddenByDefault: true });
  }
  columns.push({ id: "region", header: "Region", cell: (s) => s.region ?? "-", value: (s) => s.region, hiddenByDefault: true });
  return defineTable<ServiceRow>({
    resourceName: { singular: "service", plural: "services" },
    preferencesKey: `last-accessed-services-${subject.toLowerCase()}`,
    getRowId: (s) => s.namespace,
    columns,
    defaultSort: { columnId: "service", descending: false },
  });
}

function actionsTable(subject: LastAccessedSubject) {
  const columns: DataTableColumn<ActionRow>[] = [
    { id: "action", header: "Action", cell: (a) => a.action, value: (a) => a.action, isRowHeader: true, alwaysVisible: true },
    { id: "lastAccessed", header: "Last accessed", cell: (a) => <LastAccessedCell row={a} />, value: (a) => a.lastAccessed, filterValue: (a) => a.lastAccessedText },
    { id: "region", header: "Region accessed", cell: (a) => a.region ?? "-", value: (a) => a.region },
  ];
  if (subject === "Group" || subject === "Policy") columns.push({ id: "entity", header: "Last accessed by", cell: (a) => a.entity ?? "-", value: (a) => a.entity });
  return defineTable<ActionRow>({
    resourceName: { singular: "action", plural: "actions" },
    preferencesKey: `last-accessed-iam-actions-${subject.toLowerCase()}`,
    getRowId: (a) => a.action,
    columns,
    defaultSort: { columnId: "lastAccessed", descending: true },
  });
}

const ACCESS_FILTERS: SelectProps.Option[] = [
  { value: "all", label: "All services" },
  { value: "accessed", label: "Services accessed" },
  { value: "not-accessed", label: "Services not accessed" },
];

export function LastAccessedTab({ arn, subject }: { arn: string; subject: LastAccessedSubject }) {
  const [state, setState] = useState<State>({ phase: "loading" });
  const [filter, setFilter] = useState<SelectProps.Option>(ACCESS_FILTERS[0]);
  const servicesConfig = useMemo(() => servicesTable(subject), [subject]);
  const actionsConfig = useMemo(() => actionsTable(subject), [subject]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (jobId: string) => {
      const result = await readLastAccessed(jobId, arn, subject);
      if (cancelled) return;
      if (!result.ok) setState({ phase: "failed", error: resultError(result) });
      else if (result.data.status === "IN_PROGRESS") timer = setTimeout(() => void poll(jobId), POLL_MS);
      else if (result.data.status === "FAILED") setState({ phase: "failed", error: result.data.error });
      else setState({ phase: "done", data: result.data });
    };
    void startLastAccessedReport(arn).then((started) => {
      if (cancelled) return;
      if (!started.ok) setState({ phase: "failed", error: resultError(started) });
      else timer = setTimeout(() => void poll(started.data.jobId), FIRST_POLL_MS);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [arn, subject]);

  const data = state.phase === "done" ? state.data : undefined;
  const services = useMemo(() => {
    const all = data?.services ?? [];
    if (filter.value === "accessed") return all.filter((s) => s.lastAccessed);
    if (filter.value === "not-accessed") return all.filter((s) => !s.lastAccessed);
    return all;
  }, [data, filter]);
  const iamActions = useMemo(() => data?.iamActions ?? [], [data]);

  if (state.phase === "failed") return <ActionErrorAlert error={state.error} />;
  return (
    <SpaceBetween size="l">
      {data?.policiesDenied && <PermissionAlert message={data.policiesDenied} />}
      <DataTable<ServiceRow>
        config={servicesConfig}
        items={services}
        header="Allowed services"
        description={
          <SpaceBetween size="xxxs">
            <span>{DESCRIPTIONS[subject]}</span>
            <span>{TRACKING_PERIOD_NOTE}</span>
          </SpaceBetween>
        }
        variant="container"
        loading={state.phase === "loading"}
        loadingText="Generating the last accessed report"
        filterControls={<Select selectedOption={filter} onChange={({ detail }) => setFilter(detail.selectedOption)} options={ACCESS_FILTERS} ariaLabel="Filter by access" inlineLabelText="Filter" />}
        empty={{ title: "No services", description: `No permissions policy allows any service to this ${subject === "Policy" ? "policy's entities" : subject.toLowerCase()}.` }}
      />
      {data && iamActions.length > 0 && (
        <DataTable<ActionRow>
          config={actionsConfig}
          items={iamActions}
          header="AWS Identity and Access Management actions"
          description="When each IAM action that the policies allow, or that was attempted, was last accessed. iam:PassRole is not tracked."
          variant="container"
          empty={{ title: "No actions" }}
        />
      )}
    </SpaceBetween>
  );
}
