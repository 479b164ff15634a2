"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import Container from "@cloudscape-design/components/container";
import ExpandableSection from "@cloudscape-design/components/expandable-section";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import RadioGroup from "@cloudscape-design/components/radio-group";
import Select, { type SelectProps } from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Table from "@cloudscape-design/components/table";
import Textarea from "@cloudscape-design/components/textarea";
import Tiles from "@cloudscape-design/components/tiles";
import Wizard from "@cloudscape-design/components/wizard";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { RouterLink } from "@/components/console-layout/router-link";
import { PolicyEditor, type ValidationSummary } from "@/components/policy-editor";
import { PolicyPicker, type PolicyChoice, type PolicyPickerData } from "@/components/policy-picker";
import { NewTagsContainer, useNewTags } from "@/components/resource-tags/new-tags";
import { TAGS_DESCRIPTION } from "@/components/resource-tags/tags";
import { useActionSubmit } from "@/components/use-action-submit";
import { WIZARD_STRINGS } from "@/components/wizard/wizard-strings";
import { PermissionAlert } from "@/components/permission-alert";
import { AWS_SERVICE_USE_CASES, SAML_CONSOLE_AUDIENCE } from "@/lib/iam/trust-policy-builders";
import { ADD_IDENTITY_PROVIDER_HREF } from "../../identity-providers/provider-href";
import { roleDescriptionError, roleNameError } from "../role-form-checks";
import { CUSTOM_DURATION, SESSION_DURATION_OPTIONS, sessionDurationError } from "../role-text";
import { createRoleFromWizard } from "./actions";
import {
  audienceChoices,
  audienceFor,
  audienceLabel,
  initialTrustedEntity,
  needsInstanceProfile,
  suggestedDescription,
  trustedEntityErrors,
  trustPolicyOf,
  webIdentityChoices,
  type AccountIdentityProviders,
  type Preselection,
  type TrustedEntityInput,
  type TrustedEntityType,
} from "./trusted-entity";

export interface ServiceChoice {
  prefix: string;
  name: string;
}

const ENTITY_TYPES: { value: TrustedEntityType; label: string; description: string }[] = [
  {
    value: "aws-service",
    label: "AWS service",
    description: "Allow AWS services like EC2, Lambda, or others to perform actions in this account.",
  },
  {
    value: "aws-account",
    label: "AWS account",
    description: "Allow entities in other AWS accounts belonging to you or a 3rd party to perform actions in this account.",
  },
  {
    value: "web-identity",
    label: "Web identity",
    description: "Allows users federated by the specified external web identity provider to assume this role to perform actions in this account.",
  },
  {
    value: "saml",
    label: "SAML 2.0 federation",
    description: "Allow users federated with SAML 2.0 from a corporate directory to perform actions in this account.",
  },
  {
    value: "custom",
    label: "Custom trust policy",
    description: "Create a custom trust policy to enable others to perform actions in this account.",
  },
];

