"use client";

import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { useSearchParamsChange } from "@/components/data-table/use-search-params-change";
import { PermissionAlert } from "@/components/permission-alert";
import type { FindingType } from "@/lib/iam/policy";
import { FINDING_TYPE_ORDER, FINDING_TYPE_TEXT, type ValidatedPolicyRow } from "./policy-validation-rows";
import { POLICY_FINDINGS_TABLE, VALIDATED_POLICIES_TABLE } from "./policy-validation-table-config";

// Policy validation: every customer managed and inline policy with its counts of findings; the
// policy chosen lists its findings below, each with a link into the policy's editor.

export const FINDING_TYPE_PARAM = "findingType";

const ANY_TYPE = { value: "", label: "All finding types" };

const total = (row: ValidatedPolicyRow) => FINDING_TYPE_ORDER.reduce((n, type) => n + row.counts[type], 0);

export interface PolicyValidationViewProps {
  rows: ValidatedPolicyRow[];
  findingType?: FindingType;
  /** The whole list was denied. */
  accessDenied?: string;
  /** Kinds of policy left out, each with the AccessDenied message of its read. */
  unreadable: { action: string; message: string }[];
}

export function PolicyValidationView({ rows, findingType, accessDenied, unreadable }: PolicyValidationViewProps) {
  const { navigating: filtering, change } = useSearchParamsChange();
  const [chosenId, setChosenId] = useState<string | undefined>();
  const chosen = useMemo(() => rows.find((r) => r.id === chosenId) ?? rows.find((r) => total(r) > 0), [rows, chosenId]);

  const setFindingType = (type: string) => change({ [FINDING_TYPE_PARAM]: type }, { resetPage: false });
  const typeOption = findingType ? { value: findingType, label: FINDING_TYPE_TEXT[findingType].many } : ANY_TYPE;

  return (
    <SpaceBetween size="l">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      {unreadable.map((u) => (
        <PermissionAlert key={u.action} message={u.message} action={u.action} />
      ))}
      <DataTable<ValidatedPolicyRow>
        config={VALIDATED_POLICIES_TABLE}
        items={rows}
        variant="full-page"
        header="Policy validation"
        description="IAM Access Analyzer validates your customer managed and inline policies against IAM policy grammar and AWS best practices. Choose a policy to see its findings."
        selectionType="single"
        selectedIds={chosen ? [chosen.id] : []}
        onSelectionChange={(selected) => setChosenId(selected[0]?.id)}
        loading={filtering}
        filteringPlaceholder="Find policies"
        filterControls={
          <Select
            selectedOption={typeOption}
            onChange={({ detail }) => setFindingType(detail.selectedOption.value ?? "")}
            options={[ANY_TYPE, ...FINDING_TYPE_ORDER.map((t) => ({ value: t, label: FINDING_TYPE_TEXT[t].many }))]}
            ariaLabel="Filter by finding type"
            inlineLabelText="Finding type"
          />
        }
        empty={{
          title: "No policies",
          description: findingType ? `No policies have ${FINDING_TYPE_TEXT[findingType].many.toLowerCase()}.` : "No customer managed or inline policies to validate.",
        }}
      />
      {chosen && (
        <DataTable
          config={POLICY_FINDINGS_TABLE}
          items={chosen.findings}
          variant="container"
          header={`Findings in ${chosen.policyName}`}
          description={chosen.owner ? `Inline policy of ${chosen.owner.kind.toLowerCase()} ${chosen.owner.name}` : chosen.type}
          filteringPlaceholder="Find findings"
          empty={{ title: "No findings", description: "This policy passed every check." }}
        />
      )}
    </SpaceBetween>
  );
}
