"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionErrorAlert } from "@/components/action-error-alert";
import { ActionModal } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { Copyable } from "@/components/copyable";
import { DeleteModal } from "@/components/delete-modal";
import { useDeleteDialog } from "@/components/delete-modal/use-delete-dialog";
import { useActionSubmit } from "@/components/use-action-submit";
import { TrackingPeriodField } from "@/components/access-analyzer/tracking-period-field";
import { readTrackingPeriod } from "@/lib/iam/access-analyzer/analyzer-rules";
import { removeAnalyzer, saveTrackingPeriod } from "./actions";

// The analyzer's settings under its findings: name, ARN, tracking period and when it last
// scanned; "Edit" changes the tracking period (the analyzer scans again with it) and "Delete"
// removes the analyzer with its findings.

export interface AnalyzerView {
  name: string;
  arn: string;
  unusedAccessAge: number;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
  /** "5 minutes ago", or "-" before the first scan. */
  lastScanned: string;
}

export function AnalyzerSettings({ analyzer }: { analyzer: AnalyzerView }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [editing, setEditing] = useState(false);
  const deletion = useDeleteDialog(
    (name: string) => removeAnalyzer(name),
    ({ message }) => {
      if (message) notify({ type: "success", content: message });
      router.refresh();
    },
  );

  return (
    <section aria-label="Analyzer settings">
      <Container
        header={
          <Header
            variant="h2"
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={() => deletion.open(analyzer.name)}>Delete</Button>
                <Button onClick={() => setEditing(true)}>Edit</Button>
              </SpaceBetween>
            }
          >
            Analyzer settings
          </Header>
        }
      >
        <KeyValuePairs
          columns={3}
          items={[
            { label: "Analyzer name", value: analyzer.name },
            { label: "Type", value: "Unused access, current account" },
            { label: "Tracking period", value: `${analyzer.unusedAccessAge} days` },
            { label: "ARN", value: <Copyable text={analyzer.arn} what="ARN" /> },
            { label: "Created", value: analyzer.created },
            { label: "Last scanned", value: analyzer.lastScanned },
          ]}
        />
      </Container>
      <TrackingPeriodModal
        key={String(editing)}
        visible={editing}
        analyzer={analyzer}
        onClose={() => setEditing(false)}
        onSaved={(message) => {
          setEditing(false);
          if (message) notify({ type: "success", content: message });
          router.refresh();
        }}
      />
      <DeleteModal
        {...deletion.modal}
        entityType="analyzer"
        names={deletion.target ? [deletion.target] : []}
        nameLabel="analyzer name"
        description="Deleting the analyzer deletes its findings, archived ones included. A new analyzer starts with a new scan."
      />
    </section>
  );
}

function TrackingPeriodModal({
  visible,
  analyzer,
  onClose,
  onSaved,
}: {
  visible: boolean;
  analyzer: AnalyzerView;
  onClose: () => void;
  onSaved: (message: string | undefined) => void;
}) {
  const [period, setPeriod] = useState(String(analyzer.unusedAccessAge));
  const [touched, setTouched] = useState(false);
  const { pending, error, submit: run } = useActionSubmit();
  const tracking = readTrackingPeriod(period);
  const periodError = "error" in tracking ? tracking.error : undefined;
  const unchanged = "days" in tracking && tracking.days === analyzer.unusedAccessAge;

  const submit = () => {
    setTouched(true);
    if (!("days" in tracking) || unchanged || pending) return;
    run(() => saveTrackingPeriod({ analyzerName: analyzer.name, unusedAccessAge: tracking.days }), ({ message }) => onSaved(message));
  };

  return (
    <ActionModal visible={visible} header="Edit tracking period" submitLabel="Save changes" onSubmit={submit} submitDisabled={unchanged} pending={pending} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <SpaceBetween size="m">
          <ActionErrorAlert error={error} />
          <TrackingPeriodField
            controlId="edit-tracking-period"
            description="The analyzer scans the account again with the new period."
            value={period}
            onChange={setPeriod}
            onBlur={() => setTouched(true)}
            errorText={touched ? periodError : undefined}
            autoFocus
          />
        </SpaceBetween>
      </form>
    </ActionModal>
  );
}
