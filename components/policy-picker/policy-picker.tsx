"use client";

// SHARED COMPONENT — <PolicyPicker />, the console's "Permissions policies" chooser (create
// user "Attach policies directly", add permissions, attach policies to a group or role, set a
// permissions boundary). Import from "@/components/policy-picker".
//
// Server page (paging, sorting, filtering and the type filter live in the URL, under a prefix,
// and run in the database):
//   const policies = await loadPolicyPicker(caller, await searchParams, "policies");
// Client form:
//   const [chosen, setChosen] = useState<PolicyChoice[]>([]);
//   <PolicyPicker data={policies} selected={chosen} onChange={setChosen} />
//   <PolicyPicker data={boundaries} selectionType="single" header="Permissions boundary" … />
//
// The selection is kept by the form across pages and filters (it holds the chosen rows, not
// only the ARNs, so a review step can name them). The policy name opens the policy in a new tab.

import Select from "@cloudscape-design/components/select";
import { useMemo, type ReactNode } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { useSearchParamsChange } from "@/components/data-table/use-search-params-change";
import { PermissionAlert } from "@/components/permission-alert";
import type { ConsolePolicyRow } from "@/lib/iam/policies-console";
import type { PolicyPickerData } from "./load-policy-picker";
import { POLICY_PICKER_TABLE, POLICY_TYPE_FILTERS, typeParam } from "./policy-picker-config";

/** A chosen policy: the row as listed. */
export type PolicyChoice = ConsolePolicyRow;

export interface PolicyPickerProps {
  data: PolicyPickerData;
  selected: readonly PolicyChoice[];
  onChange: (selected: PolicyChoice[]) => void;
  /** "multi" (default): checkboxes; "single": radio buttons, as for a permissions boundary. */
  selectionType?: "multi" | "single";
  /** Defaults to "Permissions policies". */
  header?: string;
  description?: ReactNode;
  /** Extra buttons in the table header, e.g. "Create policy". */
  actions?: ReactNode;
}

const ALL_TYPES = { value: "", label: "All types" };

export function PolicyPicker({
  data,
  selected,
  onChange,
  selectionType = "multi",
  header = "Permissions policies",
  description,
  actions,
}: PolicyPickerProps) {
  const { navigating: filtering, change } = useSearchParamsChange();
  const items = useMemo(() => (data.page.ok ? data.page.data.items : []), [data.page]);
  const selectedIds = useMemo(() => selected.map((p) => p.Arn), [selected]);

  if (!data.page.ok) return <PermissionAlert message={data.page.accessDenied} />;

  const setType = (type: string) => change({ [typeParam(data.paramPrefix)]: type }, { resetPage: `${data.paramPrefix}.page` });

  // The table reports the rows chosen on the page it shows; choices on other pages stay.
  const onSelectionChange = (onPage: readonly PolicyChoice[]) => {
    if (selectionType === "single") return onChange(onPage.slice(0, 1));
    const shown = new Set(items.map((p) => p.Arn));
    onChange([...selected.filter((p) => !shown.has(p.Arn)), ...onPage]);
  };

  const typeOption = data.type ? { value: data.type, label: data.type } : ALL_TYPES;

  return (
    <DataTable
      mode="server"
      config={POLICY_PICKER_TABLE}
      paramPrefix={data.paramPrefix}
      query={data.query}
      items={items}
      totalCount={data.page.data.total}
      header={header}
      description={description}
      actions={actions ? () => actions : undefined}
      selectionType={selectionType}
      selectedIds={selectedIds}
      onSelectionChange={onSelectionChange}
      loading={filtering}
      filteringPlaceholder="Search"
      filterControls={
        <Select
          selectedOption={typeOption}
          onChange={({ detail }) => setType(detail.selectedOption.value ?? "")}
          options={[ALL_TYPES, ...POLICY_TYPE_FILTERS.map((t) => ({ value: t, label: t }))]}
          ariaLabel="Filter by Type"
          inlineLabelText="Filter by Type"
        />
      }
      empty={{ title: "No policies", description: "No policies to display." }}
    />
  );
}
