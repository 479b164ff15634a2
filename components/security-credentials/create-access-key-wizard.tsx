"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Link from "@cloudscape-design/components/link";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tiles from "@cloudscape-design/components/tiles";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { Copyable } from "@/components/copyable";
import { downloadCsv } from "@/components/download-csv";
import { WIZARD_STRINGS } from "@/components/wizard/wizard-strings";
import { accessKeyCsv } from "@/lib/access-key-csv";
import type { ActionError } from "@/lib/action-result";
import { accessKeyDescriptionError } from "@/lib/iam/access-key-rules";
import { ACCESS_KEY_USE_CASES, DESCRIPTION_CONSTRAINT, USE_CASE_CONFIRMATION, useCaseAdvice, useCaseStepError } from "./access-key-use-cases";
import { createAccessKey, type CreatedAccessKey } from "./actions";
import { securityCredentialsHref, type CredentialTarget } from "./credential-target";
import { SecretText } from "./secret-text";

// The console's "Create access key", for an IAM user's tab and for "My security credentials":
// for an IAM user, "Access key best practices & alternatives" (the use case and AWS's
// alternative) and "Set description tag - optional"; for the root user, AWS's warning and its
// checkbox. Then "Retrieve access keys": the only time the secret is shown. The secret arrives
// in the create action's response and lives only in this page's state.

const ROOT_KEY_CONFIRMATION = "I understand creating a root access key is not a best practice, but I still want to create one.";

export function CreateAccessKeyWizard({ target, root, subject }: { target: CredentialTarget; root: boolean; /** The user name, or "root". */ subject: string }) {
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);
  if (created) return <RetrieveAccessKeys target={target} subject={subject} root={root} accessKey={created} />;
  return root ? <RootAccessKeyForm target={target} onCreated={setCreated} /> : <UserAccessKeyWizard target={target} onCreated={setCreated} />;
}

function useCreate(target: CredentialTarget, onCreated: (key: CreatedAccessKey) => void) {
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const create = (description: string) => {
    startTransition(async () => {
      const result = await createAccessKey(target, description);
      if (result.ok) onCreated(result.data);
      else setError(resultError(result));
    });
  };
  return { error, pending, create };
}

