"use client";

import StatusIndicator from "@cloudscape-design/components/status-indicator";
import dynamic from "next/dynamic";
import styles from "./policy-editor.module.css";
import type { PolicyDiffEditorProps, PolicyEditorProps } from "./types";

// The policy editor and the diff view, loaded on demand: Monaco is only downloaded by pages that
// render one of these, and never on the server.
//
//   <PolicyEditor value={doc} onChange={setDoc} ariaLabel="Policy editor" sizeLimit={6144} />
//   <PolicyEditor value={doc} readOnly ariaLabel="AmazonS3ReadOnlyAccess" highlights={matched} />
//   <PolicyDiffEditor original={v1} modified={v2} ariaLabel="Changes from v1 to v2" />

export type {
  EditorHighlight,
  EditorRange,
  PolicyDiffEditorProps,
  PolicyEditorDocumentKind,
  PolicyEditorProps,
  ValidationSummary,
} from "./types";

function Loading({ height }: { height: number }) {
  return (
    <div className={styles.placeholder} style={{ height }}>
      <StatusIndicator type="loading">Loading editor</StatusIndicator>
    </div>
  );
}

const LazyPolicyEditor = dynamic(() => import("./policy-editor"), {
  ssr: false,
  loading: () => <Loading height={400} />,
});

const LazyPolicyDiffEditor = dynamic(() => import("./policy-diff-editor"), {
  ssr: false,
  loading: () => <Loading height={400} />,
});

export function PolicyEditor(props: PolicyEditorProps) {
  return <LazyPolicyEditor {...props} />;
}

export function PolicyDiffEditor(props: PolicyDiffEditorProps) {
  return <LazyPolicyDiffEditor {...props} />;
}
