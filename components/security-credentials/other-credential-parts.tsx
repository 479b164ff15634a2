"use client";

import Alert from "@cloudscape-design/components/alert";
import Button from "@cloudscape-design/components/button";
import FormField from "@cloudscape-design/components/form-field";
import KeyValuePairs from "@cloudscape-design/components/key-value-pairs";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import StatusIndicator from "@cloudscape-design/components/status-indicator";
import Textarea from "@cloudscape-design/components/textarea";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { ActionModal, DialogFooter } from "@/components/action-modal";
import { useNotifications } from "@/components/console-layout/notifications";
import { Copyable } from "@/components/copyable";
import { downloadCsv } from "@/components/download-csv";
import { failureNotification } from "@/components/entity-permissions/failure-notification";
import { csvFile } from "@/lib/access-key-csv";
import type { ActionError, ActionResult } from "@/lib/action-result";
import type { GeneratedCredential } from "./other-actions";
import { SecretText } from "./secret-text";

// What the sections of a user's other credentials share: the status cell, an action run from a
// menu with its outcome in the Flashbar, the dialog that uploads a pasted key or certificate,
// and the dialog that shows a generated password this one time.

export function StatusCell({ status }: { status: "Active" | "Inactive" }) {
  return <StatusIndicator type={status === "Active" ? "success" : "stopped"}>{status}</StatusIndicator>;
}

/** Runs a section's action: success and failure both end in the Flashbar. */
export function useSectionAction(): { pending: boolean; run: (action: () => Promise<ActionResult<unknown>>, failure: string) => void } {
  const { notify } = useNotifications();
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<ActionResult<unknown>>, failure: string) => {
    startTransition(async () => {
      const result = await action();
      if (result.ok) notify({ type: "success", content: result.message });
      else notify(failureNotification(failure, resultError(result)));
    });
  };
  return { pending, run };
}

/**
 * "Upload SSH public key", "Upload X.509 certificate": a text area for the pasted body. The
 * dialog stays open with AWS's error until the upload succeeds; rendered only while open, so
 * each opening starts empty.
 */
export function UploadBodyModal({
  header,
  label,
  description,
  placeholder,
  submitLabel,
  upload,
  onClose,
  onUploaded,
}: {
  header: string;
  label: string;
  description: string;
  placeholder: string;
  submitLabel: string;
  upload: (body: string) => Promise<ActionResult<unknown>>;
  onClose: () => void;
  onUploaded: (message?: string) => void;
}) {
  const [body, setBody] = useState("");
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const empty = body.trim() === "";

  const submit = () => {
    setTouched(true);
    if (empty || pending) return;
    startTransition(async () => {
      const result = await upload(body);
      if (result.ok) onUploaded(result.message);
      else setError(resultError(result));
    });
  };

  return (
    <ActionModal
      size="large"
      header={header}
      submitLabel={submitLabel}
      onSubmit={submit}
      pending={pending}
      onClose={onClose}
    >
      <SpaceBetween size="m">
        <FormField label={label} description={description} errorText={touched && empty ? `Enter the ${label.toLowerCase()}.` : undefined} stretch>
          <Textarea
            value={body}
            onChange={({ detail }) => setBody(detail.value)}
            placeholder={placeholder}
            rows={10}
            spellcheck={false}
            autoFocus
            disabled={pending}
            ariaRequired
          />
        </FormField>
        <ActionErrorAlert error={error} />
      </SpaceBetween>
    </ActionModal>
  );
}

/** The .csv the console downloads with a generated service credential. */
export function serviceCredentialCsv(credential: Pick<GeneratedCredential, "ServiceUserName" | "ServicePassword">): string {
  return csvFile(["User Name", "Password"], [credential.ServiceUserName, credential.ServicePassword]);
}

/** A generated user name and password, shown and downloadable this one time. */
export function GeneratedCredentialModal({
  header,
  credential,
  fileName,
  onClose,
}: {
  header: string;
  credential: GeneratedCredential;
  /** "alice_codecommit_credentials.csv" */
  fileName: string;
  onClose: () => void;
}) {
  return (
    <Modal
      visible
      onDismiss={onClose}
      header={header}
      closeAriaLabel="Close dialog"
      footer={
        <DialogFooter>
          <Button iconName="download" onClick={() => downloadCsv(fileName, serviceCredentialCsv(credential))}>
            Download credentials
          </Button>
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        </DialogFooter>
      }
    >
      <SpaceBetween size="m">
        <Alert type="info" header="This is the only time the password is available">
          Download or copy the password now and store it securely. You can&apos;t view it again; you can reset it at any time.
        </Alert>
        <KeyValuePairs
          columns={1}
          items={[
            { label: "User name", value: <Copyable text={credential.ServiceUserName} what="User name" /> },
            { label: "Password", value: <SecretText secret={credential.ServicePassword} what="password" testId="service-password" /> },
          ]}
        />
      </SpaceBetween>
    </Modal>
  );
}
