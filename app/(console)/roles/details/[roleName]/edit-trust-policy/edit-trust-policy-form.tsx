"use client";

import Alert from "@cloudscape-design/components/alert";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import { useState } from "react";
import { EntityForm } from "@/components/entity-permissions/entity-form";
import { useActionSubmit } from "@/components/use-action-submit";
import { PolicyEditor, type ValidationSummary } from "@/components/policy-editor";
import { roleHref } from "@/lib/console-paths";
import { editTrustPolicy } from "../actions";

export function EditTrustPolicyForm({ roleName, document, serviceLinked }: { roleName: string; document: string; serviceLinked: boolean }) {
  const [text, setText] = useState(document);
  const [validation, setValidation] = useState<ValidationSummary | undefined>();
  const { pending, error, submit } = useActionSubmit();
  const blocked = !!validation && (validation.errors > 0 || validation.overLimit);
  return (
    <EntityForm
      header="Edit trust policy"
      description="The trust policy defines which principals can assume the role, and under which conditions."
      cancelHref={`${roleHref(roleName)}?section=trust_relationships`}
      submitLabel="Update policy"
      onSubmit={() => submit(() => editTrustPolicy(roleName, text))}
      submitDisabled={blocked || serviceLinked}
      pending={pending}
      error={error}
    >
      {serviceLinked && <Alert type="info">The trust policy of a service-linked role can only be changed by the service.</Alert>}
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
    </EntityForm>
  );
}
