"use client";

import Alert from "@cloudscape-design/components/alert";
import Button from "@cloudscape-design/components/button";
import Container from "@cloudscape-design/components/container";
import Header from "@cloudscape-design/components/header";
import SpaceBetween from "@cloudscape-design/components/space-between";
import { GeneratePolicyPanel } from "@/components/access-analyzer/generate-policy/generate-policy-panel";
import { useFollow } from "@/components/console-layout/use-follow";
import { saveTags } from "@/components/entity-permissions/actions";
import { Copyable } from "@/components/copyable";
import { EntityDetail } from "@/components/entity-permissions/entity-detail";
import type { PermissionRow } from "@/components/entity-permissions/permission-rows";
import { PermissionsTab } from "@/components/entity-permissions/permissions-tab";
import { LAST_ACCESSED_TAB } from "@/components/last-accessed/last-accessed-rows";
import { LastAccessedTab } from "@/components/last-accessed/last-accessed-tab";
import { PolicyEditor } from "@/components/policy-editor";
import type { KeyValueTag } from "@/components/resource-tags/tags";
import { TagsContainer } from "@/components/resource-tags/tags-container";
import { roleHref } from "@/lib/console-paths";
import { formatSessionDuration } from "../../role-text";

export interface RoleView {
  RoleName: string;
  Arn: string;
  Description: string;
  AssumeRolePolicyDocument: string;
  MaxSessionDuration: number;
  /** "November 26, 2026, 13:29 (UTC)" */
  created: string;
  /** "2 days ago in us-east-1", or "-". */
  lastActivity: string;
  instanceProfileArns: string[];
  permissionsBoundaryArn?: string;
  tags: KeyValueTag[];
  serviceLinked: boolean;
}

export const SERVICE_LINKED_NOTE =
  "This is a service-linked role. Service-linked roles are predefined by the service and include all the permissions that the service requires to call other AWS services on your behalf. Only the service can change or delete this role; you can edit its description and tags.";

export function RoleDetail({ role, permissions, permissionsDenied }: { role: RoleView; permissions: PermissionRow[]; permissionsDenied?: string }) {
  const follow = useFollow();
  const link = (page: string, text: string) =>
    role.serviceLinked ? undefined : (
      <Button href={roleHref(role.RoleName, page)} onFollow={follow}>
        {text}
      </Button>
    );

  return (
    <EntityDetail
      kind="Role"
      name={role.RoleName}
      description={role.Description || undefined}
      canDelete={!role.serviceLinked}
      alert={
        role.serviceLinked && (
          <Alert type="info" header="Service-linked role">
            {SERVICE_LINKED_NOTE}
          </Alert>
        )
      }
      summaryActions={link("edit", "Edit")}
      summary={[
        { label: "Creation date", value: role.created },
        { label: "ARN", value: <Copyable text={role.Arn} /> },
        { label: "Description", value: role.Description || "-" },
        { label: "Last activity", value: role.lastActivity },
        {
          label: "Instance profile ARN",
          value:
            role.instanceProfileArns.length === 0 ? (
              "-"
            ) : (
              <SpaceBetween size="xxs">
                {role.instanceProfileArns.map((arn) => (
                  <Copyable key={arn} text={arn} what="Instance profile ARN" />
                ))}
              </SpaceBetween>
            ),
        },
        { label: "Maximum session duration", value: formatSessionDuration(role.MaxSessionDuration) },
      ]}
      tabs={[
        {
          id: "permissions",
          label: "Permissions",
          content: (
            <SpaceBetween size="l">
              <PermissionsTab
                kind="Role"
                entityName={role.RoleName}
                rows={permissions}
                denied={permissionsDenied}
                boundaryArn={role.permissionsBoundaryArn}
                readOnly={role.serviceLinked}
              />
              {!role.serviceLinked && <GeneratePolicyPanel principalArn={role.Arn} />}
            </SpaceBetween>
          ),
        },
        {
          id: "trust_relationships",
          label: "Trust relationships",
          content: (
            <Container
              header={
                <Header variant="h2" description="Entities that can assume this role under specified conditions." actions={link("edit-trust-policy", "Edit trust policy")}>
                  Trusted entities
                </Header>
              }
            >
              <PolicyEditor value={role.AssumeRolePolicyDocument} readOnly documentKind="trust" ariaLabel={`Trust policy of ${role.RoleName}`} height={320} />
            </Container>
          ),
        },
        {
          id: "tags",
          label: `Tags (${role.tags.length})`,
          content: <TagsContainer tags={role.tags} save={(changes) => saveTags("Role", role.RoleName, changes)} />,
        },
        { id: LAST_ACCESSED_TAB, label: "Last accessed", content: <LastAccessedTab arn={role.Arn} subject="Role" /> },
      ]}
    />
  );
}
