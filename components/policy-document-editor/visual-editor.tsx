"use client";

import Alert from "@cloudscape-design/components/alert";
import Autosuggest from "@cloudscape-design/components/autosuggest";
import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Checkbox from "@cloudscape-design/components/checkbox";
import ColumnLayout from "@cloudscape-design/components/column-layout";
import Container from "@cloudscape-design/components/container";
import ExpandableSection from "@cloudscape-design/components/expandable-section";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import RadioGroup from "@cloudscape-design/components/radio-group";
import Select from "@cloudscape-design/components/select";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import TextFilter from "@cloudscape-design/components/text-filter";
import TokenGroup from "@cloudscape-design/components/token-group";
import { useMemo, useState } from "react";
import type { AccessLevel, ActionData, CatalogData, ServiceData } from "@/lib/iam/policy/catalog";
import { CONDITION_OPERATORS } from "@/lib/iam/policy/conditions/index";
import styles from "./policy-document-editor.module.css";
import {
  anyArn,
  emptyStatement,
  statementProblems,
  type JsonOnlyStatement,
  type VisualCondition,
  type VisualModel,
  type VisualStatement,
} from "./visual-model";

// The visual policy editor: one card per statement: a service, the actions it allows or
// denies grouped by access level, the resources (all, or ARNs per resource type) and request
// conditions. Statements it cannot represent are shown as JSON-only and kept as written.

export const ACCESS_LEVELS: readonly AccessLevel[] = ["List", "Read", "Write", "Permissions management", "Tagging"];

const OPERATORS = [...new Set(CONDITION_OPERATORS.map((op) => op.name))].sort();

export interface VisualEditorProps {
  model: VisualModel;
  onChange: (model: VisualModel) => void;
  catalog: CatalogData | null | undefined;
  /** Fills "Any in this account" ARNs. */
  accountId?: string;
}

export function VisualEditor({ model, onChange, catalog, accountId }: VisualEditorProps) {
  const services = useMemo(() => new Map((catalog?.services ?? []).map((s) => [s.prefix.toLowerCase(), s])), [catalog]);

  const update = (uid: string, next: VisualStatement) =>
    onChange({ ...model, statements: model.statements.map((s) => (s.uid === uid ? next : s)) });
  const remove = (uid: string) => onChange({ ...model, statements: model.statements.filter((s) => s.uid !== uid) });
  const add = () => onChange({ ...model, statements: [...model.statements, emptyStatement()] });

  return (
    <SpaceBetween size="l">
      {catalog === undefined && <StatusIndicator type="loading">Loading services and actions</StatusIndicator>}
      {catalog === null && (
        <Alert type="warning">The list of services and actions could not be loaded. You can still edit the policy in JSON.</Alert>
      )}
      {model.statements.map((s, i) =>
        s.kind === "visual" ? (
          <StatementEditor
            key={s.uid}
            index={i}
            statement={s}
            service={services.get(s.service.toLowerCase())}
            services={catalog?.services ?? []}
            accountId={accountId}
            onChange={(next) => update(s.uid, next)}
            onRemove={() => remove(s.uid)}
          />
        ) : (
          <JsonOnly key={s.uid} index={i} statement={s} onRemove={() => remove(s.uid)} />
        ),
      )}
      <Button iconName="add-plus" onClick={add}>
        Add more permissions
      </Button>
    </SpaceBetween>
  );
}

function JsonOnly({ index, statement, onRemove }: { index: number; statement: JsonOnlyStatement; onRemove: () => void }) {
  return (
    <Container
      header={
        <Header variant="h3" actions={<Button onClick={onRemove}>Remove</Button>} description={statement.reason}>
          {`Statement ${index + 1}: JSON only`}
        </Header>
      }
    >
      <SpaceBetween size="xs">
        <Box variant="small" color="text-body-secondary">
          The visual editor can&apos;t represent this statement. It is kept as written; edit it in the JSON editor.
        </Box>
        <pre className={styles.jsonOnly}>{JSON.stringify(statement.statement, null, 2)}</pre>
      </SpaceBetween>
    </Container>
  );
}

