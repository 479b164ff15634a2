"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import CopyToClipboard from "@cloudscape-design/components/copy-to-clipboard";
import Link from "@cloudscape-design/components/link";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import { useDeferredValue, useEffect, useMemo, useRef } from "react";
import { useCatalogData } from "./use-catalog-data";
import { monaco, newPolicyModelUri, setUpMonaco } from "./monaco-setup";
import styles from "./policy-editor.module.css";
import type { EditorHighlight, PolicyEditorProps, ValidationSummary } from "./types";
import {
  defaultSizeLimit,
  policyCharacterCount,
  policyFindings,
  validationCatalog,
  type EditorFinding,
  type EditorFindingType,
} from "./validation";

// The policy editor itself (Monaco). Pages import it from ./index, which loads this module
// with next/dynamic only when an editor is rendered.

const MARKER_OWNER = "iam-policy";
/** The smallest read-only editor, in pixels: a few lines. */
const MIN_HEIGHT = 60;

const FINDING_LABELS: Record<EditorFindingType, string> = {
  SECURITY_WARNING: "Security",
  ERROR: "Errors",
  WARNING: "Warnings",
  SUGGESTION: "Suggestions",
};

const FINDING_STATUS = {
  SECURITY_WARNING: "warning",
  ERROR: "error",
  WARNING: "warning",
  SUGGESTION: "info",
} as const satisfies Record<EditorFindingType, string>;

function markerSeverity(type: EditorFindingType): monaco.MarkerSeverity {
  switch (type) {
    case "ERROR":
      return monaco.MarkerSeverity.Error;
    case "SECURITY_WARNING":
    case "WARNING":
      return monaco.MarkerSeverity.Warning;
    case "SUGGESTION":
      return monaco.MarkerSeverity.Info;
  }
}

const HIGHLIGHT_CLASSES = {
  allow: { text: styles.highlightAllow, gutter: styles.gutterAllow, ruler: "#008200" },
  deny: { text: styles.highlightDeny, gutter: styles.gutterDeny, ruler: "#d0021b" },
  neutral: { text: styles.highlightNeutral, gutter: styles.gutterNeutral, ruler: "#006ce0" },
} as const;

