"use client";

import Box from "@cloudscape-design/components/box";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import Tiles from "@cloudscape-design/components/tiles";
import { DataTable } from "@/components/data-table/data-table";
import { PermissionAlert } from "@/components/permission-alert";
import { PolicyPicker, type PolicyChoice } from "@/components/policy-picker";
import {
  USER_CHOICE_TABLE,
  USERS_PREFIX,
  GROUP_CHOICE_TABLE,
  type UserChoice,
  type GroupChoice,
  type PermissionChoicesData,
} from "./permission-choices-config";

// The console's "Permissions options" for a user: add it to groups, copy another user's
// permissions, or attach policies directly. Create user (step 2) and Add permissions share it;
// the form keeps the choices.

export type PermissionOption = "groups" | "copy" | "policies";

export interface PermissionChoices {
  option: PermissionOption;
  groups: readonly string[];
  copyFrom?: string;
  policies: readonly PolicyChoice[];
}

export const NO_CHOICES: PermissionChoices = { option: "groups", groups: [], policies: [] };

/** What the choices add: only the chosen option counts, as in the console. */
export function chosenPermissions(c: PermissionChoices): { groupNames: string[]; policyArns: string[]; copyPermissionsFrom?: string } {
  return {
    groupNames: c.option === "groups" ? [...c.groups] : [],
    policyArns: c.option === "policies" ? c.policies.map((p) => p.Arn) : [],
    ...(c.option === "copy" && c.copyFrom ? { copyPermissionsFrom: c.copyFrom } : {}),
  };
}

export function PermissionOptions({
  data,
  choices,
  onChange,
  userName,
}: {
  data: PermissionChoicesData;
  choices: PermissionChoices;
  onChange: (choices: PermissionChoices) => void;
  /** The user being given permissions: not offered as a user to copy from. */
  userName?: string;
}) {
  const groups = data.groups.ok ? data.groups.data : [];
  const copyUsers = data.copyUsers.page.ok ? data.copyUsers.page.data.items.filter((u) => u.UserName !== userName) : [];
  return (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">Permissions options</Header>}>
        <Tiles
          value={choices.option}
          onChange={({ detail }) => onChange({ ...choices, option: detail.value as PermissionOption })}
          ariaLabel="Permissions options"
          columns={3}
          items={[
            {
              value: "groups",
              label: "Add user to group",
              description: "Add user to an existing group, or create a new group. We recommend using groups to manage user permissions by job function.",
            },
            { value: "copy", label: "Copy permissions", description: "Copy all group memberships, attached managed policies, and inline policies from an existing user." },
            {
              value: "policies",
              label: "Attach policies directly",
              description: "Attach a managed policy directly to a user. As a best practice, we recommend attaching policies to a group instead. Then, add the user to the appropriate group.",
            },
          ]}
        />
      </Container>

      {choices.option === "groups" &&
        (data.groups.ok ? (
          <DataTable<GroupChoice>
            config={GROUP_CHOICE_TABLE}
            items={groups}
            header="User groups"
            selectionType="multi"
            selectedIds={choices.groups}
            onSelectionChange={(chosen) => onChange({ ...choices, groups: chosen.map((g) => g.GroupName) })}
            filteringPlaceholder="Search"
            actions={() => (
              <Button href="/groups/create" target="_blank" iconName="external" iconAlign="right">
                Create group
              </Button>
            )}
            empty={{ title: "No groups", description: "No groups to display." }}
          />
        ) : (
          <PermissionAlert message={data.groups.accessDenied} />
        ))}

      {choices.option === "copy" &&
        (data.copyUsers.page.ok ? (
          <DataTable<UserChoice>
            mode="server"
            config={USER_CHOICE_TABLE}
            paramPrefix={USERS_PREFIX}
            query={data.copyUsers.query}
            items={copyUsers}
            totalCount={data.copyUsers.page.data.total}
            header="Users"
            description="Choose the user whose group memberships, attached managed policies and inline policies are copied."
            selectionType="single"
            selectedIds={choices.copyFrom ? [choices.copyFrom] : []}
            onSelectionChange={(chosen) => onChange({ ...choices, copyFrom: chosen[0]?.UserName })}
            filteringPlaceholder="Search"
            empty={{ title: "No users", description: "No users to copy permissions from." }}
          />
        ) : (
          <PermissionAlert message={data.copyUsers.page.accessDenied} />
        ))}

      {choices.option === "policies" && (
        <PolicyPicker data={data.policies} selected={choices.policies} onChange={(policies) => onChange({ ...choices, policies })} />
      )}
      {choices.option === "groups" && choices.groups.length > 0 && (
        <Box variant="small">{`Selected: ${choices.groups.join(", ")}`}</Box>
      )}
    </SpaceBetween>
  );
}
