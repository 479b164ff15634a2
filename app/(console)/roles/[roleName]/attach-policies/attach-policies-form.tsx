"use client";

import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useNotifications } from "@/components/console-layout/notifications";
import { PolicyPicker, type PolicyChoice, type PolicyPickerData } from "@/components/policy-picker";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import type { ActionError } from "@/lib/action-result";
import { roleHref } from "../../roles-table-config";
import { attachRolePolicies } from "../actions";

export function AttachPoliciesForm({ roleName, policies }: { roleName: string; policies: PolicyPickerData }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = roleHref(roleName);

  const submit = () => {
    startTransition(async () => {
      const result = await attachRolePolicies(
        roleName,
        chosen.map((p) => p.Arn),
      );
      if (result.ok) {
        notify({ type: "success", content: result.message });
        router.push(back);
      } else {
        setError(resultError(result));
        router.refresh();
      }
    });
  };

  return (
    <Form
      header={<Header variant="h1">{`Attach policy to ${roleName}`}</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(back)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={chosen.length === 0}>
            Add permissions
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <PolicyPicker data={policies} selected={chosen} onChange={setChosen} header="Other permissions policies" />
      </SpaceBetween>
    </Form>
  );
}
