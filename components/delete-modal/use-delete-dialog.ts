"use client";

import { useState, useTransition } from "react";
import { resultError } from "@/components/action-error-alert";
import type { ActionError, ActionResult } from "@/lib/action-result";
import type { DeleteModalProps } from "./delete-modal";

// The state of a delete dialog for one resource (a policy, an identity provider): what it is
// open for, the delete running, and the error that keeps it open. A delete from the resource's
// own page redirects on success; from a list, the dialog closes and `onDeleted` follows.

export interface DeleteDialog<T> {
  /** What the dialog is open for, or null while it is closed. */
  target: T | null;
  open: (target: T) => void;
  /** The dialog's state, for <DeleteModal {...dialog.modal} … />. */
  modal: Pick<DeleteModalProps, "visible" | "deleting" | "error" | "onDelete" | "onDismiss">;
}

export function useDeleteDialog<T>(
  remove: (target: T) => Promise<ActionResult<unknown>>,
  onDeleted?: (result: { message?: string }) => void,
): DeleteDialog<T> {
  const [target, setTarget] = useState<T | null>(null);
  const [error, setError] = useState<ActionError | undefined>();
  const [deleting, startDelete] = useTransition();

  const confirm = () => {
    if (target === null) return;
    const chosen = target;
    startDelete(async () => {
      const result = await remove(chosen);
      if (result.ok) {
        setTarget(null);
        onDeleted?.(result);
      } else {
        setError(resultError(result));
      }
    });
  };

  return {
    target,
    open: (next) => {
      setError(undefined);
      setTarget(next);
    },
    modal: { visible: target !== null, deleting, error, onDelete: confirm, onDismiss: () => setTarget(null) },
  };
}
