"use client";

import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Select from "@cloudscape-design/components/select";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useNotifications } from "@/components/console-layout/notifications";
import { ListPageTable, type ListPageData } from "@/components/data-table/list-page-table";
import { useSearchParamsChange } from "@/components/data-table/use-search-params-change";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import type { ConsolePolicyRow, ConsolePolicyType, ConsolePolicyUsage } from "@/lib/iam/policies-console";
import { deleteCustomerPolicy } from "./actions";
import { POLICIES_TABLE, POLICY_TYPE_CHOICES, POLICY_USAGE_CHOICES } from "./policies-table-config";
import { policyHref } from "@/lib/console-paths";
import styles from "./policies.module.css";
import { DELETE_POLICY_DESCRIPTION } from "./policy-text";

const DESCRIPTION =
  "A policy is an object in AWS that defines permissions.";

const ALL_TYPES = { value: "", label: "All types" };
const ALL_USAGES = { value: "", label: "All" };

export function PoliciesTable({
  rows,
  type,
  usage,
  ...page
}: ListPageData<ConsolePolicyRow> & { type?: ConsolePolicyType; usage?: ConsolePolicyUsage }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly ConsolePolicyRow[]>([]);
  const { navigating: filtering, change } = useSearchParamsChange();
  const deletion = useDeleteDialog(
    (policy: ConsolePolicyRow) => deleteCustomerPolicy(policy.Arn),
    (result) => {
      setSelected([]);
      notify({ type: "success", content: result.message });
    },
  );
  const deleting = deletion.target;

  const setParam = (name: "type" | "usage", value: string) => change({ [name]: value });

  return (
    <ListPageTable<ConsolePolicyRow>
      mode="server"
      config={POLICIES_TABLE}
      items={rows}
      {...page}
      header="Policies"
      description={DESCRIPTION}
      selectionType="single"
      selected={selected}
      onSelectionChange={setSelected}
      loading={filtering}
      filteringPlaceholder="Filter policies by property or policy name and press enter"
      filterControls={
        <div className={styles.filters}>
          <Select
            selectedOption={type ? { value: type, label: type } : ALL_TYPES}
            onChange={({ detail }) => setParam("type", detail.selectedOption.value ?? "")}
            options={[ALL_TYPES, ...POLICY_TYPE_CHOICES.map((t) => ({ value: t, label: t }))]}
            ariaLabel="Filter by Type"
            inlineLabelText="Filter by Type"
          />
          <Select
            selectedOption={usage ? { value: usage, label: usage } : ALL_USAGES}
            onChange={({ detail }) => setParam("usage", detail.selectedOption.value ?? "")}
            options={[ALL_USAGES, ...POLICY_USAGE_CHOICES.map((u) => ({ value: u, label: u }))]}
            ariaLabel="Filter by Used as"
            inlineLabelText="Used as"
          />
        </div>
      }
      moreActions={([policy]) => (
        <ButtonDropdown
          disabled={!policy}
          items={[
            { id: "attach", text: "Attach", href: policy ? policyHref(policy.Arn, "attach") : undefined },
            {
              id: "detach",
              text: "Detach",
              href: policy ? policyHref(policy.Arn, "detach") : undefined,
              disabled: !policy || policy.AttachmentCount === 0,
            },
          ]}
          onItemFollow={(event) => {
            if (!event.detail.href) return;
            event.preventDefault();
            router.push(event.detail.href);
          }}
        >
          Actions
        </ButtonDropdown>
      )}
      deleteBlocked={([policy]) =>
        policy?.type === "Customer managed" ? undefined : policy ? "AWS managed policies can't be deleted." : "Select a customer managed policy to delete."
      }
      onDelete={([policy]) => policy && deletion.open(policy)}
      create={{ text: "Create policy", href: "/policies/create" }}
      createWhenEmpty={false}
      empty={{ title: "No policies", description: "No policies to display." }}
    >
      <DeleteModal
        {...deletion.modal}
        entityType="policy"
        entityTypePlural="policies"
        names={deleting ? [deleting.PolicyName] : []}
        nameLabel="policy name"
        description={DELETE_POLICY_DESCRIPTION}
        dependencies={
          deleting && deleting.AttachmentCount > 0
            ? [{ label: "Attached to", items: [`${deleting.AttachmentCount} ${deleting.AttachmentCount === 1 ? "entity" : "entities"}`] }]
            : []
        }
      />
    </ListPageTable>
  );
}
