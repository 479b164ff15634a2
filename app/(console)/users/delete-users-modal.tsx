"use client";

import { useState, useTransition, type ReactNode } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { DeleteModal } from "@/components/delete-modal";
import type { ActionError } from "@/lib/action-result";
import type { UserDependencies } from "@/lib/iam/users-console";
import { failureNotification } from "./failure-notification";
import { deleteUsers, loadUserDependencies } from "./actions";
import { userDependencyList } from "./user-dependencies";

// The console's "Delete user" dialog, for the users list and the user's page: it reads what
// goes with the users when it opens, asks for the typed confirmation, and deletes them with
// all of it. The outcome goes to the Flashbar.

export function useDeleteUsersModal(onDeleted: (names: readonly string[]) => void): { open: (names: readonly string[]) => void; modal: ReactNode } {
  const { notify } = useNotifications();
  const [names, setNames] = useState<readonly string[] | null>(null);
  const [dependencies, setDependencies] = useState<UserDependencies[] | undefined>();
  const [error, setError] = useState<ActionError | undefined>();
  const [loading, startLoading] = useTransition();
  const [deleting, startDeleting] = useTransition();

  const open = (chosen: readonly string[]) => {
    setNames(chosen);
    setDependencies(undefined);
    setError(undefined);
    startLoading(async () => {
      const result = await loadUserDependencies([...chosen]);
      if (result.ok) setDependencies(result.data);
      else setError(resultError(result));
    });
  };

  const confirm = () => {
    const chosen = names ?? [];
    startDeleting(async () => {
      const result = await deleteUsers([...chosen]);
      if (result.ok) {
        setNames(null);
        notify({ type: "success", content: result.message });
        onDeleted(chosen);
      } else {
        // The dialog closes; the Flashbar says what failed and why.
        setNames(null);
        notify(failureNotification(chosen.length === 1 ? `Delete user ${chosen[0]} failed` : `Delete user failed`, resultError(result)));
        onDeleted([]);
      }
    });
  };

  const one = names?.length === 1;
  const modal = (
    <DeleteModal
      visible={names !== null}
      entityType="user"
      names={names ?? []}
      description={
        one
          ? "Deleting this user removes its access to AWS. Its console password, access keys, MFA devices, policies and group memberships are removed with it. This cannot be undone."
          : "Deleting these users removes their access to AWS. Their console passwords, access keys, MFA devices, policies and group memberships are removed with them. This cannot be undone."
      }
      dependenciesHeader={one ? "Deleting this user also removes" : "Deleting these users also removes"}
      dependencies={dependencies ? userDependencyList(dependencies) : []}
      dependenciesLoading={loading}
      deleting={deleting}
      error={error}
      onDelete={confirm}
      onDismiss={() => setNames(null)}
    />
  );
  return { open, modal };
}
