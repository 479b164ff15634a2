"use client";

import SpaceBetween from "@cloudscape-design/components/space-between";
import type { ReactNode } from "react";
import { GeneratePolicyPanel } from "@/components/access-analyzer/generate-policy/generate-policy-panel";
import { defineTable } from "@/components/data-table/table-config";
import { Copyable } from "@/components/copyable";
import { EntityDetail } from "@/components/entity-permissions/entity-detail";
import { saveTags } from "@/components/entity-permissions/actions";
import type { PermissionRow } from "@/components/entity-permissions/permission-rows";
import { PermissionsTab } from "@/components/entity-permissions/permissions-tab";
import { entityNameColumn, RemovableTable } from "@/components/entity-permissions/removable-table";
import { LAST_ACCESSED_TAB } from "@/components/last-accessed/last-accessed-rows";
import { LastAccessedTab } from "@/components/last-accessed/last-accessed-tab";
import { PermissionAlert } from "@/components/permission-alert";
import type { KeyValueTag } from "@/components/resource-tags/tags";
import { TagsContainer } from "@/components/resource-tags/tags-container";
import { SECURITY_CREDENTIALS_TAB } from "@/components/security-credentials/credential-target";
import { userHref } from "@/lib/console-paths";
import { removeFromGroups } from "./actions";

export interface UserView {
  UserName: string;
  Arn: string;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
  /** "Enabled without MFA", "Disabled", or "-" when it could not be read. */
  consoleAccess: string;
  consoleAccessDenied?: string;
  /** "2 hours ago", "Never", or "-". */
  lastSignIn: string;
  permissionsBoundaryArn?: string;
  tags: KeyValueTag[];
}

export interface UserGroupRow {
  GroupName: string;
  attachedPolicies: string[];
}

export function UserDetail({
  user,
  permissions,
  permissionsDenied,
  groups,
  groupsDenied,
  securityCredentials,
}: {
  user: UserView;
  permissions: PermissionRow[];
  permissionsDenied?: string;
  groups: UserGroupRow[];
  groupsDenied?: string;
  /** The Security credentials tab, composed on the server. */
  securityCredentials: ReactNode;
}) {
  return (
    <EntityDetail
      kind="User"
      name={user.UserName}
      summary={[
        { label: "ARN", value: <Copyable text={user.Arn} /> },
        { label: "Console access", value: user.consoleAccessDenied ? <PermissionAlert message={user.consoleAccessDenied} /> : user.consoleAccess },
        { label: "Created", value: user.created },
        { label: "Last console sign-in", value: user.lastSignIn },
      ]}
      tabs={[
        {
          id: "permissions",
          label: "Permissions",
          content: (
            <SpaceBetween size="l">
              <PermissionsTab kind="User" entityName={user.UserName} rows={permissions} denied={permissionsDenied} boundaryArn={user.permissionsBoundaryArn} />
              <GeneratePolicyPanel principalArn={user.Arn} />
            </SpaceBetween>
          ),
        },
        {
          id: "groups",
          label: "Groups",
          content: (
            <SpaceBetween size="l">
              {groupsDenied && <PermissionAlert message={groupsDenied} />}
              <Groups userName={user.UserName} rows={groups} />
            </SpaceBetween>
          ),
        },
        {
          id: "tags",
          label: `Tags (${user.tags.length})`,
          content: <TagsContainer tags={user.tags} save={(changes) => saveTags("User", user.UserName, changes)} />,
        },
        { id: SECURITY_CREDENTIALS_TAB, label: "Security credentials", content: securityCredentials },
        { id: LAST_ACCESSED_TAB, label: "Last accessed", content: <LastAccessedTab arn={user.Arn} subject="User" /> },
      ]}
    />
  );
}

const GROUPS_TABLE = defineTable<UserGroupRow>({
  resourceName: { singular: "group", plural: "groups" },
  preferencesKey: "user-groups",
  getRowId: (g) => g.GroupName,
  columns: [
    entityNameColumn<UserGroupRow>("Group", "Group name", (g) => g.GroupName),
    {
      id: "attachedPolicies",
      header: "Attached policies",
      cell: (g) => (g.attachedPolicies.length > 0 ? g.attachedPolicies.join(", ") : "-"),
      filterValue: (g) => g.attachedPolicies.join(" "),
      sortable: false,
    },
  ],
  defaultSort: { columnId: "groupName", descending: false },
});

/** The Groups tab: the user's groups, Remove, and "Add user to groups". */
function Groups({ userName, rows }: { userName: string; rows: UserGroupRow[] }) {
  return (
    <RemovableTable<UserGroupRow>
      config={GROUPS_TABLE}
      items={rows}
      header="User groups membership"
      description="A user group is a collection of IAM users. Use groups to specify permissions for a collection of users."
      add={{ text: "Add user to groups", href: `${userHref(userName, "add-permissions")}?option=groups` }}
      empty={{ title: "No groups", description: "This user is not a member of any group." }}
      removal={{
        emptyReason: "Select one or more groups to remove the user from.",
        header: (chosen) => (chosen.length === 1 ? `Remove ${userName} from ${chosen[0].GroupName}?` : `Remove ${userName} from ${chosen.length} groups?`),
        body: (chosen) => `${userName} loses the permissions it has through ${chosen.length === 1 ? "this group" : "these groups"}.`,
        run: (chosen) => removeFromGroups(userName, chosen.map((g) => g.GroupName)),
        failure: "Remove from groups failed",
      }}
    />
  );
}
