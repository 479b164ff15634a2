"use client";

import Alert from "@cloudscape-design/components/alert";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { ActionErrorAlert } from "@/components/action-error-alert";
import type { EditorRange } from "@/components/policy-editor";
import { newPolicyDocument, PERMISSIONS_STEP_DESCRIPTION, PermissionsStep, PolicyNameField, PolicyPermissionsSummary, usePermissionsStep, usePolicyName } from "@/components/policy-document-editor";
import { useActionSubmit } from "@/components/use-action-submit";
import { WIZARD_STRINGS } from "@/components/wizard/wizard-strings";
import { entityHref } from "@/lib/console-paths";
import { putInlinePolicy } from "./actions";
import { ENTITY_WORDS, SECTION_PARAM, type EntityKind } from "./kinds";

// "Create inline policy" of a user, group or role, and editing one: as in the IAM console, two
// steps — the permissions (Visual | JSON editor, validated as typed), then the name and a
// summary of what the policy grants — and Create policy / Save changes (Put…Policy).

export function InlinePolicyWizard({
  kind,
  entityName,
  accountId,
  serviceLinked,
  existing,
  revealRange,
}: {
  kind: EntityKind;
  entityName: string;
  accountId: string;
  serviceLinked: boolean;
  /** Set when an existing policy is edited: its name cannot change. */
  existing?: { name: string; document: string };
  /** Where the editor opens, when a link points into the existing document. */
  revealRange?: EditorRange;
}) {
  const router = useRouter();
  const permissions = usePermissionsStep(existing?.document ?? newPolicyDocument);
  const name = usePolicyName(existing?.name);
  const { pending, error, submit } = useActionSubmit();
  const back = `${entityHref(kind, entityName)}?${SECTION_PARAM}=permissions`;

  const save = () => {
    if (!name.check() || permissions.blocked || serviceLinked) return;
    submit(() => putInlinePolicy(kind, entityName, name.name, permissions.document, !!existing));
  };

  return (
    <Wizard
      {...permissions.navigation}
      onCancel={() => router.push(back)}
      onSubmit={save}
      isLoadingNextStep={pending}
      submitButtonText={existing ? "Save changes" : "Create policy"}
      i18nStrings={WIZARD_STRINGS}
      steps={[
        {
          title: existing ? `Modify permissions in ${existing.name}` : "Specify permissions",
          description: PERMISSIONS_STEP_DESCRIPTION,
          content: (
            <PermissionsStep
              state={permissions}
              accountId={accountId}
              documentKind={ENTITY_WORDS[kind].documentKind}
              initialMode={existing ? "json" : "visual"}
              revealRange={existing ? revealRange : undefined}
              notice={serviceLinked && <Alert type="info">The permissions of a service-linked role can only be changed by the service.</Alert>}
            />
          ),
        },
        {
          title: existing ? "Review and save" : "Review and create",
          description: `Review the permissions, specify details, and the inline policy is embedded in ${entityName}.`,
          content: (
            <SpaceBetween size="l">
              <ActionErrorAlert error={error} />
              <Container header={<Header variant="h2">Policy details</Header>}>
                <PolicyNameField state={name} disabled={!!existing} />
              </Container>
              <PolicyPermissionsSummary document={permissions.document} />
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}
