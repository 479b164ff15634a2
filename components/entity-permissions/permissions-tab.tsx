"use client";

import SpaceBetween from "@cloudscape-design/components/space-between";
import { PermissionAlert } from "@/components/permission-alert";
import { ENTITY_WORDS, type EntityKind } from "./kinds";
import type { PermissionRow } from "./permission-rows";
import { PermissionsBoundary } from "./permissions-boundary";
import { PermissionsPolicies } from "./permissions-policies";

/** An entity's Permissions tab: its policies and, for users and roles, its permissions boundary. */
export function PermissionsTab({
  kind,
  entityName,
  rows,
  denied,
  boundaryArn,
  readOnly = false,
}: {
  kind: EntityKind;
  entityName: string;
  rows: PermissionRow[];
  /** A read the page was denied (the rows are then incomplete). */
  denied?: string;
  boundaryArn?: string;
  readOnly?: boolean;
}) {
  return (
    <SpaceBetween size="l">
      {denied && <PermissionAlert message={denied} />}
      <PermissionsPolicies kind={kind} entityName={entityName} rows={rows} readOnly={readOnly} />
      {ENTITY_WORDS[kind].boundaryDescription && <PermissionsBoundary kind={kind} entityName={entityName} arn={boundaryArn} readOnly={readOnly} />}
    </SpaceBetween>
  );
}
