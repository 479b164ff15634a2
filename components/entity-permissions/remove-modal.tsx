"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Modal from "@cloudscape-design/components/modal";
import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";

// The console's small confirmation for removing something from a user or group (a policy, a
// group membership, a member): no typed confirmation, since nothing is deleted. A failure
// closes it and goes to the Flashbar.

export function RemoveModal({
  visible,
  header,
  children,
  confirmLabel = "Remove",
  pending,
  onConfirm,
  onDismiss,
}: {
  visible: boolean;
  header: string;
  children: ReactNode;
  confirmLabel?: string;
  pending: boolean;
  onConfirm: () => void;
  onDismiss: () => void;
}) {
  return (
    <Modal
      visible={visible}
      onDismiss={() => !pending && onDismiss()}
      header={header}
      closeAriaLabel="Close dialog"
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onDismiss} disabled={pending}>
              Cancel
            </Button>
            <Button variant="primary" onClick={onConfirm} loading={pending}>
              {confirmLabel}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <Box variant="span">{children}</Box>
    </Modal>
  );
}
