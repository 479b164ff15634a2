"use client";

import { useState } from "react";
import { EntityForm } from "@/components/entity-permissions/entity-form";
import { useActionSubmit } from "@/components/use-action-submit";
import { userHref } from "@/lib/console-paths";
import type { PermissionChoicesData } from "../../../permission-choices-config";
import { chosenPermissions, NO_CHOICES, PermissionOptions, type PermissionChoices, type PermissionOption } from "../../../permission-options";
import { addPermissions } from "../actions";

export function AddPermissionsForm({
  userName,
  initialOption,
  choices: data,
}: {
  userName: string;
  initialOption: PermissionOption;
  choices: PermissionChoicesData;
}) {
  const [choices, setChoices] = useState<PermissionChoices>({ ...NO_CHOICES, option: initialOption });
  const { pending, error, submit } = useActionSubmit();
  const chosen = chosenPermissions(choices);
  const nothing = chosen.groupNames.length === 0 && chosen.policyArns.length === 0 && !chosen.copyPermissionsFrom;
  return (
    <EntityForm
      header={`Add permissions to ${userName}`}
      description="Add user to an existing group or create a new one. Using groups is a best-practice way to manage user's permissions by job functions."
      cancelHref={userHref(userName)}
      submitLabel={choices.option === "groups" ? "Add user to groups" : "Add permissions"}
      onSubmit={() => submit(() => addPermissions(userName, chosen))}
      submitDisabled={nothing}
      pending={pending}
      error={error}
    >
      <PermissionOptions data={data} choices={choices} onChange={setChoices} userName={userName} />
    </EntityForm>
  );
}
