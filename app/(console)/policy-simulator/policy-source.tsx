"use client";

import Alert from "@cloudscape-design/components/alert";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Select, { type SelectProps } from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import Tiles from "@cloudscape-design/components/tiles";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { PermissionAlert } from "@/components/permission-alert";
import { PolicyEditor } from "@/components/policy-editor";
import type { ActionResult } from "@/lib/action-result";
import type { ListPoliciesForSimulationOutput, SimulationPolicyListing } from "@/lib/iam/simulator";
import { policiesTable, POLICY_TYPE_TEXT } from "./policies-table-config";
import { policyDescription } from "./simulation-view";

// The first part of the simulator: whose policies to simulate. Either a user, user group or
// role of the account, with each of its policies ticked in or out, or custom policies.

export type SimulationMode = "principal" | "custom";

export interface PrincipalChoice {
  name: string;
  arn: string;
}

export type PrincipalList = { ok: true; data: PrincipalChoice[]; truncated: boolean } | { ok: false; accessDenied: string };

export interface PrincipalChoices {
  users: PrincipalList;
  groups: PrincipalList;
  roles: PrincipalList;
}

export interface CustomPolicy {
  /** Stable key for React while policies are added and removed. */
  key: number;
  document: string;
}

export const MAX_CUSTOM_POLICIES = 10;

const LIST_LABELS: Record<keyof PrincipalChoices, string> = { users: "Users", groups: "User groups", roles: "Roles" };

export interface PolicySourceProps {
  mode: SimulationMode;
  onModeChange: (mode: SimulationMode) => void;
  principals: PrincipalChoices;
  principalArn: string | null;
  onPrincipalChange: (arn: string) => void;
  /** The chosen principal's policies (null while none is chosen or they load). */
  listing: ActionResult<ListPoliciesForSimulationOutput> | null;
  loadingListing: boolean;
  included: ReadonlySet<string>;
  onIncludedChange: (included: ReadonlySet<string>) => void;
  includeBoundary: boolean;
  onIncludeBoundaryChange: (include: boolean) => void;
  customPolicies: readonly CustomPolicy[];
  onCustomPoliciesChange: (policies: CustomPolicy[]) => void;
  fieldErrors: Record<string, string>;
}