export function CreateRoleWizard({
  accountId,
  services,
  policies,
  boundaries,
  providers,
  preselection,
}: {
  accountId: string;
  services: ServiceChoice[];
  policies: PolicyPickerData;
  boundaries: PolicyPickerData;
  /** The account's identity providers, for web identity and SAML 2.0 federation. */
  providers: AccountIdentityProviders;
  /** The provider a provider page's "Assign role" chose. */
  preselection?: Preselection;
}) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [entity, setEntity] = useState<TrustedEntityInput>(() => initialTrustedEntity(preselection, providers));
  const [customValidation, setCustomValidation] = useState<ValidationSummary | undefined>();
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const [useBoundary, setUseBoundary] = useState(false);
  const [boundary, setBoundary] = useState<PolicyChoice[]>([]);
  const [roleName, setRoleName] = useState("");
  const [description, setDescription] = useState<string | undefined>(undefined);
  const [duration, setDuration] = useState("3600");
  const [custom, setCustom] = useState("");
  const tags = useNewTags();
  const [shown, setShown] = useState<Record<number, boolean>>({});
  const { pending, error, submit } = useActionSubmit();

  const serviceName = services.find((s) => s.prefix === entity.service)?.name;
  const entityErrors = trustedEntityErrors(entity, providers);
  const customBlocked = entity.type === "custom" && !!customValidation && (customValidation.errors > 0 || customValidation.overLimit);
  const step1Error = Object.keys(entityErrors).length > 0 ? Object.values(entityErrors)[0] : customBlocked ? "Resolve the errors in the trust policy." : undefined;
  const step2Error = useBoundary && boundary.length === 0 ? "Choose a policy to use as the permissions boundary." : undefined;
  const trustPolicy = trustPolicyOf(entity, accountId);
  const roleDescription = description ?? suggestedDescription(entity, serviceName);
  const [nameTouched, setNameTouched] = useState(false);
  const nameError = nameTouched || shown[2] ? roleNameError(roleName) : undefined;
  const descriptionError = roleDescriptionError(roleDescription);
  const durationError = duration === CUSTOM_DURATION ? sessionDurationError(custom) : undefined;
  const seconds = duration === CUSTOM_DURATION ? Number(custom) : Number(duration);

  const set = (patch: Partial<TrustedEntityInput>) => setEntity((e) => ({ ...e, ...patch }));
  const show = (n: number) => setShown((s) => ({ ...s, [n]: true }));

  const create = () => {
    show(2);
    if (roleNameError(roleName) || descriptionError || durationError || !tags.valid) return;
    // Success redirects to the new role's page; the transaction leaves nothing behind on failure.
    submit(() =>
      createRoleFromWizard({
        roleName,
        description: roleDescription,
        maxSessionDuration: seconds,
        trustPolicy,
        policyArns: chosen.map((p) => p.Arn),
        ...(useBoundary && boundary[0] ? { permissionsBoundaryArn: boundary[0].Arn } : {}),
        tags: tags.chosen(),
        instanceProfile: needsInstanceProfile(entity),
      }),
    );
  };

  return (
    <Wizard
      activeStepIndex={step}
      onNavigate={({ detail }) => {
        const next = detail.requestedStepIndex;
        if (next > step) {
          show(step);
          if (step === 0 && step1Error) return;
          if (step === 1 && step2Error) return;
        }
        setStep(next);
      }}
      onCancel={() => router.push("/roles")}
      onSubmit={create}
      isLoadingNextStep={pending}
      submitButtonText="Create role"
      i18nStrings={WIZARD_STRINGS}
      steps={[
        {
          title: "Select trusted entity",
          errorText: shown[0] ? step1Error : undefined,
          content: (
            <SpaceBetween size="l">
              <Container header={<Header variant="h2">Trusted entity type</Header>}>
                <Tiles
                  value={entity.type}
                  onChange={({ detail }) => set({ type: detail.value as TrustedEntityType })}
                  items={ENTITY_TYPES}
                  columns={3}
                  ariaLabel="Trusted entity type"
                />
              </Container>
              <TrustedEntityDetails
                entity={entity}
                set={set}
                accountId={accountId}
                services={services}
                providers={providers}
                errors={shown[0] ? entityErrors : {}}
                onValidate={setCustomValidation}
              />
            </SpaceBetween>
          ),
        },
        {
          title: "Add permissions",
          errorText: shown[1] ? step2Error : undefined,
          content: (
            <SpaceBetween size="l">
              <PolicyPicker data={policies} selected={chosen} onChange={setChosen} header="Permissions policies" description="Choose one or more policies to attach to your new role." />
              <Container>
                <ExpandableSection headerText="Set permissions boundary - optional" variant="footer" defaultExpanded={useBoundary}>
                  <SpaceBetween size="m">
                    <RadioGroup
                      value={useBoundary ? "boundary" : "none"}
                      onChange={({ detail }) => setUseBoundary(detail.value === "boundary")}
                      items={[
                        { value: "none", label: "Create role without a permissions boundary" },
                        { value: "boundary", label: "Use a permissions boundary to control the maximum role permissions" },
                      ]}
                      ariaLabel="Permissions boundary"
                    />
                    {useBoundary && (
                      <PolicyPicker data={boundaries} selected={boundary} onChange={setBoundary} selectionType="single" header="Permissions boundary" />
                    )}
                  </SpaceBetween>
                </ExpandableSection>
              </Container>
            </SpaceBetween>
          ),
        },
        {
          title: "Name, review, and create",
          content: (
            <SpaceBetween size="l">
              <ActionErrorAlert error={error} />
              <Container header={<Header variant="h2">Role details</Header>}>
                <SpaceBetween size="l">
                  <FormField
                    label="Role name"
                    description="Enter a meaningful name to identify this role."
                    constraintText="Maximum 64 characters. Use alphanumeric and '+=,.@-_' characters."
                    errorText={nameError}
                  >
                    <Input
                      value={roleName}
                      onChange={({ detail }) => {
                        setRoleName(detail.value);
                        setNameTouched(true);
                      }}
                      ariaLabel="Role name"
                      placeholder="Enter role name"
                    />
                  </FormField>
                  <FormField
                    label="Description"
                    description="Add a short explanation for this role."
                    constraintText="Maximum 1000 characters. Use letters (A-Z and a-z), numbers (0-9), tabs, new lines, and Latin-1 characters."
                    errorText={descriptionError}
                  >
                    <Textarea value={roleDescription} onChange={({ detail }) => setDescription(detail.value)} ariaLabel="Description" />
                  </FormField>
                  <FormField
                    label="Maximum session duration"
                    description="How long a session of this role can last. The IAM console sets this after creation (Edit on the role's summary); this simulation offers it here too."
                    errorText={durationError}
                  >
                    <SpaceBetween size="xs">
                      <Select
                        selectedOption={durationOptions.find((o) => o.value === duration) ?? null}
                        onChange={({ detail }) => setDuration(detail.selectedOption.value ?? "3600")}
                        options={durationOptions}
                        ariaLabel="Maximum session duration"
                      />
                      {duration === CUSTOM_DURATION && (
                        <Input type="number" value={custom} onChange={({ detail }) => setCustom(detail.value)} ariaLabel="Custom duration in seconds" placeholder="3600 to 43200 seconds" />
                      )}
                    </SpaceBetween>
                  </FormField>
                </SpaceBetween>
              </Container>
              <Container header={<Header variant="h2" actions={<Button onClick={() => setStep(0)}>Edit</Button>}>Step 1: Select trusted entities</Header>}>
                <FormField label="Trust policy" stretch>
                  <PolicyEditor value={trustPolicy} readOnly documentKind="trust" ariaLabel="Trust policy" height={280} />
                </FormField>
              </Container>
              <Container header={<Header variant="h2" actions={<Button onClick={() => setStep(1)}>Edit</Button>}>Step 2: Add permissions</Header>}>
                <SpaceBetween size="m">
                  <Table<PolicyChoice>
                    variant="embedded"
                    items={chosen}
                    trackBy="Arn"
                    header={<Header variant="h3" counter={`(${chosen.length})`}>Permissions policy summary</Header>}
                    columnDefinitions={[
                      { id: "name", header: "Policy name", cell: (p) => p.PolicyName, isRowHeader: true },
                      { id: "type", header: "Type", cell: (p) => p.type },
                      { id: "attached", header: "Attached as", cell: () => "Permissions policy" },
                    ]}
                    ariaLabels={{ tableLabel: "Permissions policy summary" }}
                    empty={<Box textAlign="center">No policies will be attached.</Box>}
                  />
                  <Box>
                    <Box variant="awsui-key-label">Permissions boundary</Box>
                    {useBoundary && boundary[0] ? boundary[0].PolicyName : "Permissions boundary is not set"}
                  </Box>
                </SpaceBetween>
              </Container>
              <NewTagsContainer state={tags} title="Step 3: Add tags" description={`Add tags to the role. ${TAGS_DESCRIPTION}`} />
            </SpaceBetween>
          ),
        },
      ]}
    />
  );
}

