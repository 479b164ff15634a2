"use client";

import Alert from "@cloudscape-design/components/alert";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { TagEditorProps } from "@cloudscape-design/components/tag-editor";
import Textarea from "@cloudscape-design/components/textarea";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import type { ValidationSummary } from "@/components/policy-editor";
import { newPolicyDocument, PolicyDocumentEditor } from "@/components/policy-document-editor";
import { PolicySummaryView } from "@/components/policy-summary/policy-summary-view";
import { editorTagsToTags } from "@/components/resource-tags/tags";
import { TagsEditor } from "@/components/resource-tags/tags-editor";
import type { ActionError } from "@/lib/action-result";
import { createCustomerPolicy } from "../actions";
import { policyHref } from "../policy-href";
import { documentBlocked, policyDescriptionError, policyNameError } from "../policy-form-checks";

export function CreatePolicyWizard({ accountId }: { accountId: string }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [step, setStep] = useState(0);
  const [document, setDocument] = useState(newPolicyDocument);
  const [validation, setValidation] = useState<ValidationSummary | undefined>();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [tags, setTags] = useState<readonly TagEditorProps.Tag[]>([]);
  const [tagsValid, setTagsValid] = useState(true);
  const [touched, setTouched] = useState(false);
  const [triedNext, setTriedNext] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();

  const blocked = documentBlocked(validation) ?? (isEmptyPolicy(document) ? "Add at least one statement to the policy." : undefined);
  const nameError = touched || name ? policyNameError(name) : undefined;
  const descriptionError = policyDescriptionError(description);

  const create = () => {
    setTouched(true);
    if (policyNameError(name) || descriptionError || !tagsValid) return;
    startTransition(async () => {
      const result = await createCustomerPolicy({ policyName: name, description, policyDocument: document, tags: editorTagsToTags(tags) });
      if (result.ok) {
        notify({
          type: "success",
          content: (
            <>
              Policy <RouterLink href={policyHref(result.data.arn)}>{name}</RouterLink> created.
            </>
          ),
        });
        router.push(policyHref(result.data.arn));
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
      onCancel={() => router.push("/policies")}
      onSubmit={create}
      isLoadingNextStep={pending}
      submitButtonText="Create policy"
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
          title: "Specify permissions",
          description: "Add permissions by selecting services, actions, resources, and conditions. Build permission statements using the JSON editor.",
          content: (
            <SpaceBetween size="l">
              <PolicyDocumentEditor value={document} onChange={setDocument} onValidate={setValidation} accountId={accountId} />
              {blocked && triedNext && <Alert type="error">{blocked}</Alert>}
            </SpaceBetween>
          ),
        },
        {
          title: "Review and create",
          description: "Review the permissions, specify details, and tags.",
          content: (
            <SpaceBetween size="l">
              <ActionErrorAlert error={error} />
              <Container header={<Header variant="h2">Policy details</Header>}>
                <SpaceBetween size="l">
                  <FormField
                    label="Policy name"
                    description="Enter a meaningful name to identify this policy."
                    constraintText="Maximum 128 characters. Use alphanumeric and '+=,.@-_' characters."
                    errorText={nameError}
                  >
                    <Input value={name} onChange={({ detail }) => setName(detail.value)} onBlur={() => setTouched(true)} ariaLabel="Policy name" />
                  </FormField>
                  <FormField
                    label={
                      <>
                        Description - <i>optional</i>
                      </>
                    }
                    description="Add a short explanation for this policy."
                    constraintText="Maximum 1,000 characters."
                    errorText={descriptionError}
                  >
                    <Textarea value={description} onChange={({ detail }) => setDescription(detail.value)} ariaLabel="Description" />
                  </FormField>
                </SpaceBetween>
              </Container>
              <Container header={<Header variant="h2" description="View the permissions granted by this policy.">Permissions defined in this policy</Header>}>
                <PolicySummaryView document={document} />
              </Container>
              <Container
                header={
                  <Header variant="h2" description="Tags are key-value pairs that you can add to AWS resources to help identify, organize, or search for resources.">
                    Add tags - <i>optional</i>
                  </Header>
                }
              >
                <TagsEditor
                  tags={tags}
                  onChange={(next, valid) => {
                    setTags(next);
                    setTagsValid(valid);
                  }}
                />
              </Container>
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}

function isEmptyPolicy(text: string): boolean {
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return Array.isArray(doc.Statement) && doc.Statement.length === 0;
  } catch {
    return false;
  }
}