export default function PolicyEditor({
  value,
  onChange,
  readOnly = false,
  ariaLabel,
  id,
  documentKind = "identity",
  validate,
  sizeLimit,
  height = 360,
  highlights,
  onValidate,
  revealRange,
}: PolicyEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorationsRef = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  // Create the editor once; props are applied by the effects below.
  const initial = useRef({ value, readOnly, ariaLabel, height });
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const m = setUpMonaco();
    const model = m.editor.createModel(initial.current.value, "json", newPolicyModelUri());
    const editor = m.editor.create(element, {
      model,
      readOnly: initial.current.readOnly,
      readOnlyMessage: { value: "This policy is read-only." },
      ariaLabel: initial.current.ariaLabel,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 14,
      tabSize: 4,
      insertSpaces: true,
      wordWrap: "on",
      fixedOverflowWidgets: true,
      renderLineHighlight: "line",
      stickyScroll: { enabled: false },
      // A Tab moves on to the next field instead of being typed: keyboard users can leave.
      tabFocusMode: false,
      quickSuggestions: { strings: true, other: true, comments: false },
      suggest: { showWords: false },
    });
    editorRef.current = editor;
    decorationsRef.current = editor.createDecorationsCollection();
    const subscription = model.onDidChangeContent(() => onChangeRef.current?.(model.getValue()));
    // A read-only document takes the room it needs, up to the given height.
    const fit = () => {
      if (!initial.current.readOnly) return;
      element.style.height = `${Math.min(Math.max(editor.getContentHeight(), MIN_HEIGHT), initial.current.height)}px`;
    };
    const sizing = editor.onDidContentSizeChange(fit);
    fit();
    return () => {
      sizing.dispose();
      subscription.dispose();
      decorationsRef.current = null;
      editorRef.current = null;
      editor.dispose();
      model.dispose();
    };
  }, []);

  // A new value from the parent (another policy to show): replace the text, keeping undo.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === value) return;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
  }, [value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly, ariaLabel });
  }, [readOnly, ariaLabel]);

  // ---- Validation: the same validator as the server, on the text as it settles ----
  const shouldValidate = validate ?? !readOnly;
  // The catalog adds the checks of actions, resources and condition keys once it is here.
  const catalogData = useCatalogData(shouldValidate);
  const catalog = useMemo(() => (shouldValidate && catalogData ? validationCatalog(catalogData) : undefined), [shouldValidate, catalogData]);
  const limit = sizeLimit ?? defaultSizeLimit(documentKind);
  const settled = useDeferredValue(value);
  const findings = useMemo(
    () => (shouldValidate ? policyFindings(settled, documentKind, catalog, limit) : []),
    [shouldValidate, settled, documentKind, catalog, limit],
  );
  const characters = useMemo(() => policyCharacterCount(settled), [settled]);
  const summary: ValidationSummary = {
    errors: findings.filter((f) => f.type === "ERROR").length,
    securityWarnings: findings.filter((f) => f.type === "SECURITY_WARNING").length,
    warnings: findings.filter((f) => f.type === "WARNING").length,
    suggestions: findings.filter((f) => f.type === "SUGGESTION").length,
    characters,
    overLimit: limit !== undefined && characters > limit,
  };
  const summaryKey = JSON.stringify(summary);
  const onValidateRef = useRef(onValidate);
  useEffect(() => {
    onValidateRef.current = onValidate;
  }, [onValidate]);
  useEffect(() => {
    onValidateRef.current?.(JSON.parse(summaryKey) as ValidationSummary);
  }, [summaryKey]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      findings.flatMap((f) =>
        f.range
          ? [
              {
                severity: markerSeverity(f.type),
                message: f.message,
                code: f.code,
                source: FINDING_LABELS[f.type],
                startLineNumber: f.range.start.line,
                startColumn: f.range.start.column,
                endLineNumber: f.range.end.line,
                endColumn: Math.max(f.range.end.column, f.range.start.column + 1),
              },
            ]
          : [],
      ),
    );
  }, [findings]);

  // ---- Highlights (matched statements) ----
  const highlightsKey = JSON.stringify(highlights ?? []);
  useEffect(() => {
    const editor = editorRef.current;
    const decorations = decorationsRef.current;
    if (!editor || !decorations) return;
    const list = JSON.parse(highlightsKey) as EditorHighlight[];
    decorations.set(
      list.map((h) => {
        const look = HIGHLIGHT_CLASSES[h.tone ?? "neutral"];
        return {
          range: new monaco.Range(h.range.start.line, h.range.start.column, h.range.end.line, h.range.end.column),
          options: {
            className: look.text,
            linesDecorationsClassName: look.gutter,
            ...(h.label ? { hoverMessage: { value: h.label } } : {}),
            overviewRuler: { color: look.ruler, position: monaco.editor.OverviewRulerLane.Full },
          },
        };
      }),
    );
    const first = list[0];
    if (first) {
      editor.revealRangeNearTopIfOutsideViewport(
        new monaco.Range(first.range.start.line, first.range.start.column, first.range.end.line, first.range.end.column),
      );
    }
  }, [highlightsKey]);

  // ---- A range to show: selected, in the middle of the editor, with the focus there ----
  const revealKey = revealRange ? JSON.stringify(revealRange) : "";
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || !revealKey) return;
    const r = JSON.parse(revealKey) as NonNullable<PolicyEditorProps["revealRange"]>;
    const range = model.validateRange(new monaco.Range(r.start.line, r.start.column, r.end.line, r.end.column));
    editor.setSelection(range);
    editor.revealRangeInCenter(range);
    editor.focus();
  }, [revealKey]);

  const goTo = (finding: EditorFinding) => {
    const editor = editorRef.current;
    if (!editor || !finding.range) return;
    editor.setPosition({ lineNumber: finding.range.start.line, column: finding.range.start.column });
    editor.revealPositionInCenterIfOutsideViewport({ lineNumber: finding.range.start.line, column: finding.range.start.column });
    editor.focus();
  };

  const format = () => {
    void editorRef.current?.getAction("editor.action.formatDocument")?.run();
  };

  const count = characters.toLocaleString("en-US");

  return (
    <div role="group" aria-label={ariaLabel}>
      <SpaceBetween size="xs">
        <div className={styles.toolbar}>
          <Box variant="small" color="text-body-secondary">
            {readOnly ? "JSON (read-only)" : "JSON"}
          </Box>
          {readOnly ? (
            <CopyToClipboard
              variant="button"
              textToCopy={value}
              copyButtonText="Copy"
              copyButtonAriaLabel={`Copy ${ariaLabel}`}
              copySuccessText="Policy copied"
              copyErrorText="Policy failed to copy"
            />
          ) : (
            <Button onClick={format} ariaLabel={`Format ${ariaLabel}`}>
              Format
            </Button>
          )}
        </div>
        <div className={styles.frame}>
          <div id={id} ref={container} className={styles.editor} style={{ height }} />
        </div>
        <div className={styles.statusBar}>
          {shouldValidate ? (
            <div className={styles.counts} aria-label="Policy validation" role="status">
              {(["SECURITY_WARNING", "ERROR", "WARNING", "SUGGESTION"] as const).map((type) => {
                const n = findings.filter((f) => f.type === type).length;
                return (
                  <StatusIndicator key={type} type={n > 0 ? FINDING_STATUS[type] : "success"} colorOverride={n > 0 ? undefined : "grey"}>
                    {FINDING_LABELS[type]}: {n}
                  </StatusIndicator>
                );
              })}
            </div>
          ) : (
            <span />
          )}
          <Box variant="small" color={summary.overLimit ? "text-status-error" : "text-body-secondary"}>
            {limit !== undefined ? `Character count: ${count} of ${limit.toLocaleString("en-US")}` : `Character count: ${count}`}
            {summary.overLimit && " — the policy exceeds the size limit (whitespace is not counted)."}
          </Box>
        </div>
        {shouldValidate && findings.length > 0 && (
          <ul className={styles.findings} aria-label="Policy findings">
            {findings.map((f, i) => (
              <li key={`${f.code}-${i}`}>
                <StatusIndicator type={FINDING_STATUS[f.type]} iconAriaLabel={FINDING_LABELS[f.type]} />
                {f.range ? (
                  <span className={styles.location}>
                    <Button variant="inline-link" onClick={() => goTo(f)} ariaLabel={`Go to line ${f.range.start.line}, column ${f.range.start.column}`}>
                      Ln {f.range.start.line}, Col {f.range.start.column}
                    </Button>
                  </span>
                ) : null}
                <Box variant="span" fontSize="body-s">
                  {f.message}{" "}
                  {f.learnMoreLink && (
                    <Link href={f.learnMoreLink} external fontSize="body-s">
                      Learn more
                    </Link>
                  )}
                </Box>
              </li>
            ))}
          </ul>
        )}
      </SpaceBetween>
    </div>
  );
}
