import type { PolicyTypeText } from "./kinds";

// A row of an entity's "Permissions policies" table, as the server page hands it over.

export interface PermissionRow {
  /** The policy ARN, "inline:NAME", or "group:GROUP:…" for one a user has through a group. */
  id: string;
  name: string;
  /** Managed policies only. */
  arn?: string;
  type: PolicyTypeText;
  /** Set for policies a user has through a group. */
  groupName?: string;
  /** Inline policies: the document, to view. */
  document?: string;
}
