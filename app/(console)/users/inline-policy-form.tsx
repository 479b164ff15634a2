"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import type { PolicyEditorDocumentKind, ValidationSummary } from "@/components/policy-editor";
import { newPolicyDocument, PolicyDocumentEditor } from "@/components/policy-document-editor";
import type { ActionError, ActionResult } from "@/lib/action-result";
import { documentBlocked, policyNameError } from "../policies/policy-form-checks";

// "Create inline policy" and editing one, for a user or a user group: the policy editor
// (Visual | JSON, validated as the user types), the policy name, and Create policy / Save
// changes, which put the policy (PutUserPolicy / PutGroupPolicy).

export function InlinePolicyForm({
  entity,
  entityName,
  policyName: existingName,
  document: existingDocument,
  documentKind,
  accountId,
  backHref,
  save,
}: {
  /** "user" or "user group", as the header says it. */
  entity: string;
  entityName: string;
  /** Set when an existing policy is edited: its name cannot change. */
  policyName?: string;
  document?: string;
  documentKind: PolicyEditorDocumentKind;
  accountId: string;
  backHref: string;
  save: (policyName: string, document: string) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const { notify } = useNotifications();
  const editing = existingName !== undefined;
  const [document, setDocument] = useState(() => existingDocument ?? newPolicyDocument());
  const [validation, setValidation] = useState<ValidationSummary | undefined>();
  const [name, setName] = useState(existingName ?? "");
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const nameError = !editing && (touched || name !== "") ? policyNameError(name) : undefined;
  const blocked = documentBlocked(validation);

  const submit = () => {
    setTouched(true);
    if ((!editing && policyNameError(name)) || blocked) return;
    startTransition(async () => {
      const result = await save(name, document);
      if (result.ok) {
        notify({ type: "success", content: editing ? `Policy ${name} updated.` : `Policy ${name} created.` });
        router.push(backHref);
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
          description={`Add permissions by creating an inline policy embedded in the ${entity} ${entityName}. An inline policy is deleted with it.`}
        >
          {editing ? `Modify permissions in ${name}` : "Create policy"}
        </Header>
      }
      errorText={blocked}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(backHref)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending}>
            {editing ? "Save changes" : "Create policy"}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <PolicyDocumentEditor
          value={document}
          onChange={setDocument}
          documentKind={documentKind}
          onValidate={setValidation}
          accountId={accountId}
          initialMode={editing ? "json" : "visual"}
        />
        <Container header={<Header variant="h2">Policy details</Header>}>
          <FormField
            label="Policy name"
            description="Enter a meaningful name to identify this policy."
            constraintText="Maximum 128 characters. Use alphanumeric and '+=,.@-_' characters."
            errorText={nameError}
            controlId="inline-policy-name"
          >
            <Input
              controlId="inline-policy-name"
              value={name}
              onChange={({ detail }) => setName(detail.value)}
              onBlur={() => setTouched(true)}
              disabled={editing}
              invalid={!!nameError}
            />
          </FormField>
        </Container>
      </SpaceBetween>
    </Form>
  );
}
