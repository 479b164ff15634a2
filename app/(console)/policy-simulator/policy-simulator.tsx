"use client";

import Alert from "@cloudscape-design/components/alert";
import Button from "@cloudscape-design/components/button";
import ContentLayout from "@cloudscape-design/components/content-layout";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRef, useState, useTransition } from "react";
import { PermissionAlert } from "@/components/permission-alert";
import { loadCatalogData } from "@/components/policy-editor/catalog";
import { isAccessDenied, type ActionError, type ActionResult } from "@/lib/action-result";
import { createPolicyCatalog, type CatalogData } from "@/lib/iam/policy/catalog";
import type { ListPoliciesForSimulationOutput } from "@/lib/iam/simulator";
import { loadCustomContextKeys, loadPoliciesForSimulation, loadPrincipalContextKeys, runCustomSimulation, runPrincipalSimulation } from "./actions";
import { ActionPicker, type CatalogState, type ServiceChoice } from "./action-picker";
import { ContextKeysEditor } from "./context-keys-editor";
import {
  NEW_POLICY_DOCUMENT,
  PolicySource,
  type CustomPolicy,
  type PrincipalChoices,
  type SimulationMode,
} from "./policy-source";
import { SimulationResults, type SimulationOutcome } from "./simulation-results";
import {
  contextEntriesFromRows,
  contextKeyType,
  customPolicies as customSimulated,
  exclusionsFor,
  mergeContextKeys,
  principalPolicies,
  resourceArnsFromText,
  resultRows,
  type ContextKeyRow,
} from "./simulation-view";

export type { PrincipalChoices } from "./policy-source";
export type { ServiceChoice } from "./action-picker";

// The IAM policy simulator, as a console page: choose policies (a principal's, or custom ones),
// actions and resources, context values; run; read each decision and the statements behind it.
// Every decision comes from lib/iam (SimulatePrincipalPolicy / SimulateCustomPolicy) through the
// server actions; this component only gathers input and shows answers.

/** Pause after the last keystroke in a custom policy before asking which keys it refers to. */
const CONTEXT_KEYS_DELAY_MS = 700;

