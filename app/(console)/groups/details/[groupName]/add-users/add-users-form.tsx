"use client";

import { useState } from "react";
import { EntityForm } from "@/components/entity-permissions/entity-form";
import { useActionSubmit } from "@/components/use-action-submit";
import { groupHref } from "@/lib/console-paths";
import type { PermissionChoicesData } from "../../../../users/permission-choices-config";
import { UserChoices } from "../../../user-choices";
import { addUsers } from "../actions";

export function AddUsersForm({ groupName, members, users }: { groupName: string; members: string[]; users: PermissionChoicesData["copyUsers"] }) {
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const { pending, error, submit } = useActionSubmit();
  return (
    <EntityForm
      header={`Add users to ${groupName}`}
      cancelHref={groupHref(groupName)}
      submitLabel="Add users"
      onSubmit={() => submit(() => addUsers(groupName, [...chosen]))}
      submitDisabled={chosen.length === 0}
      pending={pending}
      error={error}
    >
      <UserChoices data={users} selected={chosen} onChange={setChosen} header="Other users in this account" exclude={members} />
    </EntityForm>
  );
}
