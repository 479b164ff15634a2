"use client";

import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { newPolicyDocument, PERMISSIONS_STEP_DESCRIPTION, PermissionsStep, PolicyDescriptionField, PolicyNameField, PolicyPermissionsSummary, usePermissionsStep, usePolicyName } from "@/components/policy-document-editor";
import { policyDescriptionError } from "@/components/policy-document-editor/policy-form-checks";
import { NewTagsContainer, useNewTags } from "@/components/resource-tags/new-tags";
import { useActionSubmit } from "@/components/use-action-submit";
import { WIZARD_STRINGS } from "@/components/wizard/wizard-strings";
import { createCustomerPolicy } from "../actions";

export function CreatePolicyWizard({ accountId }: { accountId: string }) {
  const router = useRouter();
  const permissions = usePermissionsStep(newPolicyDocument, { requireStatement: true });
  const name = usePolicyName();
  const [description, setDescription] = useState("");
  const tags = useNewTags();
  const { pending, error, submit } = useActionSubmit();
  const descriptionError = policyDescriptionError(description);

  const create = () => {
    if (!name.check() || descriptionError || !tags.valid) return;
    submit(() => createCustomerPolicy({ policyName: name.name, description, policyDocument: permissions.document, tags: tags.chosen() }));
  };

  return (
    <Wizard
      {...permissions.navigation}
      onCancel={() => router.push("/policies")}
      onSubmit={create}
      isLoadingNextStep={pending}
      submitButtonText="Create policy"
      i18nStrings={WIZARD_STRINGS}
      steps={[
        {
          title: "Specify permissions",
          description: PERMISSIONS_STEP_DESCRIPTION,
          content: <PermissionsStep state={permissions} accountId={accountId} />,
        },
        {
          title: "Review and create",
          description: "Review the permissions, specify details, and tags.",
          content: (
            <SpaceBetween size="l">
              <ActionErrorAlert error={error} />
              <Container header={<Header variant="h2">Policy details</Header>}>
                <SpaceBetween size="l">
                  <PolicyNameField state={name} />
                  <PolicyDescriptionField value={description} onChange={setDescription} />
                </SpaceBetween>
              </Container>
              <PolicyPermissionsSummary document={permissions.document} />
              <NewTagsContainer state={tags} />
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}
