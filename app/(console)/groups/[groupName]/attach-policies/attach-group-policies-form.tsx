"use client";

import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { PolicyPicker, type PolicyChoice, type PolicyPickerData } from "@/components/policy-picker";
import type { ActionError } from "@/lib/action-result";
import { groupHref } from "../../groups-table-config";
import { attachPolicies } from "../actions";

export function AttachGroupPoliciesForm({ groupName, policies }: { groupName: string; policies: PolicyPickerData }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = `${groupHref(groupName)}?tab=permissions`;

  const submit = () => {
    startTransition(async () => {
      const result = await attachPolicies(
        groupName,
        chosen.map((p) => p.Arn),
      );
      if (result.ok) {
        notify({ type: "success", content: result.message });
        router.push(back);
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <Form
      header={<Header variant="h1">{`Attach permission policies to ${groupName}`}</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(back)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={chosen.length === 0}>
            Attach policies
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <PolicyPicker data={policies} selected={chosen} onChange={setChosen} header="Other permission policies" />
      </SpaceBetween>
    </Form>
  );
}
