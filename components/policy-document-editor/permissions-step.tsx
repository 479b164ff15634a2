"use client";

import Alert from "@cloudscape-design/components/alert";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import Textarea from "@cloudscape-design/components/textarea";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { WizardProps } from "@cloudscape-design/components/wizard";
import { useState, type ReactNode } from "react";
import type { EditorRange, PolicyEditorDocumentKind, ValidationSummary } from "@/components/policy-editor";
import { PolicySummaryView } from "@/components/policy-summary/policy-summary-view";
import { PolicyDocumentEditor, type PolicyEditorMode } from "./policy-document-editor";
import { documentBlocked, emptyPolicyBlocked, policyDescriptionError, policyNameError } from "./policy-form-checks";

// The steps every policy wizard shares (Create policy, Edit policy, an entity's inline policy):
// "Specify permissions" with the Policy editor, which holds the user on the step while the
// validator finds errors; then, on the review step, the policy's name and what it grants.

export const PERMISSIONS_STEP_DESCRIPTION =
  "Add permissions by selecting services, actions, resources, and conditions. Build permission statements using the JSON editor.";

export interface PermissionsStepState {
  document: string;
  setDocument: (document: string) => void;
  setValidation: (summary: ValidationSummary) => void;
  /** Why the document cannot go on to the next step, if it cannot. */
  blocked: string | undefined;
  /** The user tried to go on while it was blocked: the reason shows under the editor. */
  triedNext: boolean;
  /** The Wizard's step index and navigation: forward only when the document is not blocked. */
  navigation: Pick<WizardProps, "activeStepIndex" | "onNavigate">;
}

export function usePermissionsStep(
  initialDocument: string | (() => string),
  { requireStatement = false }: { requireStatement?: boolean } = {},
): PermissionsStepState {
  const [step, setStep] = useState(0);
  const [document, setDocument] = useState(initialDocument);
  const [validation, setValidation] = useState<ValidationSummary | undefined>();
  const [triedNext, setTriedNext] = useState(false);
  const blocked = documentBlocked(validation) ?? (requireStatement ? emptyPolicyBlocked(document) : undefined);
  return {
    document,
    setDocument,
    setValidation,
    blocked,
    triedNext,
    navigation: {
      activeStepIndex: step,
      onNavigate: ({ detail }) => {
        if (detail.requestedStepIndex > step && blocked) {
          setTriedNext(true);
          return;
        }
        setStep(detail.requestedStepIndex);
      },
    },
  };
}

/** The "Specify permissions" step's content. */
export function PermissionsStep({
  state,
  accountId,
  documentKind,
  initialMode,
  notice,
  revealRange,
}: {
  state: PermissionsStepState;
  accountId: string;
  documentKind?: PolicyEditorDocumentKind;
  initialMode?: PolicyEditorMode;
  /** Shown above the editor. */
  notice?: ReactNode;
  /** A place in the document to open the JSON editor at (a link to a finding's location). */
  revealRange?: EditorRange;
}) {
  return (
    <SpaceBetween size="l">
      {notice}
      <PolicyDocumentEditor
        value={state.document}
        onChange={state.setDocument}
        onValidate={state.setValidation}
        documentKind={documentKind}
        accountId={accountId}
        initialMode={initialMode}
        revealRange={revealRange}
      />
      {state.blocked && state.triedNext && <Alert type="error">{state.blocked}</Alert>}
    </SpaceBetween>
  );
}

/** The review step's "Permissions defined in this policy". */
export function PolicyPermissionsSummary({ document }: { document: string }) {
  return (
    <Container header={<Header variant="h2" description="View the permissions granted by this policy.">Permissions defined in this policy</Header>}>
      <PolicySummaryView document={document} />
    </Container>
  );
}

export interface PolicyNameState {
  name: string;
  setName: (name: string) => void;
  /** The name's problem, once the user has typed or left the field. */
  shownError: string | undefined;
  /** Shows the name's problem (on submit) and says whether there is one. */
  check: () => boolean;
  touch: () => void;
}

export function usePolicyName(initial = ""): PolicyNameState {
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  return {
    name,
    setName,
    shownError: touched || name ? policyNameError(name) : undefined,
    check: () => {
      setTouched(true);
      return policyNameError(name) === undefined;
    },
    touch: () => setTouched(true),
  };
}

/** The review step's "Policy name" field; an existing inline policy's name cannot change. */
export function PolicyNameField({ state, disabled }: { state: PolicyNameState; disabled?: boolean }) {
  return (
    <FormField
      label="Policy name"
      description="Enter a meaningful name to identify this policy."
      constraintText="Maximum 128 characters. Use alphanumeric and '+=,.@-_' characters."
      errorText={state.shownError}
    >
      <Input
        value={state.name}
        onChange={({ detail }) => state.setName(detail.value)}
        onBlur={state.touch}
        disabled={disabled}
        ariaLabel="Policy name"
      />
    </FormField>
  );
}

/** The review step's optional "Description" of a new managed policy. */
export function PolicyDescriptionField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <FormField
      label={
        <>
          Description - <i>optional</i>
        </>
      }
      description="Add a short explanation for this policy."
      constraintText="Maximum 1,000 characters."
      errorText={policyDescriptionError(value)}
    >
      <Textarea value={value} onChange={({ detail }) => onChange(detail.value)} ariaLabel="Description" />
    </FormField>
  );
}
