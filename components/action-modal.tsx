"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Modal, { type ModalProps } from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";

// The console's dialogs: the footer with its buttons on the right (Cancel first, a link disabled
// while the dialog's action runs), and the dialog whose one primary button runs an action and
// which cannot be closed while it runs.

export function DialogFooter({ onCancel, pending = false, children }: { onCancel?: () => void; pending?: boolean; children: ReactNode }) {
  return (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs">
        {onCancel && (
          <Button variant="link" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        )}
        {children}
      </SpaceBetween>
    </Box>
  );
}

export interface SubmitFooterProps {
  /** The primary button's label ("Save changes", "Delete"). */
  submitLabel: ReactNode;
  onSubmit: () => void;
  /** The primary button is disabled (nothing to save, the confirmation not typed). */
  submitDisabled?: boolean;
  pending: boolean;
  onCancel: () => void;
}

/** Cancel and the dialog's primary button, which shows the action running. */
export function SubmitFooter({ submitLabel, onSubmit, submitDisabled, pending, onCancel }: SubmitFooterProps) {
  return (
    <DialogFooter onCancel={onCancel} pending={pending}>
      <Button variant="primary" onClick={onSubmit} loading={pending} disabled={submitDisabled}>
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}

/** A dialog with Cancel and one primary button; neither Cancel nor dismissal closes it while its action runs. */
export function ActionModal({
  visible = true,
  header,
  size,
  children,
  ...footer
}: Omit<SubmitFooterProps, "onCancel"> & { visible?: boolean; header: ReactNode; size?: ModalProps.Size; onClose: () => void; children: ReactNode }) {
  const { onClose, ...submit } = footer;
  return (
    <Modal
      visible={visible}
      size={size}
      onDismiss={() => !footer.pending && onClose()}
      header={header}
      closeAriaLabel="Close dialog"
      footer={<SubmitFooter {...submit} onCancel={onClose} />}
    >
      {children}
    </Modal>
  );
}

/** A dialog that only shows something (a key, a password shown once): its one button closes it. */
export function CloseModal({ header, size, onClose, children }: { header: ReactNode; size?: ModalProps.Size; onClose: () => void; children: ReactNode }) {
  return (
    <Modal
      visible
      size={size}
      onDismiss={onClose}
      header={header}
      closeAriaLabel="Close dialog"
      footer={
        <DialogFooter>
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        </DialogFooter>
      }
    >
      {children}
    </Modal>
  );
}