function StatementEditor({
  index,
  statement: s,
  service,
  services,
  accountId,
  onChange,
  onRemove,
}: {
  index: number;
  statement: VisualStatement;
  service: ServiceData | undefined;
  services: readonly ServiceData[];
  accountId?: string;
  onChange: (s: VisualStatement) => void;
  onRemove: () => void;
}) {
  const problems = statementProblems(s);
  const serviceOptions = useMemo(
    () => services.map((svc) => ({ value: svc.prefix, label: svc.name, description: svc.prefix })),
    [services],
  );
  const title = s.service ? `${s.effect} ${service?.name ?? s.service}` : "Select a service";
  const actionCount = s.allActions ? "All actions" : `${s.actions.length} action${s.actions.length === 1 ? "" : "s"}`;

  return (
    <Container
      header={
        <Header
          variant="h3"
          description={s.service ? `${actionCount} · ${s.allResources ? "All resources" : `${s.resources.length} resource ARNs`}` : undefined}
          actions={<Button onClick={onRemove}>Remove</Button>}
        >
          {`Statement ${index + 1}: ${title}`}
        </Header>
      }
    >
      <SpaceBetween size="l">
        <FormField label="Service" description="Specify what actions can be performed on specific resources in a service." errorText={problems.service}>
          <Select
            selectedOption={s.service ? { value: s.service, label: service?.name ?? s.service, description: s.service } : null}
            onChange={({ detail }) =>
              onChange({
                ...s,
                service: detail.selectedOption.value ?? "",
                allActions: false,
                actions: [],
                resources: [],
                conditions: [],
              })
            }
            options={serviceOptions}
            filteringType="auto"
            placeholder="Choose a service"
            ariaLabel={`Service of statement ${index + 1}`}
            empty="No services"
          />
        </FormField>
        {!!s.service && (
          <SpaceBetween size="l">
            <FormField label="Effect">
              <RadioGroup
                value={s.effect}
                onChange={({ detail }) => onChange({ ...s, effect: detail.value === "Deny" ? "Deny" : "Allow" })}
                items={[
                  { value: "Allow", label: "Allow" },
                  { value: "Deny", label: "Deny" },
                ]}
                ariaLabel={`Effect of statement ${index + 1}`}
              />
            </FormField>
            <ActionsField statement={s} service={service} onChange={onChange} errorText={problems.actions} />
            <ResourcesField statement={s} service={service} accountId={accountId} onChange={onChange} errorText={problems.resources} />
            <ConditionsField statement={s} service={service} onChange={onChange} />
          </SpaceBetween>
        )}
      </SpaceBetween>
    </Container>
  );
}

function ActionsField({
  statement: s,
  service,
  onChange,
  errorText,
}: {
  statement: VisualStatement;
  service: ServiceData | undefined;
  onChange: (s: VisualStatement) => void;
  errorText?: string;
}) {
  const [filter, setFilter] = useState("");
  const chosen = useMemo(() => new Set(s.actions.map((a) => a.toLowerCase())), [s.actions]);
  const byLevel = useMemo(() => {
    const groups = new Map<AccessLevel, ActionData[]>(ACCESS_LEVELS.map((l) => [l, []]));
    for (const a of service?.actions ?? []) groups.get(a[1])?.push(a);
    return groups;
  }, [service]);
  const needle = filter.trim().toLowerCase();
  // Only once the catalog is here: until then every action would look unknown.
  const unknown = service ? s.actions.filter((a) => !service.actions.some(([name]) => name.toLowerCase() === a.toLowerCase())) : [];

  const setActions = (names: string[]) => onChange({ ...s, allActions: false, actions: names });
  const toggle = (name: string, on: boolean) =>
    setActions(on ? [...s.actions, name] : s.actions.filter((a) => a.toLowerCase() !== name.toLowerCase()));
  const toggleLevel = (actions: ActionData[], on: boolean) => {
    const names = new Set(actions.map(([n]) => n.toLowerCase()));
    const rest = s.actions.filter((a) => !names.has(a.toLowerCase()));
    setActions(on ? [...rest, ...actions.map(([n]) => n)] : rest);
  };

  return (
    <FormField label="Actions allowed" description="Specify actions from the service to be allowed." errorText={errorText} stretch>
      <SpaceBetween size="s">
        <Checkbox checked={s.allActions} onChange={({ detail }) => onChange({ ...s, allActions: detail.checked, actions: [] })}>
          {`All ${service?.name ?? s.service} actions (${s.service}:*)`}
        </Checkbox>
        {!s.allActions && (
          <>
            <TextFilter
              filteringText={filter}
              onChange={({ detail }) => setFilter(detail.filteringText)}
              filteringPlaceholder="Filter actions"
              filteringAriaLabel="Filter actions"
            />
            <Box variant="awsui-key-label">Access level</Box>
            {ACCESS_LEVELS.map((level) => {
              const all = byLevel.get(level) ?? [];
              if (all.length === 0) return null;
              const shown = needle ? all.filter(([n]) => n.toLowerCase().includes(needle)) : all;
              if (shown.length === 0) return null;
              const count = all.filter(([n]) => chosen.has(n.toLowerCase())).length;
              return (
                <ExpandableSection
                  key={level}
                  headerText={`${level} (${count}/${all.length})`}
                  defaultExpanded={count > 0 || !!needle}
                  variant="footer"
                >
                  <SpaceBetween size="xs">
                    <Checkbox
                      checked={count === all.length}
                      indeterminate={count > 0 && count < all.length}
                      onChange={({ detail }) => toggleLevel(all, detail.checked)}
                    >
                      {`All ${level.toLowerCase()} actions`}
                    </Checkbox>
                    <div className={styles.actionGrid}>
                      {shown.map(([name, , description]) => (
                        <Checkbox
                          key={name}
                          checked={chosen.has(name.toLowerCase())}
                          onChange={({ detail }) => toggle(name, detail.checked)}
                          description={description}
                        >
                          {name}
                        </Checkbox>
                      ))}
                    </div>
                  </SpaceBetween>
                </ExpandableSection>
              );
            })}
            {unknown.length > 0 && (
              <Alert type="warning" header="Unrecognized actions">
                {`These actions are not in the ${s.service} catalog: ${unknown.join(", ")}.`}
              </Alert>
            )}
          </>
        )}
      </SpaceBetween>
    </FormField>
  );
}

