"use client";

import Box from "@cloudscape-design/components/box";
import { useEffect, useRef } from "react";
import { monaco, newPolicyModelUri, setUpMonaco } from "./monaco-setup";
import styles from "./policy-editor.module.css";
import type { PolicyDiffEditorProps } from "./types";

// Two policy documents side by side (or inline) with their differences marked: policy
// versions, or a document before and after an edit. Read-only. Loaded through ./index.

export default function PolicyDiffEditor({ original, modified, ariaLabel, originalLabel, modifiedLabel, inline = false, height = 400 }: PolicyDiffEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const initial = useRef({ original, modified, ariaLabel, inline });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const m = setUpMonaco();
    const models = {
      original: m.editor.createModel(initial.current.original, "json", newPolicyModelUri()),
      modified: m.editor.createModel(initial.current.modified, "json", newPolicyModelUri()),
    };
    const editor = m.editor.createDiffEditor(element, {
      readOnly: true,
      originalEditable: false,
      renderSideBySide: !initial.current.inline,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 14,
      wordWrap: "on",
      ariaLabel: initial.current.ariaLabel,
      originalAriaLabel: `${initial.current.ariaLabel}: original`,
      modifiedAriaLabel: `${initial.current.ariaLabel}: modified`,
      readOnlyMessage: { value: "The comparison is read-only." },
    });
    editor.setModel(models);
    editorRef.current = editor;
    return () => {
      editorRef.current = null;
      editor.dispose();
      models.original.dispose();
      models.modified.dispose();
    };
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    if (model.original.getValue() !== original) model.original.setValue(original);
    if (model.modified.getValue() !== modified) model.modified.setValue(modified);
  }, [original, modified]);

  useEffect(() => {
    editorRef.current?.updateOptions({ renderSideBySide: !inline });
  }, [inline]);

  return (
    <div role="group" aria-label={ariaLabel}>
      {(originalLabel || modifiedLabel) && !inline && (
        <div className={styles.diffLabels}>
          <Box variant="awsui-key-label">{originalLabel}</Box>
          <Box variant="awsui-key-label">{modifiedLabel}</Box>
        </div>
      )}
      <div className={styles.frame}>
        <div ref={container} className={styles.editor} style={{ height }} />
      </div>
    </div>
  );
}
