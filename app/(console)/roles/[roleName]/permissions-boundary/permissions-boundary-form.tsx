"use client";

import Alert from "@cloudscape-design/components/alert";
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
import { setRolePermissionsBoundary } from "../actions";

export function PermissionsBoundaryForm({
  roleName,
  current,
  serviceLinked,
  policies,
}: {
  roleName: string;
  current?: string;
  serviceLinked: boolean;
  policies: PolicyPickerData;
}) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = roleHref(roleName);

  const submit = () => {
    const policy = chosen[0];
    if (!policy) return;
    startTransition(async () => {
      const result = await setRolePermissionsBoundary(roleName, policy.Arn);
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
          description="Choose a managed policy to use as the permissions boundary. The boundary sets the maximum permissions that the role's identity-based policies can grant."
        >
          {current ? `Change permissions boundary for ${roleName}` : `Set permissions boundary for ${roleName}`}
        </Header>
      }
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(back)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={chosen.length === 0 || serviceLinked}>
            Set boundary
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        {serviceLinked && <Alert type="info">The permissions boundary of a service-linked role can&apos;t be changed.</Alert>}
        <ActionErrorAlert error={error} />
        <PolicyPicker data={policies} selected={chosen} onChange={setChosen} selectionType="single" header="Permissions policies" />
      </SpaceBetween>
    </Form>
  );
}