/** The resource types the chosen actions apply to, with their ARN formats. */
function resourceTypesOf(s: VisualStatement, service: ServiceData | undefined): { name: string; arnFormat: string }[] {
  if (!service) return [];
  const names = new Set<string>();
  const chosen = new Set(s.actions.map((a) => a.toLowerCase()));
  for (const [name, , , types = []] of service.actions) {
    if (!s.allActions && !chosen.has(name.toLowerCase())) continue;
    for (const t of types) names.add(t.replace(/\*$/, ""));
  }
  return service.resourceTypes.filter(([name]) => names.has(name)).map(([name, arnFormat]) => ({ name, arnFormat }));
}

function ResourcesField({
  statement: s,
  service,
  accountId,
  onChange,
  errorText,
}: {
  statement: VisualStatement;
  service: ServiceData | undefined;
  accountId?: string;
  onChange: (s: VisualStatement) => void;
  errorText?: string;
}) {
  const types = resourceTypesOf(s, service);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [other, setOther] = useState("");

  const addArn = (arn: string) => {
    const value = arn.trim();
    if (!value || s.resources.includes(value)) return;
    onChange({ ...s, allResources: false, resources: [...s.resources, value] });
  };
  const arnError = (text: string) => (text.trim() && !text.trim().startsWith("arn:") ? "An ARN starts with arn:" : undefined);

  return (
    <FormField
      label="Resources"
      description="Specify resource ARNs for these actions, or allow them on all resources."
      errorText={errorText}
      stretch
    >
      <SpaceBetween size="s">
        <RadioGroup
          value={s.allResources ? "all" : "specific"}
          onChange={({ detail }) => onChange({ ...s, allResources: detail.value === "all", resources: detail.value === "all" ? [] : s.resources })}
          items={[
            { value: "specific", label: "Specific", description: "Limit the actions to the resources you add." },
            { value: "all", label: "All", description: "Allow the actions on all resources (Resource: *)." },
          ]}
          ariaLabel="Resources"
        />
        {!s.allResources && (
          <>
            {s.resources.length > 0 && (
              <TokenGroup
                items={s.resources.map((r) => ({ label: r, dismissLabel: `Remove ${r}` }))}
                onDismiss={({ detail }) => onChange({ ...s, resources: s.resources.filter((_, i) => i !== detail.itemIndex) })}
              />
            )}
            {types.length === 0 && (
              <Box variant="small" color="text-body-secondary">
                {s.allActions || s.actions.length > 0
                  ? "The chosen actions do not name a resource type: add an ARN below, or choose All."
                  : "Choose actions to see the resource types they apply to."}
              </Box>
            )}
            {types.map((t) => {
              const any = anyArn(t.arnFormat, accountId);
              const draft = drafts[t.name] ?? "";
              return (
                <FormField
                  key={t.name}
                  label={t.name}
                  description={t.arnFormat.replace("${Partition}", "aws")}
                  errorText={arnError(draft)}
                  secondaryControl={
                    <Checkbox
                      checked={s.resources.includes(any)}
                      onChange={({ detail }) =>
                        detail.checked ? addArn(any) : onChange({ ...s, resources: s.resources.filter((r) => r !== any) })
                      }
                    >
                      Any in this account
                    </Checkbox>
                  }
                >
                  <div className={styles.arnRow}>
                    <Input
                      value={draft}
                      onChange={({ detail }) => setDrafts({ ...drafts, [t.name]: detail.value })}
                      placeholder={t.arnFormat.replace("${Partition}", "aws")}
                      ariaLabel={`ARN of ${t.name}`}
                    />
                    <Button
                      onClick={() => {
                        if (arnError(draft)) return;
                        addArn(draft);
                        setDrafts({ ...drafts, [t.name]: "" });
                      }}
                      disabled={!draft.trim()}
                    >
                      Add ARN
                    </Button>
                  </div>
                </FormField>
              );
            })}
            {types.length === 0 && (
              <FormField label="ARN" errorText={arnError(other)}>
                <div className={styles.arnRow}>
                  <Input value={other} onChange={({ detail }) => setOther(detail.value)} placeholder="arn:aws:…" ariaLabel="Resource ARN" />
                  <Button
                    onClick={() => {
                      if (arnError(other)) return;
                      addArn(other);
                      setOther("");
                    }}
                    disabled={!other.trim()}
                  >
                    Add ARN
                  </Button>
                </div>
              </FormField>
            )}
          </>
        )}
      </SpaceBetween>
    </FormField>
  );
}

