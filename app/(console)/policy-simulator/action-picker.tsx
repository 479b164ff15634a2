"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Multiselect, { type MultiselectProps } from "@cloudscape-design/components/multiselect";
import Select, { type SelectProps } from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Textarea from "@cloudscape-design/components/textarea";
import { useMemo } from "react";
import type { CatalogData } from "@/lib/iam/policy/catalog";

// The second part of the simulator: the actions to simulate, chosen service by service from the
// IAM action catalog (actions of several services can be combined), and the resources.

export type CatalogState = { status: "idle" | "loading" } | { status: "loaded"; data: CatalogData } | { status: "error" };

export interface ServiceChoice {
  prefix: string;
  name: string;
}

export interface ActionPickerProps {
  /** Every service, from the server. */
  services: readonly ServiceChoice[];
  /** The catalog with the services' actions, downloaded when a service is chosen. */
  catalog: CatalogState;
  /** Starts loading the catalog (when the action list is opened). */
  onLoadCatalog: () => void;
  service: string | null;
  onServiceChange: (prefix: string) => void;
  actions: readonly string[];
  onActionsChange: (actions: string[]) => void;
  resources: string;
  onResourcesChange: (text: string) => void;
  fieldErrors: Record<string, string>;
}

export function ActionPicker({
  services,
  catalog,
  onLoadCatalog,
  service,
  onServiceChange,
  actions,
  onActionsChange,
  resources,
  onResourcesChange,
  fieldErrors,
}: ActionPickerProps) {
  const data = catalog.status === "loaded" ? catalog.data : undefined;
  const serviceOptions = useMemo<SelectProps.Option[]>(
    () => services.map((s) => ({ label: s.name, value: s.prefix, labelTag: s.prefix })),
    [services],
  );
  const current = data?.services.find((s) => s.prefix === service);
  const actionOptions = useMemo<MultiselectProps.Option[]>(
    () =>
      (current?.actions ?? []).map(([name, accessLevel, description]) => ({
        label: `${current!.prefix}:${name}`,
        value: `${current!.prefix}:${name}`,
        labelTag: accessLevel,
        description,
      })),
    [current],
  );
  const selectedService = serviceOptions.find((o) => o.value === service) ?? null;
  const selectedActions = actions.map((a) => actionOptions.find((o) => o.value === a) ?? { label: a, value: a });
  const status: MultiselectProps["statusType"] =
    catalog.status === "loaded" ? "finished" : catalog.status === "error" ? "error" : catalog.status === "loading" ? "loading" : "pending";

  const addAll = () => {
    if (!current) return;
    const all = current.actions.map(([name]) => `${current.prefix}:${name}`);
    onActionsChange([...actions, ...all.filter((a) => !actions.includes(a))]);
  };

  return (
    <Container
      header={
        <Header variant="h2" description="The requests to simulate: each action on each resource.">
          Actions and resources
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FormField label="Service">
          <Select
            selectedOption={selectedService}
            onChange={({ detail }) => detail.selectedOption.value && onServiceChange(detail.selectedOption.value)}
            options={serviceOptions}
            filteringType="auto"
            filteringPlaceholder="Find a service"
            placeholder="Choose a service"
            virtualScroll
          />
        </FormField>
        <FormField
          label="Actions"
          description="Choose actions of the service. Actions of other services you chose stay selected."
          errorText={fieldErrors.actions}
          secondaryControl={
            <SpaceBetween size="xs" direction="horizontal">
              <Button onClick={addAll} disabled={!current}>
                Select all
              </Button>
              <Button onClick={() => onActionsChange([])} disabled={actions.length === 0}>
                Clear
              </Button>
            </SpaceBetween>
          }
        >
          <Multiselect
            selectedOptions={selectedActions}
            onChange={({ detail }) => onActionsChange(detail.selectedOptions.flatMap((o) => (o.value ? [o.value] : [])))}
            options={actionOptions}
            statusType={current || !service ? "finished" : status}
            loadingText="Loading actions"
            errorText="The actions could not be loaded."
            recoveryText="Retry"
            onLoadItems={onLoadCatalog}
            filteringType="auto"
            filteringPlaceholder="Find actions"
            placeholder={current ? `Choose ${current.name} actions` : "Choose a service first"}
            empty={current ? "No actions" : "Choose a service first"}
            tokenLimit={8}
            i18nStrings={{ tokenLimitShowMore: "Show more", tokenLimitShowFewer: "Show fewer" }}
          />
        </FormField>
        {actions.length > 0 && (
          <Box variant="small" color="text-body-secondary">
            {actions.length === 1 ? "1 action selected." : `${actions.length.toLocaleString("en-US")} actions selected.`}
          </Box>
        )}
        <FormField
          label="Resources"
          description="The resource ARNs to simulate each action on, one per line. * means every resource."
          errorText={fieldErrors.resources}
        >
          <Textarea value={resources} onChange={({ detail }) => onResourcesChange(detail.value)} rows={3} spellcheck={false} />
        </FormField>
      </SpaceBetween>
    </Container>
  );
}
