"use client";

import { useState, useTransition, type ReactNode } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { DeleteModal, type DeleteDependency } from "@/components/delete-modal";
import type { ActionError } from "@/lib/action-result";
import type { GroupDependencies } from "@/lib/iam/console-groups";
import { failureNotification } from "../users/failure-notification";
import { deleteGroups, loadGroupDependencies } from "./actions";

// The console's "Delete" dialog for user groups, for the list and the group's page: it reads
// the members and policies when it opens, and the delete removes them first.

function dependencyList(all: readonly GroupDependencies[]): DeleteDependency[] {
  const of = (d: GroupDependencies, item: string) => (all.length > 1 ? `${item} (${d.GroupName})` : item);
  return [
    { label: "Users", items: all.flatMap((d) => d.UserNames.map((u) => of(d, u))) },
    { label: "Attached policies", items: all.flatMap((d) => d.AttachedPolicies.map((p) => of(d, p.PolicyName))) },
    { label: "Inline policies", items: all.flatMap((d) => d.InlinePolicyNames.map((n) => of(d, n))) },
  ];
}

export function useDeleteGroupsModal(onDeleted: (names: readonly string[]) => void): { open: (names: readonly string[]) => void; modal: ReactNode } {
  const { notify } = useNotifications();
  const [names, setNames] = useState<readonly string[] | null>(null);
  const [dependencies, setDependencies] = useState<GroupDependencies[] | undefined>();
  const [error, setError] = useState<ActionError | undefined>();
  const [loading, startLoading] = useTransition();
  const [deleting, startDeleting] = useTransition();

  const open = (chosen: readonly string[]) => {
    setNames(chosen);
    setDependencies(undefined);
    setError(undefined);
    startLoading(async () => {
      const result = await loadGroupDependencies([...chosen]);
      if (result.ok) setDependencies(result.data);
      else setError(resultError(result));
    });
  };

  const confirm = () => {
    const chosen = names ?? [];
    startDeleting(async () => {
      const result = await deleteGroups([...chosen]);
      if (result.ok) {
        setNames(null);
        notify({ type: "success", content: result.message });
        onDeleted(chosen);
      } else {
        // The dialog closes; the Flashbar says what failed and why.
        setNames(null);
        notify(failureNotification(chosen.length === 1 ? `Delete user group ${chosen[0]} failed` : `Delete user group failed`, resultError(result)));
        onDeleted([]);
      }
    });
  };

  const one = names?.length === 1;
  const modal = (
    <DeleteModal
      visible={names !== null}
      entityType="user group"
      names={names ?? []}
      description={
        one
          ? "Deleting this user group removes its users from it and removes its attached and inline policies. The users themselves are not deleted; they lose the permissions they had through the group."
          : "Deleting these user groups removes their users from them and removes their attached and inline policies. The users themselves are not deleted."
      }
      dependenciesHeader={one ? "Deleting this user group also removes" : "Deleting these user groups also removes"}
      dependencies={dependencies ? dependencyList(dependencies) : []}
      dependenciesLoading={loading}
      deleting={deleting}
      error={error}
      onDelete={confirm}
      onDismiss={() => setNames(null)}
    />
  );
  return { open, modal };
}