const durationOptions = [...SESSION_DURATION_OPTIONS, { value: CUSTOM_DURATION, label: "Custom duration" }];

function TrustedEntityDetails({
  entity,
  set,
  accountId,
  services,
  providers,
  errors,
  onValidate,
}: {
  entity: TrustedEntityInput;
  set: (patch: Partial<TrustedEntityInput>) => void;
  accountId: string;
  services: ServiceChoice[];
  providers: AccountIdentityProviders;
  errors: Record<string, string>;
  onValidate: (summary: ValidationSummary) => void;
}) {
  const serviceOptions = useMemo((): SelectProps.Options => {
    const common = new Set<string>(AWS_SERVICE_USE_CASES.map((u) => u.id));
    return [
      { label: "Commonly used services", options: AWS_SERVICE_USE_CASES.map((u) => ({ value: u.id, label: u.label })) },
      {
        label: "Use cases for other AWS services",
        options: services.filter((s) => !common.has(s.prefix)).map((s) => ({ value: s.prefix, label: s.name, description: s.prefix })),
      },
    ];
  }, [services]);

  switch (entity.type) {
    case "aws-service": {
      const common = AWS_SERVICE_USE_CASES.find((u) => u.id === entity.service);
      const name = common?.label ?? services.find((s) => s.prefix === entity.service)?.name ?? entity.service;
      const selected = entity.service ? { value: entity.service, label: name } : null;
      return (
        <Container header={<Header variant="h2" description="Allow an AWS service like EC2, Lambda, or others to perform actions in this account.">Use case</Header>}>
          <SpaceBetween size="l">
            <FormField label="Service or use case" errorText={errors.service}>
              <Select
                selectedOption={selected}
                onChange={({ detail }) => set({ service: detail.selectedOption.value ?? "" })}
                options={serviceOptions}
                filteringType="auto"
                placeholder="Choose a service or use case"
                ariaLabel="Service or use case"
              />
            </FormField>
            {!!entity.service && (
              <FormField label="Use case" description="Choose a use case for the specified service.">
                <RadioGroup
                  value={entity.service}
                  onChange={() => undefined}
                  items={[
                    {
                      value: entity.service,
                      label: name,
                      description: common?.description ?? `Allows ${name} to call AWS services on your behalf.`,
                    },
                  ]}
                  ariaLabel="Use case"
                />
              </FormField>
            )}
          </SpaceBetween>
        </Container>
      );
    }
    case "aws-account":
      return (
        <Container header={<Header variant="h2" description="Allow entities in other AWS accounts belonging to you or a 3rd party to perform actions in this account.">An AWS account</Header>}>
          <SpaceBetween size="l">
            <RadioGroup
              value={entity.account}
              onChange={({ detail }) => set({ account: detail.value === "another" ? "another" : "this" })}
              items={[
                { value: "this", label: `This account (${accountId})` },
                { value: "another", label: "Another AWS account" },
              ]}
              ariaLabel="AWS account"
            />
            {entity.account === "another" && (
              <FormField label="Account ID" description="Identifier of the account that can use this role." errorText={errors.otherAccountId}>
                <Input value={entity.otherAccountId} onChange={({ detail }) => set({ otherAccountId: detail.value })} ariaLabel="Account ID" placeholder="123456789012" />
              </FormField>
            )}
            <FormField label="Options">
              <SpaceBetween size="s">
                <Checkbox
                  checked={entity.requireExternalId}
                  onChange={({ detail }) => set({ requireExternalId: detail.checked })}
                  description="You can increase the security of your role by requiring an optional external identifier, which prevents 'confused deputy' attacks. This is recommended if you do not own or have administrative access to the account that can assume this role."
                >
                  Require external ID (Best practice when a third party will assume this role)
                </Checkbox>
                {entity.requireExternalId && (
                  <FormField label="External ID" errorText={errors.externalId}>
                    <Input value={entity.externalId} onChange={({ detail }) => set({ externalId: detail.value })} ariaLabel="External ID" />
                  </FormField>
                )}
                <Checkbox
                  checked={entity.requireMfa}
                  onChange={({ detail }) => set({ requireMfa: detail.checked })}
                  description="Requires that the assuming entity use multi-factor authentication."
                >
                  Require MFA
                </Checkbox>
              </SpaceBetween>
            </FormField>
          </SpaceBetween>
        </Container>
      );
    case "web-identity": {
      const choices = webIdentityChoices(providers);
      const chosen = choices.find((c) => c.value === entity.webProvider);
      const audiences = audienceChoices(entity.webProvider, providers);
      return (
        <Container header={<Header variant="h2" description="Allow users federated by the specified external web identity provider to assume this role.">Web identity</Header>}>
          <SpaceBetween size="l">
            {providers.denied && <PermissionAlert message={providers.denied} />}
            <FormField
              label="Identity provider"
              description={
                <>
                  A public provider, or an OpenID Connect provider of this account. <RouterLink href={ADD_IDENTITY_PROVIDER_HREF} variant="info">Add provider</RouterLink>
                </>
              }
              errorText={errors.webProvider}
            >
              <Select
                selectedOption={chosen ?? null}
                onChange={({ detail }) => {
                  const value = detail.selectedOption.value ?? "";
                  set({ webProvider: value, audience: audienceFor(value, providers) });
                }}
                options={choices}
                placeholder="Choose a provider"
                ariaLabel="Identity provider"
              />
            </FormField>
            {audiences ? (
              <FormField
                label="Audience"
                description="The client ID of your application: one of the provider's audiences. Add audiences on the provider's page."
                errorText={errors.audience}
              >
                <Select
                  selectedOption={audiences.includes(entity.audience) ? { value: entity.audience, label: entity.audience } : null}
                  onChange={({ detail }) => set({ audience: detail.selectedOption.value ?? "" })}
                  options={audiences.map((a) => ({ value: a, label: a }))}
                  placeholder="Choose an audience"
                  empty="This provider has no audiences."
                  ariaLabel="Audience"
                />
              </FormField>
            ) : (
              <FormField
                label={audienceLabel(entity.webProvider)}
                description="The client ID (audience) that the provider's tokens must be issued for."
                errorText={errors.audience}
              >
                <Input value={entity.audience} onChange={({ detail }) => set({ audience: detail.value })} ariaLabel="Audience" />
              </FormField>
            )}
          </SpaceBetween>
        </Container>
      );
    }
    case "saml": {
      const options = providers.saml.map((p) => ({ value: p.arn, label: p.name, description: p.arn }));
      return (
        <Container header={<Header variant="h2" description="Allow users federated with SAML 2.0 from a corporate directory to perform actions in this account.">SAML 2.0 federation</Header>}>
          <SpaceBetween size="l">
            {providers.denied && <PermissionAlert message={providers.denied} />}
            <FormField
              label="SAML 2.0–based provider"
              description={
                <>
                  A SAML provider of this account. <RouterLink href={ADD_IDENTITY_PROVIDER_HREF} variant="info">Add provider</RouterLink>
                </>
              }
              errorText={errors.samlProviderArn}
            >
              <Select
                selectedOption={options.find((o) => o.value === entity.samlProviderArn) ?? null}
                onChange={({ detail }) => set({ samlProviderArn: detail.selectedOption.value ?? "" })}
                options={options}
                placeholder="Choose a SAML provider"
                empty="This account has no SAML providers."
                ariaLabel="SAML 2.0–based provider"
              />
            </FormField>
            <RadioGroup
              value={entity.samlConsoleAccess ? "console" : "programmatic"}
              onChange={({ detail }) => set({ samlConsoleAccess: detail.value === "console" })}
              items={[
                { value: "programmatic", label: "Allow programmatic access only" },
                {
                  value: "console",
                  label: "Allow programmatic and AWS Management Console access",
                  description: `The trust policy requires the assertion's audience (SAML:aud) to be ${SAML_CONSOLE_AUDIENCE}.`,
                },
              ]}
              ariaLabel="Access to allow"
            />
          </SpaceBetween>
        </Container>
      );
    }
    case "custom":
      return (
        <Container header={<Header variant="h2" description="Create a custom trust policy to enable others to perform actions in this account.">Custom trust policy</Header>}>
          <SpaceBetween size="s">
            {errors.customPolicy && <Alert type="error">{errors.customPolicy}</Alert>}
            <PolicyEditor value={entity.customPolicy} onChange={(v) => set({ customPolicy: v })} documentKind="trust" ariaLabel="Custom trust policy" onValidate={onValidate} />
          </SpaceBetween>
        </Container>
      );
  }
}
