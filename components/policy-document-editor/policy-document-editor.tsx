"use client";

import Alert from "@cloudscape-design/components/alert";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SegmentedControl from "@cloudscape-design/components/segmented-control";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState } from "react";
import { PolicyEditor, type EditorRange, type PolicyEditorDocumentKind, type ValidationSummary } from "@/components/policy-editor";
import { useCatalogData } from "@/components/policy-editor/use-catalog-data";
import { VisualEditor } from "./visual-editor";
import { parseVisualModel, serializeVisualModel, type VisualModel } from "./visual-model";

// SHARED COMPONENT — the console's "Policy editor" with its Visual | JSON toggle, for managed
// and inline identity policies (create policy, edit a policy, create an inline policy). Both
// views edit the same document: `value` is the JSON text, and the visual view reads and
// writes it; switching keeps it. The JSON view is the one PolicyEditor (Monaco), which stays
// mounted so that its validation keeps reporting through onValidate in either view.
//
//   const [doc, setDoc] = useState(initial);
//   <PolicyDocumentEditor value={doc} onChange={setDoc} documentKind="managed" onValidate={setSummary} />

export type PolicyEditorMode = "visual" | "json";

export interface PolicyDocumentEditorProps {
  value: string;
  onChange: (value: string) => void;
  documentKind?: PolicyEditorDocumentKind;
  onValidate?: (summary: ValidationSummary) => void;
  /** Which view opens first; the console opens the visual editor for a new policy. */
  initialMode?: PolicyEditorMode;
  /** Fills "Any in this account" ARNs in the visual view. */
  accountId?: string;
  /** The container's header; "Policy editor" by default. */
  header?: string;
  /** A place in the JSON to select when the editor opens (the JSON view opens first then). */
  revealRange?: EditorRange;
}

export function PolicyDocumentEditor({
  value,
  onChange,
  documentKind = "managed",
  onValidate,
  initialMode = "visual",
  accountId,
  header = "Policy editor",
  revealRange,
}: PolicyDocumentEditorProps) {
  const [mode, setMode] = useState<PolicyEditorMode>(revealRange ? "json" : initialMode);
  const catalog = useCatalogData();
  // The visual view's own model: it holds statements still being filled in, which the JSON
  // cannot. It is read again from the text whenever the text changed elsewhere.
  const [visual, setVisual] = useState(() => ({ text: value, parsed: parseVisualModel(value) }));
  if (visual.text !== value) setVisual({ text: value, parsed: parseVisualModel(value) });

  const changeModel = (model: VisualModel) => {
    const text = serializeVisualModel(model);
    setVisual({ text, parsed: { ok: true, model } });
    onChange(text);
  };

  return (
    <Container
      header={
        <Header
          variant="h2"
          actions={
            <SegmentedControl
              selectedId={mode}
              onChange={({ detail }) => setMode(detail.selectedId === "json" ? "json" : "visual")}
              label="Policy editor"
              options={[
                { id: "visual", text: "Visual" },
                { id: "json", text: "JSON" },
              ]}
            />
          }
        >
          {header}
        </Header>
      }
    >
      <SpaceBetween size="l">
        {mode === "visual" &&
          (visual.parsed.ok ? (
            <VisualEditor model={visual.parsed.model} onChange={changeModel} catalog={catalog} accountId={accountId} />
          ) : (
            <Alert type="warning" header="The visual editor can't show this policy">
              {visual.parsed.reason}
            </Alert>
          ))}
        <div hidden={mode !== "json"}>
          <PolicyEditor
            value={value}
            onChange={onChange}
            documentKind={documentKind}
            onValidate={onValidate}
            ariaLabel="Policy editor"
            height={440}
            revealRange={revealRange}
          />
        </div>
      </SpaceBetween>
    </Container>
  );
}