function ConditionsField({
  statement: s,
  service,
  onChange,
}: {
  statement: VisualStatement;
  service: ServiceData | undefined;
  onChange: (s: VisualStatement) => void;
}) {
  const keyOptions = useMemo(() => (service?.conditionKeys ?? []).map(([key, type]) => ({ value: key, description: type })), [service]);
  const set = (i: number, c: VisualCondition) => onChange({ ...s, conditions: s.conditions.map((x, j) => (j === i ? c : x)) });
  return (
    <ExpandableSection headerText={`Request conditions - optional (${s.conditions.length})`} defaultExpanded={s.conditions.length > 0}>
      <SpaceBetween size="s">
        {s.conditions.map((c, i) => (
          <ColumnLayout key={i} columns={4}>
            <FormField label="Condition key" errorText={c.key ? undefined : "Enter a condition key."}>
              <Autosuggest
                value={c.key}
                onChange={({ detail }) => set(i, { ...c, key: detail.value })}
                options={keyOptions}
                placeholder="aws:RequestedRegion"
                enteredTextLabel={(v) => `Use: "${v}"`}
                ariaLabel="Condition key"
                empty="No keys"
              />
            </FormField>
            <FormField label="Qualifier and operator">
              <Select
                selectedOption={{ value: c.operator, label: c.operator }}
                onChange={({ detail }) => set(i, { ...c, operator: detail.selectedOption.value ?? "StringEquals" })}
                options={OPERATORS.map((o) => ({ value: o, label: o }))}
                filteringType="auto"
                ariaLabel="Operator"
              />
            </FormField>
            <FormField label="Value" description="Separate values with commas.">
              <ValuesInput values={c.values} onChange={(values) => set(i, { ...c, values })} />
            </FormField>
            <Box padding={{ top: "l" }}>
              <Button onClick={() => onChange({ ...s, conditions: s.conditions.filter((_, j) => j !== i) })}>Remove</Button>
            </Box>
          </ColumnLayout>
        ))}
        <Button
          iconName="add-plus"
          onClick={() => onChange({ ...s, conditions: [...s.conditions, { operator: "StringEquals", key: "", values: [] }] })}
        >
          Add a condition
        </Button>
      </SpaceBetween>
    </ExpandableSection>
  );
}

/** Comma-separated values, kept as typed while the statement holds the list. */
function ValuesInput({ values, onChange }: { values: string[]; onChange: (values: string[]) => void }) {
  const [text, setText] = useState(values.join(", "));
  return (
    <Input
      value={text}
      onChange={({ detail }) => {
        setText(detail.value);
        onChange(
          detail.value
            .split(",")
            .map((v) => v.trim())
            .filter((v) => v !== ""),
        );
      }}
      ariaLabel="Condition value"
    />
  );
}