export function PolicySource(props: PolicySourceProps) {
  const { mode } = props;
  return (
    <Container
      header={
        <Header variant="h2" description="Choose the identity-based policies to simulate.">
          Policies
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FormField label="Simulate" stretch>
          <Tiles
            value={mode}
            onChange={({ detail }) => props.onModeChange(detail.value === "custom" ? "custom" : "principal")}
            columns={2}
            items={[
              {
                value: "principal",
                label: "IAM user, user group or role",
                description: "The policies of a principal in this account, each of which you can leave out.",
              },
              {
                value: "custom",
                label: "Custom policies",
                description: "Policies you write or paste, to test them before you attach them.",
              },
            ]}
          />
        </FormField>
        {mode === "principal" ? <PrincipalPolicies {...props} /> : <CustomPolicies {...props} />}
      </SpaceBetween>
    </Container>
  );
}

function PrincipalPolicies({
  principals,
  principalArn,
  onPrincipalChange,
  listing,
  loadingListing,
  included,
  onIncludedChange,
  includeBoundary,
  onIncludeBoundaryChange,
  fieldErrors,
}: PolicySourceProps) {
  const [viewing, setViewing] = useState<string | null>(null);
  const lists = Object.entries(principals) as [keyof PrincipalChoices, PrincipalList][];
  const denied = lists.flatMap(([, list]) => (list.ok ? [] : [list.accessDenied]));
  const options: SelectProps.OptionGroup[] = lists.flatMap(([kind, list]) =>
    list.ok && list.data.length > 0
      ? [{ label: LIST_LABELS[kind], options: list.data.map((p) => ({ label: p.name, value: p.arn, description: p.arn })) }]
      : [],
  );
  const selected = options.flatMap((g) => g.options).find((o) => o.value === principalArn) ?? null;
  const truncated = lists.some(([, list]) => list.ok && list.truncated);

  const table = useMemo(
    () =>
      policiesTable((p) => (
        <Button variant="inline-link" onClick={() => setViewing(p.SourcePolicyId)} ariaLabel={`View ${p.PolicyName}`}>
          {p.PolicyName}
        </Button>
      )),
    [],
  );

  const data = listing?.ok ? listing.data : undefined;
  const all = data ? [...data.Policies, ...(data.PermissionsBoundary ? [data.PermissionsBoundary] : [])] : [];
  const viewed = all.find((p) => p.SourcePolicyId === viewing);

  return (
    <SpaceBetween size="l">
      {denied.map((message) => (
        <PermissionAlert key={message} message={message} />
      ))}
      <FormField
        label="User, user group or role"
        description="The simulation uses the principal's identity-based policies: for a user, also those of its groups."
        errorText={fieldErrors.principal}
      >
        <Select
          selectedOption={selected}
          onChange={({ detail }) => {
            setViewing(null);
            if (detail.selectedOption.value) onPrincipalChange(detail.selectedOption.value);
          }}
          options={options}
          filteringType="auto"
          placeholder="Choose a user, user group or role"
          empty="No users, user groups or roles"
        />
      </FormField>
      {truncated && (
        <Alert type="info">Only the first 1,000 users, user groups and roles of each list are offered.</Alert>
      )}
      {loadingListing && <StatusIndicator type="loading">Loading policies</StatusIndicator>}
      {!loadingListing && listing && !listing.ok && listing.error && (
        listing.error.code === "AccessDenied" ? (
          <PermissionAlert message={listing.error.message} />
        ) : (
          <Alert type="error" header="The policies could not be loaded">
            {listing.error.message}
          </Alert>
        )
      )}
      {!loadingListing && data && (
        <>
          <DataTable
            config={table}
            items={data.Policies}
            header="Permissions policies"
            description="Clear a policy to simulate without it."
            variant="embedded"
            selectionType="multi"
            selectedIds={[...included]}
            onSelectionChange={(rows) => onIncludedChange(new Set(rows.map((p) => p.SourcePolicyId)))}
            empty={{ title: "No permissions policies", description: "This principal has no identity-based policies: every action is implicitly denied." }}
          />
          {data.PermissionsBoundary && (
            <FormField
              label="Permissions boundary"
              description="The boundary sets the maximum permissions: an action must be allowed by both the policies and the boundary."
            >
              <SpaceBetween size="xs" direction="horizontal" alignItems="center">
                <Checkbox checked={includeBoundary} onChange={({ detail }) => onIncludeBoundaryChange(detail.checked)}>
                  Include the permissions boundary {data.PermissionsBoundary.PolicyName} ({POLICY_TYPE_TEXT[data.PermissionsBoundary.PolicyType]})
                </Checkbox>
                <Button variant="inline-link" onClick={() => setViewing(data.PermissionsBoundary!.SourcePolicyId)}>
                  View
                </Button>
              </SpaceBetween>
            </FormField>
          )}
          {viewed && <ViewedPolicy policy={viewed} boundary={viewed === data.PermissionsBoundary} onClose={() => setViewing(null)} />}
        </>
      )}
    </SpaceBetween>
  );
}

function ViewedPolicy({ policy, boundary, onClose }: { policy: SimulationPolicyListing; boundary: boolean; onClose: () => void }) {
  return (
    <Container
      variant="stacked"
      header={
        <Header
          variant="h3"
          description={boundary ? "Permissions boundary" : policyDescription(policy)}
          actions={<Button onClick={onClose}>Close</Button>}
        >
          {policy.PolicyName}
        </Header>
      }
    >
      <PolicyEditor value={policy.Document} readOnly ariaLabel={`Policy document of ${policy.PolicyName}`} height={300} />
    </Container>
  );
}

export const NEW_POLICY_DOCUMENT = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": [],
            "Resource": "*"
        }
    ]
}`;

function CustomPolicies({ customPolicies, onCustomPoliciesChange, fieldErrors }: PolicySourceProps) {
  const [nextKey, setNextKey] = useState(() => Math.max(0, ...customPolicies.map((p) => p.key)) + 1);
  const update = (key: number, document: string) =>
    onCustomPoliciesChange(customPolicies.map((p) => (p.key === key ? { ...p, document } : p)));

  return (
    <SpaceBetween size="m">
      {fieldErrors.policies && (
        <Box color="text-status-error" variant="p">
          {fieldErrors.policies}
        </Box>
      )}
      {customPolicies.map((policy, i) => (
        <Container
          key={policy.key}
          variant="stacked"
          header={
            <Header
              variant="h3"
              description={i === 0 ? "An identity-based policy, as you would attach it to a user, user group or role." : undefined}
              actions={
                <Button
                  disabled={customPolicies.length === 1}
                  onClick={() => onCustomPoliciesChange(customPolicies.filter((p) => p.key !== policy.key))}
                  ariaLabel={`Remove policy ${i + 1}`}
                >
                  Remove
                </Button>
              }
            >
              Policy {i + 1}
            </Header>
          }
        >
          <PolicyEditor
            value={policy.document}
            onChange={(document) => update(policy.key, document)}
            ariaLabel={`Policy ${i + 1}`}
            documentKind="identity"
            height={300}
          />
        </Container>
      ))}
      <Button
        iconName="add-plus"
        disabled={customPolicies.length >= MAX_CUSTOM_POLICIES}
        onClick={() => {
          onCustomPoliciesChange([...customPolicies, { key: nextKey, document: NEW_POLICY_DOCUMENT }]);
          setNextKey(nextKey + 1);
        }}
      >
        Add policy
      </Button>
    </SpaceBetween>
  );
}