export function PolicySimulator({ principals, services }: { principals: PrincipalChoices; services: readonly ServiceChoice[] }) {
  const [mode, setMode] = useState<SimulationMode>("principal");

  // Whose policies
  const [principalArn, setPrincipalArn] = useState<string | null>(null);
  const [listing, setListing] = useState<ActionResult<ListPoliciesForSimulationOutput> | null>(null);
  const [loadingListing, startLoadingListing] = useTransition();
  const [included, setIncluded] = useState<ReadonlySet<string>>(new Set());
  const [includeBoundary, setIncludeBoundary] = useState(true);
  const [custom, setCustom] = useState<CustomPolicy[]>([{ key: 1, document: NEW_POLICY_DOCUMENT }]);

  // What to simulate
  const [catalog, setCatalog] = useState<CatalogState>({ status: "idle" });
  const [service, setService] = useState<string | null>(null);
  const [actions, setActions] = useState<string[]>([]);
  const [resources, setResources] = useState("*");
  const [contextRows, setContextRows] = useState<ContextKeyRow[]>([]);
  const [loadingKeys, startLoadingKeys] = useTransition();
  const [keysDenied, setKeysDenied] = useState<string | undefined>(undefined);

  // The outcome
  const [running, startRunning] = useTransition();
  const [outcome, setOutcome] = useState<SimulationOutcome | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const loadCatalog = (): Promise<CatalogData | null> => {
    if (catalog.status === "idle" || catalog.status === "error") setCatalog({ status: "loading" });
    return loadCatalogData().then((data) => {
      setCatalog(data ? { status: "loaded", data } : { status: "error" });
      return data;
    });
  };

  /** Lists the keys the policies refer to, typed from the catalog where it knows them. */
  const showContextKeys = (result: ActionResult<{ ContextKeyNames: string[] }>) =>
    startLoadingKeys(async () => {
      // Policies with errors have no keys yet; the simulation reports their problem in context.
      if (!result.ok) {
        if (isAccessDenied(result)) setKeysDenied(result.error.message);
        return;
      }
      setKeysDenied(undefined);
      const data = await loadCatalog();
      const lookup = data ? createPolicyCatalog(data) : undefined;
      setContextRows((rows) => mergeContextKeys(rows, result.data.ContextKeyNames, (key) => contextKeyType(lookup?.conditionKey(key)?.type)));
    });

  const choosePrincipal = (arn: string) => {
    setPrincipalArn(arn);
    setFieldErrors((errors) => withoutKey(errors, "principal"));
    startLoadingListing(async () => {
      const [policies, keys] = await Promise.all([loadPoliciesForSimulation(arn), loadPrincipalContextKeys(arn)]);
      setListing(policies);
      if (policies.ok) {
        setIncluded(new Set(policies.data.Policies.map((p) => p.SourcePolicyId)));
        setIncludeBoundary(true);
      }
      showContextKeys(keys);
    });
  };

  const keysTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refreshCustomKeys = (policies: readonly CustomPolicy[]) => {
    clearTimeout(keysTimer.current);
    keysTimer.current = setTimeout(() => {
      void loadCustomContextKeys(policies.map((p) => p.document)).then(showContextKeys);
    }, CONTEXT_KEYS_DELAY_MS);
  };

  const changeCustom = (policies: CustomPolicy[]) => {
    setCustom(policies);
    refreshCustomKeys(policies);
  };

  const changeMode = (next: SimulationMode) => {
    setMode(next);
    setFieldErrors({});
    if (next === "custom") refreshCustomKeys(custom);
    else if (principalArn) void loadPrincipalContextKeys(principalArn).then(showContextKeys);
  };

  const run = () =>
    startRunning(async () => {
      setError(null);
      setFieldErrors({});
      const shared = {
        ActionNames: actions,
        ResourceArns: resourceArnsFromText(resources),
        ContextEntries: contextEntriesFromRows(contextRows),
      };
      let result;
      let policies;
      let subject;
      if (mode === "principal") {
        const data = listing?.ok ? listing.data : undefined;
        if (!principalArn || !data) {
          setFieldErrors({ principal: "Choose a user, user group or role." });
          return;
        }
        result = await runPrincipalSimulation({
          PolicySourceArn: principalArn,
          PolicyExclusionList: exclusionsFor(data, included, includeBoundary),
          ...shared,
        });
        policies = principalPolicies(data);
        subject = principalLabel(principals, principalArn);
      } else {
        const documents = custom.map((p) => p.document);
        result = await runCustomSimulation({ PolicyInputList: documents, ...shared });
        policies = customSimulated(documents);
        subject = documents.length === 1 ? "1 custom policy" : `${documents.length} custom policies`;
      }
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.error ?? null);
        return;
      }
      const rows = resultRows(result.data);
      setOutcome({ rows, policies, subject });
      setSelectedId(rows.length === 1 ? rows[0].id : null);
    });

  const clear = () => {
    setOutcome(null);
    setSelectedId(null);
    setError(null);
  };

  const runButtons = (
    <SpaceBetween size="xs" direction="horizontal">
      <Button onClick={clear} disabled={!outcome && !error}>
        Clear results
      </Button>
      <Button variant="primary" onClick={run} loading={running}>
        Run simulation
      </Button>
    </SpaceBetween>
  );

  return (
    <ContentLayout
      header={
        <Header
          variant="h1"
          description="Test identity-based policies and permissions boundaries: see whether they allow each action on each resource, and which statement decides. The simulator evaluates the policies only; it makes no request to any service."
        >
          Policy simulator
        </Header>
      }
    >
      <SpaceBetween size="l">
        <PolicySource
            mode={mode}
            onModeChange={changeMode}
            principals={principals}
            principalArn={principalArn}
            onPrincipalChange={choosePrincipal}
            listing={listing}
            loadingListing={loadingListing}
            included={included}
            onIncludedChange={setIncluded}
            includeBoundary={includeBoundary}
            onIncludeBoundaryChange={setIncludeBoundary}
            customPolicies={custom}
            onCustomPoliciesChange={changeCustom}
            fieldErrors={fieldErrors}
          />
          <ActionPicker
              services={services}
              catalog={catalog}
              onLoadCatalog={() => void loadCatalog()}
              service={service}
              onServiceChange={(prefix) => {
                setService(prefix);
                void loadCatalog();
              }}
              actions={actions}
              onActionsChange={setActions}
              resources={resources}
              onResourcesChange={setResources}
              fieldErrors={fieldErrors}
            />
          <ContextKeysEditor
            rows={contextRows}
            onChange={setContextRows}
            loading={loadingKeys}
            listingDenied={keysDenied}
            fieldError={fieldErrors.contextKeys}
          />
        {error &&
          (error.code === "AccessDenied" ? (
            <PermissionAlert message={error.message} />
          ) : (
            <Alert type="error" header="The simulation could not run" dismissible onDismiss={() => setError(null)}>
              {error.message}
            </Alert>
          ))}
        {outcome ? (
          <SimulationResults outcome={outcome} selectedId={selectedId} onSelect={setSelectedId} actions={runButtons} />
        ) : (
          <ResultsPlaceholder actions={runButtons} />
        )}
      </SpaceBetween>
    </ContentLayout>
  );
}

const NO_OUTCOME: SimulationOutcome = { rows: [], policies: [], subject: "" };

function ResultsPlaceholder({ actions }: { actions: React.ReactNode }) {
  return <SimulationResults outcome={NO_OUTCOME} selectedId={null} onSelect={() => undefined} actions={actions} />;
}

function withoutKey(errors: Record<string, string>, key: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k !== key));
}

function principalLabel(principals: PrincipalChoices, arn: string): string {
  const kinds = [
    ["user", principals.users],
    ["user group", principals.groups],
    ["role", principals.roles],
  ] as const;
  for (const [kind, list] of kinds) {
    const found = list.ok ? list.data.find((p) => p.arn === arn) : undefined;
    if (found) return `${kind} ${found.name}`;
  }
  return arn;
}
