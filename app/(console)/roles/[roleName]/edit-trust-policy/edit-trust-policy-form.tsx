"use client";

import Alert from "@cloudscape-design/components/alert";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { PolicyEditor, type ValidationSummary } from "@/components/policy-editor";
import type { ActionError } from "@/lib/action-result";
import { roleHref } from "../../roles-table-config";
import { editTrustPolicy } from "../actions";

export function EditTrustPolicyForm({ roleName, document, serviceLinked }: { roleName: string; document: string; serviceLinked: boolean }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [text, setText] = useState(document);
  const [validation, setValidation] = useState<ValidationSummary | undefined>();
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = `${roleHref(roleName)}?section=trust_relationships`;
  const blocked = !!validation && (validation.errors > 0 || validation.overLimit);

  const submit = () => {
    startTransition(async () => {
      const result = await editTrustPolicy(roleName, text);
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
        <Header variant="h1" description="The trust policy defines which principals can assume the role, and under which conditions.">
          Edit trust policy
        </Header>
      }
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(back)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={blocked || serviceLinked}>
            Update policy
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        {serviceLinked && <Alert type="info">The trust policy of a service-linked role can only be changed by the service.</Alert>}
        <ActionErrorAlert error={error} />
        <Container header={<Header variant="h2">{`Trust policy of ${roleName}`}</Header>}>
          <PolicyEditor
            value={text}
            onChange={setText}
            documentKind="trust"
            ariaLabel="Trust policy editor"
            readOnly={serviceLinked}
            onValidate={setValidation}
            height={420}
          />
        </Container>
      </SpaceBetween>
    </Form>
  );
}
