"use client";

import Alert from "@cloudscape-design/components/alert";
import Checkbox from "@cloudscape-design/components/checkbox";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import type { EditorRange } from "@/components/policy-editor";
import { PERMISSIONS_STEP_DESCRIPTION, PermissionsStep, PolicyPermissionsSummary, usePermissionsStep } from "@/components/policy-document-editor";
import { useActionSubmit } from "@/components/use-action-submit";
import { WIZARD_STRINGS } from "@/components/wizard/wizard-strings";
import { policyHref } from "@/lib/console-paths";
import { savePolicyVersion } from "../../actions";

export function EditPolicyWizard({
  policyName,
  arn,
  accountId,
  document: initial,
  versionsFull,
  versionsLimit,
  revealRange,
}: {
  policyName: string;
  arn: string;
  accountId: string;
  document: string;
  versionsFull: boolean;
  versionsLimit: number;
  /** Where the editor opens, when a link points into the document. */
  revealRange?: EditorRange;
}) {
  const router = useRouter();
  const permissions = usePermissionsStep(initial);
  const [setAsDefault, setSetAsDefault] = useState(true);
  const { pending, error, submit } = useActionSubmit();

  const save = () => {
    if (versionsFull) return;
    submit(() => savePolicyVersion(arn, permissions.document, setAsDefault));
  };

  return (
    <Wizard
      {...permissions.navigation}
      onCancel={() => router.push(policyHref(arn))}
      onSubmit={save}
      isLoadingNextStep={pending}
      submitButtonText="Save changes"
      i18nStrings={WIZARD_STRINGS}
      steps={[
        {
          title: `Modify permissions in ${policyName}`,
          description: PERMISSIONS_STEP_DESCRIPTION,
          content: <PermissionsStep state={permissions} accountId={accountId} revealRange={revealRange} />,
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
              <PolicyPermissionsSummary document={permissions.document} />
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
