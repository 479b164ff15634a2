"use client";

import AttributeEditor from "@cloudscape-design/components/attribute-editor";
import Box from "@cloudscape-design/components/box";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import Select from "@cloudscape-design/components/select";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { deniedAction } from "@/components/permission-alert";
import { CONTEXT_KEY_TYPES } from "@/lib/iam/policy";
import type { ContextKeyRow } from "./simulation-view";

// The third part: the request context. The keys the chosen policies refer to are listed (from
// GetContextKeysFor…Policy); a key with values is sent as a ContextEntry, one without is not
// (the simulator then reports it as a missing context value).

const MAX_ROWS = 100;

const TYPE_OPTIONS = CONTEXT_KEY_TYPES.map((type) => ({ label: type, value: type }));

export function ContextKeysEditor({
  rows,
  onChange,
  loading,
  listingDenied,
  fieldError,
}: {
  rows: readonly ContextKeyRow[];
  onChange: (rows: ContextKeyRow[]) => void;
  loading: boolean;
  /** The AccessDenied message when the keys the policies refer to could not be listed. */
  listingDenied?: string;
  fieldError?: string;
}) {
  const update = (index: number, change: Partial<ContextKeyRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <Container
      header={
        <Header
          variant="h2"
          counter={rows.length > 0 ? `(${rows.length})` : undefined}
          description="Values for the condition keys and policy variables of the request. Keys the policies refer to are listed; a key left without a value is missing from the request."
          actions={loading ? <StatusIndicator type="loading">Finding context keys</StatusIndicator> : undefined}
        >
          Context keys
        </Header>
      }
    >
      {listingDenied && (
        <Box margin={{ bottom: "m" }}>
          <StatusIndicator type="warning">
            You don&apos;t have permission to {deniedAction(listingDenied) ?? "list the context keys"}, so the keys the policies refer to are not
            listed. Add the keys you need by hand.
          </StatusIndicator>
        </Box>
      )}
      <AttributeEditor<ContextKeyRow>
        items={rows}
        addButtonText="Add context key"
        removeButtonText="Remove"
        removeButtonAriaLabel={(row) => `Remove context key ${row.key || "(new)"}`}
        disableAddButton={rows.length >= MAX_ROWS}
        onAddButtonClick={() => onChange([...rows, { key: "", type: "string", values: "", referenced: false }])}
        onRemoveButtonClick={({ detail }) => onChange(rows.filter((_, i) => i !== detail.itemIndex))}
        empty="The policies refer to no context keys. Add a key to test a condition of your own."
        additionalInfo={
          fieldError ? (
            <Box color="text-status-error">{fieldError}</Box>
          ) : (
            "Separate several values with commas. Types ending in List take several values."
          )
        }
        definition={[
          {
            label: "Key",
            control: (row, i) => (
              <Input
                value={row.key}
                onChange={({ detail }) => update(i, { key: detail.value })}
                placeholder="aws:MultiFactorAuthPresent"
                ariaLabel={`Context key ${i + 1}`}
                spellcheck={false}
              />
            ),
          },
          {
            label: "Type",
            control: (row, i) => (
              <Select
                selectedOption={{ label: row.type, value: row.type }}
                onChange={({ detail }) => update(i, { type: CONTEXT_KEY_TYPES.find((t) => t === detail.selectedOption.value) ?? "string" })}
                options={TYPE_OPTIONS}
                ariaLabel={`Type of ${row.key || `context key ${i + 1}`}`}
              />
            ),
          },
          {
            label: "Values",
            control: (row, i) => (
              <Input
                value={row.values}
                onChange={({ detail }) => update(i, { values: detail.value })}
                placeholder={row.type.startsWith("boolean") ? "true or false" : row.type.endsWith("List") ? "value1, value2" : "Value"}
                ariaLabel={`Values of ${row.key || `context key ${i + 1}`}`}
                spellcheck={false}
              />
            ),
          },
        ]}
      />
    </Container>
  );
}
