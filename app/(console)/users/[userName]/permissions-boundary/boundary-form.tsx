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
import { userHref } from "../../users-table-config";
import { setPermissionsBoundary } from "../actions";

export function BoundaryForm({ userName, currentArn, policies }: { userName: string; currentArn?: string; policies: PolicyPickerData }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = userHref(userName);

  const submit = () => {
    const policy = chosen[0];
    if (!policy) return;
    startTransition(async () => {
      const result = await setPermissionsBoundary(userName, policy.Arn);
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
      header={
        <Header
          variant="h1"
          description="Choose a managed policy to set the maximum permissions this user can have. The boundary grants no permissions by itself."
        >
          {currentArn ? `Change permissions boundary for ${userName}` : `Set permissions boundary for ${userName}`}
        </Header>
      }
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(back)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={chosen.length === 0}>
            Set boundary
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <PolicyPicker data={policies} selectionType="single" selected={chosen} onChange={setChosen} header="Permissions policies" />
      </SpaceBetween>
    </Form>
  );
}
