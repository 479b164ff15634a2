"use client";

import Button from "@cloudscape-design/components/button";
import ButtonDropdown from "@cloudscape-design/components/button-dropdown";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { useFollow } from "@/components/console-layout/use-follow";
import { DataTable } from "@/components/data-table/data-table";
import { hrefWithQuery, type TableQuery } from "@/components/data-table/table-query";
import { DeleteModal } from "@/components/delete-modal";
import { PermissionAlert } from "@/components/permission-alert";
import type { ActionError } from "@/lib/action-result";
import type { ConsolePolicyRow, ConsolePolicyType, ConsolePolicyUsage } from "@/lib/iam/policies-console";
import { deleteCustomerPolicy } from "./actions";
import { POLICIES_TABLE, POLICY_TYPE_CHOICES, POLICY_USAGE_CHOICES } from "./policies-table-config";
import { policyHref } from "./policy-href";
import styles from "./policies.module.css";

const DESCRIPTION =
  "A policy is an object in AWS that defines permissions.";

const ALL_TYPES = { value: "", label: "All types" };
const ALL_USAGES = { value: "", label: "All" };

export function PoliciesTable({
  rows,
  totalCount,
  query,
  type,
  usage,
  accessDenied,
}: {
  rows: ConsolePolicyRow[];
  totalCount: number;
  query: TableQuery;
  type?: ConsolePolicyType;
  usage?: ConsolePolicyUsage;
  accessDenied?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const follow = useFollow();
  const { notify } = useNotifications();
  const [selected, setSelected] = useState<readonly ConsolePolicyRow[]>([]);
  const [deleting, setDeleting] = useState<ConsolePolicyRow | null>(null);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const [filtering, startFiltering] = useTransition();

  const setParam = (name: "type" | "usage", value: string) => {
    const params = new URLSearchParams(window.location.search);
    if (value) params.set(name, value);
    else params.delete(name);
    params.delete("page");
    startFiltering(() => router.replace(hrefWithQuery(pathname, params), { scroll: false }));
  };

  const confirmDelete = () => {
    const policy = deleting;
    if (!policy) return;
    startTransition(async () => {
      const result = await deleteCustomerPolicy(policy.Arn);
      if (result.ok) {
        setDeleting(null);
        setSelected([]);
        notify({ type: "success", content: result.message });
        router.refresh();
      } else {
        setError(resultError(result));
        router.refresh();
      }
    });
  };

  return (
    <SpaceBetween size="m">
      {accessDenied && <PermissionAlert message={accessDenied} />}
      <DataTable<ConsolePolicyRow>
        mode="server"
        config={POLICIES_TABLE}
        items={rows}
        totalCount={totalCount}
        query={query}
        header="Policies"
        variant="full-page"
        description={DESCRIPTION}
        selectionType="single"
        selectedIds={selected.map((p) => p.Arn)}
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
        actions={(chosen) => {
          const policy = chosen[0];
          const customer = policy?.type === "Customer managed";
          return (
            <SpaceBetween direction="horizontal" size="xs">
              <Button iconName="refresh" ariaLabel="Refresh policies" onClick={() => startFiltering(() => router.refresh())} />
              <ButtonDropdown
                disabled={!policy}
                items={[
                  { id: "attach", text: "Attach", href: policy ? `${policyHref(policy.Arn)}/attach` : undefined },
                  {
                    id: "detach",
                    text: "Detach",
                    href: policy ? `${policyHref(policy.Arn)}/detach` : undefined,
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
              <Button
                disabled={!customer}
                disabledReason={policy ? "AWS managed policies can't be deleted." : "Select a customer managed policy to delete."}
                onClick={() => {
                  setError(undefined);
                  setDeleting(policy ?? null);
                }}
              >
                Delete
              </Button>
              <Button variant="primary" href="/policies/create" onFollow={follow}>
                Create policy
              </Button>
            </SpaceBetween>
          );
        }}
        empty={{ title: "No policies", description: "No policies to display." }}
      />
      <DeleteModal
        visible={deleting !== null}
        entityType="policy"
        entityTypePlural="policies"
        names={deleting ? [deleting.PolicyName] : []}
        nameLabel="policy name"
        description="Deleting this policy detaches it from every user, group, and role it is attached to, and deletes all of its versions. Entities that used it lose the permissions it granted."
        dependencies={
          deleting && deleting.AttachmentCount > 0
            ? [{ label: "Attached to", items: [`${deleting.AttachmentCount} ${deleting.AttachmentCount === 1 ? "entity" : "entities"}`] }]
            : []
        }
        deleting={pending}
        error={error}
        onDelete={confirmDelete}
        onDismiss={() => setDeleting(null)}
      />
    </SpaceBetween>
  );
}