function UserAccessKeyWizard({ target, onCreated }: { target: CredentialTarget; onCreated: (key: CreatedAccessKey) => void }) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [useCase, setUseCase] = useState<string | undefined>();
  const [confirmed, setConfirmed] = useState(false);
  const [triedNext, setTriedNext] = useState(false);
  const [description, setDescription] = useState("");
  const { error, pending, create } = useCreate(target, onCreated);
  const advice = useCaseAdvice(useCase);
  const stepError = useCaseStepError(useCase, confirmed);
  const descError = accessKeyDescriptionError(description);

  return (
    <Wizard
      activeStepIndex={step}
      onNavigate={({ detail }) => {
        if (detail.requestedStepIndex > 0 && stepError) return setTriedNext(true);
        setStep(detail.requestedStepIndex);
      }}
      onCancel={() => router.push(securityCredentialsHref(target))}
      onSubmit={() => {
        if (stepError) return setStep(0);
        if (!descError) create(description);
      }}
      isLoadingNextStep={pending}
      submitButtonText="Create access key"
      i18nStrings={WIZARD_STRINGS}
      steps={[
        {
          title: "Access key best practices & alternatives",
          description: "Avoid using long-term credentials like access keys to improve your security. Consider the following use cases and alternatives.",
          errorText: triedNext ? stepError : undefined,
          content: (
            <SpaceBetween size="l">
              <Container header={<Header variant="h2">Use case</Header>}>
                <Tiles
                  value={useCase ?? null}
                  onChange={({ detail }) => {
                    setUseCase(detail.value);
                    setConfirmed(false);
                  }}
                  ariaLabel="Use case"
                  columns={1}
                  items={ACCESS_KEY_USE_CASES.map((u) => ({ value: u.value, label: u.label, description: u.description }))}
                />
              </Container>
              {advice && advice.alternatives.length > 0 && (
                <Alert type="warning" header={advice.alternatives.length === 1 ? "Alternative recommended" : "Alternatives recommended"}>
                  <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                    {advice.alternatives.map((a) => (
                      <li key={a.text}>
                        {a.text}{" "}
                        <Link external href={a.learnMore}>
                          Learn more
                        </Link>
                      </li>
                    ))}
                  </ul>
                </Alert>
              )}
              {advice?.confirmation && (
                <Container header={<Header variant="h2">Confirmation</Header>}>
                  <Checkbox checked={confirmed} onChange={({ detail }) => setConfirmed(detail.checked)}>
                    {USE_CASE_CONFIRMATION}
                  </Checkbox>
                </Container>
              )}
            </SpaceBetween>
          ),
        },
        {
          title: "Set description tag",
          isOptional: true,
          description: "The description for this access key will be attached to this user as a tag and shown alongside the access key.",
          content: (
            <SpaceBetween size="l">
              <ActionErrorAlert error={error} />
              <Container header={<Header variant="h2">Description tag value</Header>}>
                <FormField
                  label="Description tag value"
                  description="Describe the purpose of this access key and where it will be used. A good description will help you rotate this access key confidently later."
                  constraintText={DESCRIPTION_CONSTRAINT}
                  errorText={descError}
                  controlId="access-key-description"
                >
                  <Input
                    controlId="access-key-description"
                    value={description}
                    onChange={({ detail }) => setDescription(detail.value)}
                    invalid={!!descError}
                    autoComplete={false}
                  />
                </FormField>
              </Container>
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}

function RootAccessKeyForm({ target, onCreated }: { target: CredentialTarget; onCreated: (key: CreatedAccessKey) => void }) {
  const router = useRouter();
  const [confirmed, setConfirmed] = useState(false);
  const { error, pending, create } = useCreate(target, onCreated);
  return (
    <Form
      header={<Header variant="h1">Alternatives to root user access keys</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(securityCredentialsHref(target))} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" disabled={!confirmed} loading={pending} onClick={() => create("")}>
            Create access key
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <Alert type="warning" header="Root user access keys are not recommended">
          We don&apos;t recommend that you create root user access keys. Because you can&apos;t specify the root user in a permissions policy,
          you can&apos;t limit its permissions, which is a best practice. Instead, use alternatives such as an IAM role or a user in IAM Identity
          Center, which give you temporary credentials. If your use case requires an access key, create an IAM user with an access key and apply
          least privilege permissions for that user.
        </Alert>
        <Container header={<Header variant="h2">Continue to create access key?</Header>}>
          <Checkbox checked={confirmed} onChange={({ detail }) => setConfirmed(detail.checked)}>
            {ROOT_KEY_CONFIRMATION}
          </Checkbox>
        </Container>
        <ActionErrorAlert error={error} />
      </SpaceBetween>
    </Form>
  );
}

const BEST_PRACTICES = [
  "Never store your access key in plain text, in a code repository, or in code.",
  "Disable or delete access key when no longer needed.",
  "Enable least-privilege permissions.",
  "Rotate access keys regularly.",
];

/** The .csv file's name, as the console names it. */
function accessKeyFileName(subject: string, root: boolean): string {
  return root ? "rootkey.csv" : `${subject}_accessKeys.csv`;
}

function RetrieveAccessKeys({ target, subject, root, accessKey }: { target: CredentialTarget; subject: string; root: boolean; accessKey: CreatedAccessKey }) {
  const router = useRouter();

  const download = () => downloadCsv(accessKeyFileName(subject, root), accessKeyCsv(accessKey));

  return (
    <Form
      header={<Header variant="h1">Retrieve access keys</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button onClick={download} iconName="download">
            Download .csv file
          </Button>
          <Button variant="primary" onClick={() => router.push(securityCredentialsHref(target))}>
            Done
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <Alert type="success" header="Access key created">
          This is the only time that the secret access key can be viewed or downloaded. You cannot recover it later. However, you can create a new
          access key any time.
        </Alert>
        <Container
          header={
            <Header variant="h2" description="If you lose or forget your secret access key, you cannot retrieve it. Instead, create a new access key and make the old key inactive.">
              Access key
            </Header>
          }
        >
          <KeyValuePairs
            columns={2}
            items={[
              { label: "Access key", value: <Copyable text={accessKey.AccessKeyId} what="Access key ID" /> },
              { label: "Secret access key", value: <SecretText secret={accessKey.SecretAccessKey} what="secret access key" testId="secret-access-key" /> },
            ]}
          />
        </Container>
        <Container header={<Header variant="h2">Access key best practices</Header>}>
          <SpaceBetween size="xs">
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {BEST_PRACTICES.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            <Box variant="p">
              For more details about managing access keys, see the{" "}
              <Link external href="https://docs.aws.amazon.com/console/general/access-keys-best-practices">
                best practices for managing AWS access keys
              </Link>
              .
            </Box>
          </SpaceBetween>
        </Container>
      </SpaceBetween>
    </Form>
  );
}
