"use client";

import Alert from "@cloudscape-design/components/alert";
import Checkbox from "@cloudscape-design/components/checkbox";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import type { ValidationSummary } from "@/components/policy-editor";
import { PolicyDocumentEditor } from "@/components/policy-document-editor";
import { PolicySummaryView } from "@/components/policy-summary/policy-summary-view";
import type { ActionError } from "@/lib/action-result";
import { savePolicyVersion } from "../../actions";
import { policyHref } from "../../policy-href";
import { documentBlocked } from "../../policy-form-checks";

export function EditPolicyWizard({
  policyName,
  arn,
  accountId,
  document: initial,
  versionsFull,
  versionsLimit,
}: {
  policyName: string;
  arn: string;
  accountId: string;
  document: string;
  versionsFull: boolean;
  versionsLimit: number;
}) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [step, setStep] = useState(0);
  const [document, setDocument] = useState(initial);
  const [validation, setValidation] = useState<ValidationSummary | undefined>();
  const [setAsDefault, setSetAsDefault] = useState(true);
  const [triedNext, setTriedNext] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const blocked = documentBlocked(validation);

  const save = () => {
    if (versionsFull) return;
    startTransition(async () => {
      const result = await savePolicyVersion(arn, document, setAsDefault);
      if (result.ok) {
        notify({ type: "success", content: result.message });
        router.push(`${policyHref(arn)}?section=permissions`);
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
      onCancel={() => router.push(policyHref(arn))}
      onSubmit={save}
      isLoadingNextStep={pending}
      submitButtonText="Save changes"
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
          title: `Modify permissions in ${policyName}`,
          description: "Add permissions by selecting services, actions, resources, and conditions. Build permission statements using the JSON editor.",
          content: (
            <SpaceBetween size="l">
              <PolicyDocumentEditor value={document} onChange={setDocument} onValidate={setValidation} accountId={accountId} />
              {blocked && triedNext && <Alert type="error">{blocked}</Alert>}
            </SpaceBetween>
          ),
        },
        {
          title: "Review and save",
          description: "Review the permissions in this policy before you save your changes.",
          content: (
            <SpaceBetween size="l">
              <ActionErrorAlert error={error} />
              {versionsFull && (
                <Alert type="warning" header="Version limit reached">
                  {`This policy already has the maximum of ${versionsLimit} versions. To save a new version, delete a version on the Policy versions tab first.`}
                </Alert>
              )}
              <Container header={<Header variant="h2" description="View the permissions granted by this policy.">Permissions defined in this policy</Header>}>
                <PolicySummaryView document={document} />
              </Container>
              <Container header={<Header variant="h2">Set as default</Header>}>
                <Checkbox
                  checked={setAsDefault}
                  onChange={({ detail }) => setSetAsDefault(detail.checked)}
                  description="The default version is the version in effect for every user, group, and role the policy is attached to."
                >
                  Set this new version as the default.
                </Checkbox>
              </Container>
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}
