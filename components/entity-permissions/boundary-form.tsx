"use client";

import Alert from "@cloudscape-design/components/alert";
import { useState } from "react";
import { PolicyPicker, type PolicyChoice, type PolicyPickerData } from "@/components/policy-picker";
import { entityHref } from "@/lib/console-paths";
import { putPermissionsBoundary } from "./actions";
import { EntityForm } from "./entity-form";
import { ENTITY_WORDS, type EntityKind } from "./kinds";
import { useActionSubmit } from "@/components/use-action-submit";

/** "Set permissions boundary" / "Change boundary" of a user or a role: one managed policy. */
export function BoundaryForm({
  kind,
  entityName,
  currentArn,
  serviceLinked,
  policies,
}: {
  kind: EntityKind;
  entityName: string;
  currentArn?: string;
  serviceLinked: boolean;
  policies: PolicyPickerData;
}) {
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const { pending, error, submit } = useActionSubmit();
  const policy = chosen[0];
  return (
    <EntityForm
      header={currentArn ? `Change permissions boundary for ${entityName}` : `Set permissions boundary for ${entityName}`}
      description={ENTITY_WORDS[kind].boundaryFormDescription}
      cancelHref={entityHref(kind, entityName)}
      submitLabel="Set boundary"
      onSubmit={() => policy && submit(() => putPermissionsBoundary(kind, entityName, policy.Arn))}
      submitDisabled={!policy || serviceLinked}
      pending={pending}
      error={error}
    >
      {serviceLinked && <Alert type="info">The permissions boundary of a service-linked role can&apos;t be changed.</Alert>}
      <PolicyPicker data={policies} selectionType="single" selected={chosen} onChange={setChosen} header="Permissions policies" />
    </EntityForm>
  );
}
