"use client";

import Button from "@cloudscape-design/components/button";
import Form from "@cloudscape-design/components/form";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useNotifications } from "@/components/console-layout/notifications";
import { RouterLink } from "@/components/console-layout/router-link";
import type { ActionError } from "@/lib/action-result";
import type { PermissionChoicesData } from "../../permission-choices-config";
import { chosenPermissions, NO_CHOICES, PermissionOptions, type PermissionChoices, type PermissionOption } from "../../permission-options";
import { userHref } from "../../users-table-config";
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
  const router = useRouter();
  const { notify } = useNotifications();
  const [choices, setChoices] = useState<PermissionChoices>({ ...NO_CHOICES, option: initialOption });
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const back = userHref(userName);
  const chosen = chosenPermissions(choices);
  const nothing = chosen.groupNames.length === 0 && chosen.policyArns.length === 0 && !chosen.copyPermissionsFrom;

  const submit = () => {
    startTransition(async () => {
      const result = await addPermissions(userName, chosen);
      if (result.ok) {
        notify({
          type: "success",
          content: (
            <>
              {result.message} <RouterLink href={back}>View user</RouterLink>
            </>
          ),
        });
        router.push(choices.option === "groups" ? `${back}?tab=groups` : back);
      } else {
        setError(resultError(result));
      }
    });
  };

  return (
    <Form
      header={
        <Header variant="h1" description="Add user to an existing group or create a new one. Using groups is a best-practice way to manage user's permissions by job functions.">
          {`Add permissions to ${userName}`}
        </Header>
      }
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" onClick={() => router.push(back)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending} disabled={nothing}>
            {choices.option === "groups" ? "Add user to groups" : "Add permissions"}
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <PermissionOptions data={data} choices={choices} onChange={setChoices} userName={userName} />
      </SpaceBetween>
    </Form>
  );
}
