"use client";

import { useState, useTransition, type ReactNode } from "react";
import { resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { DeleteModal, type DeleteDependency } from "@/components/delete-modal";
import type { ActionError } from "@/lib/action-result";
import { deleteEntities, loadDeleteDependencies } from "./actions";
import { failureNotification } from "./failure-notification";
import { ENTITY_WORDS, type EntityKind } from "./kinds";

// The console's "Delete" dialog for users, user groups and roles, on their list and on their
// own page: it reads what goes with them when it opens, asks for the typed confirmation, and
// deletes them with all of it. From the list, the outcome goes to the Flashbar and the list
// refreshes; from an entity's page, success leaves for the list.

const DESCRIPTIONS: Record<EntityKind, { one: string; many: string }> = {
  User: {
    one: "Deleting this user removes its access to AWS. Its console password, access keys, MFA devices, policies and group memberships are removed with it. This cannot be undone.",
    many: "Deleting these users removes their access to AWS. Their console passwords, access keys, MFA devices, policies and group memberships are removed with them. This cannot be undone.",
  },
  Group: {
    one: "Deleting this user group removes its users from it and removes its attached and inline policies. The users themselves are not deleted; they lose the permissions they had through the group.",
    many: "Deleting these user groups removes their users from them and removes their attached and inline policies. The users themselves are not deleted.",
  },
  Role: {
    one: "Deleting this role also removes it from its instance profiles and removes its attached and inline policies. Any application using the role loses access.",
    many: "Deleting these roles also removes them from their instance profiles and removes their attached and inline policies. Any application using the roles loses access.",
  },
};

export function useDeleteEntitiesModal(
  kind: EntityKind,
  { returnToList = false, onDeleted }: { returnToList?: boolean; onDeleted?: () => void } = {},
): { open: (names: readonly string[]) => void; modal: ReactNode } {
  const { notify } = useNotifications();
  const [names, setNames] = useState<readonly string[] | null>(null);
  const [dependencies, setDependencies] = useState<DeleteDependency[] | undefined>();
  const [error, setError] = useState<ActionError | undefined>();
  const [loading, startLoading] = useTransition();
  const [deleting, startDeleting] = useTransition();
  const noun = ENTITY_WORDS[kind].noun;

  const open = (chosen: readonly string[]) => {
    setNames(chosen);
    setDependencies(undefined);
    setError(undefined);
    startLoading(async () => {
      const result = await loadDeleteDependencies(kind, [...chosen]);
      if (result.ok) setDependencies(result.data);
      else setError(resultError(result));
    });
  };

  const confirm = () => {
    const chosen = names ?? [];
    startDeleting(async () => {
      const result = await deleteEntities(kind, [...chosen], returnToList);
      // The dialog closes; the Flashbar says what happened.
      setNames(null);
      if (result.ok) notify({ type: "success", content: result.message });
      else notify(failureNotification(chosen.length === 1 ? `Delete ${noun} ${chosen[0]} failed` : `Delete ${noun} failed`, resultError(result)));
      onDeleted?.();
    });
  };

  const one = names?.length === 1;
  const modal = (
    <DeleteModal
      visible={names !== null}
      entityType={noun}
      names={names ?? []}
      description={one ? DESCRIPTIONS[kind].one : DESCRIPTIONS[kind].many}
      dependenciesHeader={one ? `Deleting this ${noun} also removes` : `Deleting these ${noun}s also removes`}
      dependencies={dependencies ?? []}
      dependenciesLoading={loading}
      deleting={deleting}
      error={error}
      onDelete={confirm}
      onDismiss={() => setNames(null)}
    />
  );
  return { open, modal };
}
