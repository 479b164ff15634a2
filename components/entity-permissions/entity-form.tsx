"use client";

import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { useFollow } from "@/components/console-layout/use-follow";
import type { ActionError } from "@/lib/action-result";

// The form of a page under an entity's page (Attach policies, Set permissions boundary, Add
// users, Edit…): an h1 with its description, the failed action's error, the fields, and Cancel
// (a link back) beside the primary button.

export function EntityForm({
  header,
  description,
  cancelHref,
  submitLabel,
  onSubmit,
  submitDisabled,
  pending,
  error,
  errorText,
  children,
}: {
  header: string;
  description?: string;
  cancelHref: string;
  submitLabel: string;
  onSubmit: () => void;
  submitDisabled?: boolean;
  pending: boolean;
  error: ActionError | undefined;
  /** The form-level error (e.g. a blocked policy document). */
  errorText?: string;
  children: ReactNode;
}) {
  const follow = useFollow();
  return (
    <Form
      header={
        <Header variant="h1" description={description}>
          {header}
        </Header>
      }
      errorText={errorText}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" href={cancelHref} onFollow={follow} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onSubmit} loading={pending} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        {children}
      </SpaceBetween>
    </Form>
  );
}
