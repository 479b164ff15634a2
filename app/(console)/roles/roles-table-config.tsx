import Box from "@cloudscape-design/components/box";
import { RouterLink } from "@/components/console-layout/router-link";
import { defineTable } from "@/components/data-table/table-config";
import { roleHref } from "@/lib/console-paths";

// The Roles table's columns, apart from the page. Times come formatted from the server, so
// the server render and the browser print the same text.

export interface RoleListRow {
  RoleName: string;
  Arn: string;
  trustedEntities: string[];
  serviceLinked: boolean;
  CreateDate: Date;
  /** "2 days ago" */
  created: string;
  LastUsedDate?: Date;
  /** "2 days ago", or "-" for a role never used. */
  lastActivity: string;
}

export const ROLES_TABLE = defineTable<RoleListRow>({
  resourceName: { singular: "role", plural: "roles" },
  getRowId: (role) => role.RoleName,
  columns: [
    {
      id: "name",
      header: "Role name",
      cell: (role) => <RouterLink href={roleHref(role.RoleName)}>{role.RoleName}</RouterLink>,
      value: (role) => role.RoleName,
      isRowHeader: true,
      alwaysVisible: true,
    },
    {
      id: "trustedEntities",
      header: "Trusted entities",
      cell: (role) =>
        role.trustedEntities.length === 0 ? (
          "-"
        ) : (
          <Box variant="span">
            {role.trustedEntities.map((entity, i) => (
              <span key={entity}>
                {i > 0 && <br />}
                {entity}
                {role.serviceLinked && i === 0 ? " (Service-Linked Role)" : ""}
              </span>
            ))}
          </Box>
        ),
      filterValue: (role) => role.trustedEntities.join(" "),
      sortable: false,
    },
    {
      id: "lastActivity",
      header: "Last activity",
      cell: (role) => role.lastActivity,
      value: (role) => role.LastUsedDate,
    },
    {
      id: "created",
      header: "Creation time",
      cell: (role) => role.created,
      value: (role) => role.CreateDate,
    },
  ],
  defaultSort: { columnId: "name", descending: false },
});
