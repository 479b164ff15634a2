"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Textarea from "@cloudscape-design/components/textarea";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import type { ActionError } from "@/lib/action-result";
import { roleDescriptionError } from "../../role-form-checks";
import { CUSTOM_DURATION, SESSION_DURATION_OPTIONS, sessionDurationError } from "../../role-text";
import { roleHref } from "../../roles-table-config";
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
  const router = useRouter();
  const { notify } = useNotifications();
  const [description, setDescription] = useState(initialDescription);
  const preset = SESSION_DURATION_OPTIONS.some((o) => o.value === String(maxSessionDuration));
  const [duration, setDuration] = useState(preset ? String(maxSessionDuration) : CUSTOM_DURATION);
  const [custom, setCustom] = useState(preset ? "" : String(maxSessionDuration));
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = roleHref(roleName);

  const descriptionError = roleDescriptionError(description);
  const customError = duration === CUSTOM_DURATION ? sessionDurationError(custom) : undefined;
  const seconds = duration === CUSTOM_DURATION ? Number(custom) : Number(duration);

  const submit = () => {
    if (descriptionError || customError) return;
    startTransition(async () => {
      const result = await editRole(roleName, {
        description,
        ...(serviceLinked ? {} : { maxSessionDuration: seconds }),
      });
      if (result.ok) {
        notify({ type: "success", content: result.message });
        router.push(back);
      } else {
        setError(resultError(result));
      }
    });
  };

  const options = [...SESSION_DURATION_OPTIONS, { value: CUSTOM_DURATION, label: "Custom duration" }];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Form
        header={<Header variant="h1">{`Edit ${roleName}`}</Header>}
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            <Button formAction="none" variant="link" onClick={() => router.push(back)} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" loading={pending} disabled={!!descriptionError || !!customError}>
              Save changes
            </Button>
          </SpaceBetween>
        }
      >
        <SpaceBetween size="l">
          <ActionErrorAlert error={error} />
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
        </SpaceBetween>
      </Form>
    </form>
  );
}
