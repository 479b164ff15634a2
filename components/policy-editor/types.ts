// The PolicyEditor's props, importable without loading Monaco (the editor itself is loaded
// with next/dynamic only where it is rendered).

/**
 * Where a document is used: picks the validator's rules and the size quota. "identity" is any
 * identity-based policy (e.g. a simulator input); the others are IAM's stored document kinds.
 */
export type PolicyEditorDocumentKind = "identity" | "managed" | "inline-user" | "inline-group" | "inline-role" | "session" | "trust";

/** 1-based line and column, end exclusive (as lib/iam/policy's SourceRange and Monaco count). */
export interface EditorRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

export interface EditorHighlight {
  range: EditorRange;
  /** The colour: allow (green), deny (red) or neutral (blue). */
  tone?: "allow" | "deny" | "neutral";
  /** Shown when hovering the highlighted text. */
  label?: string;
}

export interface PolicyEditorProps {
  /** The document. */
  value: string;
  /** Called with the new text on every edit. */
  onChange?: (value: string) => void;
  /** Read-only (AWS managed policies, viewing): no editing, a Copy button instead of Format. */
  readOnly?: boolean;
  /** The accessible name of the editor, e.g. "Policy document of AmazonS3ReadOnlyAccess". */
  ariaLabel: string;
  /** id of the editing area, for a FormField's controlId. */
  id?: string;
  /** Picks the validation rules; "identity" by default. */
  documentKind?: PolicyEditorDocumentKind;
  /** Validate as you type and show markers; on by default when editable. */
  validate?: boolean;
  /** The size limit in characters, whitespace excluded; by default the document kind's IAM quota (6,144 for managed policies). */
  sizeLimit?: number;
  /** Height of the editing area in pixels; 360 by default. */
  height?: number;
  /** Ranges to highlight, e.g. the statements a simulation matched. The first is scrolled into view. */
  highlights?: readonly EditorHighlight[];
  /** Called after validation with the counts, e.g. to block a submit while there are errors. */
  onValidate?: (summary: ValidationSummary) => void;
  /** A range to select and scroll to when the editor opens, e.g. a finding's location from a link (see reveal-range.ts). */
  revealRange?: EditorRange;
}

export interface ValidationSummary {
  errors: number;
  securityWarnings: number;
  warnings: number;
  suggestions: number;
  /** Characters without whitespace, as IAM counts against the size limit. */
  characters: number;
  overLimit: boolean;
}

export interface PolicyDiffEditorProps {
  original: string;
  modified: string;
  /** The accessible name, e.g. "Differences between version v1 and v2". */
  ariaLabel: string;
  /** Labels above each side, e.g. "Version v1" / "Version v2 (default)". */
  originalLabel?: string;
  modifiedLabel?: string;
  /** Side by side (default) or inline. */
  inline?: boolean;
  height?: number;
}
