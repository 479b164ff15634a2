"use client";

import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Textarea from "@cloudscape-design/components/textarea";
import { useState } from "react";
import { EntityForm } from "@/components/entity-permissions/entity-form";
import { useActionSubmit } from "@/components/use-action-submit";
import { roleHref } from "@/lib/console-paths";
import { roleDescriptionError } from "../../../role-form-checks";
import { CUSTOM_DURATION, SESSION_DURATION_OPTIONS, sessionDurationError } from "../../../role-text";
import { editRole } from "../actions";

export function EditRoleForm({
  roleName,
  description: initialDescription,
  maxSessionDuration,
  serviceLinked,
}: {
  roleName: string;
  description: string;
  maxSessionDuration: number;
  serviceLinked: boolean;
}) {
  const [description, setDescription] = useState(initialDescription);
  const preset = SESSION_DURATION_OPTIONS.some((o) => o.value === String(maxSessionDuration));
  const [duration, setDuration] = useState(preset ? String(maxSessionDuration) : CUSTOM_DURATION);
  const [custom, setCustom] = useState(preset ? "" : String(maxSessionDuration));
  const { pending, error, submit } = useActionSubmit();
  const descriptionError = roleDescriptionError(description);
  const customError = duration === CUSTOM_DURATION ? sessionDurationError(custom) : undefined;
  const seconds = duration === CUSTOM_DURATION ? Number(custom) : Number(duration);
  const options = [...SESSION_DURATION_OPTIONS, { value: CUSTOM_DURATION, label: "Custom duration" }];

  return (
    <EntityForm
      header={`Edit ${roleName}`}
      cancelHref={roleHref(roleName)}
      submitLabel="Save changes"
      onSubmit={() => {
        if (!descriptionError && !customError) submit(() => editRole(roleName, { description, ...(serviceLinked ? {} : { maxSessionDuration: seconds }) }));
      }}
      submitDisabled={!!descriptionError || !!customError}
      pending={pending}
      error={error}
    >
      <Container header={<Header variant="h2">Role details</Header>}>
        <SpaceBetween size="l">
          <FormField
            label="Description"
            description="Add a short explanation for this role."
            constraintText="Maximum 1000 characters. Use letters (A-Z and a-z), numbers (0-9), tabs, new lines, and Latin-1 characters."
            errorText={descriptionError}
          >
            <Textarea value={description} onChange={({ detail }) => setDescription(detail.value)} ariaLabel="Description" />
          </FormField>
          <FormField
            label="Maximum session duration"
            description="Applies to sessions started by assuming this role: a session can last for this long at most."
            errorText={customError}
          >
            <SpaceBetween size="xs">
              <Select
                selectedOption={options.find((o) => o.value === duration) ?? null}
                onChange={({ detail }) => setDuration(detail.selectedOption.value ?? "3600")}
                options={options}
                disabled={serviceLinked}
                ariaLabel="Maximum session duration"
              />
              {duration === CUSTOM_DURATION && (
                <Input
                  type="number"
                  value={custom}
                  onChange={({ detail }) => setCustom(detail.value)}
                  ariaLabel="Custom duration in seconds"
                  placeholder="3600 to 43200 seconds"
                />
              )}
            </SpaceBetween>
          </FormField>
        </SpaceBetween>
      </Container>
    </EntityForm>
  );
}
