"use client";

import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import type { ActionError } from "@/lib/action-result";
import type { PermissionChoicesData } from "../../../users/permission-choices-config";
import { groupHref } from "../../groups-table-config";
import { UserChoices } from "../../user-choices";
import { addUsers } from "../actions";

export function AddUsersForm({ groupName, members, users }: { groupName: string; members: string[]; users: PermissionChoicesData["copyUsers"] }) {
  const router = useRouter();
  const { notify } = useNotifications();
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = groupHref(groupName);

  const submit = () => {
    startTransition(async () => {
      const result = await addUsers(groupName, [...chosen]);
      if (result.ok) {
        notify({ type: "success", content: result.message });
        router.push(back);
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <Form
      header={<Header variant="h1">{`Add users to ${groupName}`}</Header>}
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(back)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={chosen.length === 0}>
            Add users
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <UserChoices data={users} selected={chosen} onChange={setChosen} header="Other users in this account" exclude={members} />
      </SpaceBetween>
    </Form>
  );
}
