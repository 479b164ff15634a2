"use client";

import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Form from "@cloudscape-design/components/form";
import FormField from "@cloudscape-design/components/form-field";
import Header from "@cloudscape-design/components/header";
import Input from "@cloudscape-design/components/input";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { useState, useTransition } from "react";
import { ActionErrorAlert, resultError } from "@/components/action-error-alert";
import { useFollow } from "@/components/console-layout/use-follow";
import { PolicyPicker, type PolicyChoice, type PolicyPickerData } from "@/components/policy-picker";
import type { ActionError } from "@/lib/action-result";
import type { PermissionChoicesData } from "../../users/permission-choices-config";
import { UserChoices } from "../user-choices";
import { GROUP_NAME_CONSTRAINT, groupNameError } from "../group-form-checks";
import { createGroup } from "./actions";

// The console's "Create user group": name the group, add users, attach permissions policies.

export function CreateGroupForm({ users, policies }: { users: PermissionChoicesData["copyUsers"]; policies: PolicyPickerData }) {
  const follow = useFollow();
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [members, setMembers] = useState<readonly string[]>([]);
  const [chosen, setChosen] = useState<PolicyChoice[]>([]);
  const [error, setError] = useState<ActionError | undefined>();
  const [pending, startTransition] = useTransition();
  const nameError = touched || name !== "" ? groupNameError(name) : undefined;

  const submit = () => {
    setTouched(true);
    if (groupNameError(name)) return;
    startTransition(async () => {
      const result = await createGroup({ groupName: name, userNames: [...members], policyArns: chosen.map((p) => p.Arn) });
      if (!result.ok) setError(resultError(result));
    });
  };

  return (
    <Form
      header={
        <Header variant="h1" description="A user group is a collection of IAM users. Use groups to specify permissions for a collection of users.">
          Create user group
        </Header>
      }
      actions={
        <SpaceBetween direction="horizontal" size="xs">
          <Button variant="link" href="/groups" onFollow={follow} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} loading={pending}>
            Create user group
          </Button>
        </SpaceBetween>
      }
    >
      <SpaceBetween size="l">
        <ActionErrorAlert error={error} />
        <Container header={<Header variant="h2">Name the group</Header>}>
          <FormField label="User group name" description="Enter a meaningful name to identify this group." constraintText={GROUP_NAME_CONSTRAINT} errorText={nameError} controlId="group-name">
            <Input
              controlId="group-name"
              value={name}
              onChange={({ detail }) => setName(detail.value)}
              onBlur={() => setTouched(true)}
              invalid={!!nameError}
              autoComplete={false}
              spellcheck={false}
            />
          </FormField>
        </Container>
        <UserChoices
          data={users}
          selected={members}
          onChange={setMembers}
          header="Add users to the group - optional"
          description="An IAM user is an entity that you create in AWS to represent the person or application that uses it to interact with AWS."
        />
        <PolicyPicker
          data={policies}
          selected={chosen}
          onChange={setChosen}
          header="Attach permissions policies - optional"
          description="You can attach up to 10 policies to this user group. All the users in this group will have permissions that are defined in the selected policies."
        />
      </SpaceBetween>
    </Form>
  );
}
