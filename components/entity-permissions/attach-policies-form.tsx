"use client";

import Alert from "@cloudscape-design/components/alert";
import { useState } from "react";
import { PolicyPicker, type PolicyChoice, type PolicyPickerData } from "@/components/policy-picker";
import { entityHref } from "@/lib/console-paths";
import { attachPolicies } from "./actions";
import { EntityForm } from "./entity-form";
import { SECTION_PARAM, type EntityKind } from "./kinds";
import { useActionSubmit } from "@/components/use-action-submit";

/** "Add permissions" ▸ "Attach policies" of a user group or a role. */
export function AttachPoliciesForm({
  kind,
  entityName,
  serviceLinked,
  policies,
}: {
  kind: EntityKind;
  entityName: string;
  serviceLinked: boolean;
  policies: PolicyPickerData;
}) {
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const { pending, error, submit } = useActionSubmit();
  return (
    <EntityForm
      header={`Attach permission policies to ${entityName}`}
      cancelHref={`${entityHref(kind, entityName)}?${SECTION_PARAM}=permissions`}
      submitLabel="Attach policies"
      onSubmit={() => submit(() => attachPolicies(kind, entityName, chosen.map((p) => p.Arn)))}
      submitDisabled={chosen.length === 0 || serviceLinked}
      pending={pending}
      error={error}
    >
      {serviceLinked && <Alert type="info">The permissions of a service-linked role can only be changed by the service.</Alert>}
      <PolicyPicker data={policies} selected={chosen} onChange={setChosen} header="Other permissions policies" />
    </EntityForm>
  );
}
