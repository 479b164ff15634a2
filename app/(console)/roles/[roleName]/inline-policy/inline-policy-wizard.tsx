"use client";

import Alert from "@cloudscape-design/components/alert";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import type { ValidationSummary } from "@/components/policy-editor";
import { newPolicyDocument, PolicyDocumentEditor } from "@/components/policy-document-editor";
import { PolicySummaryView } from "@/components/policy-summary/policy-summary-view";
import type { ActionError } from "@/lib/action-result";
import { documentBlocked, policyNameError } from "../../../policies/policy-form-checks";
import { roleHref } from "../../roles-table-config";
import { saveRoleInlinePolicy } from "../actions";

export function InlinePolicyWizard({
  roleName,
  accountId,
  serviceLinked,
  existing,
}: {
  roleName: string;
  accountId: string;
  serviceLinked: boolean;
  existing?: { name: string; document: string };
}) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [step, setStep] = useState(0);
  const [document, setDocument] = useState(existing?.document ?? newPolicyDocument);
  const [validation, setValidation] = useState<ValidationSummary | undefined>();
  const [name, setName] = useState(existing?.name ?? "");
  const [touched, setTouched] = useState(false);
  const [triedNext, setTriedNext] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const blocked = documentBlocked(validation);
  const nameError = touched || name ? policyNameError(name) : undefined;
  const back = roleHref(roleName);

  const save = () => {
    setTouched(true);
    if (policyNameError(name) || serviceLinked) return;
    startTransition(async () => {
      const result = await saveRoleInlinePolicy(roleName, name, document);
      if (result.ok) {
        notify({ type: "success", content: existing ? `Policy ${name} updated.` : `Policy ${name} created.` });
        router.push(back);
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <Wizard
      activeStepIndex={step}
      onNavigate={({ detail }) => {
        if (detail.requestedStepIndex > step && blocked) {
          setTriedNext(true);
          return;
        }
        setStep(detail.requestedStepIndex);
      }}
      onCancel={() => router.push(back)}
      onSubmit={save}
      isLoadingNextStep={pending}
      submitButtonText={existing ? "Save changes" : "Create policy"}
      i18nStrings={{
        stepNumberLabel: (n) => `Step ${n}`,
        collapsedStepsLabel: (n, total) => `Step ${n} of ${total}`,
        navigationAriaLabel: "Steps",
        cancelButton: "Cancel",
        previousButton: "Previous",
        nextButton: "Next",
        optional: "optional",
      }}
      steps={[
        {
          title: existing ? `Modify permissions in ${existing.name}` : "Specify permissions",
          description: "Add permissions by selecting services, actions, resources, and conditions. Build permission statements using the JSON editor.",
          content: (
            <SpaceBetween size="l">
              {serviceLinked && <Alert type="info">The permissions of a service-linked role can only be changed by the service.</Alert>}
              <PolicyDocumentEditor value={document} onChange={setDocument} onValidate={setValidation} documentKind="inline-role" accountId={accountId} />
              {blocked && triedNext && <Alert type="error">{blocked}</Alert>}
            </SpaceBetween>
          ),
        },
        {
          title: existing ? "Review and save" : "Review and create",
          description: `Review the permissions, specify details, and the inline policy is embedded in ${roleName}.`,
          content: (
            <SpaceBetween size="l">
              <ActionErrorAlert error={error} />
              <Container header={<Header variant="h2">Policy details</Header>}>
                <FormField
                  label="Policy name"
                  description="Enter a meaningful name to identify this policy."
                  constraintText="Maximum 128 characters. Use alphanumeric and '+=,.@-_' characters."
                  errorText={nameError}
                >
                  <Input
                    value={name}
                    onChange={({ detail }) => setName(detail.value)}
                    onBlur={() => setTouched(true)}
                    disabled={!!existing}
                    ariaLabel="Policy name"
                  />
                </FormField>
              </Container>
              <Container header={<Header variant="h2" description="View the permissions granted by this policy.">Permissions defined in this policy</Header>}>
                <PolicySummaryView document={document} />
              </Container>
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}
