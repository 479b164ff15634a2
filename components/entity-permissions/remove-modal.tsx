"use client";

import Box from "@cloudscape-design/components/box";
import type { ReactNode } from "react";
import { ActionModal } from "@/components/action-modal";

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
    <ActionModal
      visible={visible}
      header={header}
      submitLabel={confirmLabel}
      onSubmit={onConfirm}
      pending={pending}
      onClose={onDismiss}
    >
      <Box variant="span">{children}</Box>
    </ActionModal>
  );
}
